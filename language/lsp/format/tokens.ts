import { DefaultLexerErrorMessageProvider, type LangiumCoreServices, type Lexer } from 'langium';
import { JxmbGrammar } from '../../generated/grammar.js';
import { JxmbLanguageMetaData } from '../../generated/module.js';
import { JxmbLexer, JxmbTokenBuilder } from '../../parse/lexer.js';

// The text as the formatter sees it: the grammar's tokens and comments in order, and the whitespace between them.
// The formatter only ever rewrites that whitespace.

export interface Element {
    /** token type name: a terminal (STRING, LBRACE …), a keyword's text, or ML_COMMENT / SL_COMMENT */
    readonly type: string;
    readonly image: string;
    readonly offset: number;
    readonly end: number;
    readonly comment: boolean;
}

export interface Lexed {
    readonly elements: Element[];
    /** offsets of characters the lexer could not read */
    readonly errorOffsets: number[];
}

let standalone: Lexer | undefined;

/** The grammar's own lexer, built without the language services (the formatter is created without them). */
export function jxmbLexer(): Lexer {
    return standalone ??= new JxmbLexer({
        Grammar: JxmbGrammar(),
        LanguageMetaData: JxmbLanguageMetaData,
        parser: { TokenBuilder: new JxmbTokenBuilder(), LexerErrorMessageProvider: new DefaultLexerErrorMessageProvider() }
    } as unknown as LangiumCoreServices);
}

/** The elements of `text`, their offsets counted from `base` (`text` is the part of a larger text from there). */
export function lex(text: string, lexer: Lexer = jxmbLexer(), base = 0): Lexed {
    const result = lexer.tokenize(text);
    const toElement = (comment: boolean) => (t: { tokenType: { name: string }; image: string; startOffset: number }): Element => {
        // A line comment runs to the line's end, spaces included; those spaces are layout, not comment.
        const image = t.tokenType.name === 'SL_COMMENT' ? t.image.replace(/[\s\u3000]+$/u, '') : t.image;
        return { type: t.tokenType.name, image, offset: base + t.startOffset, end: base + t.startOffset + image.length, comment };
    };
    const elements = [...result.tokens.map(toElement(false)), ...result.hidden.map(toElement(true))]
        .sort((a, b) => a.offset - b.offset);
    return { elements, errorOffsets: result.errors.map(e => base + e.offset) };
}

const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

/** Columns a line takes in an editor: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
    let width = 0;
    for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
    return width;
}
