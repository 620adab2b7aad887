import { AstUtils, GrammarAST, isCompositeCstNode, isLeafCstNode, type AstNode, type CompositeCstNode, type CstNode, type LangiumParser, type LeafCstNode, type ParseResult } from 'langium';
import { contextOf, parseInContext } from './block-context.js';
import { markChanged } from './revisions.js';

// 增量解析: a keystroke in a 2,000-indicator file changes one block; parsing the 200 k characters again costs more
// than everything else the edit needs. The smallest block around the change that the parser can start at is
// parsed alone, inside the rules that enclose it (parse/block-context.ts), and put in place of the old one; the rest
// of the tree is kept and its positions moved. A line being typed is a syntax error at most keystrokes: the block
// may hold errors, before and after the edit, as long as none lies outside it. Whenever the result could differ
// from parsing the whole text (an error outside the block or at its first token, a token that goes on past the block
// in the whole text, an edit touching the block's first or last token, recovery reaching beyond the block), the
// caller parses the whole text as before.
// test/parse/reparse.test.ts compares the result with a full parse, tree, errors and diagnostics, for random edits
// and for lines typed a character at a time.

/** A token of the parser (Chevrotain's IToken). */
type IToken = ParseResult['parserErrors'][number]['token'];

/**
 * Blocks that can be parsed on their own: each starts with a keyword that alone decides it in its parent and ends
 * with its closing brace, so the same tokens give the same node wherever the parse starts.
 */
const UNITS: ReadonlySet<string> = new Set([
    'DepartmentDeclaration', 'ProjectDeclaration', 'SpendingUnit', 'Project', 'Task', 'IndicatorTree', 'Level1Group', 'Level2Block'
]);

/** Where two texts differ: [start, oldEnd) in the old text became [start, newEnd) in the new one. */
export interface TextChange {
    start: number;
    oldEnd: number;
    newEnd: number;
}

export function textChange(oldText: string, newText: string): TextChange | undefined {
    if (oldText === newText) return undefined;
    const shorter = Math.min(oldText.length, newText.length);
    let start = 0;
    while (start < shorter && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
    let oldEnd = oldText.length;
    let newEnd = newText.length;
    while (oldEnd > start && newEnd > start && oldText.charCodeAt(oldEnd - 1) === newText.charCodeAt(newEnd - 1)) {
        oldEnd--;
        newEnd--;
    }
    return { start, oldEnd, newEnd };
}

/**
 * Parses `newText` by re-parsing only the block around its difference from the text `previous` was parsed from.
 * Mutates and returns `previous`'s tree (unchanged nodes keep their identity), or undefined where only a full parse
 * gives the right result.
 */
export function reparse<T extends AstNode>(parser: LangiumParser, previous: ParseResult<T>, newText: string): ParseResult<T> | undefined {
    const root = previous.value;
    const rootCst = root.$cstNode;
    if (!rootCst || !isCompositeCstNode(rootCst) || !hasLayout(rootCst)) return undefined;
    if ((previous.lexerReport?.diagnostics.length ?? 0) > 0) return undefined;
    const change = textChange(rootCst.root.fullText, newText);
    if (!change) return undefined;
    const unit = smallestUnitAround(root, change);
    const cst = unit?.$cstNode;
    if (!unit || !cst || !isCompositeCstNode(cst)) return undefined;
    // The block must have ended with its own closing brace and hold every syntax error of the text: then the text
    // before it parses as before, and so does the text after it once the block's rule has returned.
    const own = ruleNodeOf(cst, unit.$type);
    const context = own && closesItself(own) ? contextOf(parser, own) : undefined;
    // An error at the block's first token may be its predecessor's (a missing closing brace found there).
    const opening = firstLeaf(cst);
    if (!context || !opening || !previous.parserErrors.every(error => within(error.token, opening.end, cst.end))) return undefined;
    if (!previous.lexerErrors.every(error => error.offset >= opening.end && error.offset + error.length < cst.end)) return undefined;

    const start = cst.offset;
    const delta = change.newEnd - change.oldEnd;
    const fragment = newText.substring(start, cst.end + delta);
    const result = parseInContext(parser, fragment, unit.$type, context);
    const fresh = result?.value.$cstNode;
    if (!result || (result.lexerReport?.diagnostics.length ?? 0) > 0) return undefined;
    // A character the block alone cannot lex (a quote or a /* without its end) may start a token in the whole text
    // that ends beyond the block: then the block's tokens are not the whole text's.
    if (result.lexerErrors.some(error => endsBeyond(parser, newText, start + error.offset, cst.end + delta))) return undefined;
    if (result.value.$type !== unit.$type || !fresh || !isCompositeCstNode(fresh) || fresh.offset !== 0 || fresh.end !== fragment.length) return undefined;
    // A token expected where the closing brace stands may be recovered by skipping the brace if the token after it is
    // the one expected (Chevrotain's single-token deletion), and the block alone has no token after it. A value or a
    // block missing before the brace (no alternative fits) is recovered without looking further.
    const closing = fragment.length - 1;
    if (!closesItself(fresh) || !result.parserErrors.every(error => within(error.token, 0, fragment.length)
        && !(error.token.startOffset === closing && error.name === 'MismatchedTokenException'))) return undefined;

    const oldLast = lastLeaf(cst);
    const first = firstLeaf(cst);
    if (!oldLast || !first) return undefined;
    const origin = first.range.start;
    const oldEndPosition = oldLast.range.end;
    for (const leaf of leavesOf(fresh)) moveLeaf(leaf, start, origin.line, 0, origin.character);
    const newLast = lastLeaf(fresh)!;
    const lineDelta = newLast.range.end.line - oldEndPosition.line;
    const columnDelta = newLast.range.end.character - oldEndPosition.character;

    // Everything after the block moves by the change; leaves on the block's last line move sideways too.
    const path = containersOf(cst);
    for (let i = path.length - 1; i >= 0; i--) {
        const node = path[i]!;
        resetRange(node);
        const next = i > 0 ? path[i - 1]! : cst;
        const index = node.content.indexOf(next);
        for (const sibling of node.content.slice(index + 1)) {
            for (const leaf of leavesOf(sibling)) moveLeaf(leaf, delta, lineDelta, oldEndPosition.line, columnDelta);
        }
    }

    // The block's CST node stays where it is in the tree (its grammar source is the parent's rule call); its
    // content is the new parse's.
    let target: CompositeCstNode = cst;
    for (;;) {
        resetRange(target);
        if (astNodeOf(target) === unit) setAstNode(target, result.value);
        const only = target.content.length === 1 ? target.content[0] : undefined;
        if (!isCompositeCstNode(only)) break;
        target = only;
    }
    const content = fresh.content;
    for (const child of content) (child as { container?: CompositeCstNode }).container = target;
    (target as unknown as { content: readonly CstNode[] }).content = content;
    setAstNode(cst, result.value);

    const replacement = result.value as AstNode & { $cstNode?: CstNode };
    replacement.$cstNode = cst;
    replaceInContainer(unit, replacement);
    markChanged(replacement.$container);
    (rootCst as unknown as { _text: string })._text = newText;
    moveErrors(result, start, origin.line, origin.character);
    return { value: root, lexerErrors: result.lexerErrors, parserErrors: result.parserErrors, lexerReport: previous.lexerReport };
}

/** Whether a token of the lexer matches `text` at `offset` and goes on past `end`. */
export function endsBeyond(parser: LangiumParser, text: string, offset: number, end: number): boolean {
    return stickyPatterns(parser).some(pattern => {
        pattern.lastIndex = offset;
        return pattern.test(text) && pattern.lastIndex > end;
    });
}

const patterns = new WeakMap<LangiumParser, RegExp[]>();
function stickyPatterns(parser: LangiumParser): RegExp[] {
    let list = patterns.get(parser);
    if (!list) {
        const definition = (parser as unknown as { lexer: { definition: Record<string, { PATTERN?: unknown }> } }).lexer.definition;
        list = Object.values(definition).flatMap(type => type.PATTERN instanceof RegExp ? [new RegExp(type.PATTERN.source, `${type.PATTERN.flags.replace(/[gy]/g, '')}y`)] : []);
        patterns.set(parser, list);
    }
    return list;
}

/** Whether `token` lies in [from, before) of the text: not the parser's end-of-input token. */
export function within(token: IToken, from: number, before: number): boolean {
    return Number.isFinite(token.startOffset) && token.startOffset >= from && (token.endOffset ?? token.startOffset) < before;
}

/** The node `type`'s rule made, at or below `cst` (an unassigned rule call wraps it in its caller's node). */
export function ruleNodeOf(cst: CompositeCstNode, type: string): CompositeCstNode | undefined {
    let node: CstNode = cst;
    for (;;) {
        const source = node.grammarSource;
        if (isCompositeCstNode(node) && GrammarAST.isRuleCall(source) && source.rule.ref?.name === type) return node;
        const only = isCompositeCstNode(node) && node.content.length === 1 ? node.content[0] : undefined;
        if (!only) return undefined;
        node = only;
    }
}

/** Whether the block's last token is its own closing brace, not one its recovery took from further on. */
export function closesItself(node: CompositeCstNode): boolean {
    const last = lastLeaf(node);
    const source = last?.grammarSource;
    return last?.container === node && GrammarAST.isRuleCall(source) && source.rule.ref?.name === 'RBRACE';
}

/** The innermost re-parsable block whose first and last tokens the change leaves alone. */
function smallestUnitAround(root: AstNode, change: TextChange): AstNode | undefined {
    let found: AstNode | undefined;
    let node: AstNode | undefined = root;
    while (node) {
        let next: AstNode | undefined;
        for (const child of AstUtils.streamContents(node)) {
            const cst = child.$cstNode;
            if (cst && cst.offset <= change.start && change.oldEnd <= cst.end) {
                next = child;
                break;
            }
        }
        if (next && UNITS.has(next.$type) && next.$cstNode && isCompositeCstNode(next.$cstNode)) {
            const first = firstLeaf(next.$cstNode);
            const last = lastLeaf(next.$cstNode);
            if (first && last && change.start >= first.end && change.oldEnd <= last.offset) found = next;
        }
        node = next;
    }
    return found;
}

function replaceInContainer(old: AstNode, replacement: AstNode): void {
    const container = old.$container as unknown as Record<string, unknown>;
    const property = old.$containerProperty!;
    const mutable = replacement as { $container?: AstNode; $containerProperty?: string; $containerIndex?: number };
    mutable.$container = old.$container;
    mutable.$containerProperty = property;
    if (old.$containerIndex !== undefined) {
        (container[property] as AstNode[])[old.$containerIndex] = replacement;
        mutable.$containerIndex = old.$containerIndex;
    } else {
        container[property] = replacement;
    }
}

// Langium 4's CST classes keep positions in fields; a newer Langium that stores them otherwise turns this off.
interface LeafFields { _offset: number; _startLine: number; _startColumn: number; _endLine: number; _endColumn: number }
interface CompositeFields { _rangeCache?: unknown; _astNode?: AstNode }

function hasLayout(rootCst: CompositeCstNode): boolean {
    const leaf = firstLeaf(rootCst);
    return leaf !== undefined && Object.hasOwn(leaf, '_offset') && Object.hasOwn(leaf, '_endColumn') && Object.hasOwn(rootCst, '_rangeCache')
        && Object.hasOwn(rootCst, '_text');
}

/**
 * Moves a leaf `offset` characters and `lines` lines on; a leaf starting or ending on `line` (before the move) also
 * moves `columns` characters sideways. Used for the fragment's leaves (line 0 is the block's first line) and for
 * the leaves after the block (its last line).
 */
function moveLeaf(leaf: LeafCstNode, offset: number, lines: number, line: number, columns: number): void {
    const f = leaf as unknown as LeafFields;
    f._offset += offset;
    if (f._startLine === line) f._startColumn += columns;
    if (f._endLine === line) f._endColumn += columns;
    f._startLine += lines;
    f._endLine += lines;
}

/** Moves the block's errors, found at the start of a text of its own, to where the block stands. */
function moveErrors(result: ParseResult, offset: number, lines: number, columns: number): void {
    // Chevrotain's lines and columns are 1-based.
    for (const error of result.lexerErrors) {
        if (error.line === 1 && error.column !== undefined) error.column += columns;
        if (error.line !== undefined) error.line += lines;
        error.offset += offset;
    }
    const moved = new Set<IToken>();
    for (const error of result.parserErrors) {
        for (const token of [error.token, (error as { previousToken?: IToken }).previousToken, ...error.resyncedTokens ?? []]) {
            if (!token || moved.has(token)) continue;
            moved.add(token);
            if (token.startLine === 1) token.startColumn = (token.startColumn ?? 0) + columns;
            if (token.endLine === 1) token.endColumn = (token.endColumn ?? 0) + columns;
            token.startOffset += offset;
            if (token.endOffset !== undefined) token.endOffset += offset;
            if (token.startLine !== undefined) token.startLine += lines;
            if (token.endLine !== undefined) token.endLine += lines;
        }
    }
}

function* leavesOf(node: CstNode): Generator<LeafCstNode> {
    if (isLeafCstNode(node)) {
        yield node;
        return;
    }
    if (!isCompositeCstNode(node)) return;
    resetRange(node);
    for (const child of node.content) yield* leavesOf(child);
}

function firstLeaf(node: CompositeCstNode): LeafCstNode | undefined {
    for (const child of node.content) {
        if (child.hidden) continue;
        if (isLeafCstNode(child)) return child;
        if (isCompositeCstNode(child)) {
            const leaf = firstLeaf(child);
            if (leaf) return leaf;
        }
    }
    return undefined;
}

function lastLeaf(node: CompositeCstNode): LeafCstNode | undefined {
    for (let i = node.content.length - 1; i >= 0; i--) {
        const child = node.content[i]!;
        if (child.hidden) continue;
        if (isLeafCstNode(child)) return child;
        if (isCompositeCstNode(child)) {
            const leaf = lastLeaf(child);
            if (leaf) return leaf;
        }
    }
    return undefined;
}

/** The CST nodes above `node`, nearest first, up to the root. */
function containersOf(node: CstNode): CompositeCstNode[] {
    const path: CompositeCstNode[] = [];
    for (let c = node.container; c; c = c.container) path.push(c);
    return path;
}

function resetRange(node: CompositeCstNode): void {
    (node as unknown as CompositeFields)._rangeCache = undefined;
}

function astNodeOf(node: CompositeCstNode): AstNode | undefined {
    return (node as unknown as CompositeFields)._astNode;
}

function setAstNode(node: CompositeCstNode, astNode: AstNode): void {
    (node as unknown as CompositeFields)._astNode = astNode;
}
