import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { ProcessLock } from '../support/process-lock';

const NAME = `lock-test-${process.pid}`;
const DIR = join('/tmp', `projen-containers-${NAME}.lock`);

/** Another process holding the lock: a live `sleep` whose pid is the lock's owner. */
function foreignOwner(): { kill: () => Promise<void> } {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  mkdirSync(DIR);
  writeFileSync(join(DIR, 'owner'), String(child.pid));
  return { kill: () => new Promise((resolve) => { child.once('exit', () => resolve()); child.kill(); }) };
}

describe('ProcessLock', () => {
  const lock = new ProcessLock(NAME);
  afterEach(() => {
    while (lock.holds) lock.release();
    rmSync(DIR, { recursive: true, force: true }); // a foreign owner's lock left behind
  });

  test('is taken and freed; holds are counted within a process', async () => {
    expect(await lock.acquire(1_000)).toBeLessThan(1_000);
    expect(existsSync(DIR)).toBe(true);
    lock.acquireSync(1_000);
    lock.release();
    expect(existsSync(DIR)).toBe(true);
    lock.release();
    expect(existsSync(DIR)).toBe(false);
  });

  test('waits while another live process holds it, and times out', async () => {
    const owner = foreignOwner();
    try {
      await expect(lock.acquire(600)).rejects.toThrow(/stayed locked by another test process/);
      expect(() => lock.acquireSync(600)).toThrow(/stayed locked/);
      expect(lock.holds).toBe(false);
    } finally {
      await owner.kill();
    }
  });

  test('is taken over once its owner is gone', async () => {
    const owner = foreignOwner();
    const waiting = lock.acquire(10_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(lock.holds).toBe(false);
    await owner.kill();
    expect(await waiting).toBeGreaterThanOrEqual(500);
    expect(lock.holds).toBe(true);
  });
});
