/**
 * Hostile inputs for the property tests: strings built from the pieces that break generated files (line ends,
 * continuations, heredoc terminators, flags, shell and GitHub expressions, quotes, comments, unicode, path escapes),
 * plus untyped values a JavaScript caller could pass where a string is expected.
 */
import fc from 'fast-check';

/** Fragments that end, continue or reinterpret a line in one of the generated formats. */
export const HOSTILE_PIECES: readonly string[] = [
  '\n', '\r', '\r\n', '\t', '\0', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029',
  '\\', '\\ ', '\\\t', ' ', '  ', '\\\n', '\\\r\n',
  'EOF', 'EOF\r', '\nEOF\n', '\nEOF\r\n', 'EOT', '<<EOF', '<<-EOF',
  '--', '-', '--from=evil:1', '--security=insecure', '--mount=type=bind,source=/,target=/h', '--network=host', '-c',
  '$', '$$', '${X}', '$(id)', '${{', '${{ github.actor }}', '}}', '`id`', '$(shell id)', ';', '&&', '|', '&', '>', '<',
  '"', "'", '\\"', '#', '# ', '\n#', '\nUSER 0\n', '\nUSER root', '\nRUN id\n', '\n\tid\n',
  '%', ':', '=', ',', '*', '?', '[', ']', '{', '}', '{version}', '{branch}', '(', ')',
  '<!--', '-->', '<script>', '[x](http://e.x)', '|', '\n# heading\n', '```', '*', '_', '!',
  'é', '日本', '😀', '\u200b', '\u202e', '\ufeff',
  '..', '../', '../..', '/', '/abs', './', '~', '!',
];

/** Plain, usually valid text to mix the pieces into. */
const WORDS: readonly string[] = ['a', 'app', 'x1', 'ubuntu', '24.04', 'linux/amd64', 'ghcr.io/acme', 'main', 'echo hi', '0', '10001', 'v1', 'src'];

/** A string glued from hostile pieces and plain words (often short, sometimes empty). */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.constantFrom(...WORDS)), { minLength: 1, maxLength: 5 }).map((p) => p.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constant('') },
);

/**
 * Strings longer than BuildKit's 64 KiB line limit (kept out of `hostileString`: they do not shrink, and would hide
 * every other counterexample of a property; `long-strings.test.ts` feeds them to every slot).
 */
export const longString: fc.Arbitrary<string> = fc.tuple(fc.constantFrom(...WORDS), fc.integer({ min: 66_000, max: 70_000 }))
  .map(([w, n]) => w.repeat(Math.ceil(n / w.length)));

/** A valid-looking word with one hostile piece put before, inside or after it. */
export const taintedWord = (word: string): fc.Arbitrary<string> => fc.tuple(fc.constantFrom(...HOSTILE_PIECES), fc.constantFrom('before', 'after', 'middle'))
  .map(([piece, where]) => {
    if (where === 'before') return piece + word;
    if (where === 'after') return word + piece;
    const half = Math.floor(word.length / 2);
    return word.slice(0, half) + piece + word.slice(half);
  });

/**
 * Hostile strings, many built around `word` (so they get past shallow checks and reach the printers), and now and
 * then `word` itself (so a property combining several values still sees accepted pipelines).
 */
export const hostileAround = (word: string): fc.Arbitrary<string> => fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 3, arbitrary: taintedWord(word) },
  { weight: 1, arbitrary: fc.constant(word) },
);

/** Values of a wrong type where a string is expected. */
export const untypedValue: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  undefined, null, 0, 1, -1, 3.5, Number.NaN, Infinity, true, false, {}, [], ['a'], { toString: () => 'x' }, Symbol.for('x'), 10n,
);

/** `word` itself half of the time, else `arbitrary` (for records, so that some combinations are accepted). */
export const sometimes = <T>(word: T, arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T> => fc.oneof(fc.constant(word), arbitrary);

/** A hostile string or a wrong-typed value. */
export const anything = (word: string): fc.Arbitrary<unknown> => fc.oneof(
  { weight: 4, arbitrary: hostileAround(word) },
  { weight: 1, arbitrary: untypedValue },
);

/** Hostile numbers where a number is expected. */
export const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(Number.NaN, Infinity, -Infinity, -1, 0, 0.5, 2 ** 31, 2 ** 53, -0, '80', '1;id', null, undefined),
  fc.integer({ min: -10, max: 70_000 }),
);

/** A small list of hostile strings (sometimes with a wrong-typed element, sometimes not a list at all). */
export const hostileList = (word: string): fc.Arbitrary<unknown> => fc.oneof(
  { weight: 6, arbitrary: fc.array(hostileAround(word), { minLength: 0, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.array(anything(word), { minLength: 1, maxLength: 2 }) },
  { weight: 1, arbitrary: untypedValue },
);

/** fast-check parameters: a fixed seed per property (reproducible in CI), a bounded number of runs. */
export function runs(seed: number, numRuns = 100): fc.Parameters<unknown> {
  return { seed, numRuns, endOnFailure: false, verbose: 1 };
}
