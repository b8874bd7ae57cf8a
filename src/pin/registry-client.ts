import { createHash } from 'node:crypto';
import { parseChallenge } from './challenge';
import type { CredentialSource, RegistryCredentials } from './credentials';
import { httpRequest, HttpResponse, TransportError } from './http-request';
import { isManifestMediaType, MANIFEST_ACCEPT } from './media-types';
import { PinError } from './pin-error';
import { isLoopback, PinTarget } from './pin-target';

/** How the resolver talks to registries. @internal */
export interface ResolverOptions {
  /** Where credentials come from. */
  readonly credentials: CredentialSource;
  /** Time allowed for each request, in milliseconds. */
  readonly timeoutMs: number;
  /** Attempts after the first for failures that may pass (timeouts, connection resets, 5xx, 429). */
  readonly retries: number;
  /** First backoff delay; doubled after each attempt. */
  readonly backoffMs: number;
  /** Longest `Retry-After` honoured; a longer one fails at once, saying how long the registry asked to wait. */
  readonly maxRetryAfterMs: number;
}

/** What a tag resolved to. @internal */
export interface ResolvedManifest {
  readonly digest: string;
  readonly mediaType: string;
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/**
 * Resolves `target`'s tag to the digest of what the registry serves for it (the index of a multi-platform tag),
 * with the bearer-token or basic-auth flow the registry asks for and bounded retries with exponential backoff.
 * Throws a `PinError` naming the image, the registry and what to do.
 * @internal
 */
export async function resolveManifest(target: PinTarget, options: ResolverOptions): Promise<ResolvedManifest> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await new Exchange(target, options).resolve();
    } catch (e) {
      if (!(e instanceof PinError) || !e.retryable || attempt >= options.retries) throw e;
      if (e.retryAfterMs !== undefined && e.retryAfterMs > options.maxRetryAfterMs) throw e;
      await sleep(e.retryAfterMs ?? options.backoffMs * 2 ** attempt);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** One attempt: the manifest request, the authorization it needs, the answer checked. */
class Exchange {
  private authorization?: string;
  private credentials?: RegistryCredentials;
  private credentialsLooked = false;

  constructor(private readonly target: PinTarget, private readonly options: ResolverOptions) {}

  public async resolve(): Promise<ResolvedManifest> {
    const { target } = this;
    const url = new URL(`${target.insecure ? 'http' : 'https'}://${target.apiHost}/v2/${target.repository}/manifests/${encodeURIComponent(target.tag)}`);
    let head = await this.manifestRequest('HEAD', url);
    if (head.status === 200) {
      const digest = header(head, 'docker-content-digest');
      const mediaType = header(head, 'content-type');
      if (digest && DIGEST.test(digest) && isManifestMediaType(mediaType)) return { digest, mediaType: bare(mediaType) };
    }
    // no usable digest header (or HEAD refused): fetch the manifest and hash it
    const get = await this.manifestRequest('GET', url);
    return this.checkManifest(get);
  }

  private async manifestRequest(method: 'GET' | 'HEAD', url: URL): Promise<HttpResponse> {
    let res = await this.send(method, url);
    if (res.status === 401 && this.authorization === undefined) {
      await this.authorize(res);
      res = await this.send(method, url);
    }
    if (res.status === 200 || (method === 'HEAD' && res.status === 405)) return res;
    throw this.statusError(res);
  }

  private checkManifest(res: HttpResponse): ResolvedManifest {
    const mediaType = header(res, 'content-type');
    if (res.truncated) throw this.malformed(`the manifest is larger than ${MAX_MANIFEST_BYTES} bytes`);
    let json: any;
    try {
      json = JSON.parse(res.body.toString('utf8'));
    } catch {
      throw this.malformed('the manifest is not JSON');
    }
    const type = isManifestMediaType(mediaType) ? bare(mediaType) : json?.mediaType;
    if (typeof json !== 'object' || json === null || !isManifestMediaType(type) || json.schemaVersion !== 2) {
      throw this.malformed(`the answer is not an image manifest or index (content type ${JSON.stringify(mediaType ?? '')})`);
    }
    const digest = `sha256:${createHash('sha256').update(res.body).digest('hex')}`;
    const announced = header(res, 'docker-content-digest');
    if (announced && announced !== digest) throw this.malformed(`the manifest hashes to ${digest} but the registry announced ${announced}`);
    return { digest, mediaType: bare(type) };
  }

  private async send(method: 'GET' | 'HEAD', url: URL): Promise<HttpResponse> {
    const headers: Record<string, string> = { 'Accept': MANIFEST_ACCEPT, 'User-Agent': 'projen-containers-pin' };
    if (this.authorization) headers.Authorization = this.authorization;
    try {
      return await httpRequest({ method, url, headers, timeoutMs: this.options.timeoutMs, maxBodyBytes: MAX_MANIFEST_BYTES });
    } catch (e) {
      throw this.transportError(e, url.host);
    }
  }

  /** Answers a 401 challenge: a bearer token from the realm, or basic auth. */
  private async authorize(res: HttpResponse): Promise<void> {
    const challenge = parseChallenge(header(res, 'www-authenticate'));
    const creds = this.lookupCredentials();
    if (challenge?.scheme === 'basic') {
      if (!creds) throw this.unauthorized();
      this.authorization = basic(creds);
      return;
    }
    if (challenge?.scheme !== 'bearer' || !challenge.params.realm) {
      throw this.malformed(`the registry answered 401 without a Bearer or Basic challenge (WWW-Authenticate: ${JSON.stringify(header(res, 'www-authenticate') ?? '')})`);
    }
    let realm: URL;
    try {
      realm = new URL(challenge.params.realm);
    } catch {
      throw this.malformed(`the token realm ${JSON.stringify(challenge.params.realm)} is not a URL`);
    }
    if (realm.protocol !== 'https:' && !(realm.protocol === 'http:' && isLoopback(realm.host))) {
      throw this.malformed(`the token realm ${realm.href} is not https; refusing to send credentials over plain HTTP`);
    }
    if (challenge.params.service) realm.searchParams.set('service', challenge.params.service);
    realm.searchParams.set('scope', challenge.params.scope ?? `repository:${this.target.repository}:pull`);
    const headers: Record<string, string> = { 'User-Agent': 'projen-containers-pin' };
    if (creds) headers.Authorization = basic(creds);
    let tokenRes: HttpResponse;
    try {
      tokenRes = await httpRequest({ method: 'GET', url: realm, headers, timeoutMs: this.options.timeoutMs, maxBodyBytes: 1024 * 1024 });
    } catch (e) {
      throw this.transportError(e, realm.host);
    }
    if (tokenRes.status === 401 || tokenRes.status === 403) throw this.unauthorized(`the token service ${realm.host} refused (HTTP ${tokenRes.status})`);
    if (tokenRes.status !== 200) throw this.statusError(tokenRes, `the token service ${realm.host}`);
    let token: unknown;
    try {
      const body = JSON.parse(tokenRes.body.toString('utf8'));
      token = body?.token ?? body?.access_token;
    } catch {
      token = undefined;
    }
    if (typeof token !== 'string' || token.length === 0 || /[\r\n]/.test(token)) {
      throw this.malformed(`the token service ${realm.host} answered without a token`);
    }
    this.authorization = `Bearer ${token}`;
  }

  private lookupCredentials(): RegistryCredentials | undefined {
    if (!this.credentialsLooked) {
      this.credentials = this.options.credentials(this.target.configKey);
      this.credentialsLooked = true;
    }
    return this.credentials;
  }

  private fail(problem: string, hint: string, retryable = false, retryAfterMs?: number): PinError {
    return new PinError(this.target.reference, this.target.apiHost, problem, hint, retryable, retryAfterMs);
  }

  private unauthorized(detail?: string): PinError {
    const host = this.target.configKey;
    return this.credentials
      ? this.fail(`${detail ?? 'the registry rejected the stored credentials'} (HTTP 401)`, `run \`docker login ${host}\` again with an account that may pull ${this.target.repository}`)
      : this.fail(`the registry requires authentication (HTTP 401) and no credentials for ${host} were found in the Docker config`, `run \`docker login ${host}\` (or set DOCKER_CONFIG to a config that has them)`);
  }

  private malformed(problem: string): PinError {
    return this.fail(`malformed response: ${problem}`, 'check that the address is an OCI distribution registry (not a proxy or web page) and try again');
  }

  private statusError(res: HttpResponse, who = 'the registry'): PinError {
    const s = res.status;
    if (s === 401) return this.unauthorized();
    if (s === 403) return this.fail(`${who} refused access (HTTP 403)`, `check that your account may pull ${this.target.repository}, or log in with \`docker login ${this.target.configKey}\``);
    if (s === 404) {
      return this.fail(`tag "${this.target.tag}" of repository ${this.target.repository} was not found (HTTP 404)`,
        `check the name and tag (\`docker buildx imagetools inspect ${this.target.reference}\`), or remove the image from the pipeline`);
    }
    if (s === 429) {
      const after = parseRetryAfter(header(res, 'retry-after'));
      const wait = after !== undefined ? `the registry asks to wait ${Math.ceil(after / 1000)} s` : 'no Retry-After given';
      return this.fail(`rate limited by ${who} (HTTP 429; ${wait})`, 'wait and run the pin again, or log in (`docker login`) for a higher limit', true, after);
    }
    if (s >= 500) return this.fail(`${who} failed (HTTP ${s})`, 'try again later; the registry may be down', true);
    return this.malformed(`${who} answered HTTP ${s}`);
  }

  private transportError(e: unknown, host: string): PinError {
    if (!(e instanceof TransportError)) return this.fail(`request failed: ${String(e)}`, 'report this as a bug');
    switch (e.failure) {
      case 'timeout':
        return this.fail(`${host} did not answer in time (${e.message})`, 'check that the registry is up and reachable, or raise --timeout', true);
      case 'tls':
        return this.fail(`${e.message} talking to ${host}`, 'check the registry certificate; a private CA goes in NODE_EXTRA_CA_CERTS');
      case 'connection':
        return this.fail(`${e.message} to ${host}`, 'check the registry address, that it is running, and your network or proxy', true);
    }
  }
}

function header(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function bare(mediaType: string | undefined): string {
  return (mediaType ?? '').split(';')[0].trim().toLowerCase();
}

function basic(c: RegistryCredentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds. */
function parseRetryAfter(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
