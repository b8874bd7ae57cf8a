import { shellWord } from '../make/shell-quote';
import type { Stage } from '../stage/stage';

/** Records what a preset found wrong with its input on the stage it built; validation reports it with the stage's path. @internal */
export function presetProblem(stage: Stage, message: string): void {
  stage._presetProblems.push(message);
}

/** Each value as one shell word (bare when safe, else single-quoted), joined by spaces. @internal */
export function shellWords(values: readonly string[]): string {
  return values.map(shellWord).join(' ');
}

/** Props as given, or an empty object when they are not an object (the caller reports that). @internal */
export function propsOf<T>(props: unknown): Partial<T> {
  return typeof props === 'object' && props !== null ? props as Partial<T> : {};
}
