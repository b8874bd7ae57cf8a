import { join } from 'node:path';
import type { PipelineIndex } from './pipeline-index';
import type { PinningSettings } from './settings';
import { Diagnostics } from '../core/diagnostics';
import type { WarningId } from '../core/warning-ids';
import { sourceOf } from '../image/image-source';
import { EMPTY_LOCK, PinLock, readLockFile } from '../pin/lockfile';
import { pinnedReference } from '../pin/pin-target';
import { parseImageReference } from '../reference/image-reference';

/**
 * Reads the lockfile of the project in `outdir`; an unreadable or malformed one is reported at `path` (and the
 * empty lock used, so every other finding is still collected).
 * @internal
 */
export function loadPinLock(outdir: string, settings: PinningSettings, path: string, d: Diagnostics): PinLock {
  const lock = readLockFile(join(outdir, settings.lockFile));
  if ('problems' in lock) {
    for (const p of lock.problems) d.error(path, `lockfile "${settings.lockFile}" ${p}; fix it, or delete it and run \`npx projen containers:pin\``);
    return EMPTY_LOCK;
  }
  return lock;
}

/**
 * The pins a synthesis uses: the lock, and per reference the text a Dockerfile and the tooling use for it.
 * @internal
 */
export class Pins {
  constructor(public readonly lock: PinLock) {}

  /** `reference` with its locked digest (`name:tag@sha256:…`); unchanged when it has a digest or no entry. */
  public resolve(reference: string): string {
    const entry = this.lock.images.get(reference);
    return entry ? pinnedReference(reference, entry.digest) : reference;
  }
}

/** Registry base references of the pipeline without a digest of their own, each with the stages using it. */
function unpinnedBases(index: PipelineIndex): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const stage of index.stages) {
    const src = sourceOf(stage.from);
    if (src?.kind !== 'registry') continue;
    const parsed = parseImageReference(src.reference);
    if (typeof parsed === 'string' || parsed.digest) continue;
    found.set(src.reference, [...(found.get(src.reference) ?? []), stage.node.path]);
  }
  return found;
}

/**
 * The references `containers:pin` resolves (sorted), and the findings: a base neither digest-pinned nor locked is
 * a warning (an error when frozen), as is a lock entry the pipeline no longer uses.
 * @internal
 */
export function checkPins(index: PipelineIndex, settings: PinningSettings, pins: Pins, path: string, d: Diagnostics): string[] {
  const bases = unpinnedBases(index);
  const report = reporter(settings, d);
  const todo = settings.frozen ? 'pin it (`npx projen containers:pin`) and commit the lockfile' : 'run `npx projen containers:pin` to pin it';
  for (const [ref, stages] of bases) {
    if (pins.lock.images.has(ref)) continue;
    for (const stage of stages) report('unpinned-base', stage, `base image "${ref}" is not pinned to a digest (no entry in ${settings.lockFile}); builds are not reproducible: ${todo}`);
  }
  for (const ref of pins.lock.images.keys()) {
    if (!bases.has(ref)) {
      report('stale-pin', path, `lockfile ${settings.lockFile} pins "${ref}", which no stage of the pipeline uses any more; run \`npx projen containers:pin\` to refresh the lock`);
    }
  }
  return [...bases.keys()].sort();
}

/** The `ADD` instructions of the pipeline: URL, the checksum the pipeline gives, the instruction's construct path. */
function addInstructions(index: PipelineIndex): Array<{ readonly url: string; readonly checksum: string; readonly path: string }> {
  const found: Array<{ url: string; checksum: string; path: string }> = [];
  for (const stage of index.stages) {
    stage._instructions.forEach((ins, i) => {
      if (ins.kind === 'add') found.push({ url: ins.url, checksum: ins.checksum, path: `${stage.node.path}/instruction.${i}` });
    });
  }
  return found;
}

/**
 * The `ADD` URLs `containers:pin` downloads and checksums (sorted), and the findings: a URL without a lock entry, a
 * lock checksum that differs from the pipeline's `checksum` (the file at the URL changed, or the pipeline's checksum is
 * wrong), and a lock entry no `ADD` uses any more are warnings (errors when frozen), each at the instruction's path.
 * @internal
 */
export function checkUrlPins(index: PipelineIndex, settings: PinningSettings, pins: Pins, path: string, d: Diagnostics): string[] {
  const adds = addInstructions(index);
  const report = reporter(settings, d);
  for (const add of adds) {
    const locked = pins.lock.urls.get(add.url);
    if (locked === undefined) {
      report('unpinned-download', add.path, `ADD ${add.url} has no checksum in ${settings.lockFile}: run \`npx projen containers:pin\` to download it and record its sha256`);
    } else if (locked.checksum !== add.checksum) {
      report('checksum-mismatch', add.path, `ADD ${add.url}: ${settings.lockFile} records checksum ${locked.checksum}, the pipeline says ${add.checksum}; the file at the URL changed or the checksum is wrong: check the download and set the checksum in the pipeline to the one it really has`);
    }
  }
  const used = new Set(adds.map((a) => a.url));
  for (const url of pins.lock.urls.keys()) {
    if (!used.has(url)) report('stale-download-pin', path, `lockfile ${settings.lockFile} records a checksum for "${url}", which no ADD of the pipeline uses any more; run \`npx projen containers:pin\` to refresh the lock`);
  }
  return [...used].sort();
}

/** Pinning findings are warnings, or errors (keeping their id) in frozen mode. */
function reporter(settings: PinningSettings, d: Diagnostics): (id: WarningId, path: string, message: string) => void {
  return settings.frozen ? (id, path, message) => d.error(path, message, id) : (id, path, message) => d.warning(id, path, message);
}
