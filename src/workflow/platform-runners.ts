import { NATIVE_RUNNERS, RUNNER_LABELS } from './runner-labels';
import type { Diagnostics } from '../core/diagnostics';
import { describe } from '../core/untyped';
import type { PlannedWorkflow } from '../plan/build-plan';

/** `os/arch[/variant]`, as validation accepts platforms. */
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;

/**
 * Reads a `platformRunners` option (platform → runner label) from untyped input: an object of string values whose
 * keys are `os/arch[/variant]` and whose values are runner labels (`RUNNER_LABELS`). Problems go to `d` at `path`.
 * @internal
 */
export function readPlatformRunners(d: Diagnostics, path: string, what: string, raw: unknown): Record<string, string> | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    d.error(path, `${what} must be an object mapping platforms to runner labels, e.g. { 'linux/arm64': 'ubuntu-24.04-arm' }, got ${describe(raw)}`);
    return undefined;
  }
  const result: Record<string, string> = {};
  for (const [platform, label] of Object.entries(raw as Record<string, unknown>)) {
    if (!PLATFORM.test(platform)) {
      d.error(path, `${what} key ${JSON.stringify(platform)} is not a platform, expected os/arch[/variant] such as linux/arm64`);
      continue;
    }
    if (typeof label !== 'string' || !RUNNER_LABELS.includes(label)) {
      d.error(path, `${what}[${JSON.stringify(platform)}] ${describe(label)} must be a GitHub-hosted Linux runner label or "self-hosted": one of ${RUNNER_LABELS.join(', ')}`);
      continue;
    }
    result[platform] = label;
  }
  return result;
}

/** Where one platform of a fanned-out workflow builds. @internal */
export interface PlatformRunner {
  readonly label: string;
  /** No native runner: the job emulates the platform with QEMU. */
  readonly emulated: boolean;
}

/**
 * The runner of a platform: the workflow's `platformRunners` entry, else {@link NATIVE_RUNNERS}, else the workflow's
 * `runsOn` with QEMU.
 * @internal
 */
export function runnerOf(wf: PlannedWorkflow, platform: string): PlatformRunner {
  const chosen = wf.platformRunners[platform] ?? NATIVE_RUNNERS[platform];
  return chosen === undefined ? { label: wf.runsOn, emulated: true } : { label: chosen, emulated: false };
}
