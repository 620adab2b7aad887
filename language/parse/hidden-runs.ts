// 长串注释: Langium's CST builder puts the hidden tokens (comments, blanks) before a token into the tree with one
// spread call (`push(...nodes)`, `splice(i, 0, ...nodes)`). Past ≈ 120,000 of them in a row (60,000 comment lines,
// 1.5 MB, within the 4 MB a .jxmb may have) the call exceeds V8's limit on arguments and the parse throws "Maximum call
// stack size exceeded": `jxmb check` said 内部错误 and the editor had no tree. Long runs are inserted without spreading.
import type { CompositeCstNode, CstNode } from 'langium';

interface Builder {
    appendChildren(parent: CompositeCstNode, children: CstNode[]): void;
    insertChildren(parent: CompositeCstNode, index: number, children: CstNode[]): void;
}
type Content = { content: CstNode[] };

/** Well below V8's limit on the arguments of one call (≈ 120,000 here). */
const SPREAD_LIMIT = 10_000;

export function acceptLongHiddenRuns<P extends object>(parser: P): P {
    const builder = (parser as { nodeBuilder?: Builder }).nodeBuilder;
    if (!builder) return parser;
    const adopt = (parent: CompositeCstNode, children: CstNode[]) => {
        for (const child of children) (child as { container?: CompositeCstNode }).container = parent;
    };
    // Langium's own way for the usual few nodes (a blank before a token: this runs for most tokens of a file).
    const { appendChildren, insertChildren } = builder;
    builder.appendChildren = function (parent, children) {
        if (children.length < SPREAD_LIMIT) return appendChildren.call(this, parent, children);
        adopt(parent, children);
        const content = (parent as unknown as Content).content;
        if (content.length === 0) (parent as unknown as Content).content = children.slice();
        else for (const child of children) content.push(child);
    };
    builder.insertChildren = function (parent, index, children) {
        if (children.length < SPREAD_LIMIT) return insertChildren.call(this, parent, index, children);
        adopt(parent, children);
        const content = (parent as unknown as Content).content;
        (parent as unknown as Content).content = content.slice(0, index).concat(children, content.slice(index));
    };
    return parser;
}
