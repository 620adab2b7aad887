import { describe, expect, test } from 'vitest';
import { ClassificationCode } from '../../language/validation/classification.js';
import { applyFixAndRecheck, fixesFor } from '../helpers/fixes.js';
import { department, output } from '../helpers/fixture-texts.js';

// Each fix of the classification checks: applied, re-validated (parses, the finding is gone, no new error), and the
// text a user would see.

describe('classification fixes', () => {
    test('a satisfaction figure under 社会效益 (SEED004) moves to a new 满意度 block, comment and all', async () => {
        const text = department(`${output}
        效益指标 {
            社会效益指标 {
                "科普受益人次"：≥2万人次
                "扩大学生资助面有效提升社会及广大师生的满意度"："扩大学生资助面有效提升社会及广大师生的满意度，预期达到98%。"  // seed note
            }
        }`);
        const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.satisfactionMisfiled, '服务对象满意度指标');
        expect(fixed).toBe(department(`${output}
        效益指标 {
            社会效益指标 {
                "科普受益人次"：≥2万人次
            }
        }
        满意度指标 {
            服务对象满意度指标 {
                "扩大学生资助面有效提升社会及广大师生的满意度"："扩大学生资助面有效提升社会及广大师生的满意度，预期达到98%。"  // seed note
            }
        }`));
    });

    test('知晓度 under 经济效益 (SEED003) moves into the existing 社会效益 block; the emptied 经济效益 block goes', async () => {
        const text = department(`${output}
        效益指标 {
            经济效益指标 {
                "公众对科普知识知晓度(%)"："通过科普宣传活动，公众对科普知识知晓度达95%"
            }
            社会效益指标 {
                "科普日活动受益度(%)"：95%
            }
        }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }`);
        const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.misfiled);
        expect(fixed).toContain(`        效益指标 {
            社会效益指标 {
                "科普日活动受益度(%)"：95%
                "公众对科普知识知晓度(%)"："通过科普宣传活动，公众对科普知识知晓度达95%"
            }
        }`);
        expect(fixed).not.toContain('经济效益指标');
    });

    test('a move within one 一级 keeps that 一级 even when the old 二级 empties it', async () => {
        const text = department(`${output}
        效益指标 {
            经济效益指标 { "科普活动辖区覆盖率"：100% }
        }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }`);
        const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.misfiled);
        expect(fixed).toContain('        效益指标 {\n            社会效益指标 {\n                "科普活动辖区覆盖率"：100%\n            }\n        }');
    });

    test('a move out of a one-line block never overlaps the insertion into it', async () => {
        const text = department(`${output}
        效益指标 { 经济效益指标 { "公众对科普知识知晓度"：95% } 社会效益指标 { "科普受益人次"：≥2万人次 } }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }`);
        const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.misfiled);
        expect(fixed).toMatch(/社会效益指标 \{\s+"科普受益人次"：≥2万人次\s+"公众对科普知识知晓度"：95%\s+\}/);
        expect(fixed).not.toContain('经济效益指标');

        const alone = department(`${output}
        效益指标 { 经济效益指标 { "公众对科普知识知晓度"：95% } }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }`);
        const { text: moved } = await applyFixAndRecheck(alone, ClassificationCode.misfiled);
        expect(moved).toMatch(/效益指标 \{\s+社会效益指标 \{\s+"公众对科普知识知晓度"：95%\s+\}\s+\}/);
    });

    test('a compound value (SEED003) splits into one 三级 per quantity, ≥ under 数量指标', async () => {
        const text = department(`        产出指标 {
            数量指标 {
                "组织学会开展科普活动次数（次）"："科普咨询活动2次，受众1200人"  // seed note
            }
            时效指标 { "活动完成时间"：≤2024-12-31 }
        }
        效益指标 { 社会效益指标 { "科普受益人次"：≥2万人次 } }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }`);
        const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.compound);
        expect(fixed).toContain(`            数量指标 {
                "科普咨询活动次数"：≥2次
                "受众人数"：≥1200人  // seed note
            }`);
    });

    test('SEED002 公众号宣传用户数及阅读量: qualifiers stay in the names, each count gets its own 三级', async () => {
        const text = department(`        产出指标 {
            数量指标 {
                "公众号宣传用户数及阅读量"："市科协公众号总用户数增长20%，阅读量5000+的推文不少于24条，阅读量10000+的推文不少于12条；视频号推出原创视频不少于15条"
            }
            时效指标 { "活动完成时间"：≤2024-12-31 }
        }
        效益指标 { 社会效益指标 { "科普受益人次"：≥2万人次 } }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }`);
        const { fixes } = await fixesFor(text, ClassificationCode.compound);
        expect(fixes[0]!.title).toBe('拆分为 4 个三级指标（每个指标一个数量）');
        const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.compound);
        expect(fixed).toContain(`                "市科协公众号总用户数增长率"：20%
                "阅读量5000+的推文数量"：≥24条
                "阅读量10000+的推文数量"：≥12条
                "视频号推出原创视频数量"：≥15条`);
    });

    test('实施周期 and 年度 are kept as they were: split part by part, hedged numbers stay words', async () => {
        const text = department(`        产出指标 {
            数量指标 {
                "创交会参展人员、参观人员数量" 实施周期："技术、管理人员约3000人，社会观众不少于10万人" 年度："参展人员数量3000人，社会观众不少于10万人"
            }
            时效指标 { "活动完成时间"：≤2024-12-31 }
        }
        效益指标 { 社会效益指标 { "科普受益人次"：≥2万人次 } }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }`);
        const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.compound);
        expect(fixed).toContain(`                "技术、管理人员人数" 实施周期："约3000人" 年度：≥3000人
                "社会观众人数" 实施周期：≥10万人 年度：≥10万人`);
    });

    test('a name with two measures (SEED002 青少年临展面积及参观人数): the value stays with the first, the second waits', async () => {
        const text = department(`        产出指标 {
            数量指标 {
                "青少年临展面积及参观人数"：1600平米
            }
            时效指标 { "活动完成时间"：≤2024-12-31 }
        }
        效益指标 { 社会效益指标 { "科普受益人次"：≥2万人次 } }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }`);
        const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.compound);
        expect(fixed).toContain('                "青少年临展面积"：1600平米\n                "参观人数"："〔待填〕"\n');
    });
});
