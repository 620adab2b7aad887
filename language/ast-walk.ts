import type { AstNode } from 'langium';
import type { JxmbAstType } from './generated/ast.js';

// The checks walk parts of the tree on every build. Langium's streams (streamAst, streamAllContents) do it through
// generic iterators, a closure and an Object.keys array per node; on a new server that machinery runs cold for each
// walk. These walks visit the same nodes in the same order (pre-order, properties in their order), directly.

/** Every node of the subtree from `root`, root first; where `enter` returns false, that node's content is skipped. */
export function walkAst(root: AstNode, enter: (node: AstNode) => boolean | void): void {
    if (enter(root) === false) return;
    for (const key in root) {
        if (key.charCodeAt(0) === 36 /* $ */) continue;
        const value = (root as unknown as Record<string, unknown>)[key];
        if (typeof value !== 'object' || value === null) continue;
        if (Array.isArray(value)) {
            for (const element of value) if (isNode(element)) walkAst(element, enter);
        } else if (isNode(value)) walkAst(value, enter);
    }
}

/** Whether a node below `root` (not `root` itself) is of `type`. */
export function containsType(root: AstNode, type: keyof JxmbAstType): boolean {
    let found = false;
    walkAst(root, node => {
        if (found) return false;
        if (node !== root && node.$type === type) found = true;
        return !found;
    });
    return found;
}

function isNode(value: unknown): value is AstNode {
    return typeof (value as AstNode).$type === 'string';
}

/**
 * The node itself or its nearest container of one of `types`, compared by `$type`: Langium's type guards ask its
 * reflection for subtypes at every step up, and the types asked for here have none.
 */
export function containerOf<K extends ContainerType>(node: AstNode | undefined, ...types: K[]): JxmbAstType[K] | undefined {
    for (let item = node; item; item = item.$container) {
        if ((types as string[]).includes(item.$type)) return item as JxmbAstType[K];
    }
    return undefined;
}

/** Node types that have no subtypes. */
type ContainerType = 'DepartmentDeclaration' | 'ProjectDeclaration' | 'Project' | 'Task' | 'IndicatorTree' | 'Level1Group' | 'Level2Block' | 'Indicator';
