// A quick-fix never makes the file read worse. In a file that parses every fix keeps it so by construction
// (quick-fix.ts). In a file with a syntax error it cannot: where braces do not pair up, which block a closing brace
// ends is the parser's guess, and a block a fix inserts or moves can land inside an unclosed one above it; text put on
// a line the parser could not read is read again with it; and after an unclosed 「/*」 the first 「*/」 written below it
// — one inside a moved value — ends the comment and makes the lines between a comment; a quote mark the lexer could
// not pair pairs with one a fix writes, and the text between becomes one string, swallowing the strings in it. Such
// fixes are not offered.
import type { LangiumDocument, LangiumParser, Lexer, ParseResult } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { errorCountChange } from '../parse/error-change.js';
import type { FixEdit } from './quick-fix.js';

const BRACE = /[{}｛｝]/;
/** What opens or closes a string (the grammar's STRING). */
const QUOTE = /["“”「」]/;

/** The syntax errors of a parse: the lexer's and the parser's, one finding each (document-validator.ts). */
function syntaxErrors(result: ParseResult): number {
    return result.lexerErrors.length + (result.lexerReport?.diagnostics.length ?? 0) + result.parserErrors.length;
}

/** Where the first 「/*」 without its 「*\/」 starts (the lexer reports it as a character it cannot read), if any. */
function unclosedComment(result: ParseResult, text: string): number | undefined {
    return result.lexerErrors.find(e => text.startsWith('/*', e.offset))?.offset;
}

/** Whether the lexer left a quote mark unread: a quote without its pair, which one a fix writes may close. */
function unpairedQuote(result: ParseResult, text: string): boolean {
    return result.lexerErrors.some(e => QUOTE.test(text.slice(e.offset, e.offset + e.length)));
}

interface Span { start: number; end: number }
interface StringToken extends Span { text: string }

function stringsOf(lexer: Lexer, text: string): StringToken[] {
    return lexer.tokenize(text).tokens.filter(t => t.tokenType.name === 'STRING')
        .map(t => ({ text: t.image, start: t.startOffset, end: t.startOffset + t.image.length }));
}

/**
 * Whether every string the edits do not touch still reads as a string in the edited text (as a multiset of texts: the
 * edits move them). An insertion at a string's edge leaves it as it was.
 */
function stringsKept(before: readonly StringToken[], after: readonly StringToken[], spans: readonly Span[]): boolean {
    const touched = (t: Span) => spans.some(s => s.start < t.end && t.start < s.end || (s.start === s.end && t.start < s.start && s.start < t.end));
    const left = new Map<string, number>();
    for (const t of after) left.set(t.text, (left.get(t.text) ?? 0) + 1);
    return before.every(t => {
        if (touched(t)) return true;
        const n = left.get(t.text) ?? 0;
        left.set(t.text, n - 1);
        return n > 0;
    });
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

/** What a parse tells every fix of its version: where its errors stand, and what was found of the fixes asked so far. */
interface ParseFacts {
    errors: number;
    lines: Set<number>;
    comment: number | undefined;
    /** a quote mark the lexer could not pair, and (once a fix writing or deleting one asked) the strings of the text */
    quote: boolean;
    strings?: StringToken[];
    verdicts: Map<string, boolean>;
    /** Fixes tried by parsing, and the characters parsed for them, for this version so far. */
    reparses: number;
    parsed: number;
}

const factsOfParse = new WeakMap<ParseResult, ParseFacts>();

/**
 * How many fixes of one version of a document may be tried by parsing the edited text: eight, and no more than about a
 * second's parsing in all (4 M characters: eight in a file of 2,000 三级, three in one of 10,000). `jxmb check --format
 * json` asks for the fixes of every finding, and a file of hundreds of syntax errors was parsed again hundreds of times
 * (37 s for 2,500 rows with an error); the editor asks for the cursor's line, again at each move, and finds the answer
 * here the second time. A fix that would need a parse beyond this is not offered: never one that could make the file
 * read worse. The next edit makes a new version, with a new allowance. A fix inside a few rows (or blocks) of one
 * block is mostly decided from those alone (parse/error-change.ts) and takes nothing from the allowance: among
 * thousands of broken rows, every row's fix is offered.
 */
const REPARSES = 8;
const REPARSE_CHARACTERS = 4_000_000;

function factsOf(parseResult: ParseResult, document: LangiumDocument, text: string): ParseFacts {
    let facts = factsOfParse.get(parseResult);
    if (!facts) {
        facts = {
            errors: syntaxErrors(parseResult), lines: errorLines(parseResult, document),
            comment: unclosedComment(parseResult, text), quote: unpairedQuote(parseResult, text), verdicts: new Map(), reparses: 0, parsed: 0
        };
        factsOfParse.set(parseResult, facts);
    }
    return facts;
}

/**
 * Whether applying `edits` leaves the document's text with no more syntax errors than it has. Free in a file that
 * parses. In one that does not, the edited text is parsed again only for the edits that can make it read worse:
 * those that write or delete a brace (a block boundary moves), and those on a line with a syntax error (what the
 * parser skipped there is read again with the new text). Elsewhere the fix writes what its place in the tree takes.
 * An edit that writes 「*\/」 below an unclosed 「/*」 is refused without parsing: it would not add an error — it
 * takes one away — but it turns the text between into a comment. Where the lexer left a quote mark unpaired, a fix
 * that writes or deletes one is also refused when a string it does not touch stops reading as a string.
 *
 * The count after the edit is found from the edited rows where they tell it exactly (parse/error-change.ts), else by
 * parsing the whole edited text. Errors are compared by count, not by place: after a brace changes, recovery reports
 * the same missing brace where it next resynchronises, so an error that moved is not a new one; the count is what the
 * user sees grow.
 */
export function keepsSyntax(parser: LangiumParser, lexer: Lexer, document: LangiumDocument, edits: readonly FixEdit[]): boolean {
    const { parseResult, textDocument } = document;
    if (syntaxErrors(parseResult) === 0) return true;
    const text = textDocument.getText();
    const facts = factsOf(parseResult, document, text);
    const spans = edits.map(e => [textDocument.offsetAt(e.range.start), textDocument.offsetAt(e.range.end)] as const);
    if (facts.comment !== undefined && edits.some((e, i) => spans[i]![1] > facts.comment! && e.newText.includes('*/'))) return false;
    const risky = edits.some((e, i) => BRACE.test(e.newText) || BRACE.test(text.slice(spans[i]![0], spans[i]![1]))
        || [...facts.lines].some(line => e.range.start.line <= line && line <= e.range.end.line));
    if (!risky) return true;
    const key = spans.map(([start, end], i) => `${start}:${end}:${edits[i]!.newText}`).join('\u0000');
    let verdict = facts.verdicts.get(key);
    if (verdict === undefined) {
        // Most fixes among broken rows change a row or two: a few rows parsed in their block tell the whole count.
        const change = errorCountChange(parser, parseResult, text, spans.map(([start, end], i) => ({ start, end, newText: edits[i]!.newText })));
        const edited = () => TextDocument.applyEdits(textDocument, edits.map(e => ({ range: e.range, newText: e.newText })));
        if (change !== undefined) {
            verdict = change <= 0;
        } else {
            if (facts.reparses >= REPARSES || facts.parsed + text.length > REPARSE_CHARACTERS) return false;
            facts.reparses++;
            facts.parsed += text.length;
            verdict = syntaxErrors(parser.parse(edited())) <= facts.errors;
        }
        if (verdict && facts.quote && edits.some((e, i) => QUOTE.test(e.newText) || QUOTE.test(text.slice(spans[i]![0], spans[i]![1])))) {
            facts.strings ??= stringsOf(lexer, text);
            verdict = stringsKept(facts.strings, stringsOf(lexer, edited()), spans.map(([start, end]) => ({ start, end })));
        }
        facts.verdicts.set(key, verdict);
    }
    return verdict;
}
