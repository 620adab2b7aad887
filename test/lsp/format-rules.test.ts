import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Lexer } from 'langium';
import { parseAndValidate } from '../../language/documents.js';
import { applyEdits, formatEdits } from '../../language/lsp/format/format-document.js';
import { jxmbLexer } from '../../language/lsp/format/tokens.js';
import type { Document } from '../../language/generated/ast.js';
import { readSample } from '../helpers/samples.js';
import { jxmb } from '../helpers/services.js';
import { applyTextEdits, format, formatEditsOf, piecesOf, replacedTexts, stripIndentation } from './format-helpers.js';

// The layout rules one at a time, on small texts; then broken text.

const lines = (...l: string[]) => l.join('\n') + '\n';

describe('layout', () => {
    test('one member per line, 4 spaces a level; values and punctuation as written, stuck together', async () => {
        const messy = '部门整体 "测试单位" 年度 2024 { 标题："表" 绩效指标 { 产出指标 { 数量指标 { "甲" : >= 45 场次 ; "乙"："不少于 50 篇"， '
            + '"丙" 实施周期 ≥ 96 场次 年度：≥96场次 "丁"：90 ~ 95 % "戊"：≤ 2024-12-31 "己" } } } }';
        expect(await format(messy)).toBe(lines(
            '部门整体 "测试单位" 年度 2024 {',
            '    标题："表"',
            '    绩效指标 {',
            '        产出指标 {',
            '            数量指标 {',
            '                "甲":>=45场次;',
            '                "乙"："不少于 50 篇"，',
            '                "丙" 实施周期 ≥96场次 年度：≥96场次',
            '                "丁"：90~95%',
            '                "戊"：≤2024-12-31',
            '                "己"',
            '            }',
            '        }',
            '    }',
            '}'));
    });

    test('blocks of amounts on one line, two spaces apart; full-width braces and 空 kept; empty blocks as { }', async () => {
        const messy = '项目支出 "单位" ｛ 合计 ｛ 总计 1.00 财政拨款 空 ｝ 单位 "甲" { 资金 {\n总计 1.00\n}\n项目 "乙" 保密 {\n} } ｝';
        expect(await format(messy)).toBe(lines(
            '项目支出 "单位" ｛',
            '    合计 ｛ 总计 1.00  财政拨款 空 ｝',
            '    单位 "甲" {',
            '        资金 { 总计 1.00 }',
            '        项目 "乙" 保密 { }',
            '    }',
            '｝'));
    });

    test('a block of amounts too wide for one line gets one item per line', async () => {
        const big = '1,234,567,890.00';
        const messy = `项目支出 "单位" { 单位 "甲" { 项目 "乙" { 资金 { 总计 ${big} 财政拨款 ${big} 财政专户拨款 ${big} 其他资金 ${big} } } } }`;
        const formatted = await format(messy);
        expect(formatted).toContain(lines(
            '            资金 {',
            `                总计 ${big}`,
            `                财政拨款 ${big}`,
            `                财政专户拨款 ${big}`,
            `                其他资金 ${big}`,
            '            }'));
        expect(await format(formatted)).toBe(formatted);
    });

    test('amounts written directly in 预算 share a line with the other cell of their table group', async () => {
        const messy = '部门整体 "甲" { 预算 { 基本支出 1 项目支出 2 财政拨款 3\n其他资金 0 区本级使用资金 3 收入来源 { 财政拨款 3 } } }';
        expect(await format(messy)).toBe(lines(
            '部门整体 "甲" {',
            '    预算 {',
            '        基本支出 1  项目支出 2',
            '        财政拨款 3  其他资金 0',
            '        区本级使用资金 3',
            '        收入来源 { 财政拨款 3 }',
            '    }',
            '}'));
    });

    test('comments stay where they were: end of line, own line, inside a block; a comment inside a block of amounts opens it', async () => {
        const messy = [
            '// 文件头',
            '',
            '部门整体 "测试单位" {   // 行尾注释',
            '// 独立一行的注释',
            '  基本信息 { 财政供养人员数 12 /* 人 */ 下属二级单位数 0 }',
            '  预算 { 部门预算支出 { 基本支出 1.00  // 注',
            '  项目支出 2.00 } }',
            '  绩效指标 { 产出指标 { 数量指标 { } // 空',
            '  质量指标 {',
            '  // 待补',
            '  } 时效指标 { "完成时间" /* 行内 */ ：≤2024-12-31 } } }',
            '  /* 结尾 */',
            '}',
            '// 文件尾'
        ].join('\n');
        const expected = lines(
            '// 文件头',
            '',
            '部门整体 "测试单位" {  // 行尾注释',
            '    // 独立一行的注释',
            '    基本信息 {',
            '        财政供养人员数 12  /* 人 */',
            '        下属二级单位数 0',
            '    }',
            '    预算 {',
            '        部门预算支出 {',
            '            基本支出 1.00  // 注',
            '            项目支出 2.00',
            '        }',
            '    }',
            '    绩效指标 {',
            '        产出指标 {',
            '            数量指标 { }  // 空',
            '            质量指标 {',
            '                // 待补',
            '            }',
            '            时效指标 {',
            '                "完成时间" /* 行内 */ ：≤2024-12-31',
            '            }',
            '        }',
            '    }',
            '    /* 结尾 */',
            '}',
            '// 文件尾');
        expect(await format(messy)).toBe(expected);
        expect(await format(expected)).toBe(expected);
    });

    test('blank lines between members kept, runs collapsed to one, none after { or before }', async () => {
        const messy = '\n\n部门整体 "甲" {\n\n\n    标题 "t"\n\n\n\n    总体绩效目标 "g"\n    备注 "r"\n\n}\n\n\n\n项目支出 "乙" { }\n\n\n';
        expect(await format(messy)).toBe(lines(
            '部门整体 "甲" {',
            '    标题 "t"',
            '',
            '    总体绩效目标 "g"',
            '    备注 "r"',
            '}',
            '',
            '项目支出 "乙" { }'));
    });

    test('text inside strings and comments never changes', async () => {
        const messy = '部门整体 "甲" {   备注 "第一行   两个空格\n      第二行"  总体绩效目标 “引号 内”\n标题 「括号  内」 /* 注释\n      第二行 */ }';
        expect(await format(messy)).toBe(lines(
            '部门整体 "甲" {',
            '    备注 "第一行   两个空格\n      第二行"',
            '    总体绩效目标 “引号 内”',
            '    标题 「括号  内」  /* 注释\n      第二行 */',
            '}'));
    });

    test('CRLF files stay CRLF', async () => {
        const formatted = await format('部门整体 "甲" {\r\n标题 "t"\r\n  基本信息 {\r\n财政供养人员数 1 }\r\n}');
        expect(formatted).toBe('部门整体 "甲" {\r\n    标题 "t"\r\n    基本信息 { 财政供养人员数 1 }\r\n}\r\n');
    });

    test('a byte-order mark stays; a file of comments only keeps them, one blank line at most between them', async () => {
        expect(await format('\ufeff  部门整体 "甲" {标题 "t"}')).toBe('\ufeff部门整体 "甲" {\n    标题 "t"\n}\n');
        expect(await format('\n// 甲   \n\n\n\n  // 乙\n/* 丙 */')).toBe('// 甲\n\n// 乙\n/* 丙 */\n');
    });

    test('a formatted file gets no edits, and edits only ever replace whitespace', async () => {
        const sample = readSample('000-nansha-kexie.jxmb');
        expect(await formatEditsOf(sample)).toEqual([]);
        const messy = stripIndentation(sample);
        const edits = await formatEditsOf(messy);
        expect(edits.length).toBeGreaterThan(50);
        for (const replaced of replacedTexts(messy, edits)) expect(replaced).toMatch(/^[\s\u3000]*$/u);
    });

    test('range formatting lays out only what the range touches', async () => {
        const tutorial = readSample('tutorial.jxmb');
        const messy = stripIndentation(tutorial);
        const services = jxmb();
        const { document } = await parseAndValidate(services, messy);
        const projectLine = messy.split('\n').findIndex(l => l.startsWith('项目支出'));
        const edits = await services.lsp.Formatter!.formatDocumentRange(document, {
            textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true },
            range: { start: { line: projectLine, character: 0 }, end: { line: messy.split('\n').length, character: 0 } }
        });
        const result = applyTextEdits(messy, edits);
        const formattedProject = (await format(tutorial)).split('\n项目支出')[1];
        expect(result.split('\n项目支出')[0]).toBe(messy.split('\n项目支出')[0]);
        expect(result.split('\n项目支出')[1]).toBe(formattedProject);
    });
});

/** Tokens and comments as the formatter must keep them (a line comment's trailing spaces are layout). */
const content = (text: string) => piecesOf(text).map(p => `${p.type}:${p.type === 'SL_COMMENT' ? p.image.trimEnd() : p.image}`);

describe('broken text', () => {
    test('a clean declaration is formatted, a broken one next to it left exactly as written', async () => {
        const broken = '项目支出 "坏" {   合计 { 总计 "一百"   } }\n';
        const messy = '部门整体 "好" {   标题  "t"\n  总体绩效目标 "g" }\n' + broken;
        expect(await format(messy)).toBe('部门整体 "好" {\n    标题 "t"\n    总体绩效目标 "g"\n}\n' + broken);
    });

    test('beside a clean declaration, megabytes of broken text are not lexed again: only the declaration is', async () => {
        // 3.9 MB of `{` took ≈ 1 GB to format (nothing), lexed whole with the tokens laid out.
        const messy = '部门整体 "好" {   标题  "t"\n  总体绩效目标 "g" }\n';
        const flood = '{'.repeat(100_000);
        const { document } = await parseAndValidate(jxmb(), messy + flood);
        const lexer = jxmbLexer();
        let lexed = 0;
        const counting: Lexer = { definition: lexer.definition, tokenize: text => { lexed += text.length; return lexer.tokenize(text); } };
        const edits = formatEdits(messy + flood, document.parseResult as typeof document.parseResult & { value: Document }, counting);
        expect(applyEdits(messy + flood, edits)).toBe('部门整体 "好" {\n    标题 "t"\n    总体绩效目标 "g"\n}\n' + flood);
        expect(lexed).toBeLessThan(4 * messy.length);
    });

    test.each([
        ['an unclosed string', '部门整体 "甲" {\n  标题 "t\n   总体绩效目标 "g"\n}\n'],
        ['a missing }', '部门整体 "甲" {\n  标题 "t"\n   基本信息 { 财政供养人员数 1\n'],
        ['a stray character', '部门整体 "甲" {\n  标题 "t" § \n   总体绩效目标 "g"\n}\n'],
        ['garbage', '\u0000\u0001}}}{{{"""«»' + '项目'.repeat(50)]
    ])('%s: no edits', async (_, text) => {
        expect(await formatEditsOf(text)).toEqual([]);
    });

    test('whatever is cut out of a sample, formatting never throws, changes only whitespace and is idempotent', async () => {
        const sample = stripIndentation(readSample('tutorial.jxmb'));
        await fc.assert(fc.asyncProperty(
            fc.integer({ min: 0, max: sample.length }), fc.integer({ min: 1, max: 40 }),
            async (at, length) => {
                const cut = sample.slice(0, at) + sample.slice(at + length);
                const edits = await formatEditsOf(cut);
                for (const replaced of replacedTexts(cut, edits)) expect(replaced).toMatch(/^[\s\u3000]*$/u);
                const once = applyTextEdits(cut, edits);
                expect(content(once)).toEqual(content(cut));
                expect(await format(once)).toBe(once);
            }), { numRuns: 40, seed: 6 });
    });
});
