import { AstUtils, GrammarAST, isCompositeCstNode, isLeafCstNode, type AstNode, type CompositeCstNode, type LangiumParser, type ParseResult } from 'langium';
import { contextOf, parseInContext, type BlockContext } from './block-context.js';
import { MAX_REPETITION_RECOVERIES } from './recovery-depth.js';
import { closesItself, endsBeyond, ruleNodeOf, within } from './reparse.js';
import { isRecoveredInRule } from './rule-recoveries.js';

// 局部判断语法错误数的变化: how many syntax errors an edit adds to a text, found by parsing a few members of one list
// (the 三级 rows of a 二级 block, the 二级 blocks of a 一级, the 一级 of 绩效指标) instead of the whole text. A file of
// 8,000 broken rows costs ≈ 0.5 s a whole parse (a recovery per row); a quick-fix on one row should not.
//
// Why a part tells the whole: a list `关键字 { member* }` is read member after member, and before each one the parser
// stands in the same place: in the list's loop, with the same rules around it. The whole edited text is read as
// before up to the edited members, and read as before again from the first unedited member after them once the
// parser stands there in the loop. So the fragment parsed (inside the block's enclosing rules, block-context.ts) is
// the block's opening, the member before the edit (its end may depend on what follows it), the edited members, the
// next member (the sentinel: it must start a member of the list in the fragment, before and after the edit), and a
// closing brace (the block's own, or one put after the sentinel). The sentinel and that brace are read alike before
// and after the edit, so the difference of the two fragments' error counts is the whole text's.
// Not settled here, and left to a parse of the whole text: an error at a list's level makes the parser read the
// rest of the list one recovery deeper, and that depth is bounded (recovery-depth.ts), so where the bound could be
// reached the parse depends on how many came before; a token that would go on past the fragment, or one before it
// that the edit ends (a quote or 「/*」 that found no end before); recovery reaching past the fragment; an edit in no
// list. test/lsp/fix-syntax-local.test.ts compares the answers with whole parses for many texts and edits.

/** The list blocks and the property holding their members, each started by its own keyword or string. */
const LISTS: Readonly<Record<string, string>> = { IndicatorTree: 'groups', Level1Group: 'blocks', Level2Block: 'indicators' };

/** A fragment longer than this is not parsed here: a whole parse, counted by its caller, answers instead. */
const MAX_FRAGMENT = 50_000;

/** An edit of the old text: [start, end) replaced with newText. */
export interface OffsetEdit { start: number; end: number; newText: string }

/** What one list block's part is, in the old text. */
interface Region {
    block: AstNode;
    context: BlockContext;
    /** the block's text from its start to its opening brace's end, and where that ends */
    opening: string;
    openingEnd: number;
    /** where the part starts: a member's first token (after a blank) or the opening brace's end */
    from: number;
    /** where the fragment's text ends: after the block's own closing brace, or before the member after the sentinel */
    end: number;
    /** whether a closing brace is put after `end` */
    closeAfter: boolean;
    /** the sentinel's first token, if the part ends before a member rather than at the block's closing brace */
    sentinel: number | undefined;
}

/**
 * The number of syntax errors (lexer's and parser's) of the text after `edits` minus the number `result` has, when
 * a part of the text tells it exactly; undefined otherwise. `result` must be the parse of `text`.
 */
export function errorCountChange(parser: LangiumParser, result: ParseResult, text: string, edits: readonly OffsetEdit[]): number | undefined {
    const root = result.value;
    const rootCst = root?.$cstNode;
    if (!rootCst || rootCst.root.fullText !== text || (result.lexerReport?.diagnostics.length ?? 0) > 0) return undefined;
    // In the order an editor applies them: by start, insertions at one place in the order given.
    const sorted = [...edits].sort((a, b) => a.start - b.start);
    if (sorted.some((e, i) => e.start > e.end || e.end > text.length || (i > 0 && e.start < sorted[i - 1]!.end))) return undefined;
    const facts = factsOf(result);
    // Each edit may add list-level errors: where the bound is reached already, their depth decides the parse.
    if (facts.listLevel >= MAX_REPETITION_RECOVERIES) return undefined;

    // Edits whose parts touch are judged in one part.
    const groups: Array<{ edits: OffsetEdit[]; region: Region }> = [];
    for (const edit of sorted) {
        const last = groups.at(-1);
        if (last && edit.start <= last.region.end) {
            const region = regionAround(parser, result, facts, text, last.edits[0]!.start, edit.end);
            if (!region) return undefined;
            last.edits.push(edit);
            last.region = region;
        } else {
            const region = regionAround(parser, result, facts, text, edit.start, edit.end);
            if (!region) return undefined;
            groups.push({ edits: [edit], region });
        }
    }
    for (let i = 1; i < groups.length; i++) if (groups[i]!.region.from < (groups[i - 1]!.region.sentinel ?? groups[i - 1]!.region.end)) return undefined;

    if (!lexedAlike(parser, result, text, sorted, groups.map(g => g.region))) return undefined;

    let change = 0;
    let listLevelAdded = 0;
    let edited: string | undefined;
    const editedText = () => edited ??= applyEdits(text, sorted);
    let shift = 0;
    for (const { edits: own, region } of groups) {
        const before = readPart(parser, region, text, [], { text: () => text, shift: 0 });
        const after = before && readPart(parser, region, text, own, { text: editedText, shift });
        for (const e of own) shift += e.newText.length - (e.end - e.start);
        if (!before || !after) return undefined;
        change += after.errors - before.errors;
        listLevelAdded += after.listLevel;
    }
    // No list-level recovery may meet its depth bound, before or after the edit, in the whole text or a fragment.
    if (facts.listLevel + listLevelAdded >= MAX_REPETITION_RECOVERIES) return undefined;
    return change;
}

/**
 * Whether the text before each part is lexed as before the edits. Not always: a quote or 「/*」 that found no end
 * before (a lexing error) may find one in an edited part, and the string or comment then runs into it. Where no
 * token matched before, none may match after.
 */
function lexedAlike(parser: LangiumParser, result: ParseResult, text: string, edits: readonly OffsetEdit[], regions: readonly Region[]): boolean {
    const last = regions.at(-1)!.end;
    const before = result.lexerErrors.filter(e => e.offset < last);
    if (before.length === 0) return true;
    let edited: string | undefined;
    let checked = 0;
    for (const error of before) {
        for (let at = error.offset; at < error.offset + Math.max(1, error.length) && at < last; at++) {
            if (regions.some(r => r.from <= at && at < r.end)) continue;
            if (++checked > 2_000) return false;
            edited ??= applyEdits(text, edits);
            let moved = at;
            for (const e of edits) if (e.end <= at) moved += e.newText.length - (e.end - e.start);
            if (endsBeyond(parser, edited, moved, moved)) return false;
        }
    }
    return true;
}

function applyEdits(text: string, sorted: readonly OffsetEdit[]): string {
    let result = '';
    let at = 0;
    for (const e of sorted) {
        result += text.slice(at, e.start) + e.newText;
        at = e.end;
    }
    return result + text.slice(at);
}

/** What every edit asks of one parse: computed once per parse (a fix among 8,000 broken rows is asked for each row). */
interface ParseFacts {
    /** errors at a list's level */
    listLevel: number;
    /** where the errors start, in order */
    errorOffsets: number[];
    /** the first tokens of each list block's members */
    starts: WeakMap<AstNode, number[] | undefined>;
}

const factsOfParse = new WeakMap<ParseResult, ParseFacts>();

function factsOf(result: ParseResult): ParseFacts {
    let facts = factsOfParse.get(result);
    if (!facts) {
        const errorOffsets = [...result.parserErrors.map(e => e.token.startOffset), ...result.lexerErrors.map(e => e.offset)]
            .filter(Number.isFinite).sort((a, b) => a - b);
        facts = { listLevel: result.parserErrors.filter(e => !isRecoveredInRule(e)).length, errorOffsets, starts: new WeakMap() };
        factsOfParse.set(result, facts);
    }
    return facts;
}

/** Whether an error of the parse starts in [from, to). */
function hasErrorIn(facts: ParseFacts, from: number, to: number): boolean {
    const offsets = facts.errorOffsets;
    let low = 0;
    let high = offsets.length;
    while (low < high) {
        const middle = (low + high) >> 1;
        if (offsets[middle]! < from) low = middle + 1;
        else high = middle;
    }
    return low < offsets.length && offsets[low]! < to;
}

/** The first token of each member of a list block, in order; undefined where the tree has a member without one. */
function memberStarts(facts: ParseFacts, block: AstNode): number[] | undefined {
    if (facts.starts.has(block)) return facts.starts.get(block);
    const members = (block as unknown as Record<string, AstNode[] | undefined>)[LISTS[block.$type]!] ?? [];
    let starts: number[] | undefined = members.map(m => m.$cstNode?.offset ?? NaN);
    if (starts.some((s, i) => !Number.isFinite(s) || (i > 0 && s <= starts![i - 1]!))) starts = undefined;
    facts.starts.set(block, starts);
    return starts;
}

/** The part of the innermost list block around [start, end) that can be read alone, if any. */
function regionAround(parser: LangiumParser, result: ParseResult, facts: ParseFacts, text: string, start: number, end: number): Region | undefined {
    const blocks: AstNode[] = [];
    let node: AstNode | undefined = result.value;
    while (node) {
        let next: AstNode | undefined;
        const starts = LISTS[node.$type] ? memberStarts(facts, node) : undefined;
        // Among a list's members, the last that starts at or before the edit (a block may hold thousands).
        const candidates = starts ? [(node as unknown as Record<string, AstNode[]>)[LISTS[node.$type]!]![lastAtOrBefore(starts, start)]] : AstUtils.streamContents(node);
        for (const child of candidates) {
            const cst = child?.$cstNode;
            if (cst && cst.offset <= start && end <= cst.end) {
                next = child;
                break;
            }
        }
        if (next && LISTS[next.$type]) blocks.unshift(next);
        node = next;
    }
    for (const block of blocks) {
        const region = regionIn(parser, facts, text, block, start, end);
        if (region) return region;
    }
    return undefined;
}

function regionIn(parser: LangiumParser, facts: ParseFacts, text: string, block: AstNode, start: number, end: number): Region | undefined {
    const cst = block.$cstNode;
    const own = cst && isCompositeCstNode(cst) ? ruleNodeOf(cst, block.$type) : undefined;
    const context = own && contextOf(parser, own);
    const brace = own && openingBrace(own);
    if (!own || !context || !brace || start < brace.end) return undefined;
    // The opening read without an error (then the parser stands in the list after it as in the fragment).
    if (hasErrorIn(facts, own.offset, brace.end)) return undefined;
    const starts = memberStarts(facts, block);
    if (!starts) return undefined;
    const closing = closesItself(own) ? own.end - 1 : undefined;
    if (closing !== undefined && end > closing) return undefined;

    // The member before the edited ones: whether it ends where it ended may depend on what follows it.
    const edited = lastAtOrBefore(starts, start);
    let from = brace.end;
    for (let i = edited - 1; i >= 0; i--) {
        if (isBlank(text, starts[i]! - 1)) {
            from = starts[i]!;
            break;
        }
    }
    let sentinelIndex = lastAtOrBefore(starts, end - 1) + 1;
    if (sentinelIndex >= starts.length) sentinelIndex = -1;
    let sentinel: number | undefined;
    let fragmentEnd: number;
    let closeAfter = false;
    if (sentinelIndex < 0) {
        if (closing === undefined) return undefined;
        fragmentEnd = closing + 1;
    } else {
        sentinel = starts[sentinelIndex]!;
        const after = starts[sentinelIndex + 1];
        if (after !== undefined) {
            if (!isBlank(text, after - 1)) return undefined;
            fragmentEnd = after;
            closeAfter = true;
        } else if (closing !== undefined) {
            fragmentEnd = closing + 1;
        } else {
            return undefined;
        }
    }
    if (brace.end - own.offset + fragmentEnd - from > MAX_FRAGMENT) return undefined;
    return { block, context, opening: text.slice(own.offset, brace.end), openingEnd: brace.end, from, end: fragmentEnd, closeAfter, sentinel };
}

/** The index of the last of the ascending `values` that is at most `at`; -1 if none. */
function lastAtOrBefore(values: readonly number[], at: number): number {
    let low = 0;
    let high = values.length;
    while (low < high) {
        const middle = (low + high) >> 1;
        if (values[middle]! <= at) low = middle + 1;
        else high = middle;
    }
    return low - 1;
}

function isBlank(text: string, at: number): boolean {
    return at >= 0 && /\s/.test(text[at]!);
}

/** The block's opening brace: a leaf of its own rule. */
function openingBrace(node: CompositeCstNode): { end: number } | undefined {
    for (const child of node.content) {
        if (!isLeafCstNode(child)) continue;
        const source = child.grammarSource;
        if (GrammarAST.isRuleCall(source) && source.rule.ref?.name === 'LBRACE') return Number.isFinite(child.offset) ? { end: child.end } : undefined;
    }
    return undefined;
}

/** The errors of the region's fragment with `edits` applied (offsets of the old text), and how many were at a list's level. */
function readPart(parser: LangiumParser, region: Region, text: string, edits: readonly OffsetEdit[], whole: { text: () => string; shift: number }): { errors: number; listLevel: number } | undefined {
    let body = '';
    let at = region.from;
    let shift = 0;
    for (const edit of edits) {
        if (edit.start < region.from || edit.end > (region.sentinel ?? region.end)) return undefined;
        body += text.slice(at, edit.start) + edit.newText;
        shift += edit.newText.length - (edit.end - edit.start);
        at = edit.end;
    }
    body += text.slice(at, region.end);
    // A member's text follows the opening on a line of its own (the text before it was a blank too).
    const head = region.opening + (region.from === region.openingEnd ? '' : '\n');
    const fragment = head + body + (region.closeAfter ? '}' : '');
    const parsed = parseInContext(parser, fragment, region.block.$type, region.context);
    const fresh = parsed?.value.$cstNode;
    if (!parsed || (parsed.lexerReport?.diagnostics.length ?? 0) > 0 || parsed.value.$type !== region.block.$type
        || !fresh || !isCompositeCstNode(fresh) || fresh.offset !== 0 || fresh.end !== fragment.length || !closesItself(fresh)) return undefined;
    const closing = fragment.length - 1;
    if (!parsed.parserErrors.every(e => within(e.token, head.length, fragment.length)
        && !(e.token.startOffset === closing && e.name === 'MismatchedTokenException'))) return undefined;
    // The sentinel starts a member of the list: the parser stood in the list's loop there, as in the old text.
    if (region.sentinel !== undefined) {
        const sentinel = head.length + region.sentinel - region.from + shift;
        const members = (parsed.value as unknown as Record<string, AstNode[] | undefined>)[LISTS[region.block.$type]!] ?? [];
        if (!members.some(m => m.$cstNode?.offset === sentinel)) return undefined;
    }
    // A character the fragment cannot lex (a quote or 「/*」 without its end) may start a token of the whole text that
    // goes on past the fragment; so may one inside such a run (a quote whose string the rest of the text closes).
    if (parsed.lexerErrors.length > 0) {
        // The whole text with every edit: one in another part may end what starts here.
        const wholeText = whole.text();
        const from = region.from + whole.shift;
        const bodyEnd = from + body.length;
        let checked = 0;
        for (const error of parsed.lexerErrors) {
            if (error.offset < head.length) return undefined;
            for (let i = error.offset; i < error.offset + Math.max(1, error.length); i++) {
                if (++checked > 2_000) return undefined;
                if (endsBeyond(parser, wholeText, from + i - head.length, bodyEnd)) return undefined;
            }
        }
    }
    const listLevel = parsed.parserErrors.filter(e => !isRecoveredInRule(e)).length;
    if (listLevel >= MAX_REPETITION_RECOVERIES) return undefined;
    return { errors: parsed.lexerErrors.length + parsed.parserErrors.length, listLevel };
}
