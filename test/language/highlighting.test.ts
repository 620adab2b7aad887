import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AstUtils, GrammarAST } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar } from 'vscode-textmate';
import { JxmbGrammar } from '../../language/generated/grammar.js';
import { TEXTMATE_FILE, textMateText } from '../../scripts/textmate.mjs';
import { generateDeclaration, generateTypicalFile } from '../../bench/generate.mjs';
import { jxmb } from '../helpers/services.js';
import { readSample, sampleFiles } from '../helpers/samples.js';

// The colours VS Code gives a .jxmb file, from its own TextMate engine (vscode-textmate with Oniguruma) and the
// grammar the extension contributes: they follow the language server's lexer token by token.

const repo = fileURLToPath(new URL('../..', import.meta.url));
let grammar: IGrammar;

beforeAll(async () => {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new Registry({
        onigLib: Promise.resolve({
            createOnigScanner: patterns => new oniguruma.OnigScanner(patterns),
            createOnigString: text => new oniguruma.OnigString(text)
        }),
        loadGrammar: async () => parseRawGrammar(readFileSync(join(repo, TEXTMATE_FILE), 'utf8'), TEXTMATE_FILE)
    });
    grammar = (await registry.loadGrammar('source.jxmb'))!;
});

/** The innermost scope (without `.jxmb`) of every character of the text, by offset. */
function scopesOf(text: string): string[] {
    const scopes: string[] = [];
    let stack = INITIAL;
    for (const line of text.split('\n')) {
        const { tokens, ruleStack } = grammar.tokenizeLine(line, stack);
        stack = ruleStack;
        for (const token of tokens) {
            const scope = token.scopes.slice(1).at(-1)?.replace(/\.jxmb$/, '') ?? '';
            for (let i = token.startIndex; i < Math.min(token.endIndex, line.length); i++) scopes.push(scope);
        }
        scopes.push(''); // the line break
    }
    return scopes;
}

/** The grammar rules each keyword stands in. */
const keywordRules = new Map<string, string[]>();
for (const node of AstUtils.streamAllContents(JxmbGrammar())) {
    if (GrammarAST.isKeyword(node)) {
        const rule = AstUtils.getContainerOfType(node, GrammarAST.isParserRule)?.name ?? '';
        keywordRules.set(node.value, [...keywordRules.get(node.value) ?? [], rule]);
    }
}

const WORD_SCOPES = ['keyword.other', 'entity.name.type.category', 'constant.language', 'variable.other.property'];

/** The scope a lexer token of this type must start with. */
function expectedScopes(tokenType: string): string[] {
    switch (tokenType) {
        case 'STRING': return ['punctuation.definition.string.begin'];
        case 'NUMBER': return ['constant.numeric'];
        case 'DATE': return ['constant.numeric.date'];
        case 'UNIT': case '%': case '％': return ['keyword.other.unit'];
        case 'LBRACE': return ['punctuation.section.block.begin'];
        case 'RBRACE': return ['punctuation.section.block.end'];
        case 'COLON': return ['punctuation.separator.key-value'];
        case 'SEPARATOR': return ['punctuation.separator'];
        case 'RANGE_SEP': return ['keyword.operator.range'];
        case 'ML_COMMENT': case 'SL_COMMENT': return ['comment.block', 'comment.line.double-slash'];
    }
    const rules = keywordRules.get(tokenType);
    if (!rules) throw new Error(`no expectation for ${tokenType}`);
    if (rules.includes('Operator')) return ['keyword.operator.comparison'];
    if (rules.includes('Level1Name') || rules.includes('Level2Name')) return ['entity.name.type.category'];
    return WORD_SCOPES;
}

describe('colours in the editor', () => {
    test('the committed grammar is the one scripts/textmate.mjs makes from jxmb.langium', async () => {
        expect(readFileSync(join(repo, TEXTMATE_FILE), 'utf8'), `${TEXTMATE_FILE} is stale: run npm run langium:generate`).toBe(await textMateText());
    });

    // The samples, and generated tables with the benchmark's whole vocabulary of names, values and texts.
    const texts: Array<[string, string]> = [
        ...sampleFiles().map((name): [string, string] => [name, readSample(name)]),
        ['a generated declaration of 500 三级指标', generateDeclaration(500, 7).text],
        ...[1, 2, 3].map((seed): [string, string] => [`typical file ${seed}`, generateTypicalFile(seed).text])
    ];
    test.each(texts)('every token of %s is coloured as what the lexer reads', (_name, text) => {
        const { tokens, hidden, errors } = jxmb().parser.Lexer.tokenize(text);
        expect(errors).toEqual([]);
        const scopes = scopesOf(text);
        const wrong = [...tokens, ...hidden].filter(t => t.tokenType.name !== 'WS')
            .filter(t => !expectedScopes(t.tokenType.name).includes(scopes[t.startOffset]!))
            .map(t => `${t.startLine}:${t.startColumn} ${t.image.slice(0, 20)} (${t.tokenType.name}) → ${scopes[t.startOffset] || 'no colour'}`);
        expect(wrong).toEqual([]);
    });

    test('every keyword of the grammar is coloured where it stands as a word', () => {
        for (const keyword of keywordRules.keys()) {
            const line = keyword === '%' || keyword === '％' ? `≥90${keyword}` : `${keyword} `;
            const at = line.indexOf(keyword);
            expect(expectedScopes(keyword), keyword).toContain(scopesOf(line)[at]);
        }
    });

    test('a keyword inside a longer word is not coloured: 项目 in 项目支 (a misspelt 项目支出)', () => {
        const scopes = scopesOf('项目支 "甲" {');
        expect(scopes.slice(0, 3)).toEqual(['', '', '']);
        expect(scopesOf('项目 "甲" {')[0]).toBe('keyword.other');
    });

    test('项目支出 is a declaration before its unit name and an amount before a number', () => {
        expect(scopesOf('项目支出 "广州市科协" 年度 2024 {')[0]).toBe('keyword.other');
        const line = '部门预算支出 { 基本支出 238.97  项目支出 329.00 }';
        expect(scopesOf(line)[line.indexOf('项目支出')]).toBe('variable.other.property');
    });

    test('a unit is coloured after spaces too, as the lexer reads it, but a keyword after a number is no unit', () => {
        const line = '"新增培训人数"：≥ 50 人次';
        expect(scopesOf(line)[line.indexOf('人次')]).toBe('keyword.other.unit');
        const amounts = '收入来源 { 财政拨款 567.97  其他资金 0.00 }';
        expect(scopesOf(amounts)[amounts.indexOf('其他资金')]).toBe('variable.other.property');
        const deadline = '"培训人次" 实施周期：≥120场 年度：≥60场';
        expect(scopesOf(deadline)[deadline.indexOf('年度')]).toBe('keyword.other');
    });

    test('an unclosed quote colours no further than the next indicator or closing brace, as the lexer reads it', () => {
        const source = '项目 "甲" {\n    绩效目标 "完成培训\n    绩效指标 {\n        产出指标 {\n            数量指标 {\n'
            + '                "培训人次"：≥50人次\n            }\n        }\n    }\n}\n';
        const scopes = scopesOf(source);
        const at = (needle: string) => scopes[source.indexOf(needle)];
        expect(at('完成培训')).toBe('string.quoted');
        expect(at('"培训人次"')).toBe('punctuation.definition.string.begin');
        expect(at('≥50')).toBe('keyword.operator.comparison');
        expect(at('50人次')).toBe('constant.numeric');
        expect(at('人次\n')).toBe('keyword.other.unit');
        const closing = source.lastIndexOf('}');
        expect(scopes[closing]).toBe('punctuation.section.block.end');
    });
});
