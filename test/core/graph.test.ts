import { describe, expect, test } from 'vitest';
import { compareStrings, topologicalOrder } from '../../src/core/graph';

/** A dependency function from an adjacency table. */
function deps(table: Record<string, string[]>): (node: string) => string[] {
  return (node) => table[node] ?? [];
}

describe('topologicalOrder', () => {
  test.each<[string, string[], Record<string, string[]>, string[]]>([
    ['a chain, listed backwards', ['c', 'b', 'a'], { c: ['b'], b: ['a'] }, ['a', 'b', 'c']],
    ['independent nodes keep the given order', ['b', 'a', 'c'], {}, ['b', 'a', 'c']],
    ['a diamond visits dependencies in their listed order', ['d', 'b', 'c', 'a'], { d: ['c', 'b'], b: ['a'], c: ['a'] }, ['a', 'c', 'b', 'd']],
    ['a node listed before its dependency is moved after it', ['x', 'y'], { x: ['y'] }, ['y', 'x']],
    ['dependencies outside the node list are ignored', ['a', 'b'], { a: ['zzz'], b: ['a', 'outside'] }, ['a', 'b']],
    ['a duplicate dependency is emitted once', ['a', 'b'], { b: ['a', 'a'] }, ['a', 'b']],
    ['no nodes', [], {}, []],
  ])('%s', (_name, nodes, table, order) => {
    // WHEN ordered THEN every node follows its dependencies, ties keep the input order
    expect(topologicalOrder(nodes, deps(table))).toStrictEqual({ order });
  });

  test.each<[string, string[], Record<string, string[]>, string[]]>([
    ['two nodes', ['a', 'b'], { a: ['b'], b: ['a'] }, ['a', 'b', 'a']],
    ['a self-dependency', ['a'], { a: ['a'] }, ['a', 'a']],
    ['a cycle reached through a tail', ['x', 'a', 'b', 'c'], { x: ['a'], a: ['b'], b: ['c'], c: ['a'] }, ['a', 'b', 'c', 'a']],
    ['the first cycle found, not a later one', ['p', 'q', 'r', 's'], { p: ['q'], q: ['p'], r: ['s'], s: ['r'] }, ['p', 'q', 'p']],
  ])('reports the cycle of %s in dependency order, first node repeated', (_name, nodes, table, cycle) => {
    expect(topologicalOrder(nodes, deps(table))).toStrictEqual({ cycle });
  });
});

describe('compareStrings', () => {
  test('sorts by code unit, independent of the locale', () => {
    // GIVEN strings whose order differs between locales (Estonian sorts z before t) and ICU (ignores _ and .)
    const values = ['t', 'z', 'A_B', 'AB', 'a.b', 'a-b', 'Z', '_', 'ä', 's'];
    // WHEN sorted THEN the order is that of Array.prototype.sort() without a comparator
    expect([...values].sort(compareStrings)).toStrictEqual(['AB', 'A_B', 'Z', '_', 'a-b', 'a.b', 's', 't', 'z', 'ä']);
    expect([...values].sort(compareStrings)).toStrictEqual([...values].sort());
  });

  test.each([
    ['a', 'b', -1],
    ['b', 'a', 1],
    ['a', 'a', 0],
  ])('compareStrings(%j, %j) = %d', (a, b, expected) => {
    expect(compareStrings(a, b)).toBe(expected);
  });
});
