/**
 * `ADD` URL checksums over real HTTPS: a local server with a certificate made for the test (openssl), trusted through
 * the `ca` option in-process and through NODE_EXTRA_CA_CERTS for the CLI run as its own process.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EMPTY_LOCK, PinLock } from '../../src/pin/lockfile';
import { PinError } from '../../src/pin/pin-error';
import { pinUrls, urlChecksum, UrlChecksumOptions } from '../../src/pin/url-checksum';

const ROOT = resolve(__dirname, '..', '..');
const BODY = Buffer.from('a file served for ADD\n'.repeat(5000));
const SUM = `sha256:${createHash('sha256').update(BODY).digest('hex')}`;

let dir: string;
let ca: string;
let server: https.Server;
let base: string;
let flaky = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pin-url-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  ca = readFileSync(join(dir, 'cert.pem'), 'utf8');
  server = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: ca }, (req, res) => {
    switch (req.url) {
      case '/file': res.writeHead(200).end(BODY); break;
      case '/moved': res.writeHead(302, { Location: '/file' }).end(); break;
      case '/loop': res.writeHead(302, { Location: '/loop' }).end(); break;
      case '/to-http': res.writeHead(302, { Location: 'http://127.0.0.1/file' }).end(); break;
      case '/flaky': res.writeHead(flaky++ === 0 ? 503 : 200).end(BODY); break;
      case '/slow': setTimeout(() => res.writeHead(200).end(BODY), 2_000); break;
      default: res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const options = (o: Partial<UrlChecksumOptions> = {}): UrlChecksumOptions => ({ timeoutMs: 5_000, retries: 0, backoffMs: 10, ca, ...o });
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a PinError'); }, (e: unknown) => e as PinError);

describe('urlChecksum', () => {
  test('the sha256 of the bytes served', async () => {
    expect(await urlChecksum(`${base}/file`, options())).toBe(SUM);
  });

  test('follows redirects', async () => {
    expect(await urlChecksum(`${base}/moved`, options())).toBe(SUM);
  });

  test('gives up after 5 redirects, and never follows one to plain http', async () => {
    expect((await failure(urlChecksum(`${base}/loop`, options()))).message).toContain('more than 5 redirects');
    expect((await failure(urlChecksum(`${base}/to-http`, options()))).message).toContain('http://127.0.0.1/file is not an https URL');
  });

  test('a 404 names the URL, the host and what to do', async () => {
    const e = await failure(urlChecksum(`${base}/gone`, options()));
    expect(e.message).toBe(`cannot pin ${base}/gone (registry ${base.slice(8)}): the server answered 404; check the ADD URL in the pipeline`);
  });

  test('a 503 is retried', async () => {
    flaky = 0;
    expect(await urlChecksum(`${base}/flaky`, options({ retries: 1 }))).toBe(SUM);
  });

  test('an untrusted certificate is a TLS failure pointing at NODE_EXTRA_CA_CERTS', async () => {
    const e = await failure(urlChecksum(`${base}/file`, options({ ca: undefined })));
    expect(e.message).toMatch(/TLS failed .*NODE_EXTRA_CA_CERTS/);
  });

  test('a server that does not finish in time is a timeout', async () => {
    expect((await failure(urlChecksum(`${base}/slow`, options({ timeoutMs: 300 })))).message).toContain('no complete download within 300 ms');
  });

  test('a download over the size limit is refused', async () => {
    expect((await failure(urlChecksum(`${base}/file`, options({ maxBytes: 1000 })))).message).toContain('larger than 1000 bytes');
  });
});

describe('pinUrls', () => {
  const run = (o: { update?: boolean } = {}) => ({ ...options(), update: o.update ?? false, concurrency: 4 });

  test('keeps locked entries, downloads missing ones, drops unused ones; --update downloads again', async () => {
    const old: PinLock = { images: new Map(), urls: new Map([[`${base}/file`, { checksum: `sha256:${'0'.repeat(64)}` }], [`${base}/old`, { checksum: SUM }]]) };
    const kept = await pinUrls([`${base}/file`, `${base}/moved`], old, run());
    expect([...kept.urls.entries()]).toStrictEqual([[`${base}/file`, { checksum: `sha256:${'0'.repeat(64)}` }], [`${base}/moved`, { checksum: SUM }]]);
    const updated = await pinUrls([`${base}/file`], old, run({ update: true }));
    expect(updated.urls.get(`${base}/file`)).toStrictEqual({ checksum: SUM });
  });

  test('collects every failure after all downloads', async () => {
    const r = await pinUrls([`${base}/a`, `${base}/b`, `${base}/file`], EMPTY_LOCK, run());
    expect(r.failures.map((f) => f.image)).toStrictEqual([`${base}/a`, `${base}/b`]);
    expect(r.urls.get(`${base}/file`)).toStrictEqual({ checksum: SUM });
  });
});

describe('projen-containers-pin --url', () => {
  /** The CLI as its own process (asynchronously: the server answering it lives in this process). */
  const cli = (lock: string, ...args: string[]) => new Promise<{ code: number; out: string }>((done) => {
    const argv = [require.resolve('ts-node/dist/bin'), '--transpile-only', '--project', join(ROOT, 'test', 'tsconfig.json'),
      join(ROOT, 'src', 'pin', 'cli.ts'), '--lock', lock, '--retries', '0', '--timeout', '5000', ...args];
    execFile(process.execPath, argv, { encoding: 'utf8', env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem') } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, out: `${stdout}${stderr}` }));
  });

  test('writes the checksum of each URL into the lock; a failing URL leaves the lock as it was', async () => {
    const lock = join(dir, 'cli.lock.json');
    expect(await cli(lock, '--url', `${base}/file`)).toMatchObject({ code: 0 });
    const first = readFileSync(lock, 'utf8');
    expect(JSON.parse(first)).toStrictEqual({ lockfileVersion: 1, images: {}, urls: { [`${base}/file`]: { checksum: SUM } } });
    const bad = await cli(lock, '--url', `${base}/file`, '--url', `${base}/missing`);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`${base}/missing (registry ${base.slice(8)}): the server answered 404`);
    expect(bad.out).toContain('the lockfile was not changed');
    expect(readFileSync(lock, 'utf8')).toBe(first);
  }, 60_000);

  test('the lock without URLs keeps its shape (no "urls" key)', async () => {
    const lock = join(dir, 'empty.lock.json');
    writeFileSync(lock, JSON.stringify({ lockfileVersion: 1, images: {}, urls: { [`${base}/file`]: { checksum: SUM } } }));
    expect(await cli(lock)).toMatchObject({ code: 0 });
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toStrictEqual({ lockfileVersion: 1, images: {} });
  }, 60_000);
});
