import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { cleanText } from '../../language/import/cells.js';
import { GRAMMAR_KEYWORDS, importValue, structuredForm } from '../../language/import/values.js';
import { compiled } from './helpers.js';

// A value cell becomes the DSL's structured form only when it is exactly [op] number [unit] (or a date / range),
// with the canonical text from-ast.ts gives it; everything else is quoted text, verbatim.

describe('structuredForm', () => {
    test.each([
        ['≥45 场次', '≥45场次', 'quantity'],
        ['< 3起', '<3起', 'quantity'],
        ['100%', '100%', 'quantity'],
        ['≥90％', '≥90%', 'quantity'],
        ['>=1,000次', '≥1000次', 'quantity'],
        ['4', '4', 'quantity'],
        ['≤3s', '≤3s', 'quantity'],
        ['≥2万人次', '≥2万人次', 'quantity'],
        ['≥1次/月', '≥1次/月', 'quantity'],
        ['≤2024-12-31', '≤2024-12-31', 'date'],
        ['90~95%', '90~95%', 'range']
    ])('%s → %s (%s)', (cell, text, form) => {
        expect(structuredForm(cell)).toEqual({ text, form });
    });

    test.each(['3000万人次以上', '不少于1000次', '二级', '及时', '2024年12月前', '100%以上', '约180卷', '5项目', '2024年度', '1,00次', ''])(
        '%s stays text', cell => {
            expect(structuredForm(cell)).toBeNull();
        });

    test('a structured value prints and parses back to the same value', async () => {
        for (const cell of ['≥45 场次', '< 3起', '≥90％', '>=1,000次', '≤2024-12-31', '90~95%', '≥1次/月']) {
            const value = importValue(cell)!;
            const model = await compiled(`部门整体 "x" { 绩效指标 { 产出指标 { 数量指标 { "n"：${value.text} } } } }`);
            const d = model.declarations[0]!;
            if (d.kind !== 'department') throw new Error('kind');
            expect(d.indicators[0]!.groups[0]!.blocks[0]!.indicators[0]!.period).toEqual(value);
        }
    });

    test('GRAMMAR_KEYWORDS are the grammar\'s keywords', () => {
        const grammar = readFileSync(new URL('../../language/jxmb.langium', import.meta.url), 'utf8')
            .split('\n').filter(line => !line.trim().startsWith('//')).join('\n');
        const keywords = new Set([...grammar.matchAll(/'([^']+)'/g)].map(m => m[1]!).filter(k => /[\u4e00-\u9fff]/.test(k)));
        expect([...GRAMMAR_KEYWORDS].sort()).toEqual([...keywords].sort());
    });
});

describe('cleanText', () => {
    test('extraction spaces between Chinese characters go; others stay', () => {
        expect(cleanText('合理安排2024年度办公 设备', true)).toBe('合理安排2024年度办公设备');
        expect(cleanText('有效融合：试点区“显示度” 显著提升', true)).toBe('有效融合：试点区“显示度”显著提升');
        expect(cleanText('办公室水费、 电费', true)).toBe('办公室水费、电费');
        expect(cleanText('1. 全年开展', true)).toBe('1. 全年开展');
        expect(cleanText('工作报告； 2、组织', true)).toBe('工作报告； 2、组织');
        expect(cleanText('<p>a</p> <p>b</p>', true)).toBe('<p>a</p> <p>b</p>');
    });

    test('typed cells (.xlsx, .docx) are kept as typed, only trimmed', () => {
        expect(cleanText(' 办公 设备 ', false)).toBe('办公 设备');
    });
});
