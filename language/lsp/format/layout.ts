import type { AstNode } from 'langium';
import { BUDGET_GROUPS } from '../../compile/table-fields.js';
import type * as ast from '../../generated/ast.js';
import { displayWidth, type Element } from './tokens.js';

// The layout of the samples, as a decision for the gap before each token:
// - 4 spaces per brace level; `{` ends its opening line, `}` stands alone; one member per line;
// - a block of amounts (基本信息, the 预算 groups, 合计, 资金) stays on one line when it fits, items two spaces apart;
//   direct amounts in 预算 share a line with the other cell of their table group;
// - within a line: single spaces, except that `：` and `；` stick to what they follow, and a value's parts stick
//   together (≥45场次, 90~95%, ≤2024-12-31, "名称"："文字").

export type GapKind = 'none' | 'space' | 'double' | 'line';

export interface Gap {
    readonly kind: GapKind;
    /** indentation level of the token after a line break (also when a comment forces one) */
    readonly indent: number;
    /** indentation level of a comment standing on its own line in this gap */
    readonly commentIndent: number;
}

export const INDENT_WIDTH = 4;
/** Widest line (in editor columns, CJK counting two) a block of amounts may take on one line. */
export const MAX_WIDTH = 100;

const OPERATORS = new Set(['≥', '>=', '≧', '＞＝', '≤', '<=', '≦', '＜＝', '>', '＞', '<', '＜', '=', '＝']);
const UNITS = new Set(['UNIT', '%', '％']);

function inlineKind(prev: Element, cur: Element): GapKind {
    if (cur.type === 'COLON' || cur.type === 'SEPARATOR' || prev.type === 'COLON') return 'none';
    if (OPERATORS.has(prev.type) || prev.type === 'RANGE_SEP' || cur.type === 'RANGE_SEP') return 'none';
    if (prev.type === 'NUMBER' && UNITS.has(cur.type)) return 'none';
    return 'space';
}

const budgetGroupOf = new Map(BUDGET_GROUPS.flatMap((g, index) => g.cells.flatMap(c => c.labels.map(label => [label, index] as const))));

/** Lays out whole declarations; `gaps[i]` is the gap before significant token `i` (undefined: not laid out). */
export class Layout {
    readonly gaps: Array<Gap | undefined>;
    /** comments standing before token i */
    private readonly commentsBefore: number[];

    constructor(readonly tokens: readonly Element[], elements: readonly Element[]) {
        this.gaps = new Array(tokens.length).fill(undefined);
        this.commentsBefore = [];
        let comments = 0;
        for (const e of elements) {
            if (e.comment) comments++;
            else this.commentsBefore.push(comments);
        }
    }

    /** First and last significant token of a node. */
    span(node: AstNode): [number, number] {
        const cst = node.$cstNode;
        if (!cst) throw new Error(`${node.$type} without text`);
        const first = this.firstAtOrAfter(cst.offset);
        const last = this.firstAtOrAfter(cst.end) - 1;
        if (first > last || this.tokens[last]!.end > cst.end) throw new Error(`${node.$type} without tokens`);
        return [first, last];
    }

    private firstAtOrAfter(offset: number): number {
        let lo = 0;
        let hi = this.tokens.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (this.tokens[mid]!.offset < offset) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private hasComments(from: number, to: number): boolean {
        return this.commentsBefore[to]! > this.commentsBefore[from]!;
    }

    private set(index: number, kind: GapKind, indent: number, commentIndent = indent): void {
        this.gaps[index] = { kind, indent, commentIndent };
    }

    private line(index: number, depth: number): void {
        this.set(index, 'line', depth);
    }

    /** Tokens from..to on one line of a member at `depth`. */
    private inline(from: number, to: number, depth: number): void {
        for (let i = from + 1; i <= to; i++) this.set(i, inlineKind(this.tokens[i - 1]!, this.tokens[i]!), depth + 1);
    }

    /** Editor columns of tokens from..to as laid out, starting at `depth`; Infinity if it spans lines. */
    private width(from: number, to: number, depth: number): number {
        let text = this.tokens[from]!.image;
        for (let i = from + 1; i <= to; i++) {
            const gap = this.gaps[i]!;
            if (gap.kind === 'line') return Infinity;
            text += (gap.kind === 'none' ? '' : gap.kind === 'double' ? '  ' : ' ') + this.tokens[i]!.image;
        }
        return /[\r\n]/.test(text) ? Infinity : depth * INDENT_WIDTH + displayWidth(text);
    }

    private open(from: number, to: number): number {
        for (let i = from; i <= to; i++) if (this.tokens[i]!.type === 'LBRACE') return i;
        throw new Error('block without {');
    }

    /** A declaration at the top level: its first token starts a line. */
    declaration(node: ast.Declaration): void {
        const [first] = this.span(node);
        this.line(first, 0);
        this.block(node, node.members, 0);
    }

    /** `head {` members one per line `}`; `head { }` when empty. */
    private block(node: AstNode, members: readonly AstNode[], depth: number): number {
        const [first, last] = this.span(node);
        const open = this.open(first, last);
        this.inline(first, open - 1, depth);
        this.set(open, 'space', depth + 1);
        if (this.tokens[last]!.type !== 'RBRACE') throw new Error('block without }');
        if (members.length === 0) {
            this.set(last, 'space', depth, depth + 1);
        } else {
            for (const member of members) {
                this.line(this.span(member)[0], depth + 1);
                this.member(member, depth + 1);
            }
            this.set(last, 'line', depth, depth + 1);
        }
        return open;
    }

    private member(node: AstNode, depth: number): void {
        switch (node.$type) {
            case 'BasicInfo': case 'BudgetGroup': case 'Total': case 'Funds':
                return this.amountBlock(node as ast.BasicInfo | ast.BudgetGroup | ast.Total | ast.Funds, depth);
            case 'Budget': return this.budget(node as ast.Budget, depth);
            case 'Task': case 'SpendingUnit': case 'Project':
                this.block(node, (node as ast.Task | ast.SpendingUnit | ast.Project).members, depth);
                return;
            case 'IndicatorTree': this.block(node, (node as ast.IndicatorTree).groups, depth); return;
            case 'Level1Group': this.block(node, (node as ast.Level1Group).blocks, depth); return;
            case 'Level2Block': this.block(node, (node as ast.Level2Block).indicators, depth); return;
            default: {
                const [first, last] = this.span(node);
                this.inline(first, last, depth);
            }
        }
    }

    /** `资金 { 总计 1.00  财政拨款 1.00 }` when it fits and holds no comment, else one item per line. */
    private amountBlock(node: ast.BasicInfo | ast.BudgetGroup | ast.Total | ast.Funds, depth: number): void {
        const open = this.block(node, node.items, depth);
        const [first, last] = this.span(node);
        if (node.items.length === 0) return;
        this.items(node.items, depth + 1, 'space');
        this.set(last, 'space', depth, depth + 1);
        if (this.hasComments(open, last) || this.width(first, last, depth) > MAX_WIDTH) {
            this.block(node, node.items, depth);
        }
    }

    /** Items side by side, two spaces apart; the first one's gap is `firstKind`. */
    private items(items: readonly ast.AmountItem[], depth: number, firstKind: GapKind): void {
        items.forEach((item, index) => {
            const [first, last] = this.span(item);
            this.set(first, index === 0 ? firstKind : 'double', depth);
            this.inline(first, last, depth);
        });
    }

    /** 预算: its groups one per line; amounts written directly in it, a line per table group. */
    private budget(node: ast.Budget, depth: number): void {
        this.block(node, node.entries, depth);
        let run: ast.AmountItem[] = [];
        const flush = () => {
            if (run.length === 0) return;
            const from = this.span(run[0]!)[0];
            const to = this.span(run[run.length - 1]!)[1];
            this.items(run, depth + 1, 'line');
            if (this.hasComments(from, to) || this.width(from, to, depth + 1) > MAX_WIDTH) {
                for (const item of run) this.line(this.span(item)[0], depth + 1);
            }
            run = [];
        };
        for (const entry of node.entries) {
            if (entry.$type === 'BudgetGroup') {
                flush();
            } else {
                const previous = run[run.length - 1];
                if (previous && budgetGroupOf.get(previous.key) !== budgetGroupOf.get(entry.key)) flush();
                run.push(entry);
            }
        }
        flush();
    }
}
