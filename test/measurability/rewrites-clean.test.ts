import { describe, expect, test } from 'vitest';
import { parseAndValidate } from '../../language/documents.js';
import { level1sOf, level2sOf, type IndicatorCategory } from '../../language/domain/taxonomy.js';
import { vagueEntries } from '../../language/domain/vague-words.js';
import { vagueRewrites } from '../../language/validation/measurability-rewrites.js';
import { jxmb } from '../helpers/services.js';

// A quick-fix that replaces vague wording by a RULES §4 rewrite must not trade one finding for another once the
// user has filled in its numbers: 「较上年提升≥5%（基数2.1万人次）」 names a baseline, not a second metric.

// What the user types into each slot: a number, a baseline with its unit, last year's value.
const FILL: Record<string, string> = { 数值: '10', 基数: '2.1万人次', 上年值: '8万人次' };

function filled(l2: string): string[] {
    const texts = vagueEntries().flatMap(entry => vagueRewrites([entry.id], l2, 2024, undefined, 20)
        .map(r => r.parts.map(p => typeof p === 'string' ? p : p.fallback ?? FILL[p.label] ?? '10').join('')));
    return [...new Set(texts)];
}

function documentFor(l1: IndicatorCategory, l2: IndicatorCategory, values: string[]): string {
    const lines = values.map((v, i) => `                "指标${i + 1}"："${v}"`);
    return `部门整体 "测试单位" 年度 2024 {\n    绩效指标 {\n        ${l1.name} {\n            ${l2.name} {\n${lines.join('\n')}\n            }\n        }\n    }\n}\n`;
}

// The findings about what a value says: whether it can be read, and whether it is one measurable target.
const ABOUT_THE_VALUE = /^(?:value\/(?:unparsable|hedged|invalid-date)|classification\/compound|measurability\/)/;

describe('RULES §4 rewrites, filled in, are clean values', () => {
    const blocks = (['legacy', '2021'] as const).flatMap(model =>
        level1sOf(model).flatMap(l1 => level2sOf(l1.code, model).map(l2 => ({ l1, l2 }))));
    const seen = new Set<string>();
    for (const { l1, l2 } of blocks) {
        if (seen.has(l2.code)) continue;
        seen.add(l2.code);
        test(`${l2.code} ${l2.name}`, async () => {
            const values = filled(l2.code);
            const { diagnostics } = await parseAndValidate(jxmb(), documentFor(l1, l2, values));
            const found = diagnostics.filter(d => ABOUT_THE_VALUE.test(String(d.code)))
                .map(d => `${values[d.range.start.line - 4] ?? `line ${d.range.start.line}`}: ${d.code} ${d.message}`);
            expect(found).toEqual([]);
        });
    }
});
