// Small text-layout helpers shared by the quick-fix providers: lines, indentation, offsets and ranges, the node at a
// diagnostic, and snippet escaping. Offsets are into the document's text (`document.textDocument.getText()`).
import { AstUtils, CstUtils, isLeafCstNode, type AstNode, type CstNode, type LangiumDocument, type LeafCstNode, type ParseResult } from 'langium';
import type { Position, Range } from 'vscode-languageserver-types';
import type { Document } from '../../generated/ast.js';
import type { FixEdit } from '../quick-fix.js';

type Doc = LangiumDocument<Document>;

/** One indentation step, as the printer writes it. */
export const INDENT = '    ';

// ─── lines ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** Offset of the start of the line `offset` stands on. */
export function lineStart(text: string, offset: number): number {
    return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the line break (`\n`) ending the line `offset` stands on, or the text's end. */
export function lineEnd(text: string, offset: number): number {
    const end = text.indexOf('\n', offset);
    return end < 0 ? text.length : end;
}

/** Where the content of the line ends: like `lineEnd`, but before the CR of a CRLF line break. */
export function contentEnd(text: string, offset: number): number {
    const end = text.indexOf('\n', offset);
    if (end < 0) return text.length;
    return text[end - 1] === '\r' && end - 1 >= offset ? end - 1 : end;
}

/** Offset just after the line break ending the line `offset` stands on, or the text's end. */
export function nextLineStart(text: string, offset: number): number {
    return Math.min(text.length, lineEnd(text, offset) + 1);
}

/** Leading whitespace (spaces and tabs) of the line `offset` stands on. */
export function indentAt(text: string, offset: number): string {
    return /^[ \t]*/.exec(text.slice(lineStart(text, offset)))![0];
}

/** Whether only spaces and tabs stand before `offset` on its line. */
export function onlyIndentBefore(text: string, offset: number): boolean {
    return /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));
}

/** Whether only whitespace (in the sense of `String.trim`) stands before `offset` on its line. */
export function startsLine(text: string, offset: number): boolean {
    return text.slice(lineStart(text, offset), offset).trim() === '';
}

// ─── offsets and edits ───────────────────────────────────────────────────────────────────────────────────────────

export function rangeOf(document: Doc, start: number, end: number): Range {
    return { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) };
}

export function insertAt(document: Doc, offset: number, newText: string): FixEdit {
    const position = document.textDocument.positionAt(offset);
    return { range: { start: position, end: position }, newText };
}

// ─── comments ────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * A parse's leaves in text order, found once for the text it was made of: every fix asks for the leaves of its
 * ranges, and `jxmb check --format json` asks for the fixes of every finding (a walk of the whole tree each time made
 * that four times slower at 2,000 三级).
 */
const leavesOfParse = new WeakMap<ParseResult, { text: string; leaves: readonly LeafCstNode[] }>();

/** The leaves that overlap the text between two offsets, in text order. */
export function leavesBetween(document: Doc, start: number, end: number): LeafCstNode[] {
    const text = document.textDocument.getText();
    let known = leavesOfParse.get(document.parseResult);
    if (known?.text !== text) {
        const root = document.parseResult.value.$cstNode;
        const leaves = root ? CstUtils.streamCst(root).filter(isLeafCstNode).toArray().sort((a, b) => a.offset - b.offset) : [];
        known = { text, leaves };
        leavesOfParse.set(document.parseResult, known);
    }
    const { leaves } = known;
    let low = 0;
    for (let high = leaves.length; low < high;) {
        const middle = (low + high) >> 1;
        if (leaves[middle]!.end <= start) low = middle + 1;
        else high = middle;
    }
    const found: LeafCstNode[] = [];
    for (let i = low; i < leaves.length && leaves[i]!.offset < end; i++) found.push(leaves[i]!);
    return found;
}

/** The comments (line and block) between two offsets, as the parser kept them. */
export function commentsBetween(document: Doc, start: number, end: number): CstNode[] {
    return leavesBetween(document, start, end).filter(n => n.hidden && /^\/[/*]/.test(n.text) && n.offset >= start && n.end <= end);
}

/**
 * What to write after the new text of an edit that replaces the text between two offsets, so that `comments` (which
 * stood there) stay: a block comment as it was, a line comment at the end of the line — what followed the replaced
 * text then goes on the next line.
 */
export function commentTail(document: Doc, start: number, end: number, comments: CstNode[] = commentsBetween(document, start, end)): string {
    const text = document.textDocument.getText();
    const eol = /\r?\n/.exec(text.slice(start))?.[0] ?? '\n';
    const lineEnds = /^[ \t]*(\r?\n|$)/.test(text.slice(end));
    return comments.map((c, i) => !c.text.startsWith('//') ? ` ${c.text}`
        : i === comments.length - 1 && lineEnds ? `  ${c.text}` : `  ${c.text}${eol}${indentAt(text, start)}`).join('');
}

// ─── nodes ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** The node of the leaf at `position`. */
export function leafNodeAt(document: Doc, position: Position): AstNode | undefined {
    const root = document.parseResult.value.$cstNode;
    const offset = document.textDocument.offsetAt(position);
    return root && CstUtils.findLeafNodeAtOffset(root, offset)?.astNode;
}

/** The innermost node of a kind at the start of a diagnostic's range. */
export function nodeAt<T extends AstNode>(document: Doc, range: Range, guard: (node: AstNode) => node is T): T | undefined {
    return AstUtils.getContainerOfType(leafNodeAt(document, range.start), guard);
}

// ─── snippets ────────────────────────────────────────────────────────────────────────────────────────────────────

/** Literal text inside a snippet: `$`, `}` and `\\` would otherwise be read as snippet syntax. */
export const escapeSnippet = (text: string): string => text.replace(/[\\$}]/g, ch => `\\${ch}`);
