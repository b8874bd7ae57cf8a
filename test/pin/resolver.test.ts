/**
 * The registry client against tiny local servers: each failure a user can meet gives an error naming the image, the
 * registry and what to do; the Basic and Bearer flows send what the Docker token protocol expects.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { indexManifest, RunningServer, sendManifest, serve } from './fake-registry';
import type { CredentialSource } from '../../src/pin/credentials';
import { PinError } from '../../src/pin/pin-error';
import { PinTarget, pinTargetOf } from '../../src/pin/pin-target';
import { resolveManifest, ResolverOptions } from '../../src/pin/registry-client';

const NO_CREDENTIALS: CredentialSource = () => undefined;
const options = (o: Partial<ResolverOptions> = {}): ResolverOptions => ({
  credentials: NO_CREDENTIALS, timeoutMs: 2_000, retries: 0, backoffMs: 10, maxRetryAfterMs: 5_000, ...o,
});

let servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function start(handler: Parameters<typeof serve>[0]): Promise<RunningServer> {
  const s = await serve(handler);
  servers.push(s);
  return s;
}

function target(host: string, ref = 'team/app:1'): PinTarget {
  const t = pinTargetOf(`${host}/${ref}`);
  if (typeof t === 'string') throw new Error(t);
  return t;
}

async function failure(p: Promise<unknown>): Promise<PinError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(PinError);
    return e as PinError;
  }
  throw new Error('expected the pin to fail');
}

describe('resolving a tag', () => {
  test('HEAD with the index Accept header; the digest header is taken', async () => {
    const m = indexManifest('a');
    const accepts: string[] = [];
    const s = await start((req, res) => {
      accepts.push(String(req.headers.accept));
      sendManifest(req, res, m);
    });
    expect(await resolveManifest(target(s.host), options())).toStrictEqual({ digest: m.digest, mediaType: 'application/vnd.oci.image.index.v1+json' });
    expect(s.requests).toStrictEqual(['HEAD /v2/team/app/manifests/1']);
    expect(accepts[0].split(', ')[0]).toBe('application/vnd.oci.image.index.v1+json');
    expect(accepts[0]).toContain('application/vnd.docker.distribution.manifest.list.v2+json');
  });

  test('without a digest header the manifest is fetched and hashed', async () => {
    const m = indexManifest('b');
    const s = await start((req, res) => sendManifest(req, res, m, false));
    expect((await resolveManifest(target(s.host), options())).digest).toBe(m.digest);
    expect(s.requests).toStrictEqual(['HEAD /v2/team/app/manifests/1', 'GET /v2/team/app/manifests/1']);
  });

  test('Basic challenge: the stored credentials are sent', async () => {
    const m = indexManifest('c');
    const s = await start((req, res) => {
      if (req.headers.authorization !== `Basic ${Buffer.from('ci:s3cret').toString('base64')}`) {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="registry"' }).end();
        return;
      }
      sendManifest(req, res, m);
    });
    const creds: CredentialSource = (key) => (key === s.host ? { username: 'ci', password: 's3cret' } : undefined);
    expect((await resolveManifest(target(s.host), options({ credentials: creds }))).digest).toBe(m.digest);
  });

  test('Bearer challenge: a token for the pull scope from the realm, with the service', async () => {
    const m = indexManifest('d');
    let tokenQuery: URLSearchParams | undefined;
    let tokenAuth: string | undefined;
    const s = await start((req, res, host) => {
      const url = new URL(req.url!, `http://${host}`);
      if (url.pathname === '/token') {
        tokenQuery = url.searchParams;
        tokenAuth = req.headers.authorization;
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token: 'tok-1' }));
      } else if (req.headers.authorization !== 'Bearer tok-1') {
        res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="http://${host}/token",service="fake-registry",scope="repository:team/app:pull"` }).end();
      } else {
        sendManifest(req, res, m);
      }
    });
    expect((await resolveManifest(target(s.host), options())).digest).toBe(m.digest);
    expect(tokenQuery?.get('service')).toBe('fake-registry');
    expect(tokenQuery?.get('scope')).toBe('repository:team/app:pull');
    expect(tokenAuth).toBeUndefined();
  });
});

describe('errors a user can act on', () => {
  test('401 without credentials: names image, registry and docker login', async () => {
    const s = await start((_req, res) => res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="r"' }).end());
    const e = await failure(resolveManifest(target(s.host), options()));
    expect(e.message).toContain(`cannot pin ${s.host}/team/app:1 (registry ${s.host})`);
    expect(e.message).toContain('requires authentication (HTTP 401)');
    expect(e.message).toContain(`docker login ${s.host}`);
  });

  test('401 with rejected credentials says to log in again', async () => {
    const s = await start((_req, res) => res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="r"' }).end());
    const e = await failure(resolveManifest(target(s.host), options({ credentials: () => ({ username: 'u', password: 'wrong' }) })));
    expect(e.message).toContain('rejected the stored credentials');
    expect(e.message).toContain('again');
  });

  test('403 names the repository', async () => {
    const s = await start((_req, res) => res.writeHead(403).end());
    const e = await failure(resolveManifest(target(s.host), options()));
    expect(e.message).toContain('refused access (HTTP 403)');
    expect(e.message).toContain('may pull team/app');
  });

  test('404: unknown tag, with the command to inspect it', async () => {
    const s = await start((_req, res) => res.writeHead(404).end());
    const e = await failure(resolveManifest(target(s.host, 'team/app:nope'), options()));
    expect(e.message).toContain('tag "nope" of repository team/app was not found (HTTP 404)');
    expect(e.message).toContain(`docker buildx imagetools inspect ${s.host}/team/app:nope`);
  });

  test('a server that stops answering: a timeout after the retries, in bounded time', async () => {
    const s = await start(() => { /* never answers */ });
    const started = Date.now();
    const e = await failure(resolveManifest(target(s.host), options({ timeoutMs: 300, retries: 2, backoffMs: 10 })));
    expect(e.message).toContain('did not answer in time');
    expect(e.hint).toContain('--timeout');
    expect(s.requests).toHaveLength(3);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  test('garbage: HTML where a manifest should be', async () => {
    const s = await start((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>login page</html>'));
    const e = await failure(resolveManifest(target(s.host), options()));
    expect(e.message).toContain('malformed response: the manifest is not JSON');
    expect(e.message).toContain('not a proxy or web page');
  });

  test('garbage: a digest header that does not match the body', async () => {
    const m = indexManifest('e');
    const s = await start((req, res) => {
      // HEAD without a digest header makes the client GET; the GET announces a digest the body does not have
      if (req.method === 'HEAD') res.writeHead(200, { 'Content-Type': 'application/vnd.oci.image.index.v1+json' }).end();
      else res.writeHead(200, { 'Content-Type': 'application/vnd.oci.image.index.v1+json', 'Docker-Content-Digest': `sha256:${'0'.repeat(64)}` }).end(m.body);
    });
    const e = await failure(resolveManifest(target(s.host), options()));
    expect(e.message).toContain(`hashes to ${m.digest} but the registry announced sha256:${'0'.repeat(64)}`);
  });

  test('429 with Retry-After: waits as asked, then succeeds', async () => {
    const m = indexManifest('f');
    let calls = 0;
    const s = await start((req, res) => {
      if (calls++ === 0) res.writeHead(429, { 'Retry-After': '1' }).end();
      else sendManifest(req, res, m);
    });
    const started = Date.now();
    expect((await resolveManifest(target(s.host), options({ retries: 1 }))).digest).toBe(m.digest);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  test('429 asking for longer than allowed fails at once, saying how long', async () => {
    const s = await start((_req, res) => res.writeHead(429, { 'Retry-After': '3600' }).end());
    const e = await failure(resolveManifest(target(s.host), options({ retries: 3 })));
    expect(e.message).toContain('rate limited by the registry (HTTP 429; the registry asks to wait 3600 s)');
    expect(s.requests).toHaveLength(1);
  });

  test('connection refused names the address', async () => {
    const s = await start(() => undefined);
    const host = s.host;
    await s.close();
    servers = [];
    const e = await failure(resolveManifest(target(host), options()));
    expect(e.message).toContain(`connection failed (ECONNREFUSED) to ${host}`);
  });

  test('a token realm on plain HTTP of a remote host is refused', async () => {
    const s = await start((_req, res) => res.writeHead(401, { 'WWW-Authenticate': 'Bearer realm="http://auth.example.com/token",service="x"' }).end());
    const e = await failure(resolveManifest(target(s.host), options()));
    expect(e.message).toContain('not https; refusing to send credentials over plain HTTP');
  });
});
