/** The agency tree: who oversees whom. Pure functions over a list of (id, parentId) pairs. */
export interface TreeNode {
  id: string;
  parentId: string | null;
}

/** All agencies overseen by `root` (its descendants), not including itself. */
export function overseenAgencies(nodes: readonly TreeNode[], root: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const n of nodes) {
    if (n.parentId === null) continue;
    const list = children.get(n.parentId) ?? [];
    list.push(n.id);
    children.set(n.parentId, list);
  }
  const out = new Set<string>();
  const stack = [...(children.get(root) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/** Moving `id` under `newParent` would make the tree a cycle (an agency overseeing itself). */
export function wouldCreateCycle(nodes: readonly TreeNode[], id: string, newParent: string | null): boolean {
  if (newParent === null) return false;
  return newParent === id || overseenAgencies(nodes, id).has(newParent);
}

