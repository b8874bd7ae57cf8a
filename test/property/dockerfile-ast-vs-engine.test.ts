/**
 * Before the properties trust `readDockerfile` (dockerfile-ast behind a BuildKit line view), its reading of the tricky
 * cases is compared with what the real BuildKit engine builds from the same text: the final user, the labels, the
 * command and the number of history entries the stage added.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { buildKitWords, finalUser, readDockerfile } from './dockerfile-reading';
import { describeEngine, docker, TEST_BASE_IMAGE } from '../support/engine';

/** What the engine and the reader are compared on. */
interface Reading {
  readonly user: string;
  readonly labels: Record<string, string>;
  readonly cmd: string[] | null;
  /** History entries added on top of the base image. */
  readonly added: number;
  /**
   * The shell script of each RUN, in order (BuildKit's `/bin/sh -c <script>` history entry; `docker history` shows a
   * tab as a blank, so tabs are compared as blanks). A RUN with several heredocs is left out (null).
   */
  readonly runs: Array<string | null>;
}

const B = TEST_BASE_IMAGE;
/** [case, Dockerfile text]: each ends with instructions whose effect is visible in the image config. */
const CASES: ReadonlyArray<readonly [string, string]> = [
  ['trailing backslash + blank continues onto USER', `FROM ${B}\nRUN echo hi \\ \nUSER 4242\n`],
  ['trailing backslash + tab continues onto USER', `FROM ${B}\nRUN echo hi \\\t\nUSER 4242\n`],
  ['plain trailing backslash continues', `FROM ${B}\nRUN echo hi \\\nUSER 4242\n`],
  ['backslash, then an empty line, then USER', `FROM ${B}\nRUN echo hi \\\n\nUSER 4242\n`],
  ['backslash + blank inside a heredoc body is not a continuation', `FROM ${B}\nRUN <<"EOF"\necho a\\ \nEOF\nUSER 4242\n`],
  ['two heredocs on one RUN', `FROM ${B}\nRUN <<"A" sh -c 'cat >/dev/null' && true <<"B"\necho a\\\nA\necho b\nB\nLABEL a=1\n`],
  ['heredoc after a continued flag line', `FROM ${B}\nRUN --network=none \\\n    <<"EOF"\necho a \\\nEOF\nUSER 4242\n`],
  ['EOF\\r ends a quoted heredoc', `FROM ${B}\nRUN <<"EOF"\necho a\nEOF\r\nUSER 4242\n`],
  ['indented EOF does not end a heredoc', `FROM ${B}\nRUN <<"EOF"\necho a\n EOF\ntrue\nEOF\nUSER 4242\n`],
  ['tab-indented EOF does not end a <<"EOF" heredoc', `FROM ${B}\nRUN <<"EOF"\necho a\n\tEOF\ntrue\nEOF\nUSER 4242\n`],
  ['comment line inside a continuation is dropped', `FROM ${B}\nLABEL a=1 \\\n# USER 7\n  b=2\nUSER 4242\n`],
  ['# after text is not a comment', `FROM ${B}\nLABEL a="1 # x" b=2\n`],
  ['escaped quotes in exec form', `FROM ${B}\nCMD ["a\\"b", "c d", "\\\\"]\n`],
  ['escaped quote in a label value', `FROM ${B}\nLABEL a="x\\"y" b='p q'\n`],
  ['backslash before a blank mid-line is kept', `FROM ${B}\nRUN echo \\\tx > /dev/null\nUSER 4242\n`],
  ['continuation at the end of the file', `FROM ${B}\nRUN echo  b \\\n  c\\\t`],
  ['lone CR stays inside the line', `FROM ${B}\nRUN echo hi\rUSER 4242\nLABEL a=1\n`],
  ['CRLF line ends', `FROM ${B}\r\nLABEL a=1\r\nUSER 4242\r\n`],
  ['escape directive changes the continuation character', `# escape=\`\nFROM ${B}\nRUN echo hi \\\nUSER 4242\n`],
];

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Builds `text` on the engine and reads the image config and history. */
function engineReading(text: string): Reading {
  const dir = mkdtempSync(join(tmpdir(), 'pc-ast-engine-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'Dockerfile'), text);
  const iidfile = join(dir, 'iid');
  docker(['buildx', 'build', '--quiet', '--load', '--iidfile', iidfile, dir], { timeoutMs: 120_000 });
  const id = docker(['image', 'inspect', '--format', '{{.Id}}', B]).trim();
  const image = readFileSync(iidfile, 'utf8').trim();
  const config = JSON.parse(docker(['image', 'inspect', '--format', '{{json .Config}}', image])) as { User?: string; Labels?: Record<string, string> | null; Cmd?: string[] | null };
  const history = (from: string) => docker(['history', '--format', '{{.ID}}', from]).split('\n').filter((l) => l !== '').length;
  const added = history(image) - history(id);
  const createdBy = docker(['history', '--no-trunc', '--format', '{{json .CreatedBy}}', image]).split('\n').filter((l) => l !== '')
    .map((l) => JSON.parse(l) as string).slice(0, added).reverse();
  const runs: Array<string | null> = createdBy.filter((c) => c.startsWith('RUN /bin/sh -c '))
    .map((c) => c.slice('RUN /bin/sh -c '.length).replace(/ # buildkit$/, '').replace(/\t/g, ' '));
  docker(['image', 'rm', '--force', image]);
  return { user: config.User ?? '', labels: { ...(config.Labels ?? {}) }, cmd: config.Cmd ?? null, added, runs };
}

/** The same facts as read by `readDockerfile` (labels of the base image are inherited, so only new keys). */
function astReading(text: string, baseLabels: Record<string, string>, baseCmd: string[] | null): Reading {
  const stage = readDockerfile(text).stages[0];
  const labels: Record<string, string> = { ...baseLabels };
  let cmd = baseCmd;
  for (const i of stage.instructions) {
    if (i.keyword === 'LABEL') {
      for (const [k, v] of pairs(i.content)) labels[k] = v;
    }
    if (i.keyword === 'CMD') cmd = JSON.parse(i.content) as string[];
  }
  // a RUN that is one heredoc runs its body (plus the line end); a shell-form RUN runs its text as BuildKit joined it
  const runs = stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => {
    if (i.heredocBodies.length > 1) return null;
    return (i.heredocBodies.length === 1 && /^<<-?["']?EOF["']?$/.test(i.raw.split('\n')[0]) ? `${i.heredocBodies[0]}\n` : i.raw).replace(/\t/g, ' ');
  });
  return { user: finalUser(stage) ?? '', labels, cmd, added: stage.instructions.length, runs };
}

/** key=value pairs of a LABEL, unquoted with the shell rules BuildKit applies. */
function pairs(content: string): Array<[string, string]> {
  return buildKitWords(content).words.map((w) => {
    const eq = w.indexOf('=');
    return [w.slice(0, eq), w.slice(eq + 1)];
  });
}

describeEngine('dockerfile-ast (with the BuildKit line view) reads tricky Dockerfiles as BuildKit does', () => {
  test.each(CASES)('%s', (_name, text) => {
    const base = JSON.parse(docker(['image', 'inspect', '--format', '{{json .Config}}', B])) as { Labels?: Record<string, string> | null; Cmd?: string[] | null };
    const engine = engineReading(text);
    const ast = astReading(text, { ...(base.Labels ?? {}) }, base.Cmd ?? null);
    engine.runs.forEach((_r, i) => {
      if (ast.runs[i] === null) engine.runs[i] = null;
    });
    expect(ast).toStrictEqual(engine);
  });
});
