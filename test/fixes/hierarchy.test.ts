import { describe, expect, test } from 'vitest';
import { HierarchyCode } from '../../language/validation/hierarchy.js';
import { applyFixAndRecheck, diagnose, fixesFor } from '../helpers/fixes.js';
import { benefit, department, output, project } from '../helpers/fixture-texts.js';

// Each fix of the structure checks: applied, re-validated (parses, the finding is gone, no new error), and the text
// a user would see.

const satisfaction = `        满意度指标 {
            服务对象满意度指标 { "服务对象满意度"：≥90% }
        }`;

describe('hierarchy fixes', () => {
    test('an empty 满意度 一级 (SEED000) gets the 服务对象满意度 ≥90% skeleton in its own 二级 block', async () => {
        const text = department(`${output}\n${benefit}\n        满意度指标 {  // seed comment\n            服务对象满意度指标 { }  // empty\n        }`);
        const { text: fixed } = await applyFixAndRecheck(text, HierarchyCode.emptyLevel1, '服务对象满意度');
        expect(fixed).toContain(`        满意度指标 {  // seed comment
            服务对象满意度指标 {
                "服务对象满意度"：≥90%
            }  // empty
        }`);
    });

    test('an empty template 二级 is deleted with its line', async () => {
        const text = department(`${output}\n        效益指标 {\n            经济效益指标 { }\n            社会效益指标 { "科普受益人次"：≥2万人次 }\n        }\n${satisfaction}`);
        const { text: fixed } = await applyFixAndRecheck(text, HierarchyCode.emptyLevel2, '经济效益指标');
        expect(fixed).not.toContain('经济效益指标');
        expect(fixed).toContain('        效益指标 {\n            社会效益指标 {');
    });

    test('the user\'s comment after an empty 二级 stays, on a line of its own, when the 二级 is deleted', async () => {
        const text = department(`${output}\n        效益指标 {\n            经济效益指标 { }  // 待与财政局确认：明年是否填写\n            社会效益指标 { "科普受益人次"：≥2万人次 }\n        }\n${satisfaction}`);
        const { text: fixed } = await applyFixAndRecheck(text, HierarchyCode.emptyLevel2, '经济效益指标');
        expect(fixed).not.toContain('经济效益指标');
        expect(fixed).toContain('        效益指标 {\n            // 待与财政局确认：明年是否填写\n            社会效益指标 {');
    });

    test('a note inside an empty 二级 stays, at the block\'s place, when the 二级 is deleted', async () => {
        const text = department(`${output}\n        效益指标 {\n            经济效益指标 {\n                // 明年补充：带动社会投资\n            }\n            社会效益指标 { "科普受益人次"：≥2万人次 }\n        }\n${satisfaction}`);
        const { text: fixed } = await applyFixAndRecheck(text, HierarchyCode.emptyLevel2, '经济效益指标');
        expect(fixed).not.toContain('经济效益指标');
        expect(fixed).toContain('        效益指标 {\n            // 明年补充：带动社会投资\n            社会效益指标 {');
    });

    test('deleting a line keeps CRLF line ends intact', async () => {
        const text = department(`${output}\n        效益指标 {\n            经济效益指标 { }  // seed: empty template row\n            社会效益指标 { "科普受益人次"：≥2万人次 }\n        }\n${satisfaction}`).replace(/\n/g, '\r\n');
        const { text: fixed } = await applyFixAndRecheck(text, HierarchyCode.emptyLevel2);
        expect(fixed).toContain('        效益指标 {\r\n            // seed: empty template row\r\n            社会效益指标 {');
    });

    test('a missing 满意度 gets the skeleton: long 二级 name in 部门整体', async () => {
        const { text: fixed } = await applyFixAndRecheck(department(`${output}\n${benefit}`), HierarchyCode.missingSatisfaction);
        expect(fixed).toContain(`${benefit}
        满意度指标 {
            服务对象满意度指标 {
                "服务对象满意度"：≥90%
            }
        }
    }
}`);
    });

    test('a missing 满意度 gets the skeleton: short 二级 name in 项目支出, as the flattened string writes it', async () => {
        const tree = `                产出指标 { 数量指标 { "培训人数"：600人 } 质量指标 { "培训合格率"：≥95% } }
                效益指标 { 社会效益 { "科普受益人次"：≥2万人次 } }`;
        const { text: fixed, fix } = await applyFixAndRecheck(project(tree), HierarchyCode.missingSatisfaction);
        expect(fixed).toContain(`                满意度指标 {
                    服务对象满意度 {
                        "服务对象满意度"：≥90%
                    }
                }`);
        expect(fix.edits[0]!.snippet).toContain('≥${2:90}%');
    });

    test('a missing 效益 gets a typed skeleton with a placeholder indicator and a snippet', async () => {
        const tree = `                产出指标 { 数量指标 { "项目报告数量"：12份 } 质量指标 { "故障排除率"：≥95% } }
                满意度指标 { 服务对象满意度 { "服务对象满意度"：≥90% } }`;
        const { text: fixed, fix, diagnostics } = await applyFixAndRecheck(project(tree), HierarchyCode.missingBenefit);
        expect(fixed).toContain(`                效益指标 {
                    社会效益 {
                        "〔待填〕社会效益指标名称"："〔待填〕"
                    }
                }`);
        // The placeholder is a reminder (warning), never an error.
        expect(diagnostics.some(d => d.code === 'value/placeholder' && d.severity === 2)).toBe(true);
        expect(fix.edits[0]!.snippet).toContain('"${1:科普受益人次}"：≥${2:数值}${3:万人次}');
    });

    test('a missing 产出 gets a 数量指标 skeleton', async () => {
        const text = department(`${benefit}\n${satisfaction}`);
        const { text: fixed } = await applyFixAndRecheck(text, HierarchyCode.missingOutput);
        expect(fixed).toContain('        产出指标 {\n            数量指标 {\n                "〔待填〕数量指标名称"："〔待填〕"\n            }\n        }');
    });

    test('a brace in a comment before a one-line block\'s own brace is not taken for it', async () => {
        const text = `部门整体 "测试区科学技术协会" 年度 2024 {\n    绩效指标 /* 旧表的 { 不用 */ { 效益指标 { 社会效益指标 { "科普受益人次"：≥2万人次 } } }\n}\n`;
        const { text: fixed } = await applyFixAndRecheck(text, HierarchyCode.missingOutput);
        expect(fixed).toContain('    绩效指标 /* 旧表的 { 不用 */ {\n        效益指标 { 社会效益指标 { "科普受益人次"：≥2万人次 } }\n        产出指标 {\n            数量指标 {');
    });

    test('产出 without 数量 / without 质量或时效: the missing 二级 is added inside 产出', async () => {
        const noQuantity = department(`        产出指标 {\n            时效指标 { "活动完成时间"：≤2024-12-31 }\n        }\n${benefit}\n${satisfaction}`);
        const { text: withQuantity } = await applyFixAndRecheck(noQuantity, HierarchyCode.missingQuantity);
        expect(withQuantity).toContain('            时效指标 { "活动完成时间"：≤2024-12-31 }\n            数量指标 {\n');

        const noQuality = department(`        产出指标 {\n            数量指标 { "开展科普活动场次"：≥10场次 }\n        }\n${benefit}\n${satisfaction}`);
        const { fixes } = await fixesFor(noQuality, HierarchyCode.missingQualityOrTimeliness);
        expect(fixes.map(f => f.title)).toEqual(['添加质量指标（待填写）', '添加时效指标（待填写）']);
        const { text: withTimeliness } = await applyFixAndRecheck(noQuality, HierarchyCode.missingQualityOrTimeliness, '时效指标');
        expect(withTimeliness).toContain('            时效指标 {\n                "〔待填〕时效指标名称"："〔待填〕"\n            }\n        }');
    });

    test('a 二级 under the wrong 一级 moves into the 一级 that exists, merging with its block of the same 二级', async () => {
        const text = department(`        产出指标 {
            数量指标 { "开展科普活动场次"：≥10场次 }
            社会效益指标 {
                "主流媒体报道次数"：≥20次
            }
            时效指标 { "活动完成时间"：≤2024-12-31 }
        }
        效益指标 {
            社会效益指标 {
                "科普受益人次"：≥2万人次
            }
        }
${satisfaction}`);
        const { text: fixed } = await applyFixAndRecheck(text, HierarchyCode.wrongLevel1, '效益指标');
        expect(fixed).toContain(`        产出指标 {
            数量指标 { "开展科普活动场次"：≥10场次 }
            时效指标 { "活动完成时间"：≤2024-12-31 }
        }
        效益指标 {
            社会效益指标 {
                "科普受益人次"：≥2万人次
                "主流媒体报道次数"：≥20次
            }
        }`);
    });

    test('a 二级 under the wrong 一级 moves into a new 一级 block when there is none, and its emptied 一级 goes', async () => {
        const text = department(`${output}\n        效益指标 {\n            社会效益指标 { "科普受益人次"：≥2万人次 }\n        }\n        满意度指标 {\n            质量指标 {\n                "活动验收合格率"：100%\n            }\n        }\n        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }`);
        const { text: fixed } = await applyFixAndRecheck(text, HierarchyCode.wrongLevel1);
        expect(fixed).not.toMatch(/满意度指标 \{\n\s+质量指标/);
        expect(fixed).toContain(`            时效指标 { "活动完成时间"：≤2024-12-31 }
            质量指标 {
                "活动验收合格率"：100%
            }
        }`);
    });

    test('a duplicate with the same value is deleted; one with another value is left to the user', async () => {
        const same = department(`${output}\n${benefit}\n        满意度指标 {\n            服务对象满意度指标 {\n                "服务对象满意度"：≥90%\n                "服务对象满意度"：≥90%\n            }\n        }`);
        const { text: fixed } = await applyFixAndRecheck(same, HierarchyCode.duplicateName, '删除');
        expect(fixed.match(/"服务对象满意度"/g)).toHaveLength(1);

        const commented = same.replace('"服务对象满意度"：≥90%\n            }', '"服务对象满意度"：≥90%  // 第二次调查\n            }');
        const { text: kept } = await applyFixAndRecheck(commented, HierarchyCode.duplicateName, '删除');
        expect(kept.match(/"服务对象满意度"/g)).toHaveLength(1);
        expect(kept).toContain('                "服务对象满意度"：≥90%\n                // 第二次调查\n            }');

        const different = same.replace('"服务对象满意度"：≥90%\n            }', '"服务对象满意度"：≥95%\n            }');
        const { fixes } = await fixesFor(different, HierarchyCode.duplicateName);
        expect(fixes).toEqual([]);
    });

    test('a quoted value that lost its 「：」 is no repetition of its own name: one finding, whose fix inserts the 「：」', async () => {
        const text = department(`${output.replace('}\n        }', '}\n            成本指标 { "会议成本控制率（%）" "会议成本控制率" }\n        }')}\n${benefit}\n${satisfaction}`);
        const { diagnostics } = await diagnose(text);
        expect(diagnostics.map(d => d.code)).not.toContain(HierarchyCode.duplicateName);
        const { text: fixed } = await applyFixAndRecheck(text, 'structure/missing-colon');
        expect(fixed).toContain('"会议成本控制率（%）"："会议成本控制率"');
    });

    test('mixed 成本 models under the legacy setting: the 2021 一级 moves into 产出 › 成本指标', async () => {
        const text = department(`        产出指标 {
            数量指标 { "开展科普活动场次"：≥10场次 }
            时效指标 { "活动完成时间"：≤2024-12-31 }
            成本指标 { "成本控制率"：≤100% }
        }
${benefit}
${satisfaction}
        成本指标 {
            经济成本指标 { "单场活动成本"：≤2万元 }
        }`);
        const { text: fixed } = await applyFixAndRecheck(text, HierarchyCode.mixedCostModels);
        expect(fixed).toContain('            成本指标 {\n                "成本控制率"：≤100%\n                "单场活动成本"：≤2万元\n            }');
        expect(fixed).not.toContain('经济成本指标');
    });
});
