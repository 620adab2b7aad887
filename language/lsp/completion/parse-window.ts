// What the completion parser reads to find the grammar elements that may follow the cursor. Langium parses the
// text from the start of the file to the cursor on every request (≈ 10 ms for 2,000 indicators, linear in the file).
// The same elements come from a much shorter text: the opening of each block around the cursor (`项目支出 "…" 年度
// 2024 {`, `单位 "…" {`, `项目 "…" {`, `绩效指标 {`, `产出指标 {`), then the innermost block's own text up to the
// cursor (in a 二级 block, from the cursor's 三级 on: see `innermost`). The blocks' earlier members are left out:
// each is finished before the next begins, and the parser stands in the same place in its parent after any of them.
// The parser runs through the same rules as from the file's start (a parse started at an inner rule would not: error
// recovery looks at what the outer rules accept), so broken text in the innermost block is recovered from alike.
// Where the document's parse found an error before that block inside its declaration, the parser reads the
// declaration from its start up to the cursor. Only errors before the declaration (text between declarations that
// is not jxmb: a megabyte pasted in) make no difference: the parse had skipped that text and started the declaration
// afresh at its keyword, as a parse of the declaration alone does. Lexing and parsing that text again took seconds
// and ≈ 300 MB a megabyte on every request.
import { CstUtils, isCompositeCstNode, isLeafCstNode, type AstNode, type CstNode, type LangiumDocument, type LeafCstNode } from 'langium';
import { isLevel2Block } from '../../generated/ast.js';
import { MAX_REPETITION_RECOVERIES } from '../../parse/recovery-depth.js';
import { isRecoveredInRule } from '../../parse/rule-recoveries.js';

/** Blocks written `keyword … { members }`: their opening ends with the brace, their members follow one another. */
const BLOCKS: ReadonlySet<string> = new Set([
    'DepartmentDeclaration', 'ProjectDeclaration', 'BasicInfo', 'Budget', 'BudgetGroup', 'Task', 'Total', 'SpendingUnit',
    'Project', 'Funds', 'IndicatorTree', 'Level1Group', 'Level2Block'
]);

/** The document's syntax tree when it was parsed from exactly `text` (a request may come before the new parse). */
export function rootFor(document: LangiumDocument, text: string): CstNode | undefined {
    const root = document.parseResult?.value?.$cstNode;
    return root && root.root.fullText === text ? root : undefined;
}

/**
 * A text that the completion parser reads like `text.slice(0, offset)`, short where the cursor is inside a block;
 * undefined where it could read differently (then the whole prefix is parsed).
 */
export function parserInput(document: LangiumDocument, text: string, offset: number): string | undefined {
    const root = rootFor(document, text);
    const last = root && offset > 0 ? lastTokenBefore(root, offset) : undefined;
    let block: AstNode | undefined = last?.astNode;
    while (block && !BLOCKS.has(block.$type)) block = block.$container;
    const start = block?.$cstNode?.offset;
    if (!block || start === undefined) return undefined;
    const declaration = declarationOf(block);
    const from = declaration.$cstNode?.offset;
    if (from === undefined) return undefined;
    if (hasErrorIn(document, 0, from) && !recoveredAlike(document, offset)) return undefined;
    if (hasErrorIn(document, from, start)) return text.slice(from, offset);
    const openings: string[] = [];
    for (let outer = block.$container; outer && outer.$container; outer = outer.$container) {
        const opening = BLOCKS.has(outer.$type) ? openingOf(outer, text) : undefined;
        if (opening === undefined) return undefined;
        openings.unshift(opening);
    }
    return [...openings, ...innermost(document, text, block, last!, offset)].join('\n');
}

/**
 * The innermost block's text up to the cursor. In a 二级 block the 三级 before the cursor's are left out too (a list
 * of 32,000 rows was parsed on every request, for seconds where the rows had syntax errors): each row is finished
 * before the next begins, and after one the parser stands where it stands after the opening brace, provided each
 * earlier error was recovered from inside its row (rule-recoveries.ts). An error at the list's level makes the parser
 * read the rows after it one recovery deeper, and the depth is bounded, so the block is then read from its start.
 */
function innermost(document: LangiumDocument, text: string, block: AstNode, last: LeafCstNode, offset: number): string[] {
    const start = block.$cstNode!.offset;
    const whole = [text.slice(start, offset)];
    if (!isLevel2Block(block)) return whole;
    let member: AstNode | undefined = last.astNode;
    while (member && member.$container !== block) member = member.$container;
    const from = member?.$cstNode?.offset;
    const opening = openingOf(block, text);
    if (from === undefined || opening === undefined || from < start + opening.length) return whole;
    const { lexerErrors, parserErrors, lexerReport } = document.parseResult;
    const within = (at: number) => start <= at && at < from;
    if (lexerErrors.some(e => within(e.offset)) || (lexerReport?.diagnostics ?? []).some(d => d.offset !== undefined && within(d.offset))
        || parserErrors.some(e => within(e.token.startOffset) && !isRecoveredInRule(e))) return whole;
    return [opening, text.slice(from, offset)];
}

/** The last token (not a comment) that starts before `offset`: the cursor's block holds it. */
function lastTokenBefore(root: CstNode, offset: number): LeafCstNode | undefined {
    let leaf = CstUtils.findLeafNodeBeforeOffset(root, offset - 1);
    while (leaf && (leaf.hidden || leaf.offset >= offset)) {
        const previous = CstUtils.getPreviousNode(leaf, false);
        leaf = previous && lastLeaf(previous);
    }
    return leaf;
}

/** The last token of a node's text, comments and spaces left out. */
export function lastLeaf(node: CstNode): LeafCstNode | undefined {
    if (isLeafCstNode(node)) return node;
    if (!isCompositeCstNode(node)) return undefined;
    for (let i = node.content.length - 1; i >= 0; i--) {
        const child = node.content[i]!;
        const leaf = child.hidden ? undefined : lastLeaf(child);
        if (leaf) return leaf;
    }
    return undefined;
}

/** A block's text from its keyword to its opening brace, or undefined when the parse has no brace for it. */
function openingOf(block: AstNode, text: string): string | undefined {
    const cst = block.$cstNode;
    const brace = cst && openingBrace(cst, block);
    return brace ? text.slice(cst.offset, brace.end) : undefined;
}

function openingBrace(node: CstNode, block: AstNode): LeafCstNode | undefined {
    if (!isCompositeCstNode(node)) return undefined;
    for (const child of node.content) {
        if (isLeafCstNode(child)) {
            if (child.tokenType.name === 'LBRACE') return child;
            continue;
        }
        // Only the block's own nodes (its keyword's data type rule, a wrapping alternative) come before the brace.
        if (child.astNode !== block) return undefined;
        const brace = openingBrace(child, block);
        if (brace) return brace;
    }
    return undefined;
}

/** The declaration (部门整体 / 项目支出) that holds `node`: its container is the document. */
function declarationOf(node: AstNode): AstNode {
    while (node.$container?.$container) node = node.$container;
    return node;
}

/**
 * Whether the parse's error recoveries, up to `offset`, stay so few that their depth bound (recovery-depth.ts)
 * cannot make a parse from the file's start recover otherwise than one from a declaration's start: each recovery
 * nests one deeper and reports one error. A few more are left for the unfinished text at the cursor.
 */
function recoveredAlike(document: LangiumDocument, offset: number): boolean {
    let errors = 0;
    for (const error of document.parseResult.parserErrors) if (error.token.startOffset < offset || Number.isNaN(error.token.startOffset)) errors++;
    return errors + 10 < MAX_REPETITION_RECOVERIES;
}

/** Whether the document's lexer or parser reported an error in [from, to) (one at the end of the text has no offset). */
function hasErrorIn(document: LangiumDocument, from: number, to: number): boolean {
    const { lexerErrors, parserErrors, lexerReport } = document.parseResult;
    const within = (offset: number) => from <= offset && offset < to;
    return lexerErrors.some(e => within(e.offset))
        || (lexerReport?.diagnostics ?? []).some(d => d.offset !== undefined && within(d.offset))
        || parserErrors.some(e => within(e.token.startOffset));
}
