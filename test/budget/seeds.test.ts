import { describe, expect, test } from 'vitest';
import { diagnose } from '../helpers/fixes.js';
import { readSample, sampleFiles } from '../helpers/samples.js';

// What budget arithmetic says on the five seeds (RULES §1A table, §1B): seed 001's blank 市本级使用资金 is missing
// (not 0), seed 004's 事业发展性支出 outside 项目支出 is an info (R3 holds), and everything else adds up — seed 002's
// fifteen projects sum to 8,234.33 = unit row = 合计, its 保密 project included.

async function budgetFindings(sample: string): Promise<string[]> {
    const text = readSample(sample);
    const lines = text.split('\n');
    const { diagnostics } = await diagnose(text);
    return diagnostics
        .filter(d => String(d.code).startsWith('budget/'))
        .map(d => `${d.code} ${lines[d.range.start.line]!.slice(d.range.start.character, d.range.end.character)}`);
}

const expected: Record<string, string[]> = {
    '000-nansha-kexie.jxmb': [],
    '001-zhanjiang-kexie.jxmb': ['budget/missing-amount 市本级使用资金 空'],
    '002-guangzhou-kexie-projects.jxmb': [],
    '003-baiyun-kexie.jxmb': [],
    '004-guangzhou-kexie-2022.jxmb': ['budget/development-outside-projects 事业发展性支出']
};

describe('budget findings on the seeds', () => {
    test('every seed sample is listed here', () => {
        expect(sampleFiles().filter(f => /^\d{3}-/.test(f))).toEqual(Object.keys(expected));
    });
    for (const [sample, findings] of Object.entries(expected)) {
        test(sample, async () => {
            expect(await budgetFindings(sample)).toEqual(findings);
        });
    }
    test('seed 001: the message shows both sums and the amount to fill', async () => {
        const { diagnostics } = await diagnose(readSample('001-zhanjiang-kexie.jxmb'));
        const missing = diagnostics.find(d => d.code === 'budget/missing-amount');
        expect(missing?.message).toContain('财政拨款+其他资金=815.58（「其他资金」为空），「市本级使用资金」「拟用于对下转移支付资金」均为空，无法核对');
        expect(missing?.message).toContain('应为 815.58');
    });
});
