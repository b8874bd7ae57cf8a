import { parseImageReference } from '../reference/image-reference';

/** Where and what to ask a registry for one image reference. @internal */
export interface PinTarget {
  /** The reference as written in the pipeline (the lockfile key). */
  readonly reference: string;
  /** Host[:port] to send API requests to (`registry-1.docker.io` for Docker Hub). */
  readonly apiHost: string;
  /** Key of the registry in `~/.docker/config.json` (`https://index.docker.io/v1/` for Docker Hub). */
  readonly configKey: string;
  /** Repository path on the registry (`library/ubuntu` for `ubuntu`). */
  readonly repository: string;
  /** Tag to resolve (`latest` when the reference has none). */
  readonly tag: string;
  /** Whether to speak plain HTTP (loopback registries only). */
  readonly insecure: boolean;
}

const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** Hosts spoken to over plain HTTP, as Docker does for loopback registries. @internal */
export function isLoopback(host: string): boolean {
  const name = host.replace(/:\d+$/, '');
  return name === 'localhost' || /^127(?:\.\d{1,3}){3}$/.test(name) || name === '[::1]';
}

/**
 * Where to resolve `reference`; a string when it is not a valid reference.
 * @internal
 */
export function pinTargetOf(reference: string, mirrors: ReadonlyMap<string, string> = new Map()): PinTarget | string {
  const parsed = parseImageReference(reference);
  if (typeof parsed === 'string') return parsed;
  const hub = parsed.domain === undefined || DOCKER_HUB_HOSTS.has(parsed.domain);
  const registry = hub ? 'docker.io' : parsed.domain!;
  // a mirror (pull-through cache) answers for the registry with the same repository paths
  const mirror = mirrors.get(registry);
  const apiHost = mirror ?? (hub ? 'registry-1.docker.io' : registry);
  return {
    reference,
    apiHost,
    configKey: mirror ?? (hub ? 'https://index.docker.io/v1/' : apiHost),
    repository: hub && !parsed.path.includes('/') ? `library/${parsed.path}` : parsed.path,
    tag: parsed.tag ?? 'latest',
    insecure: isLoopback(apiHost),
  };
}

/**
 * Parses `--mirror REGISTRY=MIRROR` values (`docker.io=mirror.example.com:5000`) into a map; a string on a bad value.
 * @internal
 */
export function parseMirror(value: string): [string, string] | string {
  const m = /^([a-z0-9.-]+(?::\d+)?)=([a-z0-9.-]+(?::\d+)?|\[[0-9a-f:]+\](?::\d+)?)$/.exec(value);
  return m ? [m[1], m[2]] : `--mirror needs REGISTRY=MIRROR hosts, e.g. docker.io=mirror.example.com:5000, got ${JSON.stringify(value)}`;
}

/** `name:tag@digest` — the tag is kept so Renovate and Dependabot can update the pin. @internal */
export function pinnedReference(reference: string, digest: string): string {
  const parsed = parseImageReference(reference);
  if (typeof parsed === 'string' || parsed.digest) return reference;
  return `${parsed.name}${parsed.tag ? `:${parsed.tag}` : ''}@${digest}`;
}
