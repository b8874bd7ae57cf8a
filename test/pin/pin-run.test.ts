/**
 * A pin run: the parallelism limit, kept and refreshed entries, and the CLI writing the lock only when every
 * image resolved.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { indexManifest, RunningServer, sendManifest, serve } from './fake-registry';
import { main } from '../../src/pin/cli';
import { EMPTY_LOCK, PinLock } from '../../src/pin/lockfile';
import { pinImages, PinRunError, PinRunOptions } from '../../src/pin/pin-images';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A registry answering each tag with an index seeded by `version[tag]`, after `delayMs`; counts requests in flight. */
async function slowRegistry(delayMs: number, version: Record<string, string> = {}) {
  const stats = { inFlight: 0, maxInFlight: 0 };
  server = await serve((req, res) => {
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    setTimeout(() => {
      stats.inFlight--;
      const tag = req.url!.split('/').pop()!;
      if (tag === 'missing') res.writeHead(404).end();
      else sendManifest(req, res, indexManifest(`${tag}-${version[tag] ?? '1'}`));
    }, delayMs);
  });
  return { host: server.host, stats };
}

const run = (o: Partial<PinRunOptions> = {}): PinRunOptions => ({
  update: false, concurrency: 4, credentials: () => undefined, timeoutMs: 5_000, retries: 0, backoffMs: 10, maxRetryAfterMs: 1_000, ...o,
});

describe('pinImages', () => {
  test('never more requests in flight than the limit', async () => {
    const { host, stats } = await slowRegistry(30);
    const refs = Array.from({ length: 12 }, (_, i) => `${host}/team/app:t${i}`);
    const lock = await pinImages(refs, EMPTY_LOCK, run({ concurrency: 3 }));
    expect(lock.images.size).toBe(12);
    expect(stats.maxInFlight).toBe(3);
  });

  test('parallel pinning is faster than sequential (figure printed for the closing note)', async () => {
    const { host } = await slowRegistry(50);
    const refs = Array.from({ length: 16 }, (_, i) => `${host}/team/app:t${i}`);
    let t = Date.now();
    await pinImages(refs, EMPTY_LOCK, run({ concurrency: 1 }));
    const sequential = Date.now() - t;
    t = Date.now();
    await pinImages(refs, EMPTY_LOCK, run({ concurrency: 8 }));
    const parallel = Date.now() - t;
    console.log(`[pin] 16 images, 50 ms registry latency: sequential ${sequential} ms, 8 in parallel ${parallel} ms, ratio ${(sequential / parallel).toFixed(1)}x`);
    expect(parallel * 3).toBeLessThan(sequential);
  });

  test('kept entries are not asked for; --update asks again; unused entries are dropped', async () => {
    const { host } = await slowRegistry(0);
    const a = `${host}/team/app:a`;
    const stale = `${host}/team/old:1`;
    const old: PinLock = { images: new Map([[a, { digest: `sha256:${'9'.repeat(64)}`, mediaType: 'x' }], [stale, { digest: `sha256:${'8'.repeat(64)}`, mediaType: 'x' }]]), urls: new Map() };
    const kept = await pinImages([a], old, run());
    expect(kept.images.get(a)?.digest).toBe(`sha256:${'9'.repeat(64)}`);
    expect(kept.images.has(stale)).toBe(false);
    expect(server!.requests).toStrictEqual([]);
    const updated = await pinImages([a], old, run({ update: true }));
    expect(updated.images.get(a)?.digest).toBe(indexManifest('a-1').digest);
  });

  test('every failure is reported together', async () => {
    const { host } = await slowRegistry(0);
    const e = await pinImages([`${host}/x:missing`, `${host}/y:missing`, `${host}/z:ok`], EMPTY_LOCK, run()).catch((x) => x);
    expect(e).toBeInstanceOf(PinRunError);
    expect((e as PinRunError).failures.map((f) => f.image)).toStrictEqual([`${host}/x:missing`, `${host}/y:missing`]);
  });
});

describe('projen-containers-pin', () => {
  test('writes the lock; a failing image leaves the old lock untouched', async () => {
    const { host } = await slowRegistry(0);
    const dir = mkdtempSync(join(tmpdir(), 'pin-cli-'));
    const lock = join(dir, 'containers.lock.json');
    const lines: string[] = [];
    expect(await main(['--lock', lock, `${host}/team/app:b`, `${host}/team/app:a`], (l) => lines.push(l))).toBe(0);
    const first = readFileSync(lock, 'utf8');
    expect(Object.keys(JSON.parse(first).images)).toStrictEqual([`${host}/team/app:a`, `${host}/team/app:b`]);
    expect(lines.some((l) => l.startsWith(`+ ${host}/team/app:a ${indexManifest('a-1').digest} (`)), lines.join('\n')).toBe(true);

    expect(await main(['--lock', lock, `${host}/team/app:a`, `${host}/team/app:missing`], (l) => lines.push(l))).toBe(1);
    expect(readFileSync(lock, 'utf8')).toBe(first);
    expect(lines.join('\n')).toContain('the lockfile was not changed');
  });

  test('refuses a broken lockfile and bad options without touching anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pin-cli-'));
    const lock = join(dir, 'containers.lock.json');
    writeFileSync(lock, '{"lockfileVersion": 7, "images": {}}');
    const lines: string[] = [];
    expect(await main(['--lock', lock, 'a:1'], (l) => lines.push(l))).toBe(1);
    expect(lines.join('\n')).toContain('has lockfileVersion 7');
    expect(await main(['--concurrency', '0'], (l) => lines.push(l))).toBe(2);
    expect(await main(['--bogus'], (l) => lines.push(l))).toBe(2);
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });
});
