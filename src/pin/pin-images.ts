import type { LockedImage, PinLock } from './lockfile';
import { PinError } from './pin-error';
import { pinTargetOf } from './pin-target';
import { resolveManifest, ResolverOptions } from './registry-client';

/** Options of one pin run. @internal */
export interface PinRunOptions extends ResolverOptions {
  /** Resolve every reference again, not only those missing from the lock. */
  readonly update: boolean;
  /** Requests in flight at once. */
  readonly concurrency: number;
  /** Registry host → mirror host to resolve through (pull-through caches). */
  readonly mirrors?: ReadonlyMap<string, string>;
  /** Called when one reference is done (resolved, kept or failed). */
  readonly onProgress?: (reference: string, outcome: PinOutcome) => void;
}

/** What happened to one reference. @internal */
export type PinOutcome =
  | { readonly kind: 'kept'; readonly entry: LockedImage }
  | { readonly kind: 'pinned'; readonly entry: LockedImage; readonly previous?: LockedImage; readonly ms: number }
  | { readonly kind: 'failed'; readonly error: PinError };

/** Every reference that could not be pinned; the lock is not written when there is one. @internal */
export class PinRunError extends Error {
  constructor(public readonly failures: readonly PinError[]) {
    super(`${failures.length} image(s) or URL(s) could not be pinned; the lockfile was not changed:\n${failures.map((f) => `  ${f.message}`).join('\n')}`);
    this.name = 'PinRunError';
  }
}

/**
 * The lock for exactly `references`: entries of `lock` are kept unless `update` is set, missing ones are resolved
 * (at most `concurrency` at a time), entries for references no longer used are dropped. Throws a `PinRunError`
 * listing every failure after all requests have finished.
 * @internal
 */
export async function pinImages(references: readonly string[], lock: PinLock, options: PinRunOptions): Promise<PinLock> {
  const refs = [...new Set(references)].sort();
  const images = new Map<string, LockedImage>();
  const failures: PinError[] = [];
  const todo: string[] = [];
  for (const ref of refs) {
    const kept = lock.images.get(ref);
    if (kept && !options.update) {
      images.set(ref, kept);
      options.onProgress?.(ref, { kind: 'kept', entry: kept });
    } else {
      todo.push(ref);
    }
  }
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const ref = todo[next++];
      const started = Date.now();
      try {
        const target = pinTargetOf(ref, options.mirrors);
        if (typeof target === 'string') throw new PinError(ref, '-', target, 'fix the reference in the pipeline');
        const entry = await resolveManifest(target, options);
        images.set(ref, entry);
        options.onProgress?.(ref, { kind: 'pinned', entry, previous: lock.images.get(ref), ms: Date.now() - started });
      } catch (e) {
        const error = e instanceof PinError ? e : new PinError(ref, '-', String(e), 'report this as a bug');
        failures.push(error);
        options.onProgress?.(ref, { kind: 'failed', error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, todo.length)) }, worker));
  if (failures.length > 0) throw new PinRunError(failures.sort((a, b) => (a.image < b.image ? -1 : 1)));
  return { images, urls: lock.urls };
}
