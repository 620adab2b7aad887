import { CstUtils, isLeafCstNode, type Lexer, type ParseResult } from 'langium';
import type { Declaration, Document } from '../../generated/ast.js';
import { Layout } from './layout.js';
import { lex, type Element } from './tokens.js';
import { Whitespace, type WhitespaceEdit } from './whitespace.js';

// Whole-document formatting as whitespace edits. Only the whitespace between tokens and comments is ever replaced,
// and the result is re-read to prove it holds the same tokens and comments in the same order; if it does not,
// nothing is changed. With syntax errors, only declarations that parsed cleanly (and start a line) are laid out;
// everything around them is left as written, and only their own text is lexed again: megabytes of broken text
// (`{` pasted a million times) were lexed anew for nothing, ≈ 1 GB for the 3.9 MB of one such text.

export function formatEdits(text: string, parseResult: ParseResult<Document>, lexer?: Lexer): WhitespaceEdit[] {
    try {
        if (parseResult.lexerErrors.length > 0 || parseResult.parserErrors.length > 0) return formatSafeDeclarations(text, parseResult, lexer);
        const lexed = lex(text, lexer);
        if (lexed.errorOffsets.length > 0) return formatSafeDeclarations(text, parseResult, lexer);
        const edits = formatAll(text, lexed.elements, parseResult.value);
        return edits.length > 0 && sameElements(lexed.elements, lex(applyEdits(text, edits), lexer).elements) ? edits : [];
    } catch {
        return [];
    }
}

/** `text` with `edits` applied; the edits' offsets count from `base` (`text` is the part of a larger text from there). */
export function applyEdits(text: string, edits: readonly WhitespaceEdit[], base = 0): string {
    let result = '';
    let at = 0;
    for (const edit of [...edits].sort((x, y) => x.start - y.start)) {
        result += text.slice(at, edit.start - base) + edit.text;
        at = edit.end - base;
    }
    return result + text.slice(at);
}

function eolOf(text: string): string {
    return text.includes('\r\n') ? '\r\n' : '\n';
}

function significant(elements: readonly Element[]): { tokens: Element[]; at: number[] } {
    const tokens: Element[] = [];
    const at: number[] = [];
    elements.forEach((e, index) => {
        if (!e.comment) {
            tokens.push(e);
            at.push(index);
        }
    });
    return { tokens, at };
}

function formatAll(text: string, elements: readonly Element[], root: Document): WhitespaceEdit[] {
    const { tokens, at } = significant(elements);
    const layout = new Layout(tokens, elements);
    root.declarations.forEach(declaration => layout.declaration(declaration));
    const ws = new Whitespace(text, elements, eolOf(text));
    const edits: WhitespaceEdit[] = [];
    if (tokens.length === 0) return ws.region(-1, elements.length);
    append(edits, ws.region(-1, at[0]!));
    for (let i = 1; i < tokens.length; i++) {
        const gap = layout.gaps[i];
        if (!gap) throw new Error(`token ${i} not laid out`);
        append(edits, ws.region(at[i - 1]!, at[i]!, gap));
    }
    append(edits, ws.region(at[at.length - 1]!, elements.length));
    return edits;
}

function formatSafeDeclarations(text: string, parseResult: ParseResult<Document>, lexer?: Lexer): WhitespaceEdit[] {
    const errors = [
        ...parseResult.lexerErrors.map(e => e.offset), ...parseResult.parserErrors.map(e => e.token.startOffset)
    ].filter(offset => Number.isFinite(offset));
    const eol = eolOf(text);
    const edits: WhitespaceEdit[] = [];
    for (const declaration of parseResult.value.declarations ?? []) {
        const cst = declaration.$cstNode;
        // Its text starts and ends at tokens of the whole text and holds no error: lexed alone, it gives the same tokens.
        if (!cst || errors.some(offset => offset >= cst.offset && offset < cst.end)) continue;
        const own = text.slice(cst.offset, cst.end);
        const lexed = lex(own, lexer, cst.offset);
        if (lexed.errorOffsets.length > 0) continue;
        const { tokens, at } = significant(lexed.elements);
        const layout = new Layout(tokens, lexed.elements);
        const ws = new Whitespace(text, lexed.elements, eol);
        const changes: WhitespaceEdit[] = [];
        try {
            const [first, last] = layout.span(declaration);
            if (!isSafe(text, declaration, tokens.slice(first, last + 1), errors)) continue;
            layout.declaration(declaration);
            for (let i = first + 1; i <= last; i++) append(changes, ws.region(at[i - 1]!, at[i]!, layout.gaps[i]!));
        } catch {
            // a declaration the parser only partly recovered: left as written
            continue;
        }
        // Anything but whitespace changed: no edits at all, as for a text without errors.
        if (changes.length > 0 && !sameElements(lexed.elements, lex(applyEdits(own, changes, cst.offset), lexer).elements)) return [];
        append(edits, changes);
    }
    return edits;
}

/** Parsed without error, token for token as the lexer read it, closed by its `}`, and starting a line. */
function isSafe(text: string, declaration: Declaration, tokens: readonly Element[], errors: readonly number[]): boolean {
    const first = tokens[0]!;
    const last = tokens[tokens.length - 1]!;
    if (last.type !== 'RBRACE') return false;
    if (first.offset > 0 && text[first.offset - 1] !== '\n') return false;
    if (errors.some(offset => offset >= first.offset && offset < last.end)) return false;
    const leaves = CstUtils.flattenCst(declaration.$cstNode!).filter(leaf => isLeafCstNode(leaf) && !leaf.hidden).toArray();
    return leaves.length === tokens.length && leaves.every((leaf, i) => leaf.offset === tokens[i]!.offset && leaf.text === tokens[i]!.image);
}

/** push(...items) passes every item as an argument: hundreds of thousands of comments overflowed the call stack. */
function append<T>(target: T[], items: readonly T[]): void {
    for (const item of items) target.push(item);
}

function sameElements(a: readonly Element[], b: readonly Element[]): boolean {
    return a.length === b.length && a.every((e, i) => e.type === b[i]!.type && e.image === b[i]!.image);
}
