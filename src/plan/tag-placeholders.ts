import { BUILD_FACT_VARIABLES } from './variables';

/** A built-in tag placeholder: the git fact behind it and what validation, the Makefile and the docs say of it. @internal */
export interface TagPlaceholder {
  /** `version` for `{version}`. */
  readonly name: string;
  /** The variable holding the fact (Makefile, bake, workflow). */
  readonly variable: string;
  /** The longest value the fact can take (the Makefile cuts longer values), for the worst-case tag length. */
  readonly maxLength: number;
  /** An example value (docs). */
  readonly example: string;
  /** When the example applies, as Markdown (docs). */
  readonly condition: string;
  /** What the value is, as plain text (docs). */
  readonly description: string;
}

/**
 * The one table of built-in tag placeholders; validation, the Makefile's tag expression and CONTAINERS.md read it.
 * @internal
 */
export const TAG_PLACEHOLDERS: readonly TagPlaceholder[] = [
  {
    name: 'version',
    variable: BUILD_FACT_VARIABLES.version,
    maxLength: 100,
    example: '1.2.3',
    condition: 'HEAD is tagged `v1.2.3`',
    description: 'the version from a v1.2.3-style git tag on HEAD, without the v',
  },
  {
    name: 'branch',
    variable: BUILD_FACT_VARIABLES.branch,
    maxLength: 100,
    example: 'main',
    condition: 'on branch `main`',
    description: "the branch, or a pull request's head branch, sanitised",
  },
  {
    name: 'sha',
    variable: BUILD_FACT_VARIABLES.sha,
    maxLength: 7,
    example: 'abc1234',
    condition: 'at commit `abc1234`',
    description: 'the 7-character commit',
  },
  {
    name: 'pr',
    variable: BUILD_FACT_VARIABLES.pr,
    maxLength: 10,
    example: '42',
    condition: 'in pull request #42',
    description: 'the pull request number',
  },
];

/** The placeholder called `name`, if it is built in. @internal */
export function tagPlaceholder(name: string): TagPlaceholder | undefined {
  return TAG_PLACEHOLDERS.find((p) => p.name === name);
}
