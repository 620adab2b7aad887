// 无法识别的长串字符: where no token starts (`@`, `#`, NUL, an emoji …), Chevrotain reports one lexing error for the
// whole run, but finds its end by trying every token pattern (≈ 90, the keywords included) one after another at every
// character: 1 MB of them took 7–21 s, lexed twice (the direct walk, then Langium's parser). Here the run is one token
// of its own, the grammar's last: it ends where one search with all the patterns at once (a native regex) finds the
// next token, and is handed back as the lexing error Chevrotain would have reported (same place, length, message).
// The text's tokens, once lexed, are handed from the direct walk to Langium's parser (parse/direct-parser.ts).
import type { ILexingError, IToken, TokenType, TokenVocabulary } from 'chevrotain';
import { DefaultLexer, DefaultTokenBuilder, type GrammarAST, type LexerResult, type TokenBuilderOptions, type TokenizeOptions } from 'langium';
import { offsetsOnly, placeLexingErrors } from './token-positions.js';

/** The run's token type and group: the group keeps it from the parser, which gets only the default group's tokens. */
const UNREADABLE = 'UNREADABLE';

export class JxmbTokenBuilder extends DefaultTokenBuilder {
    override buildTokens(grammar: GrammarAST.Grammar, options?: TokenBuilderOptions): TokenVocabulary {
        const tokens = super.buildTokens(grammar, options);
        const run = Array.isArray(tokens) ? unreadableRun(tokens) : undefined;
        // Last: Chevrotain tries it only where every token of the grammar failed, as its error recovery would start.
        return run ? [...tokens as TokenType[], run] : tokens;
    }
}

/**
 * A run of characters no token starts with, up to where one does: Chevrotain's error recovery looks for the same
 * place (the first offset after the run's first character where any token pattern matches, or the text's end).
 * Undefined where the patterns cannot be searched as one regex (then Chevrotain's recovery does it, as before).
 */
function unreadableRun(tokens: TokenType[]): TokenType | undefined {
    const sources: string[] = [];
    for (const { PATTERN: pattern } of tokens) {
        if (typeof pattern === 'string') sources.push(pattern.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
        // Flags (case-insensitive keywords, unicode) apply to a whole regex; back-references and named groups would be
        // renumbered or clash in the alternation.
        else if (pattern instanceof RegExp && pattern.flags === '' && !/\\[1-9]|\(\?</.test(pattern.source)) sources.push(pattern.source);
        else return undefined;
    }
    const anyToken = new RegExp(sources.map(source => `(?:${source})`).join('|'), 'g');
    return {
        name: UNREADABLE,
        GROUP: UNREADABLE,
        PATTERN: {
            exec: (text: string, offset: number): [string] => {
                anyToken.lastIndex = offset + 1;
                const next = anyToken.exec(text)?.index ?? text.length;
                return [text.substring(offset, next)];
            }
        },
        // Every line break is whitespace, a token: a run never holds one.
        LINE_BREAKS: false,
        // Any character may start it: Chevrotain keeps its first-character optimisation (it needs a hint for a
        // pattern it cannot read) and lists the run last among the tokens of every character.
        START_CHARS_HINT: oneCharOfEveryList()
    };
}

/**
 * A character of each of Chevrotain's candidate lists: one per character below 256, one per block of 255 above
 * (lexer.js, charCodeToOptimizedIndex). One in every 128 reaches every block: not all 65,536, which Chevrotain walks
 * one by one at every start of the CLI and the server.
 */
function oneCharOfEveryList(): number[] {
    const codes: number[] = [];
    for (let code = 0; code < 256; code++) codes.push(code);
    for (let code = 256; code < 0x10000; code += 128) codes.push(code);
    codes.push(0xffff);
    return codes;
}

/** The grammar's lexer, whose runs of unreadable characters come back as Chevrotain's lexing errors. */
export class JxmbLexer extends DefaultLexer {
    /** A text's result for the next call, if that call lexes the same text (see handOver). */
    private handedOver: { text: string; result: LexerResult } | undefined;

    constructor(...args: ConstructorParameters<typeof DefaultLexer>) {
        super(...args);
        // Not a token of the grammar: the parsers are built from the definition and never see it.
        delete this.tokenTypes[UNREADABLE];
        // Tokens without lines and columns: a tree's leaves and the errors get theirs from the text (token-positions.ts).
        offsetsOnly(this.chevrotainLexer);
    }

    /**
     * The result of lexing `text`, for the next call of tokenize if it lexes the same text, and no other: the direct
     * walk gave up on the text and Langium's parser parses it next. Once only: a parse may move its tokens
     * (parse/reparse.ts), which must then not be handed out again.
     */
    handOver(text: string, result: LexerResult): void {
        this.handedOver = { text, result };
    }

    override tokenize(text: string, _options?: TokenizeOptions): LexerResult {
        const handedOver = this.handedOver;
        this.handedOver = undefined;
        if (handedOver?.text === text) return handedOver.result;
        const lexed = this.chevrotainLexer.tokenize(text);
        return {
            tokens: lexed.tokens,
            errors: this.errorsOf(text, lexed.errors, lexed.groups[UNREADABLE] ?? []),
            hidden: lexed.groups.hidden ?? [],
            report: this.tokenBuilder.flushLexingReport?.(text)
        };
    }

    /** Chevrotain's own errors (none in this grammar: it has no lexer modes) and the runs', in the text's order. */
    private errorsOf(text: string, errors: ILexingError[], runs: IToken[]): ILexingError[] {
        if (runs.length === 0) return placeLexingErrors(text, errors);
        const fromRuns = runs.map(run => this.lexingError(text, run));
        return placeLexingErrors(text, errors.length === 0 ? fromRuns : [...errors, ...fromRuns].sort((a, b) => a.offset - b.offset));
    }

    /** The error Chevrotain's recovery reports for the run (lexer_public.js, tokenizeInternal); placed by errorsOf. */
    private lexingError(text: string, run: IToken): ILexingError {
        const length = run.image.length;
        return {
            offset: run.startOffset,
            line: undefined,
            column: undefined,
            length,
            // (the messages name no line: the finding's range places it)
            message: this.errorMessageProvider.buildUnexpectedCharactersMessage(text, run.startOffset, length, undefined, undefined)
        };
    }
}
