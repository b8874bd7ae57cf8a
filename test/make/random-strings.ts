/** Characters that mean something to make or the shell, plus ordinary ones. */
const ALPHABET = ['$', '$(', '#', '\'', '"', ';', '\\', ' ', '(', ')', ',', '`', '|', '&', '<', '>', '*', '?', '~', '{', '}',
  '=', ':', '%', '!', 'a', 'B', '1', '.', '-', '/', 'é', '$(id)', '${HOME}', '$$', '\\#', 'echo PWNED', '$(shell touch PWNED)'];

/**
 * Deterministic pseudo-random strings (seeded Park-Miller generator) built from {@link ALPHABET}, adjusted to be valid make
 * literals: no leading or trailing whitespace, no trailing backslash, never empty.
 */
export function randomStrings(count: number, seed: number): string[] {
  // Park-Miller minimal standard generator: deterministic across platforms and runs.
  let state = (seed % 2147483646) + 1;
  const next = (): number => {
    state = (state * 48271) % 2147483647;
    return state;
  };
  const values: string[] = [];
  for (let i = 0; i < count; i++) {
    let value = '';
    const length = 1 + (next() % 12);
    for (let j = 0; j < length; j++) {
      value += ALPHABET[next() % ALPHABET.length];
    }
    if (/^\s/.test(value)) value = 'x' + value;
    if (/\s$|\\$/.test(value)) value = value + 'x';
    values.push(value);
  }
  return values;
}
