/**
 * Locks shared by every test process of this machine (vitest workers, or another checkout's test run):
 * - the build engine: suites that build, push, tag or remove images hold it while they run, so test files run side by
 *   side without one removing what another is building on; suites that never touch the engine do not wait;
 * - the library's compile: tests that pack the library compile it first when it is stale, one process at a time.
 *
 * A lock is a directory (created atomically) holding the owner's pid; a lock whose owner is gone is taken over. Holds
 * are counted per process, so a lock is re-entrant within a process.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const POLL_MS = 250;

/** A named lock across processes. */
export class ProcessLock {
  private readonly dir: string;
  private held = 0;

  constructor(name: string) {
    // fixed, not the per-run temp directory: every checkout of the machine shares one engine
    this.dir = join('/tmp', `projen-containers-${name}.lock`);
  }

  /** Waits (without blocking the event loop) until this process holds the lock; returns the wait in ms. */
  public async acquire(timeoutMs: number): Promise<number> {
    const start = Date.now();
    while (!this.tryTake()) {
      this.checkTimeout(start, timeoutMs);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return Date.now() - start;
  }

  /** Waits, blocking the thread, until this process holds the lock (for synchronous callers). */
  public acquireSync(timeoutMs: number): void {
    const start = Date.now();
    const sleeper = new Int32Array(new SharedArrayBuffer(4));
    while (!this.tryTake()) {
      this.checkTimeout(start, timeoutMs);
      Atomics.wait(sleeper, 0, 0, POLL_MS);
    }
  }

  /** Releases one hold; the lock is free when the last hold of this process is released. */
  public release(): void {
    if (this.held === 0) return;
    if (--this.held === 0) rmSync(this.dir, { recursive: true, force: true });
  }

  /** Whether this process holds the lock. */
  public get holds(): boolean {
    return this.held > 0;
  }

  private tryTake(): boolean {
    if (this.held > 0) {
      this.held++;
      return true;
    }
    try {
      mkdirSync(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!this.ownerAlive()) rmSync(this.dir, { recursive: true, force: true });
      return false;
    }
    writeFileSync(join(this.dir, 'owner'), String(process.pid));
    this.held = 1;
    return true;
  }

  private ownerAlive(): boolean {
    let text: string;
    try {
      text = readFileSync(join(this.dir, 'owner'), 'utf8');
    } catch {
      return true; // its owner is writing it right now
    }
    const pid = Number(text);
    if (!Number.isInteger(pid) || pid <= 0) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  }

  private checkTimeout(start: number, timeoutMs: number): void {
    if (Date.now() - start > timeoutMs) throw new Error(`${this.dir} stayed locked by another test process for ${timeoutMs} ms`);
  }
}

/** The build engine and registry. */
export const ENGINE_LOCK = new ProcessLock('engine');

/** The library's jsii compile (lib/, .jsii). */
export const COMPILE_LOCK = new ProcessLock('compile');
