import { describe, expect, test } from 'vitest';
import { HierarchyCode } from '../../language/validation/hierarchy.js';
import { applyFixAndRecheck, fixesFor } from '../helpers/fixes.js';
import { department, project } from '../helpers/fixture-texts.js';

// hierarchy/target-in-name: the fix splits the name — what is measured stays, the target goes into the 指标值 as the
// value parser reads it — where the 指标值 held no target of its own; it is applied, re-validated (parses, the
// finding is gone, no new error) and the text a user would get is checked.

const quantity = (line: string) => department(`        产出指标 {\n            数量指标 {\n                ${line}\n            }\n        }`);
const timeliness = (line: string) => department(`        产出指标 {\n            时效指标 {\n                ${line}\n            }\n        }`);
const satisfaction = (line: string) => department(`        满意度指标 {\n            服务对象满意度指标 {\n                ${line}\n            }\n        }`);

describe('hierarchy/target-in-name fix', () => {
    test('a name without a value: 「培训人数不少于500人」 → "培训人数"：≥500人', async () => {
        const { text, fix } = await applyFixAndRecheck(quantity('"培训人数不少于500人"'), HierarchyCode.targetInName);
        expect(text).toContain('                "培训人数"：≥500人\n');
        expect(fix.title).toBe('目标值移入指标值："培训人数"：≥500人');
    });

    test('a comment between the name and its value stays when the target moves into the value', async () => {
        const { text } = await applyFixAndRecheck(satisfaction('"群众满意度达到95%以上"  // 问卷\n                    ："提升"'), HierarchyCode.targetInName);
        expect(text).toContain('                "群众满意度"：≥95%  // 问卷\n');
    });

    test('a vague value is replaced: 「群众满意度达到95%以上」："提升" → ≥95%', async () => {
        const { text } = await applyFixAndRecheck(satisfaction('"群众满意度达到95%以上"："提升"'), HierarchyCode.targetInName);
        expect(text).toContain('                "群众满意度"：≥95%\n');
        expect(text).not.toContain('提升');
    });

    test('an empty value and a value that repeats the name are replaced, both columns by one value', async () => {
        const empty = await applyFixAndRecheck(quantity('"项目验收合格率100%"：""'), HierarchyCode.targetInName);
        expect(empty.text).toContain('"项目验收合格率"：100%\n');
        const repeated = project(`                产出指标 {\n                    数量指标 { "设备采购数量：20台" 实施周期："设备采购数量：20台" 年度："设备采购数量" }\n                }`);
        const { text } = await applyFixAndRecheck(repeated, HierarchyCode.targetInName);
        expect(text).toContain('数量指标 { "设备采购数量"：20台 }');
    });

    test('a value that already is the target: only the name changes, in its own quotes', async () => {
        const before = quantity('“科普受众2万(人次)”：2万人次  // 原表如此');
        const { fixes } = await fixesFor(before, HierarchyCode.targetInName);
        expect(fixes.map(f => f.title)).toEqual(['从名称中删去目标值（指标值已是「2万人次」）']);
        const { text } = await applyFixAndRecheck(before, HierarchyCode.targetInName);
        expect(text).toContain('                “科普受众(人次)”：2万人次  // 原表如此\n');
    });

    test('a hedged target stays text, so that the hedge is still reported in the 指标值', async () => {
        const { text, diagnostics } = await applyFixAndRecheck(quantity('"培训人数约500人"'), HierarchyCode.targetInName);
        expect(text).toContain('"培训人数"："约500人"');
        expect(diagnostics.map(d => d.code)).toContain('value/hedged');
    });

    test('a target in the closing brackets goes with its brackets; 每月 goes with the target it counts per', async () => {
        const brackets = await applyFixAndRecheck(quantity('"开展科普活动场次（≥10场次）"'), HierarchyCode.targetInName);
        expect(brackets.text).toContain('"开展科普活动场次"：≥10场次\n');
        const { text } = await applyFixAndRecheck(quantity('"设备巡检每月不少于1次"："按时巡检"'), HierarchyCode.targetInName);
        expect(text).toContain('"设备巡检"：≥1次/月\n');
    });

    test('two targets in one name: warned, nothing offered — moving one would leave the other', async () => {
        const { fixes } = await fixesFor(quantity('"开展活动10场次，培训500人"'), HierarchyCode.targetInName);
        expect(fixes).toEqual([]);
    });

    test('another target in the 指标值: warned, nothing offered — either number may be the right one', async () => {
        const { diagnostic, fixes } = await fixesFor(quantity('"发布科普文章数量不少于50篇"：≥60篇'), HierarchyCode.targetInName);
        expect(fixes).toEqual([]);
        expect(diagnostic.message).toContain('指标值却是「≥60篇」');
    });

    test('a deadline in a 时效 name goes into the 指标值 as the date the DSL writes: 「项目验收2024年12月31日前完成」 → ≤2024-12-31', async () => {
        const { text, fix } = await applyFixAndRecheck(timeliness('"项目验收2024年12月31日前完成"'), HierarchyCode.targetInName);
        expect(text).toContain('                "项目验收完成时间"：≤2024-12-31\n');
        expect(fix.title).toBe('目标值移入指标值："项目验收完成时间"：≤2024-12-31');
    });

    test('a vague or empty 指标值 gives way to the deadline; a year-less one is read in the table\'s year', async () => {
        const tender = await applyFixAndRecheck(timeliness('"于2024年6月底前完成招标"："按时完成"'), HierarchyCode.targetInName);
        expect(tender.text).toContain('                "招标完成时间"：≤2024-06-30\n');
        const quarter = await applyFixAndRecheck(timeliness('「第三季度前完成」：""'), HierarchyCode.targetInName);
        expect(quarter.text).toContain('                「完成时间」：≤2024-09-30\n');
    });

    test('「12月前」 stays text in the 指标值, where its two readings are asked about', async () => {
        const { text, diagnostics } = await applyFixAndRecheck(timeliness('"项目验收2024年12月前完成"'), HierarchyCode.targetInName);
        expect(text).toContain('"项目验收完成时间"："2024年12月前"');
        expect(diagnostics.map(d => d.code)).toContain('value/ambiguous-deadline');
    });

    test('the 指标值 already is the deadline: only the name changes; another deadline: nothing offered', async () => {
        const { fixes } = await fixesFor(timeliness('"项目验收2024年12月31日前完成"：≤2024-12-31'), HierarchyCode.targetInName);
        expect(fixes.map(f => f.title)).toEqual(['从名称中删去目标值（指标值已是「≤2024-12-31」）']);
        const { text } = await applyFixAndRecheck(timeliness('"项目验收2024年12月31日前完成"：≤2024-12-31'), HierarchyCode.targetInName);
        expect(text).toContain('                "项目验收完成时间"：≤2024-12-31\n');
        const other = await fixesFor(timeliness('"项目验收2024年12月31日前完成"：≤2024-11-30'), HierarchyCode.targetInName);
        expect(other.fixes).toEqual([]);
        expect(other.diagnostic.message).toContain('指标值却是「≤2024-11-30」');
    });
});
