/**
 * Orders `nodes` so that every node comes after the nodes it depends on; ties are broken by the given order.
 * Returns the order, or the nodes of one cycle (in dependency order, first node repeated at the end).
 * @internal
 */
export function topologicalOrder(
  nodes: readonly string[],
  dependsOn: (node: string) => readonly string[],
): { order: string[] } | { cycle: string[] } {
  const known = new Set(nodes);
  const state = new Map<string, 'visiting' | 'done'>();
  const order: string[] = [];
  const stack: string[] = [];
  let cycle: string[] | undefined;

  const visit = (node: string): void => {
    if (cycle) return;
    const s = state.get(node);
    if (s === 'done') return;
    if (s === 'visiting') {
      cycle = [...stack.slice(stack.indexOf(node)), node];
      return;
    }
    state.set(node, 'visiting');
    stack.push(node);
    for (const dep of dependsOn(node)) {
      if (known.has(dep)) visit(dep);
      if (cycle) return;
    }
    stack.pop();
    state.set(node, 'done');
    order.push(node);
  };

  for (const node of nodes) {
    visit(node);
    if (cycle) return { cycle };
  }
  return { order };
}

/**
 * Compares strings by UTF-16 code unit, like `Array.prototype.sort()` without a comparator: unlike `localeCompare`,
 * the result does not depend on the process locale (`LANG`), so generated files sort the same everywhere.
 * @internal
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
