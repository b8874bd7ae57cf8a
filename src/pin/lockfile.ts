import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { SHA256_DIGEST } from '../reference/image-reference';

/** One pinned base image. @internal */
export interface LockedImage {
  /** `sha256:<hex>` of the manifest or index the tag named when it was pinned. */
  readonly digest: string;
  /** Media type of that manifest or index. */
  readonly mediaType: string;
}

/** One checksummed `ADD` download. @internal */
export interface LockedUrl {
  /** `sha256:<hex>` of the bytes the URL served when it was pinned. */
  readonly checksum: string;
}

/**
 * The lockfile's content: base image reference (as written in the pipeline) → pin, and `ADD` URL → checksum (the
 * `urls` object is left out of the file while empty, so locks without downloads keep their shape).
 * @internal
 */
export interface PinLock {
  readonly images: ReadonlyMap<string, LockedImage>;
  readonly urls: ReadonlyMap<string, LockedUrl>;
}

/** The only lockfile format so far. @internal */
export const LOCKFILE_VERSION = 1;

/** The empty lock. @internal */
export const EMPTY_LOCK: PinLock = { images: new Map(), urls: new Map() };

/**
 * Parses lockfile text; returns the lock or every problem found.
 * @internal
 */
export function parseLock(text: string): PinLock | { readonly problems: string[] } {
  let json: any;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { problems: [`is not JSON (${(e as Error).message})`] };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { problems: ['must be a JSON object'] };
  const problems: string[] = [];
  if (json.lockfileVersion !== LOCKFILE_VERSION) problems.push(`has lockfileVersion ${JSON.stringify(json.lockfileVersion)}; this version of projen-containers reads ${LOCKFILE_VERSION}`);
  const images = new Map<string, LockedImage>();
  const raw = json.images;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push('must have an "images" object');
  } else {
    for (const [ref, entry] of Object.entries<any>(raw)) {
      if (typeof entry?.digest !== 'string' || !SHA256_DIGEST.test(entry.digest) || typeof entry?.mediaType !== 'string') {
        problems.push(`entry ${JSON.stringify(ref)} needs a "digest" (sha256:<64 lowercase hex>) and a "mediaType"`);
        continue;
      }
      images.set(ref, { digest: entry.digest, mediaType: entry.mediaType });
    }
  }
  const urls = new Map<string, LockedUrl>();
  const rawUrls = json.urls ?? {};
  if (typeof rawUrls !== 'object' || rawUrls === null || Array.isArray(rawUrls)) {
    problems.push('has a "urls" entry that is not an object');
  } else {
    for (const [url, entry] of Object.entries<any>(rawUrls)) {
      if (typeof entry?.checksum !== 'string' || !SHA256_DIGEST.test(entry.checksum)) {
        problems.push(`url ${JSON.stringify(url)} needs a "checksum" (sha256:<64 lowercase hex>)`);
        continue;
      }
      urls.set(url, { checksum: entry.checksum });
    }
  }
  return problems.length > 0 ? { problems } : { images, urls };
}

/**
 * Renders the lock deterministically: keys sorted, two-space indent, one trailing newline.
 * @internal
 */
export function renderLock(lock: PinLock): string {
  const images: Record<string, LockedImage> = {};
  for (const ref of [...lock.images.keys()].sort()) {
    const e = lock.images.get(ref)!;
    images[ref] = { digest: e.digest, mediaType: e.mediaType };
  }
  const urls: Record<string, LockedUrl> = {};
  for (const url of [...lock.urls.keys()].sort()) urls[url] = { checksum: lock.urls.get(url)!.checksum };
  const doc = lock.urls.size > 0 ? { lockfileVersion: LOCKFILE_VERSION, images, urls } : { lockfileVersion: LOCKFILE_VERSION, images };
  return `${JSON.stringify(doc, undefined, 2)}\n`;
}

/**
 * Reads the lockfile at `file`: the empty lock when there is none, the problems when it is unreadable.
 * @internal
 */
export function readLockFile(file: string): PinLock | { readonly problems: string[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_LOCK;
    return { problems: [`cannot be read (${(e as Error).message})`] };
  }
  return parseLock(text);
}

/**
 * Writes `text` to `file` atomically: a temporary file in the same directory, flushed, then renamed over the
 * target, so a reader sees the old or the new file and never a partial one.
 * @internal
 */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(tmp, 'wx', 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, file);
  } catch (e) {
    unlinkSync(tmp);
    throw e;
  }
}
