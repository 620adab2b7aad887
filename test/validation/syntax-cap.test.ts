import { CstUtils } from 'langium';
import { describe, expect, test } from 'vitest';
import { parseAndValidate } from '../../language/documents.js';
import { MAX_SYNTAX_FINDINGS } from '../../language/syntax-messages.js';
import { jxmb } from '../helpers/services.js';

// A text that is not jxmb (pasted binary, another format) must not bury the editor and the terminal in findings:
// the first ones are listed, one more at the next error says how many follow.

const withJunk = (n: number) => `部门整体 "测试单位" 年度 2024 {\n${'§ '.repeat(n)}\n}\n`;
const syntaxOf = async (text: string) => (await parseAndValidate(jxmb(), text)).diagnostics.filter(d => d.code === 'lexing-error' || d.code === 'parsing-error');

describe('many syntax errors', () => {
    test('up to the limit, every one is listed at its place', async () => {
        const syntax = await syntaxOf(withJunk(MAX_SYNTAX_FINDINGS));
        expect(syntax).toHaveLength(MAX_SYNTAX_FINDINGS);
        expect(syntax.at(-1)!.range.start).toEqual({ line: 1, character: 2 * (MAX_SYNTAX_FINDINGS - 1) });
        expect(syntax.every(d => String(d.message).includes('无法识别的字符'))).toBe(true);
    });

    test('beyond it, the first ones in the text, then one that counts the rest at the next one\'s place', async () => {
        const syntax = await syntaxOf(withJunk(1000));
        expect(syntax).toHaveLength(MAX_SYNTAX_FINDINGS + 1);
        expect(syntax.slice(0, -1).map(d => d.range.start.character)).toEqual([...Array(MAX_SYNTAX_FINDINGS).keys()].map(i => 2 * i));
        const summary = syntax.at(-1)!;
        expect(summary.range.start).toEqual({ line: 1, character: 2 * MAX_SYNTAX_FINDINGS });
        expect(summary.message).toContain(`还有 ${1000 - MAX_SYNTAX_FINDINGS} 处语法错误`);
        expect(summary.severity).toBe(1);
    });
});

describe('many errors in one list', () => {
    // 三级指标 pasted without `：`: one error per row of one list. The parser's recovery recursed once per error and
    // overflowed the stack at ≈ 2,700 rows (`jxmb 内部错误`, no finding at all).
    test('5,000 rows: the first errors at their rows, the text before them kept', async () => {
        const rows = Array.from({ length: 5000 }, (_, i) => `"指标${i}" ≥1个\n`).join('');
        const result = await parseAndValidate(jxmb(), `部门整体 "测试单位" 年度 2024 {\n 绩效指标 { 产出指标 { 数量指标 {\n${rows}} } }\n}\n`);
        const syntax = result.diagnostics.filter(d => d.code === 'parsing-error');
        expect(syntax.slice(0, 3).map(d => d.range.start)).toEqual([2, 3, 4].map(line => ({ line, character: 6 })));
        expect(syntax.length).toBeLessThanOrEqual(MAX_SYNTAX_FINDINGS + 1);
    });
});

describe('a long run of comments', () => {
    // 150,000 comment lines (1.5 MB, a .jxmb may have 4 MB): Langium's tree builder took them in one spread call, which
    // overflowed the stack (`jxmb 内部错误`, no tree in the editor).
    test('before a declaration: the declaration is read and checked, the comments kept in the tree', async () => {
        const comments = '// 旧表的说明\n'.repeat(150_000);
        const result = await parseAndValidate(jxmb(), `${comments}部门整体 "测试单位" 年度 2024 {\n  总体绩效目标 "完成任务"\n}\n${comments}`);
        expect(result.diagnostics.filter(d => d.code === 'parsing-error' || d.code === 'lexing-error')).toEqual([]);
        expect(result.document.parseResult.value.declarations).toHaveLength(1);
        expect(result.diagnostics.some(d => d.code === 'structure/missing-indicators' && d.range.start.line === 150_000)).toBe(true);
        expect(CstUtils.streamCst(result.document.parseResult.value.$cstNode!).filter(n => n.hidden).count()).toBeGreaterThanOrEqual(300_000);
    });
});
