import type { AstNode } from 'langium';

// A node kept by an incremental parse (parse/reparse.ts) may have new content below it: the declaration around
// an edited project is the same object with other numbers in it. What is remembered per node and depends on the
// node's content (budget analyses of a whole table) is remembered with the node's revision.

const revisions = new WeakMap<AstNode, number>();

/** How many times content below `node` was replaced in place; 0 for a node from a full parse. */
export function revisionOf(node: AstNode): number {
    return revisions.get(node) ?? 0;
}

/** `node` and every node above it now hold replaced content. */
export function markChanged(node: AstNode | undefined): void {
    for (let n = node; n; n = n.$container) revisions.set(n, revisionOf(n) + 1);
}

/** A per-node memo that recomputes once the node's content was replaced in place. */
export function memoByRevision<N extends AstNode, V>(compute: (node: N) => V): (node: N) => V {
    const memo = new WeakMap<N, { revision: number; value: V }>();
    return node => {
        const revision = revisionOf(node);
        const entry = memo.get(node);
        if (entry && entry.revision === revision) return entry.value;
        const value = compute(node);
        memo.set(node, { revision, value });
        return value;
    };
}
