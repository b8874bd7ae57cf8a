import type { IResolver, YamlFile } from 'projen';

/**
 * A trailing comment for every YAML line that is exactly `<key>: <value>` (optionally as a sequence item `- `).
 *
 * Used for what reviewers and linters read in comments: the release of a SHA pin (`uses: a/b@<sha> # v1.2.3`, zizmor
 * `ref-version-mismatch`) and the reason for a write permission (`packages: write # push images`, zizmor
 * `undocumented-permissions`).
 * @internal
 */
export interface LineComment {
  readonly key: string;
  /** The plain (unquoted) scalar as the serializer writes it. */
  readonly value: string;
  /** Comment text without the leading `# `; a single line. */
  readonly comment: string;
}

/** `key: |` / `- key: >-` …: the start of a block scalar, whose content lines must never be touched. */
const BLOCK_SCALAR_START = /^(\s*(?:- )?)[^\s#'"][^:#]*:\s+[|>][1-9+-]{0,2}\s*$/;

/**
 * Appends ` # <comment>` to each line of `yaml` that is exactly `<indent>[- ]<key>: <value>`.
 *
 * Pure text pass over serializer output (projen's `YamlFile`, `lineWidth: 0`): whole-line matches only, so quoted,
 * folded or partial values never match, and lines inside block scalars (`run: |` bodies) are skipped. A comment after a
 * plain scalar is valid YAML and does not change the parsed document.
 * @internal
 */
export function addLineComments(yaml: string, comments: readonly LineComment[]): string {
  for (const c of comments) {
    if (/[\r\n]/.test(c.comment)) {
      throw new Error(`Line comment for "${c.key}: ${c.value}" must be a single line, got ${JSON.stringify(c.comment)}`);
    }
  }
  const byLine = new Map(comments.map((c) => [`${c.key}: ${c.value}`, c.comment]));
  let blockIndent: number | undefined;
  return yaml
    .split('\n')
    .map((line) => {
      const indent = line.length - line.trimStart().length;
      if (blockIndent !== undefined) {
        if (line.trim() === '' || indent > blockIndent) {
          return line;
        }
        blockIndent = undefined;
      }
      const block = BLOCK_SCALAR_START.exec(line);
      if (block) {
        // the column of the key: content lines are indented deeper, the key's siblings are not
        blockIndent = block[1].length;
        return line;
      }
      const entry = line.trimStart().replace(/^- /, '');
      const comment = byLine.get(entry);
      return comment === undefined ? line : `${line} # ${comment}`;
    })
    .join('\n');
}

/** The protected hook of projen's `FileBase` that produces the file text. */
interface ContentProducer {
  synthesizeContent(resolver: IResolver): string | undefined;
}

/**
 * Makes `file` write `comments` into its rendered YAML.
 *
 * projen's `YamlFile` stringifies plain JSON data, which cannot carry comments, and `GithubWorkflow` owns its file
 * (created in its constructor, readonly `file`). Instead of replacing that file (which would drop overrides users add
 * through `workflow.file.addOverride()`/`patch()` and break `tryFindFile`), we wrap the file's one rendering hook on
 * this instance: projen still resolves, merges overrides, applies patches, adds the marker and stringifies; we only
 * post-process the final text with {@link addLineComments}.
 * @internal
 */
export function commentYamlFile(file: YamlFile, comments: readonly LineComment[]): void {
  const producer = file as unknown as ContentProducer;
  const render = producer.synthesizeContent.bind(file);
  producer.synthesizeContent = (resolver: IResolver) => {
    const text = render(resolver);
    return text === undefined ? undefined : addLineComments(text, comments);
  };
}
