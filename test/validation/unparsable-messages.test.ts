import { describe, expect, test } from 'vitest';
import { parseAndValidate } from '../../language/documents.js';
import { jxmb } from '../helpers/services.js';

// A value the checks cannot read is reported with why, in the author's words: the value reader's own reasons are
// English notes for the program («range with two units: …»), never what a user reads.

/** A 项目支出 whose goal promises 20 场次 and whose first 三级 has `value`. */
const project = ({ value }: { value: string }) => `项目支出 "示例单位" 年度 2024 {
    合计 { 总计 100.00  财政拨款 100.00 }
    单位 "示例单位" {
        资金 { 总计 100.00  财政拨款 100.00 }
        项目 "科普活动经费" {
            资金 { 总计 100.00  财政拨款 100.00  财政专户拨款 空  其他资金 空 }
            绩效目标 "全年开展科普活动不少于20场次。"
            绩效指标 {
                产出指标 {
                    数量指标 { "开展科普活动场次"：${value} }
                    时效指标 { "活动完成时间"：≤2024-12-31 }
                }
                效益指标 { 社会效益指标 { "科普受益人次"：≥2万人次 } }
                满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }
            }
        }
    }
}
`;

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
