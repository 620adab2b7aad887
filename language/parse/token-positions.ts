// 词法单元只记偏移: a Chevrotain token with its position in full is an object of nine fields (≈ 106 B with its array
// slot), one per token of the text, and all of a text's tokens live through its first parse: 1M tokens of junk held
// 107 MB of a 268 MB peak. Lines and columns are read for a tree's leaves and a parse's errors only, so the lexer
// makes tokens of five fields (image, offsets, type) and the line and column of a leaf or an error token are found
// here, from the starts of the text's lines, as Chevrotain would have counted them (lines and columns from 1).
import type { ILexingError, IToken, Lexer as ChevrotainLexer } from 'chevrotain';
import { LeafCstNodeImpl, type CstNodeBuilder, type LangiumParser, type LeafCstNode, type ParseResult, type RootCstNode } from 'langium';

/** Where each line of a text starts; line breaks as Chevrotain and the editor count them (`\n`, `\r\n`, `\r`). */
export class TextLines {
    private readonly starts: number[] = [0];
    /** The line last asked for: leaves are placed in the text's order, so the next one is mostly on it or just after. */
    private last = 0;

    constructor(readonly text: string) {
        if (!text.includes('\r')) {
            for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
            return;
        }
        for (let i = 0; i < text.length; i++) {
            const c = text.charCodeAt(i);
            if (c === 10) this.starts.push(i + 1);
            else if (c === 13) {
                if (text.charCodeAt(i + 1) === 10) i++;
                this.starts.push(i + 1);
            }
        }
    }

    /** The line (from 0) that `offset` is on. */
    lineOf(offset: number): number {
        const starts = this.starts;
        let line = this.last;
        if (starts[line]! <= offset) {
            // Forwards a few lines at most, as a rule; a jump is searched.
            for (let step = 0; step < 4 && line + 1 < starts.length && starts[line + 1]! <= offset; step++) line++;
            if (line + 1 < starts.length && starts[line + 1]! <= offset) line = this.search(offset, line + 1, starts.length - 1);
        } else {
            line = this.search(offset, 0, line - 1);
        }
        this.last = line;
        return line;
    }

    /** The last line in [low, high] starting at or before `offset`. */
    private search(offset: number, low: number, high: number): number {
        while (low < high) {
            const mid = (low + high + 1) >> 1;
            if (this.starts[mid]! <= offset) low = mid;
            else high = mid - 1;
        }
        return low;
    }

    /**
     * The token's place as Chevrotain's full position tracking gives it, into `place` (one object for all leaves, not
     * one each): start line and column of its first character, end line and column of its last (from 1), with
     * Chevrotain's rule for a token ending in a line break (lexer_public.js, updateTokenEndLineColumnLocation): one
     * break at its end leaves the end on the start line; more move it to the line the last break is on, at column 1.
     */
    place(startOffset: number, length: number, place: Place = { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 }): Place {
        const line = this.lineOf(startOffset);
        const startColumn = startOffset - this.starts[line]! + 1;
        const after = startOffset + length;
        place.startLine = line + 1;
        place.startColumn = startColumn;
        // Most tokens end before the next line starts: no break in them.
        const breaks = line + 1 < this.starts.length && this.starts[line + 1]! <= after ? this.lineOf(after) - line : 0;
        const lastCharIsBreak = breaks > 0 && this.starts[line + breaks] === after;
        if (breaks === 0 || (lastCharIsBreak && breaks === 1)) {
            place.endLine = line + 1;
            place.endColumn = startColumn + length - 1;
        } else if (lastCharIsBreak) {
            place.endLine = line + breaks;
            place.endColumn = 1;
        } else {
            place.endLine = line + breaks + 1;
            place.endColumn = after - this.starts[line + breaks]!;
        }
        return place;
    }
}

export interface Place { startLine: number; startColumn: number; endLine: number; endColumn: number }

/** Tokens of the lexer with offsets only: Chevrotain counts no lines, and its tokens have five fields. */
export function offsetsOnly(lexer: ChevrotainLexer): void {
    // Chevrotain's own 'onlyOffset' mode, but with the end offset that Langium and this project read; set after
    // construction, as Langium's lexer builds Chevrotain's with full tracking (the same switches Chevrotain sets).
    const switches = lexer as unknown as {
        trackStartLines: boolean; trackEndLines: boolean; computeNewColumn: (column: number) => number;
        updateTokenEndLineColumnLocation: () => void; createTokenInstance: (...args: unknown[]) => IToken;
    };
    switches.trackStartLines = false;
    switches.trackEndLines = false;
    switches.computeNewColumn = column => column;
    switches.updateTokenEndLineColumnLocation = () => { };
    switches.createTokenInstance = (image, startOffset, tokenTypeIdx, tokenType, _line, _column, imageLength) => ({
        image, startOffset, endOffset: (startOffset as number) + (imageLength as number) - 1, tokenTypeIdx, tokenType
    }) as IToken;
}

/** The lexing errors' lines and columns, from their offsets. */
export function placeLexingErrors(text: string, errors: ILexingError[]): ILexingError[] {
    if (errors.length === 0) return errors;
    const lines = new TextLines(text);
    for (const error of errors) {
        const place = lines.place(error.offset, 1);
        error.line = place.startLine;
        error.column = place.startColumn;
    }
    return errors;
}

/** The builder's leaves take their lines and columns from the root's text. */
export function leavesPlacedByText(builder: CstNodeBuilder): CstNodeBuilder {
    let root: RootCstNode | undefined;
    let lines: TextLines | undefined;
    const place: Place = { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 };
    (builder as unknown as { createLeafNode: (token: IToken, hidden: boolean) => LeafCstNode }).createLeafNode = function (this: CstNodeBuilder, token: IToken, hidden: boolean): LeafCstNode {
        const current = (this as unknown as { rootNode: RootCstNode }).rootNode;
        if (current !== root || !lines) {
            root = current;
            lines = new TextLines(current.fullText);
        }
        lines.place(token.startOffset, token.image.length, place);
        return new LeafCstNodeImpl(token.startOffset, token.image.length, place.startLine - 1, place.startColumn - 1,
            place.endLine - 1, place.endColumn, token.tokenType, hidden);
    };
    return builder;
}

/**
 * The parser's leaves and error tokens with their lines and columns, from the parsed text. The errors' tokens are read
 * for the findings, the formatter and the advice, in the parsed text's lines as before (parse/reparse.ts moves them
 * where a block was parsed alone).
 */
export function positionsFromText<P extends LangiumParser>(parser: P): P {
    const builder = (parser as unknown as { nodeBuilder?: CstNodeBuilder }).nodeBuilder;
    if (builder) leavesPlacedByText(builder);
    const parse = parser.parse.bind(parser);
    parser.parse = ((input: string, options?: { rule?: string }) => {
        const result: ParseResult = parse(input, options);
        if (result.parserErrors.length > 0) {
            const lines = new TextLines(input);
            for (const error of result.parserErrors) {
                placeToken(lines, error.token);
                placeToken(lines, (error as { previousToken?: IToken }).previousToken);
            }
        }
        return result;
    }) as LangiumParser['parse'];
    return parser;
}

function placeToken(lines: TextLines, token: IToken | undefined): void {
    // Tokens the recovery made up (no place in the text) and tokens placed already keep what they have.
    if (!token || token.startLine !== undefined || !Number.isInteger(token.startOffset) || token.startOffset < 0) return;
    Object.assign(token, lines.place(token.startOffset, token.image.length));
}
