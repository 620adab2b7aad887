// A quick-fix never makes the file read worse. In a file that parses every fix keeps it so by construction
// (quick-fix.ts). In a file with a syntax error it cannot: where braces do not pair up, which block a closing brace
// ends is the parser's guess, and a block a fix inserts or moves can land inside an unclosed one above it; text put on
// a line the parser could not read is read again with it; and after an unclosed 「/*」 the first 「*/」 written below it
// — one inside a moved value — ends the comment and makes the lines between a comment. Such fixes are not offered.
import type { LangiumDocument, LangiumParser, ParseResult } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FixEdit } from './quick-fix.js';

const BRACE = /[{}｛｝]/;

/** The syntax errors of a parse: the lexer's and the parser's, one finding each (document-validator.ts). */
function syntaxErrors(result: ParseResult): number {
    return result.lexerErrors.length + (result.lexerReport?.diagnostics.length ?? 0) + result.parserErrors.length;
}

/** Where the first 「/*」 without its 「*\/」 starts (the lexer reports it as a character it cannot read), if any. */
function unclosedComment(result: ParseResult, text: string): number | undefined {
    return result.lexerErrors.find(e => text.startsWith('/*', e.offset))?.offset;
}

/** The lines (from 0) the lexer's and the parser's errors stand on. */
function errorLines(result: ParseResult, document: LangiumDocument): Set<number> {
    const offsets = [
        ...result.lexerErrors.map(e => e.offset),
        ...result.parserErrors.map(e => Number.isInteger(e.token.startOffset) ? e.token.startOffset
            : (e as { previousToken?: { endOffset?: number } }).previousToken?.endOffset ?? 0)
    ];
    return new Set(offsets.map(o => document.textDocument.positionAt(Number.isInteger(o) ? o : 0).line));
}

/**
 * Whether applying `edits` leaves the document's text with no more syntax errors than it has. Free in a file that
 * parses. In one that does not, the edited text is parsed again only for the edits that can make it read worse:
 * those that write or delete a brace (a block boundary moves), and those on a line with a syntax error (what the
 * parser skipped there is read again with the new text). Elsewhere the fix writes what its place in the tree takes.
 * An edit that writes 「*\/」 below an unclosed 「/*」 is refused without parsing: it would not add an error — it
 * takes one away — but it turns the text between into a comment.
 *
 * Errors are compared by count, not by place: after a brace changes, recovery reports the same missing brace where
 * it next resynchronises, so an error that moved is not a new one; the count is what the user sees grow.
 */
export function keepsSyntax(parser: LangiumParser, document: LangiumDocument, edits: readonly FixEdit[]): boolean {
    const { parseResult, textDocument } = document;
    const errors = syntaxErrors(parseResult);
    if (errors === 0) return true;
    const text = textDocument.getText();
    const spans = edits.map(e => [textDocument.offsetAt(e.range.start), textDocument.offsetAt(e.range.end)] as const);
    const comment = unclosedComment(parseResult, text);
    if (comment !== undefined && edits.some((e, i) => spans[i]![1] > comment && e.newText.includes('*/'))) return false;
    const lines = errorLines(parseResult, document);
    const risky = edits.some((e, i) => BRACE.test(e.newText) || BRACE.test(text.slice(spans[i]![0], spans[i]![1]))
        || [...lines].some(line => e.range.start.line <= line && line <= e.range.end.line));
    if (!risky) return true;
    const edited = TextDocument.applyEdits(textDocument, edits.map(e => ({ range: e.range, newText: e.newText })));
    return syntaxErrors(parser.parse(edited)) <= errors;
}
