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
