/** The tag template and date-format parsers, as tables. */
import { describe, expect, test } from 'vitest';
import { dateFormat, dateLength, GLOBAL_PLACEHOLDERS, parseTemplate, SEMVER_PLACEHOLDERS } from '../../src/tags/tag-template';

describe('dateFormat: moment.js tokens → strftime', () => {
  test.each([
    ['YYYYMMDD-HHmmss', '%Y%m%d-%H%M%S', 15],
    ['YYYY.MM.DD', '%Y.%m.%d', 10],
    ['YY_MM', '%y_%m', 5],
    ['YYYYMMDD[T]HHmm', '%Y%m%dT%H%M', 13],
    ['X', '%s', 12],
  ])('%s → %s (at most %i characters)', (format, strftime, length) => {
    expect(dateFormat(format)).toStrictEqual({ strftime });
    expect(dateLength(strftime)).toBe(length);
  });

  test.each(['', 'HH:mm', 'dddd', 'YYYY MM', '[a b]', '%Y', "YYYY'"])('%j is refused', (format) => {
    expect(dateFormat(format)).toHaveProperty('problem');
  });
});

describe('parseTemplate', () => {
  test('literal text, placeholders and dates in order', () => {
    expect(parseTemplate("v{{ date 'YYYY' }}-{{sha}}", GLOBAL_PLACEHOLDERS, true)).toStrictEqual({
      parts: [
        { kind: 'text', text: 'v' },
        { kind: 'date', source: 'run', format: '%Y' },
        { kind: 'text', text: '-' },
        { kind: 'fact', variable: 'GIT_SHA' },
      ],
    });
    expect(parseTemplate("{{commit_date 'MM'}}", GLOBAL_PLACEHOLDERS, true)).toStrictEqual({ parts: [{ kind: 'date', source: 'commit', format: '%m' }] });
    expect(parseTemplate('{{major}}.{{minor}}', SEMVER_PLACEHOLDERS, false)).toStrictEqual({
      parts: [{ kind: 'fact', variable: 'GIT_SEMVER_MAJOR' }, { kind: 'text', text: '.' }, { kind: 'fact', variable: 'GIT_SEMVER_MINOR' }],
    });
  });

  test.each([
    ['{{version}}', GLOBAL_PLACEHOLDERS, true, 'a semver placeholder outside a semver pattern'],
    ["{{date 'YYYY'}}", SEMVER_PLACEHOLDERS, false, 'a date in a semver pattern'],
    ['{{sha x}}', GLOBAL_PLACEHOLDERS, true, 'an argument where none is taken'],
    ['a{{', GLOBAL_PLACEHOLDERS, true, 'an unclosed placeholder'],
    ['a}}b', GLOBAL_PLACEHOLDERS, true, 'a stray closing brace'],
    ['a b', GLOBAL_PLACEHOLDERS, true, 'a space'],
    ['$(id)', GLOBAL_PLACEHOLDERS, true, 'make syntax'],
  ] as const)('%s is refused', (template, names, dates, _why) => {
    expect(parseTemplate(template, names, dates)).toHaveProperty('problem');
  });
});
