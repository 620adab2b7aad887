// The text edits that put indicators and blocks into the 绩效指标 tree, move them around it and delete them (used by
// the hierarchy, classification and text-consistency fixes). Every edit keeps the file parseable: blocks are
// inserted whole, before a closing brace, at the printer's 4-space indentation.
import { AstUtils, CstUtils, isLeafCstNode, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import {
    JxmbTerminals, isIndicatorTree, isLevel1Group, isLevel2Block,
    type Document, type Indicator, type IndicatorTree, type Level1Group, type Level2Block
} from '../../generated/ast.js';
import { level1Code, level1Label, level2Code, level2Label } from '../../validation/hierarchy-units.js';
import type { FixEdit } from '../quick-fix.js';
import { FixNotApplicable, isClosed } from './not-applicable.js';
import { commentsBetween, contentEnd, leavesBetween, escapeSnippet, indentAt, INDENT, lineStart, nextLineStart, onlyIndentBefore, rangeOf } from './text-layout.js';

type Doc = LangiumDocument<Document>;

// ─── source text ─────────────────────────────────────────────────────────────────────────────────────────────────

function textOf(document: Doc): string {
    return document.textDocument.getText();
}

export function span(node: AstNode): { start: number; end: number } {
    return { start: node.$cstNode!.offset, end: node.$cstNode!.end };
}

/** 「  // comment」 after a node on its last line, or ''. */
function trailingComment(text: string, end: number): string {
    const rest = text.slice(end, contentEnd(text, end));
    return /^\s*\/\/.*$/.test(rest) ? rest.replace(/\s+$/, '') : '';
}

// A string or a block comment: a line break inside it is the user's text, not layout (jxmb.langium, STRING).
const VERBATIM = new RegExp(`${JxmbTerminals.STRING.source}|\\/\\*[\\s\\S]*?\\*\\/|\\/\\/[^\\n\\r]*`, 'y');

/** `source` cut at its line breaks that are layout; those inside strings and block comments stay in their line. */
function layoutLines(source: string): string[] {
    const lines: string[] = [];
    let line = 0;
    for (let at = 0; at < source.length;) {
        VERBATIM.lastIndex = at;
        if (VERBATIM.test(source)) { at = VERBATIM.lastIndex; continue; }
        if (source[at] === '\n') { lines.push(source.slice(line, at)); line = at + 1; }
        at++;
    }
    lines.push(source.slice(line));
    return lines;
}

/** `source` with `indent` put before each of its lines after the first (only at line breaks that are layout). */
export function indentLines(source: string, indent: string): string {
    return layoutLines(source).join('\n' + indent);
}

/** A node's source with its trailing line comment, continuation lines re-indented from `from` to `to`. */
export function sourceOf(document: Doc, node: AstNode, to?: string): string {
    const text = textOf(document);
    const { start, end } = span(node);
    const from = indentAt(text, start);
    const source = text.slice(start, end) + trailingComment(text, end);
    if (to === undefined) return source;
    return layoutLines(source).map((line, i) => i === 0 || !line.startsWith(from) ? line : to + line.slice(from.length)).join('\n');
}

/** Whether the comment `comment` travels with `node` when it moves: it is inside it, or after it on its last line. */
function carriedBy(text: string, node: AstNode, comment: CstNode): boolean {
    const { start, end } = span(node);
    if (comment.offset >= start && comment.end <= end) return true;
    return comment.offset >= end && comment.offset < contentEnd(text, end) && trailingComment(text, end) !== '';
}

/**
 * Deletes a node: its whole lines when nothing else stands on them, else just its text. The user's comments in it
 * and after it stay where it was, one a line at its indentation — except those of the nodes in `moved`, which
 * travel with their text (sourceOf). After a syntax error the parser may have skipped text inside the node, which
 * the tree does not show (a block read as empty that holds 三级): then nothing is deleted.
 */
export function removalEdit(document: Doc, node: AstNode, moved: readonly AstNode[] = []): FixEdit {
    const text = textOf(document);
    const { start, end } = span(node);
    if (!inTree(document, start, end)) throw new FixNotApplicable(`${node.$type} 含有未解析的文本`);
    const after = /^\s*(\/\/.*)?$/.exec(text.slice(end, contentEnd(text, end)));
    const wholeLines = onlyIndentBefore(text, start) && after !== null;
    const kept = commentsBetween(document, start, wholeLines ? contentEnd(text, end) : end).filter(c => !moved.some(m => carriedBy(text, m, c)));
    const indent = indentAt(text, start);
    if (wholeLines) {
        if (kept.length === 0) return { range: rangeOf(document, lineStart(text, start), nextLineStart(text, end)), newText: '' };
        const eol = /\r?\n/.exec(text.slice(start))?.[0] ?? '\n';
        return { range: rangeOf(document, lineStart(text, start), contentEnd(text, end)), newText: kept.map(c => indent + c.text).join(eol) };
    }
    // On a line shared with other text: a line comment ends its line, so what followed the node goes on the next.
    const eol = /\r?\n/.exec(text.slice(start))?.[0] ?? '\n';
    return { range: rangeOf(document, start, end), newText: kept.map(c => c.text.startsWith('//') ? c.text + eol + indent : c.text + ' ').join('') };
}

/** Whether all the text between two offsets is in the tree: every character not blank belongs to a leaf. */
function inTree(document: Doc, start: number, end: number): boolean {
    if (!document.parseResult.value.$cstNode) return false;
    const text = textOf(document);
    let at = start;
    for (const leaf of leavesBetween(document, start, end)) {
        if (leaf.end <= at) continue;
        if (text.slice(at, leaf.offset).trim() !== '') return false;
        at = Math.max(at, leaf.end);
    }
    return text.slice(at, end).trim() === '';
}

// ─── inserting into a block ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Puts `body` (lines already indented, joined by line breaks) before the closing brace at offset `brace` of the
 * block that starts at `start`: just above the brace when it stands on its own line, else on lines of their own
 * with the brace moved to a line of its own at the block's indentation `outer`.
 */
export function insertBeforeBrace(document: Doc, start: number, brace: number, outer: string, body: string, snippetBody?: string): FixEdit {
    const text = textOf(document);
    if (onlyIndentBefore(text, brace)) {
        const at = lineStart(text, brace);
        return { range: rangeOf(document, at, at), newText: body + '\n', snippet: snippetBody === undefined ? undefined : snippetBody + '\n' };
    }
    // The brace closes a line with content before it: put it on a line of its own.
    let from = brace;
    while (from > start && /[ \t]/.test(text[from - 1]!)) from--;
    return {
        range: rangeOf(document, from, brace),
        newText: '\n' + body + '\n' + outer,
        snippet: snippetBody === undefined ? undefined : '\n' + snippetBody + '\n' + outer
    };
}

/**
 * Inserts lines as the last children of a block (tree, 一级 or 二级), one indentation step inside it. `lines` are
 * unindented; their own continuation lines are indented by the same step.
 */
export function appendToBlock(document: Doc, container: IndicatorTree | Level1Group | Level2Block, lines: string[], snippetLines?: string[], moving: Iterable<AstNode> = []): FixEdit {
    const text = textOf(document);
    const { start, end } = span(container);
    // Without its closing brace (the user is typing it), there is no place inside the block to insert at.
    if (!isClosed(text, end)) throw new FixNotApplicable(`${container.$type} 未闭合`);
    const brace = end - 1;
    const outer = indentAt(text, start);
    const inner = outer + INDENT;
    const body = (ls: string[]) => ls.map(l => inner + indentLines(l, inner)).join('\n');
    // The block's own brace, not one in a comment before it (`绩效指标 /* 旧表 { */ {`).
    const open = CstUtils.streamCst(container.$cstNode!).find(n => isLeafCstNode(n) && !n.hidden && /^[{｛]$/.test(n.text))?.offset;
    if (open === undefined || open >= brace) throw new FixNotApplicable(`${container.$type} 没有左花括号`);
    // A one-line block (`经济效益指标 { }`, `成本指标 { "成本控制率"：≤100% }`): open it up, one child a line — unless
    // something moves out of it, whose own deletion edit must not overlap this one.
    if (!onlyIndentBefore(text, brace) && lineStart(text, open) === lineStart(text, brace) && ![...moving].some(node => isInside(node, container))) {
        const content = text.slice(open + 1, brace).trim();
        const kept = content ? [content] : [];
        return {
            range: rangeOf(document, open + 1, brace),
            newText: '\n' + body([...kept, ...lines]) + '\n' + outer,
            snippet: snippetLines && '\n' + body([...kept.map(escapeSnippet), ...snippetLines]) + '\n' + outer
        };
    }
    return insertBeforeBrace(document, start, brace, outer, body(lines), snippetLines && body(snippetLines));
}

function isInside(node: AstNode, container: AstNode): boolean {
    for (let n: AstNode | undefined = node.$container; n; n = n.$container) if (n === container) return true;
    return false;
}

export function blockText(label: string, children: string[]): string {
    return `${label} {\n${children.map(c => INDENT + indentLines(c, INDENT)).join('\n')}\n}`;
}

// ─── placing indicators ──────────────────────────────────────────────────────────────────────────────────────────

export interface Placement {
    level1: string;
    level2: string;
    /** Spelling of a new 二级 block; by default the file's (hierarchy-units.ts level2Label). */
    level2Label?: string;
}

/** Nodes that must stay: a removal never climbs past them (the insertion goes into them). */
export type Keep = ReadonlySet<AstNode>;

function findTarget(tree: IndicatorTree, place: Placement, exclude: ReadonlySet<AstNode>): { block?: Level2Block; group?: Level1Group } {
    const groups = tree.groups.filter(g => level1Code(g) === place.level1 && !exclude.has(g));
    const block = groups.flatMap(g => g.blocks).find(b => level2Code(b) === place.level2 && !exclude.has(b));
    return { block, group: block?.$container ?? groups[0] };
}

/** Inserts indicator lines at (一级, 二级) in a tree: into the block if there is one, else a new 二级 or 一级 block. */
export function placeEdit(document: Doc, tree: IndicatorTree, place: Placement, lines: string[], snippetLines?: string[], exclude: ReadonlySet<AstNode> = new Set()): { edit: FixEdit; keep: Keep } {
    const target = findTarget(tree, place, exclude);
    if (target.block) return { edit: appendToBlock(document, target.block, lines, snippetLines, exclude), keep: new Set([target.block, target.group!]) };
    const label2 = place.level2Label ?? level2Label(place.level2, tree);
    if (target.group) {
        const wrap = (ls: string[]) => [blockText(label2, ls)];
        return { edit: appendToBlock(document, target.group, wrap(lines), snippetLines && wrap(snippetLines), exclude), keep: new Set([target.group]) };
    }
    const wrap = (ls: string[]) => [blockText(level1Label(place.level1), [blockText(label2, ls)])];
    return { edit: appendToBlock(document, tree, wrap(lines), snippetLines && wrap(snippetLines), exclude), keep: new Set() };
}

/** The node to delete when `nodes` leave their parent: the parent too when nothing else is in it (and it is not kept). */
export function removalRoot(nodes: AstNode[], keep: Keep): AstNode {
    let root: AstNode = nodes[0]!;
    let gone = new Set(nodes);
    for (;;) {
        const parent = root.$container;
        if (!parent || keep.has(parent) || !(isLevel2Block(parent) || isLevel1Group(parent))) return root;
        const children: AstNode[] = isLevel2Block(parent) ? parent.indicators : parent.blocks;
        if (!children.every(c => gone.has(c))) return root;
        root = parent;
        gone = new Set([parent]);
    }
}

/**
 * Moves indicators (all from one 二级 block) to (一级, 二级) in their tree, creating the blocks as needed, and
 * deletes them where they were — with their block and 一级 if those are left empty.
 */
export function moveIndicatorsEdits(document: Doc, indicators: Indicator[], place: Placement): FixEdit[] {
    const tree = AstUtils.getContainerOfType(indicators[0], isIndicatorTree)!;
    const source = indicators[0]!.$container;
    const { edit, keep } = placeEdit(document, tree, place, indicators.map(i => sourceOf(document, i, '')), undefined, new Set([source]));
    return [edit, removalEdit(document, removalRoot(indicators, keep), indicators)];
}

/** Moves a whole 二级 block under another 一级 of its tree (merging into a block of the same 二级 there). */
export function moveBlockEdits(document: Doc, block: Level2Block, level1: string): FixEdit[] {
    const tree = block.$container.$container;
    const place: Placement = { level1, level2: level2Code(block)!, level2Label: block.category };
    const target = findTarget(tree, place, new Set([block]));
    const remove = (keep: Keep, moved: readonly AstNode[]) => removalEdit(document, removalRoot([block], keep), moved);
    if (target.block) {
        const lines = block.indicators.map(i => sourceOf(document, i, ''));
        return lines.length ? [appendToBlock(document, target.block, lines, undefined, [block]), remove(new Set([target.block, target.group!]), block.indicators)] : [remove(new Set(), [])];
    }
    const blockSource = sourceOf(document, block, '');
    if (target.group) return [appendToBlock(document, target.group, [blockSource], undefined, [block]), remove(new Set([target.group]), [block])];
    return [appendToBlock(document, tree, [blockText(level1Label(level1), [blockSource])], undefined, [block]), remove(new Set(), [block])];
}
