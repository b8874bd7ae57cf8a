import type { Project } from 'projen';
import { shellWord } from '../make/shell-quote';
import type { PlannedPins } from '../plan/build-plan';

/** Name of the projen task that pins the pipeline's bases. @internal */
export const PIN_TASK = 'containers:pin';

/** The command the package ships (`bin` in package.json). @internal */
export const PIN_COMMAND = 'projen-containers-pin';

/**
 * Adds (or refreshes) the `containers:pin` task: resolve every unpinned base of the pipeline and checksum every `ADD`
 * URL into the lockfile, then synthesize again so the outputs use the new pins. Extra arguments (`--update`) reach the
 * command.
 * @internal
 */
export function addPinTask(project: Project, pins: PlannedPins): void {
  const existing = project.tasks.tryFind(PIN_TASK);
  if (existing) project.tasks.removeTask(PIN_TASK);
  const task = project.addTask(PIN_TASK, {
    description: pins.urls.length === 0
      ? `Resolve base image tags to digests into ${pins.lockFile} (--update re-resolves every tag)`
      : `Resolve base image tags to digests and ADD URLs to checksums into ${pins.lockFile} (--update re-resolves every one)`,
  });
  const urls = pins.urls.flatMap((url) => ['--url', shellWord(url)]);
  task.exec([PIN_COMMAND, '--lock', shellWord(pins.lockFile), ...urls, ...pins.references.map(shellWord)].join(' '), { receiveArgs: true });
  if (project.defaultTask) task.spawn(project.defaultTask);
}
