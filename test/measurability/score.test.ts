import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseAndValidate } from '../../language/documents.js';
import { measurabilityOf } from '../../language/validation/measurability-score.js';
import { jxmb } from '../helpers/services.js';

async function scoreOf(text: string) {
    const { document } = await parseAndValidate(jxmb(), text);
    return measurabilityOf(document.parseResult.value);
}

describe('measurabilityOf', () => {
    test('counts an indicator measurable when every value it has is measurable', async () => {
        const score = await scoreOf(`项目支出 "单位" 年度 2024 {
    单位 "单位" {
        项目 "甲" {
            绩效指标 {
                产出指标 {
                    数量指标 {
                        "场次"：≥10场次                                         // quantity
                        "人次"："科普咨询活动2次，受众1200人"                     // compound
                        "期限"：≤2024-12-31                                     // date
                        "区间"：90~95%                                          // range
                        "等级"："档案考核达到优秀或良好"                          // grade
                        "里程碑"："完成建筑正负零施工并通过验收"                  // milestone
                        "本年"："本年内完成"                                    // a date with the budget year
                        "模糊"："显著提升"                                      // vague: not measurable
                        "描述"："资产管理规范"                                  // descriptive: not measurable
                        "读不出"："每场参加人员不100人"                          // unparsable: not measurable
                        "占位"："≥〔待填〕场次"                                  // a quick-fix placeholder: not yet
                        "缺值"                                                  // no value: counted, not measurable
                        "半边" 实施周期：≥3次 年度："有所提升"                  // one half vague: not measurable
                        "两栏" 实施周期：≥3次 年度：≥1次                         // both measurable
                    }
                }
            }
        }
        项目 "乙" 保密 {
            绩效指标 { 产出指标 { 数量指标 { "保密项目"："保密项目" } } }
        }
    }
}
`);
        expect(score).toEqual({ indicators: 14, measurable: 8, share: 8 / 14 });
    });

    test('a document without indicators scores 1 (nothing in it is unmeasurable)', async () => {
        expect(await scoreOf('部门整体 "单位" 年度 2024 { }')).toEqual({ indicators: 0, measurable: 0, share: 1 });
    });

    test('seed 000: 42 indicators, the vague and descriptive ones not measurable', async () => {
        const text = readFileSync(new URL('../../samples/000-nansha-kexie.jxmb', import.meta.url), 'utf8');
        const score = await scoreOf(text);
        expect(score.indicators).toBe(42);
        // Not measurable: 科普工作覆盖人群 (prose), 办公设备购置 (合理安排), 3 × 及时, 2 × 按规定, 提升, 有利推进,
        // 有效融合, 显著提升 — 11.
        expect(score.measurable).toBe(31);
    });
});
