/**
 * Image references after the distribution/reference grammar (`name[:tag][@digest]`).
 * @internal
 */
export interface ParsedImageReference {
  /** Full name including an optional domain, e.g. `ghcr.io/acme/app`. */
  readonly name: string;
  /** Domain (host[:port]) when the first path element is one, else undefined (Docker Hub). */
  readonly domain?: string;
  /** The remote path without domain, e.g. `acme/app`. */
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_NAME = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*`;
const IPV6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const DOMAIN_AND_PORT = `(?:${DOMAIN_NAME}|${IPV6})(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}';

/** Anchored reference pattern: capture(name), optional tag, optional digest. */
const REFERENCE = new RegExp(`^((?:${DOMAIN_AND_PORT}/)?${REMOTE_NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const REPOSITORY_PATH = new RegExp(`^${REMOTE_NAME}$`);
const REGISTRY = new RegExp(`^(?:${DOMAIN_AND_PORT})(?:/${REMOTE_NAME})?$`);
const TAG_ONLY = new RegExp(`^${TAG}$`);

/** The maximum length of a full repository name enforced by many clients. */
export const NAME_TOTAL_LENGTH_MAX = 255;

/** Registered OCI digest algorithms and their encoded lengths (OCI image-spec, descriptor.md "Digests"). */
const DIGEST_LENGTHS: Readonly<Record<string, number>> = { sha256: 64, sha512: 128 };

/** A pinned digest as generated pins must be written (the form Scorecard accepts). */
export const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;

/**
 * Parses `ref`; returns the parsed reference or a message saying what is wrong.
 * @internal
 */
export function parseImageReference(ref: string): ParsedImageReference | string {
  if (ref.length === 0) {
    return 'image reference is empty';
  }
  const m = REFERENCE.exec(ref);
  if (!m) {
    if (/[A-Z]/.test(ref.split(/[:@]/)[0].split('/').slice(1).join('/'))) {
      return `invalid image reference "${ref}": repository name must be lowercase`;
    }
    return `invalid image reference "${ref}": expected [host[:port]/]path[:tag][@sha256:<64 hex>]`;
  }
  const [, name, tag, digest] = m;
  if (name.length > NAME_TOTAL_LENGTH_MAX) {
    return `invalid image reference "${ref}": name is longer than ${NAME_TOTAL_LENGTH_MAX} characters`;
  }
  if (digest !== undefined) {
    const [algorithm, hex] = digest.split(':');
    const length = DIGEST_LENGTHS[algorithm];
    if (length === undefined) {
      return `invalid image reference "${ref}": unknown digest algorithm "${algorithm}"; use ${Object.keys(DIGEST_LENGTHS).join(' or ')}`;
    }
    if (!new RegExp(`^[a-f0-9]{${length}}$`).test(hex)) {
      return `invalid image reference "${ref}": a ${algorithm} digest must be ${length} lowercase hex characters`;
    }
  }
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  const hasDomain = slash >= 0 && (first === 'localhost' || first.includes('.') || first.includes(':') || first.startsWith('['));
  const path = hasDomain ? name.slice(slash + 1) : name;
  if (/^[a-f0-9]{64}$/.test(path)) {
    return `invalid image reference "${ref}": a repository name cannot be a 64-character hex string`;
  }
  return { name, domain: hasDomain ? first : undefined, path, tag, digest };
}

/** Whether `path` is a valid repository path (no domain, no tag). @internal */
export function isRepositoryPath(path: string): boolean {
  return REPOSITORY_PATH.test(path) && path.length <= NAME_TOTAL_LENGTH_MAX;
}

/** Whether `registry` is `host[:port]` optionally followed by `/namespace…`. @internal */
export function isRegistry(registry: string): boolean {
  return REGISTRY.test(registry) && registry.length <= NAME_TOTAL_LENGTH_MAX;
}

/** Whether `tag` is a valid tag (at most 128 characters of `[A-Za-z0-9_.-]`, not starting with `.` or `-`). @internal */
export function isTag(tag: string): boolean {
  return TAG_ONLY.test(tag);
}
