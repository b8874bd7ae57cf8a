/**
 * Pinning against the REAL registry (docker-registry, distribution 2.8): single-platform and index digests match
 * `docker buildx imagetools inspect`; a moved tag changes exactly its lock entry; a second registry instance with
 * htpasswd (Basic) and a third behind a token server started here (Bearer, the Docker token protocol with an RS256
 * JWT whose x5c certificate the registry trusts) are pinned with credentials from a Docker config.
 */
import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { createSign, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { main } from '../../src/pin/cli';
import { dockerConfigCredentials } from '../../src/pin/credentials';
import { PinError } from '../../src/pin/pin-error';
import { PinTarget, pinTargetOf } from '../../src/pin/pin-target';
import { resolveManifest, ResolverOptions } from '../../src/pin/registry-client';
import { describeEngine, docker, REGISTRY_ADDRESS, TEST_BASE_IMAGE, uniqueTag } from '../support/engine';

const OTHER_BASE = `${REGISTRY_ADDRESS}/testbase/debian:bookworm-minbase`;
const USER = 'pin';
const PASSWORD = 'pin-secret';
/** bcrypt of PASSWORD (generated once with libxcrypt; the registry's htpasswd needs bcrypt). */
const PASSWORD_BCRYPT = '$2b$12$xzBHDYDi9C5AzfGrM8KOR.opoIN5CVRTpFLT38rwURfub2cwHsDlm';

/** `docker` without blocking the event loop (the token server of this process must answer it). */
function dockerAsync(args: string[], dockerConfig: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('docker', args, { env: { ...process.env, DOCKER_CONFIG: dockerConfig }, timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`docker ${args.join(' ')} failed: ${stderr}`));
      else resolve(stdout);
    });
  });
}

/** The digest imagetools reports for `ref` (what a multi-platform pull resolves). */
function inspectDigest(ref: string, dockerConfig?: string): string {
  const out = docker(['buildx', 'imagetools', 'inspect', ref], { env: dockerConfig ? { DOCKER_CONFIG: dockerConfig } : {}, timeoutMs: 60_000 });
  return /^Digest:\s+(sha256:[a-f0-9]{64})$/m.exec(out)![1];
}

function targetOf(ref: string): PinTarget {
  const t = pinTargetOf(ref);
  if (typeof t === 'string') throw new Error(t);
  return t;
}

async function freePort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Starts `docker-registry serve` with `auth` YAML on a free port; resolves when /v2/ answers. */
async function startRegistry(dir: string, auth: string): Promise<{ host: string; proc: ChildProcess }> {
  const port = await freePort();
  const config = join(dir, `registry-${port}.yml`);
  writeFileSync(config, `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, `data-${port}`)}\nhttp:\n  addr: 127.0.0.1:${port}\n${auth}`);
  const proc = spawn('docker-registry', ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (c) => (stderr += String(c)));
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/v2/`);
      if (r.status === 200 || r.status === 401) return { host: `127.0.0.1:${port}`, proc };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill();
  throw new Error(`docker-registry did not start: ${stderr}`);
}

/** A Docker config holding Basic credentials for `hosts`. */
function dockerConfigFor(dir: string, hosts: string[]): string {
  const auth = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
  const cfgDir = mkdtempSync(join(dir, 'docker-config-'));
  writeFileSync(join(cfgDir, 'config.json'), JSON.stringify({ auths: Object.fromEntries(hosts.map((h) => [h, { auth }])) }));
  return cfgDir;
}

/** A token server speaking the Docker token protocol: Basic-authenticated GET /token → RS256 JWT with x5c. */
interface TokenServer {
  readonly url: string;
  readonly cert: string;
  readonly server: Server;
  readonly requests: string[];
}

async function startTokenServer(dir: string, service: string, issuer: string): Promise<TokenServer> {
  const key = join(dir, 'token.key');
  const cert = join(dir, 'token.crt');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=pin-token'], { stdio: 'ignore' });
  const der = readFileSync(cert, 'utf8').replace(/-----[^-]+-----|\s/g, '');
  const pem = readFileSync(key, 'utf8');
  const b64u = (x: string | Buffer) => Buffer.from(x).toString('base64url');
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://token');
    requests.push(url.search);
    if (req.headers.authorization !== `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`) {
      res.writeHead(401).end('{"details":"bad credentials"}');
      return;
    }
    const access = url.searchParams.getAll('scope').map((s) => {
      const [type, name, actions] = s.split(':');
      return { type, name, actions: actions.split(',') };
    });
    const now = Math.floor(Date.now() / 1000);
    const header = b64u(JSON.stringify({ alg: 'RS256', typ: 'JWT', x5c: [der] }));
    const claims = b64u(JSON.stringify({ iss: issuer, sub: USER, aud: service, exp: now + 300, nbf: now - 10, iat: now, jti: randomBytes(8).toString('hex'), access }));
    const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(pem).toString('base64url');
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token: `${header}.${claims}.${signature}`, expires_in: 300 }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`, cert, server, requests };
}

const options = (o: Partial<ResolverOptions> = {}): ResolverOptions => ({
  credentials: () => undefined, timeoutMs: 10_000, retries: 1, backoffMs: 100, maxRetryAfterMs: 5_000, ...o,
});

describeEngine('pinning on the real registry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pin-e2e-'));
  const multi = `${REGISTRY_ADDRESS}/pin-e2e/multi:${uniqueTag('m')}`;
  const moving = `${REGISTRY_ADDRESS}/pin-e2e/moving:${uniqueTag('t')}`;
  const children: ChildProcess[] = [];
  let tokenServer: Server | undefined;

  beforeAll(() => {
    docker(['buildx', 'imagetools', 'create', '-t', multi, TEST_BASE_IMAGE, OTHER_BASE]);
    docker(['buildx', 'imagetools', 'create', '-t', moving, TEST_BASE_IMAGE]);
  });
  afterAll(async () => {
    for (const c of children) c.kill();
    await new Promise<void>((r) => (tokenServer ? tokenServer.close(() => r()) : r()));
  });

  test('a single-platform tag pins its manifest digest, as imagetools reports it', async () => {
    const pinned = await resolveManifest(targetOf(TEST_BASE_IMAGE), options());
    expect(pinned.digest).toBe(inspectDigest(TEST_BASE_IMAGE));
    expect(pinned.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
  });

  test('a multi-manifest tag pins its index digest, not one platform', async () => {
    const pinned = await resolveManifest(targetOf(multi), options());
    expect(pinned.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(pinned.digest).toBe(inspectDigest(multi));
    expect(pinned.digest).not.toBe(inspectDigest(TEST_BASE_IMAGE));
  });

  test('moving a tag and re-pinning with --update changes exactly that entry', async () => {
    const lock = join(dir, 'containers.lock.json');
    const out: string[] = [];
    expect(await main(['--lock', lock, TEST_BASE_IMAGE, multi, moving], (l) => out.push(l))).toBe(0);
    const before = JSON.parse(readFileSync(lock, 'utf8')).images;
    docker(['buildx', 'imagetools', 'create', '-t', moving, OTHER_BASE]);
    expect(await main(['--lock', lock, '--update', TEST_BASE_IMAGE, multi, moving], (l) => out.push(l))).toBe(0);
    const after = JSON.parse(readFileSync(lock, 'utf8')).images;
    const changed = Object.keys(after).filter((k) => after[k].digest !== before[k].digest);
    expect(changed).toStrictEqual([moving]);
    expect(after[moving].digest).toBe(inspectDigest(moving));
    expect(out.some((l) => l.startsWith(`~ ${moving} ${before[moving].digest} -> ${after[moving].digest}`))).toBe(true);
  });

  test('--mirror resolves a Docker Hub reference through a mirror (the local registry standing in for a pull-through cache)', async () => {
    const lock = join(dir, 'mirror.lock.json');
    const hubReference = 'testbase/busybox:1';
    expect(await main(['--lock', lock, '--mirror', `docker.io=${REGISTRY_ADDRESS}`, hubReference], () => undefined)).toBe(0);
    // the lock keys the reference as written; the digest is the mirror's, which is the image's
    expect(JSON.parse(readFileSync(lock, 'utf8')).images[hubReference].digest).toBe(inspectDigest(TEST_BASE_IMAGE));
    expect(await main(['--mirror', 'docker.io'], () => undefined)).toBe(2);
  });

  test('basic auth (htpasswd on a second registry): pinned with the Docker config, a clear 401 without', async () => {
    writeFileSync(join(dir, 'htpasswd'), `${USER}:${PASSWORD_BCRYPT}\n`);
    const { host, proc } = await startRegistry(dir, `auth:\n  htpasswd:\n    realm: pin-e2e\n    path: ${join(dir, 'htpasswd')}\n`);
    children.push(proc);
    const ref = `${host}/pin-e2e/basic:1`;
    const config = dockerConfigFor(dir, [host]);
    docker(['buildx', 'imagetools', 'create', '-t', ref, TEST_BASE_IMAGE], { env: { DOCKER_CONFIG: config }, timeoutMs: 60_000 });
    const pinned = await resolveManifest(targetOf(ref), options({ credentials: dockerConfigCredentials(join(config, 'config.json')) }));
    expect(pinned.digest).toBe(inspectDigest(ref, config));
    const e = await resolveManifest(targetOf(ref), options()).catch((x) => x);
    expect(e).toBeInstanceOf(PinError);
    expect((e as PinError).message).toContain(`cannot pin ${ref} (registry ${host}): the registry requires authentication (HTTP 401)`);
    expect((e as PinError).message).toContain(`docker login ${host}`);
  });

  test('token auth: a registry configured for a token server, pinned through the Bearer flow', async () => {
    const service = 'pin-e2e-registry';
    const issuer = 'pin-e2e-issuer';
    const token = await startTokenServer(dir, service, issuer);
    tokenServer = token.server;
    const { host, proc } = await startRegistry(dir, `auth:\n  token:\n    realm: ${token.url}\n    service: ${service}\n    issuer: ${issuer}\n    rootcertbundle: ${token.cert}\n`);
    children.push(proc);
    const ref = `${host}/pin-e2e/token:1`;
    const config = dockerConfigFor(dir, [host]);
    await dockerAsync(['buildx', 'imagetools', 'create', '-t', ref, TEST_BASE_IMAGE], config);
    const expected = /^Digest:\s+(sha256:[a-f0-9]{64})$/m.exec(await dockerAsync(['buildx', 'imagetools', 'inspect', ref], config))![1];
    token.requests.length = 0;
    const pinned = await resolveManifest(targetOf(ref), options({ credentials: dockerConfigCredentials(join(config, 'config.json')) }));
    expect(pinned.digest).toBe(expected);
    expect(token.requests).toStrictEqual([`?service=${service}&scope=repository%3Apin-e2e%2Ftoken%3Apull`]);
    const e = await resolveManifest(targetOf(ref), options()).catch((x) => x);
    expect((e as PinError).message).toContain('the registry requires authentication (HTTP 401) and no credentials');
    expect((e as PinError).message).toContain(`docker login ${host}`);
  });
});
