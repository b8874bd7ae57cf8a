import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { addLineComments, LineComment } from '../../src/workflow/line-comments';

const COMMENTS: LineComment[] = [
  { key: 'uses', value: 'a/b@0123', comment: 'v1.2.3' },
  { key: 'packages', value: 'write', comment: 'push images' },
];

describe('addLineComments', () => {
  test('comments matching mapping entries and sequence items, whatever the indentation', () => {
    const yaml = ['steps:', '  - uses: a/b@0123', '  - name: x', '    uses: a/b@0123', 'permissions:', '  packages: write', ''].join('\n');
    expect(addLineComments(yaml, COMMENTS)).toBe(
      ['steps:', '  - uses: a/b@0123 # v1.2.3', '  - name: x', '    uses: a/b@0123 # v1.2.3', 'permissions:', '  packages: write # push images', ''].join('\n'),
    );
  });

  test('only whole-line matches: other values, quoted values, prefixes and suffixes are left alone', () => {
    const yaml = ['uses: a/b@01234', 'uses: "a/b@0123"', 'xuses: a/b@0123', 'packages: read', 'uses: a/b@0123 # v0'].join('\n');
    expect(addLineComments(yaml, COMMENTS)).toBe(yaml);
  });

  test('lines inside block scalars are never touched', () => {
    const yaml = [
      'steps:',
      '  - run: |',
      '      uses: a/b@0123',
      '',
      '      packages: write',
      '    uses: a/b@0123',
      '  - run: >-',
      '      uses: a/b@0123',
      '  - uses: a/b@0123',
    ].join('\n');
    const out = addLineComments(yaml, COMMENTS);
    expect(out.split('\n')).toEqual([
      'steps:',
      '  - run: |',
      '      uses: a/b@0123',
      '',
      '      packages: write',
      '    uses: a/b@0123 # v1.2.3',
      '  - run: >-',
      '      uses: a/b@0123',
      '  - uses: a/b@0123 # v1.2.3',
    ]);
    expect(parse(out)).toEqual(parse(yaml));
  });

  test('multi-line comments are rejected', () => {
    expect(() => addLineComments('uses: a/b@0123', [{ key: 'uses', value: 'a/b@0123', comment: 'v1\nrun: x' }])).toThrow(
      /must be a single line/,
    );
  });
});
