import type { MakeSettings } from './make-settings';
import type { PipelineIndex } from './pipeline-index';
import type { Diagnostics } from '../core/diagnostics';
import { unsafeTextReason } from '../core/names';
import { describe } from '../core/untyped';

/** An absolute container path that is one `-v src:dst` part: no `:`/`,`, no `..`, nothing the shell or make reads. */
const WORKDIR = /^\/(?:[A-Za-z0-9._-]+\/?)*$/;

/** The most words a command may have, and the longest word (a recipe line stays readable and under system limits). */
const MAX_WORDS = 200;
const MAX_WORD_LENGTH = 4096;

/**
 * Checks the user targets of `ContainersProps.make` beyond their names (validate-names.ts): every command is a
 * non-empty argument vector of one-line words, a target does something, its description is one line of prose, its
 * image belongs to this pipeline and its workdir is a plain absolute path.
 * @internal
 */
export function validateMakeTargets(d: Diagnostics, index: PipelineIndex, make: MakeSettings, path: string): void {
  for (const user of make.targets) {
    const what = user.what;
    if (user.commands.length === 0 && user.prerequisites.length === 0) {
      d.error(path, `${what} has no commands and no prerequisites, so it would do nothing; give it commands or prerequisites`);
    }
    user.commands.forEach((argv, i) => {
      if (argv.length === 0) d.error(path, `${what}.commands[${i}] is empty; give the command and its arguments, e.g. ['make', 'generate']`);
      if (argv.length > MAX_WORDS) d.error(path, `${what}.commands[${i}] has ${argv.length} words; keep it under ${MAX_WORDS}`);
      argv.forEach((word, j) => {
        if (/[\r\n\0]/.test(word)) d.error(path, `${what}.commands[${i}][${j}] ${describe(word)} contains a line break or NUL, which no recipe line or argument can hold`);
        if (word.length > MAX_WORD_LENGTH) d.error(path, `${what}.commands[${i}][${j}] is ${word.length} characters long; keep it under ${MAX_WORD_LENGTH}`);
      });
    });
    if (user.description !== undefined) {
      const reason = unsafeTextReason(user.description);
      if (reason) d.error(path, `${what}.description ${reason}`);
      else if (/[\x00-\x1f\x7f]/.test(user.description)) d.error(path, `${what}.description contains a control character; use plain one-line text`);
      if (user.description.trim() === '') d.error(path, `${what}.description must not be blank; leave it out instead`);
      if (user.description.length > 200) d.error(path, `${what}.description is ${user.description.length} characters long; keep it under 200`);
    }
    if (user.image !== undefined && !index.images.includes(user.image)) {
      d.error(path, `${what}.image is ${user.image.node.path}, which is not an image of this pipeline`);
    }
    if (!WORKDIR.test(user.workdir) || user.workdir.split('/').includes('..') || user.workdir.length > 255) {
      d.error(path, `${what}.workdir ${describe(user.workdir)} must be an absolute path of letters, digits, ".", "_", "-" and "/" (no "..", ":" or ",")`);
    }
  }
}
