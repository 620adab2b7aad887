import { CstUtils, isLeafCstNode, type Lexer, type ParseResult } from 'langium';
import type { Declaration, Document } from '../../generated/ast.js';
import { Layout } from './layout.js';
import { lex, type Element } from './tokens.js';
import { Whitespace, type WhitespaceEdit } from './whitespace.js';

// Whole-document formatting as whitespace edits. Only the whitespace between tokens and comments is ever replaced,
// and the result is re-read to prove it holds the same tokens and comments in the same order; if it does not,
// nothing is changed. With syntax errors, only declarations that parsed cleanly (and start a line) are laid out;
// everything around them is left as written.

export function formatEdits(text: string, parseResult: ParseResult<Document>, lexer?: Lexer): WhitespaceEdit[] {
    try {
        const lexed = lex(text, lexer);
        const clean = lexed.errorOffsets.length === 0 && parseResult.lexerErrors.length === 0 && parseResult.parserErrors.length === 0;
        const edits = clean ? formatAll(text, lexed.elements, parseResult.value) : formatSafeDeclarations(text, lexed.elements, parseResult, lexed.errorOffsets);
        return edits.length > 0 && sameElements(lexed.elements, lex(applyEdits(text, edits), lexer).elements) ? edits : [];
    } catch {
        return [];
    }
}

export function applyEdits(text: string, edits: readonly WhitespaceEdit[]): string {
    let result = '';
    let at = 0;
    for (const edit of [...edits].sort((x, y) => x.start - y.start)) {
        result += text.slice(at, edit.start) + edit.text;
        at = edit.end;
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

function formatSafeDeclarations(text: string, elements: readonly Element[], parseResult: ParseResult<Document>, lexerErrors: number[]): WhitespaceEdit[] {
    const { tokens, at } = significant(elements);
    const layout = new Layout(tokens, elements);
    const ws = new Whitespace(text, elements, eolOf(text));
    const errors = [
        ...lexerErrors, ...parseResult.lexerErrors.map(e => e.offset), ...parseResult.parserErrors.map(e => e.token.startOffset)
    ].filter(offset => Number.isFinite(offset));
    const edits: WhitespaceEdit[] = [];
    for (const declaration of parseResult.value.declarations ?? []) {
        try {
            const [first, last] = layout.span(declaration);
            if (!isSafe(text, declaration, tokens.slice(first, last + 1), errors)) continue;
            layout.declaration(declaration);
            const own: WhitespaceEdit[] = [];
            for (let i = first + 1; i <= last; i++) append(own, ws.region(at[i - 1]!, at[i]!, layout.gaps[i]!));
            append(edits, own);
        } catch {
            // a declaration the parser only partly recovered: left as written
        }
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
