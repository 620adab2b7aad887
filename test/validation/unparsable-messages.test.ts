import { describe, expect, test } from 'vitest';
import { project } from '../../bench/hostile.mjs';
import { parseAndValidate } from '../../language/documents.js';
import { jxmb } from '../helpers/services.js';

// A value the checks cannot read is reported with why, in the author's words: the value reader's own reasons are
// English notes for the program («range with two units: …»), never what a user reads.

async function unparsable(value: string): Promise<string[]> {
    const { diagnostics } = await parseAndValidate(jxmb(), project({ value }));
    return diagnostics.filter(d => d.code === 'value/unparsable').map(d => String(d.message));
}

describe('why a value cannot be read, in Chinese', () => {
    test.each([
        ['"10个-20场"', '区间两端的单位不同（「个」和「场」）'],
        ['"20-10场次"', '区间的下限 20 大于上限 10'],
        ['"每场参加人员不100人"', '「不100人」中「不」直接跟数字'],
        ['"≥≤5次"', '方向词相互矛盾'],
        ['"≠0次"', '「≠」不能表示目标值']
    ])('%s', async (value, reason) => {
        const messages = await unparsable(value);
        expect(messages).toHaveLength(1);
        expect(messages[0]).toContain(reason);
        expect(messages[0]).not.toMatch(/[A-Za-z]{3,}/);
    });
});

test('a range that cannot stand is not read as two numbers of its own (no 「-20场」 against the goal)', async () => {
    const { diagnostics } = await parseAndValidate(jxmb(), project({ value: '"10个-20场"' }));
    expect(diagnostics.map(d => String(d.message)).filter(m => m.includes('-20场'))).toEqual([]);
    expect(diagnostics.map(d => d.code)).toContain('value/unparsable');
});

// Values of the kinds people type (ranges, odd units, Latin letters, formulas): whatever the checks say of them is
// said in Chinese. Quoted text is the user's own; product and file names (Excel, VS Code, jxmb.yaml) may stand.
const ODD_VALUES = [
    '"1万-2亿元"', '"≥5-10场"', '"5~3次"', '"≥1e9次"', '"约-5%"', '"-5%~5%"', '"1.2.3场"', '"≥ 20 场 次"', '"第3季度前"',
    '"2024-13-01"', '"≥2024年13月"', '"Q3"', '"≥5场/季度-月"', '"5场/6场"', '"≥一百二十场次"', '"≥0.5‰"', '"≥5成"',
    '"≥95%以上"', '"不低于95%-98%"', '"≤-3天"', '"1/3"', '"3:1"', '"≥5场;≥6场"', '"≥AAA"', '"ISO9001认证"', '"≥5h"',
    '"≤2km"', '"≥5MB"', '"10^3次"', '"1,000,000元"', '"≥NaN"', '"≥Infinity"', '"0x10次"', '"≥≤5次"', '"≠0次"'
];

test('no finding on an odd value reads in English', async () => {
    const english: string[] = [];
    for (const value of ODD_VALUES) {
        const { diagnostics } = await parseAndValidate(jxmb(), project({ value }));
        for (const d of diagnostics) {
            const own = String(d.message).replace(/「[^」]*」|"[^"]*"|Excel|VS Code|jxmb\.\w+|jxmb|costModel|U\+[0-9A-F]{4,6}/g, '');
            if (/[A-Za-z]{3,}/.test(own)) english.push(`${value}: ${String(d.message)}`);
        }
    }
    expect(english).toEqual([]);
});
