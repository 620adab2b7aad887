import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseAndValidate } from '../../language/documents.js';
import { jxmb } from '../helpers/services.js';

// After a syntax error the parser's recovery may drop whole blocks behind it (「产出 {」 for 「产出指标 {」 drops the
// 绩效指标 block). Findings about what the table lacks would then speak of blocks the user sees intact, and their
// quick-fixes would insert into the broken block: where text over several lines was dropped, they wait for the
// syntax error to be fixed. A row being typed drops at most that row, and the other findings stay.

const tutorial = readFileSync(new URL('../../samples/tutorial.jxmb', import.meta.url), 'utf8');
const codesOf = async (text: string) => (await parseAndValidate(jxmb(), text)).diagnostics.map(d => String(d.code));
const ABSENCE = /^(hierarchy\/missing-|hierarchy\/empty-|structure\/missing-indicators|text-consistency\/unmeasured-|budget\/missing-)/;

describe('findings about what a table lacks, after a syntax error', () => {
    test.each([
        ['一级 written short', '产出指标 {', '产出 {'],
        ['二级 written short', '数量指标 {', '数量 {'],
        ['one 「}」 too many', '"组织科普志愿活动场次"：≥20场次', '"组织科普志愿活动场次"：≥20场次 }']
    ])('%s: only the syntax errors, no 「没有效益指标」 for blocks that are there', async (_what, from, to) => {
        expect(tutorial).toContain(from);
        const codes = await codesOf(tutorial.replace(from, to));
        expect(codes).toContain('parsing-error');
        expect(codes.filter(code => ABSENCE.test(code))).toEqual([]);
    });

    test('they come back once the error is fixed, where they are true', async () => {
        const withoutBenefit = tutorial.replace(/        效益指标 \{[\s\S]*?\n        \}\n/, '');
        expect(withoutBenefit).not.toBe(tutorial);
        expect(await codesOf(withoutBenefit)).toContain('hierarchy/missing-benefit');
        expect(await codesOf(withoutBenefit.replace('产出指标 {', '产出 {'))).not.toContain('hierarchy/missing-benefit');
    });

    test('a row being typed (an error within its line) keeps the table\'s other findings', async () => {
        const withoutBenefit = tutorial.replace(/        效益指标 \{[\s\S]*?\n        \}\n/, '');
        const typing = withoutBenefit.replace('"组织科普志愿活动场次"：≥20场次', '"组织科普志愿活动场次"：≥20场次\n                "开展科普讲');
        const codes = await codesOf(typing);
        expect(codes.some(code => code === 'lexing-error' || code === 'parsing-error')).toBe(true);
        expect(codes).toContain('hierarchy/missing-benefit');
    });

    test('in a 项目支出 table, a project whose blocks were dropped is left alone, the others are still checked', async () => {
        const text = [
            '项目支出 "测试单位" 年度 2024 {',
            '    单位 "甲" {',
            '        资金 { 总计 10.00 财政拨款 10.00 }',
            '        项目 "一" {',
            '            资金 { 总计 5.00 财政拨款 5.00 }',
            '            绩效指标 { 产出指标 { 数量指标 { "举办培训期数"：≥2期 } } }',
            '        }',
            '        项目 "二" {',
            '            资金 { 总计 5.00 财政拨款 5.00 }',
            '            绩效目标 "完成。"',
            '            绩效指标 {',
            '                产出 {',
            '                    数量指标 { "举办活动场次"：≥5场次 }',
            '                }',
            '            }',
            '        }',
            '    }',
            '}'
        ].join('\n');
        const { diagnostics } = await parseAndValidate(jxmb(), text);
        const at = (code: string) => diagnostics.filter(d => d.code === code).map(d => d.range.start.line + 1);
        expect(at('parsing-error').length).toBeGreaterThan(0);
        // 项目「一」 has no 绩效目标: reported; 项目「二」's indicators were dropped: no 「没有三级指标」 for it.
        expect(at('budget/missing-project-goal')).toEqual([4]);
        expect(at('budget/missing-project-indicators')).toEqual([]);
    });
});
