import fc from 'fast-check';
import { createLangiumParser, DefaultLexer, DefaultTokenBuilder, type LangiumCoreServices, type Lexer, type LexerResult } from 'langium';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { describe, expect, it, vi } from 'vitest';
import { parseAndValidate } from '../../language/documents.js';
import { JxmbGrammar } from '../../language/generated/grammar.js';
import { JxmbLanguageMetaData } from '../../language/generated/module.js';
import { DirectParser } from '../../language/parse/direct-parser.js';
import { positionsFromText, TextLines } from '../../language/parse/token-positions.js';
import { JxmbLexerErrorMessageProvider } from '../../language/syntax-messages.js';
import { anyJxmbText, editedSample, runs, SEED } from '../robustness/arbitraries.js';
import { dump, expectSameTree } from '../helpers/parse-dump.js';
import { readSample, sampleFiles } from '../helpers/samples.js';
import { jxmb } from '../helpers/services.js';

// A run of characters no token starts with (`@`, NUL, an emoji …) is one lexing error, as Chevrotain reports it, but
// found in one search (parse/lexer.ts): 1 MB of them took 7–21 s. And a text is lexed once, though the direct walk
// and then Langium's parser read it.

const services = jxmb();
const lexer = services.parser.Lexer;

/** Chevrotain's lexer as Langium builds it, with jxmb's messages: what the runs' errors must be. */
const chevrotain = new DefaultLexer({
    Grammar: JxmbGrammar(),
    LanguageMetaData: JxmbLanguageMetaData,
    parser: { TokenBuilder: new DefaultTokenBuilder(), LexerErrorMessageProvider: new JxmbLexerErrorMessageProvider() }
} as unknown as LangiumCoreServices);

/**
 * Everything of a lexer's result but the token types' identity (the two lexers have their own). jxmb's tokens carry
 * offsets only: their lines and columns are those the tree's leaves get from the text (parse/token-positions.ts).
 */
function lexed(lexer: Lexer, text: string) {
    const result = lexer.tokenize(text);
    const lines = new TextLines(text);
    const token = (t: LexerResult['tokens'][number]) => {
        const p = t.startLine === undefined ? lines.place(t.startOffset, t.image.length) : t;
        return [t.tokenType.name, t.image, t.startOffset, t.endOffset, p.startLine, p.startColumn, p.endLine, p.endColumn];
    };
    return { tokens: result.tokens.map(token), hidden: result.hidden.map(token), errors: result.errors };
}

const UNREADABLE = ['@', '#', '!', '\0', '\u0001', '😀', '\u{1F468}\u200D\u{1F469}', '\uDC00', '-', '.', '/', '"', '“', '「', '/*', '*', '\\', '^'];
const junk = fc.array(fc.constantFrom(...UNREADABLE), { minLength: 1, maxLength: 60 }).map(parts => parts.join(''));
const withJunk = fc.tuple(fc.oneof(editedSample, anyJxmbText), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), junk), { maxLength: 4 }))
    .map(([text, insertions]) => insertions.reduce((t, [at, run]) => {
        const offset = Math.floor(at * t.length);
        return t.slice(0, offset) + run + t.slice(offset);
    }, text));

describe('the lexer reads what Chevrotain reads', () => {
    it.each([
        ['a run of each unreadable character', UNREADABLE.map(c => c.repeat(30)).join(' ')],
        ['runs on several lines, before and after tokens', '项目支出 @@@@ "单位"\n😀😀{ ## \n\0\0\0}\r\n!!'],
        ['an unclosed quote and comment', '"abc\n/* 注释\n“未闭合\n「也未闭合'],
        ['a minus sign before amounts and values', '部门整体 "x" { 基本信息 { 财政供养人员数 -5 } 绩效指标 { 产出指标 { 数量指标 { "a"：-5% } } } }'],
        ['nothing but a run', '@'.repeat(5000)]
    ])('%s', (_name, text) => {
        expect(lexed(lexer, text)).toEqual(lexed(chevrotain, text));
    });

    it('for any text with runs of unreadable characters put in', () => {
        fc.assert(fc.property(withJunk, text => {
            expect(lexed(lexer, text)).toEqual(lexed(chevrotain, text));
        }), { seed: SEED, numRuns: runs(300) });
    });

    /** How many regular-expression searches lexing `text` takes. */
    const regexRuns = (text: string) => {
        const exec = vi.spyOn(RegExp.prototype, 'exec');
        try {
            lexer.tokenize(text);
            return exec.mock.calls.length;
        } finally {
            exec.mockRestore();
        }
    };

    it('a run takes one search, however long it is (not one try of every token at every character)', () => {
        // Chevrotain tried ≈ 90 patterns at each character: 5,000 `@` took ≈ 390,000 regex runs, 50 ≈ 3,900.
        for (const c of ['@', '\0', '😀']) expect(regexRuns(`{${c.repeat(5000)}}`), c).toBe(regexRuns(`{${c.repeat(50)}}`));
    });

    it('the run is among the candidates of every character, in each of Chevrotain\'s blocks of 255 above U+00FF', () => {
        // Either side of a block's edge (U+01FD | U+01FE), a symbol, private use, the last code unit.
        for (const c of ['\u00FF', '\u0100', '\u01FD', '\u01FE', '\u2603', '\uE000', '\uFFFF']) {
            expect(regexRuns(`{${c.repeat(2000)}}`), c.codePointAt(0)!.toString(16)).toBe(regexRuns(`{${c.repeat(20)}}`));
        }
    });
});

describe('a long run of unreadable characters in a .jxmb', () => {
    const indicators = (rows: string) =>
        `项目支出 "单位甲" 年度 2024 {\n  单位 "单位甲" {\n    项目 "项目一" {\n      绩效指标 {\n        产出指标 {\n          数量指标 {\n${rows}          }\n        }\n      }\n    }\n  }\n}\n`;

    it.each([
        ['`@`', '@'],
        ['NUL', '\0'],
        ['emoji', '😀']
    ])('of %s: one finding at its place, and the indicators after it read and checked', async (_name, c) => {
        const run = c.repeat(100_000 / c.length);
        const text = indicators(`            "指标一"：≥ 1 场次\n            ${run}\n            "指标二"：≤2024-13-45\n`);
        const { document, diagnostics } = await parseAndValidate(services, text);
        const syntax = diagnostics.filter(d => d.code === 'lexing-error' || d.code === 'parsing-error');
        expect(syntax).toHaveLength(1);
        expect(syntax[0]!.code).toBe('lexing-error');
        expect(syntax[0]!.range).toEqual({ start: { line: 7, character: 12 }, end: { line: 7, character: 12 + run.length } });
        expect(syntax[0]!.message).toBe(`无法识别的字符「${[...run].slice(0, 20).join('').replace('\0'.repeat(20), 'U+0000'.repeat(20))}…」（连续 ${run.length.toLocaleString('en-US')} 个字符）。`);
        // The indicator after the run is in the outline and checked (its date does not exist).
        const names = (symbols: DocumentSymbol[]): string[] => symbols.flatMap(s => [s.name, ...names(s.children ?? [])]);
        expect(names(services.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: { uri: document.uri.toString() } }) as DocumentSymbol[]))
            .toEqual(expect.arrayContaining(['指标一', '指标二']));
        expect(diagnostics.find(d => d.code === 'value/invalid-date')?.range.start).toEqual({ line: 8, character: expect.any(Number) });
    });

    it('many runs between rows: one finding each, at its line and column', async () => {
        const rows = Array.from({ length: 50 }, (_, i) => `            "指标${i}"：≥ ${i + 1} 场次 ${'#!'.repeat(500)}\n`).join('');
        const { diagnostics } = await parseAndValidate(services, indicators(rows));
        const syntax = diagnostics.filter(d => d.code === 'lexing-error' || d.code === 'parsing-error');
        expect(syntax.map(d => [d.range.start.line, d.range.start.character, d.range.end.character, d.message])).toEqual(
            Array.from({ length: 50 }, (_, i) => {
                const column = `            "指标${i}"：≥ ${i + 1} 场次 `.length;
                return [6 + i, column, column + 1000, `无法识别的字符「${'#!'.repeat(10)}…」（连续 1,000 个字符）。`];
            }));
    });
});

describe('a text is lexed once', () => {
    const chevrotainRuns = (parse: () => void) => {
        const tokenize = vi.spyOn((lexer as unknown as { chevrotainLexer: { tokenize: () => unknown } }).chevrotainLexer, 'tokenize');
        try {
            parse();
            return tokenize.mock.calls.length;
        } finally {
            tokenize.mockRestore();
        }
    };
    const sample = readSample(sampleFiles()[0]!);
    const langium = positionsFromText(createLangiumParser(services));

    it.each([
        ['a syntax error', sample.replace('绩效指标 {', '绩效指标 {{')],
        ['a lexing error', sample.replace('绩效指标 {', '绩效指标 @@@ {')]
    ])('where the direct walk gives up on %s, Langium\'s parser takes its tokens, and parses as before', (_name, text) => {
        const parser = services.parser.LangiumParser;
        let result: ReturnType<typeof parser.parse> | undefined;
        expect(chevrotainRuns(() => result = parser.parse(text))).toBe(1);
        expectSameTree(dump(result!), dump(langium.parse(text)), 'after the walk gave up');
    });

    it('the tokens handed over go to the next lexing of the same text only, once', () => {
        const broken = sample.replace('绩效指标 {', '绩效指标 {{');
        const direct = DirectParser.for(services)!;
        expect(direct.parse(broken)).toBeUndefined();
        expect(chevrotainRuns(() => lexer.tokenize('项目支出 "x" {}'))).toBe(1);
        expect(chevrotainRuns(() => lexer.tokenize(broken))).toBe(1);
        expect(direct.parse(broken)).toBeUndefined();
        expect(chevrotainRuns(() => lexer.tokenize(broken))).toBe(0);
        expect(chevrotainRuns(() => lexer.tokenize(broken))).toBe(1);
    });
});
