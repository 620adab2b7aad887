import { describe, expect, test } from 'vitest';
import { applyFixAndRecheck, fixesFor } from '../helpers/fixes.js';
import { readSample } from '../helpers/samples.js';

// Quick-fixes of the text ↔ indicator checks: each is applied, the file re-validated (it parses, the finding is gone,
// no new error), and the text a user would get is checked.

const PROMISE = 'text-consistency/unmeasured-promise';
const GOAL = 'text-consistency/unmeasured-goal';
const TASK = 'text-consistency/unmeasured-task';
const CONTRADICTION = 'text-consistency/contradicting-indicator';

/** A 部门整体 declaration with one task whose 期望目标 is `goal`, followed by `rest` (indicator blocks). */
function department(goal: string, rest: string): string {
    return `部门整体 "测试单位" 年度 2024 {\n    任务 "科普综合工作经费" {\n        拟投入资金 176.70\n        期望目标 "${goal}"\n    }\n${rest}}\n`;
}

const tree = (body: string) => `    绩效指标 {\n${body}    }\n`;

const quantityBlock = tree(
    '        产出指标 {\n'
    + '            数量指标 {\n'
    + '                "举办科普志愿活动场次"：≥96场次\n'
    + '            }\n'
    + '        }\n'
    + '        效益指标 {\n'
    + '            经济效益指标 { }\n'
    + '        }\n');

describe('add the indicator a text promises', () => {
    test('into the existing 数量指标 block, named from the subject, with a structured value', async () => {
        const before = department('组织科普志愿活动不少于96场次，发布科普文章不少于210篇。', quantityBlock);
        const { text, fix } = await applyFixAndRecheck(before, PROMISE, '添加指标');
        expect(fix.title).toBe('添加指标「发布科普文章数量」≥210篇（数量指标）');
        expect(text).toContain(
            '            数量指标 {\n'
            + '                "举办科普志愿活动场次"：≥96场次\n'
            + '                "发布科普文章数量"：≥210篇\n'
            + '            }\n');
        // The derived name is selected for editing.
        expect(fix.edits[0]!.snippet).toBe('                "${1:发布科普文章数量}"：≥210篇\n');
    });

    test('a rise the text promises: to a level without the verb, by a rate as a 效益 floor (as the drafter proposes)', async () => {
        // They were 「公众科学素质比例提高到」 15% and 「学会会员人数增长」 5% under 质量指标: an exact rate of change in 产出.
        const to = await applyFixAndRecheck(department('公众科学素质比例提高到15%。', quantityBlock), PROMISE, '添加指标');
        expect(to.fix.title).toBe('添加指标「公众科学素质比例」≥15%（社会效益指标）');
        const by = await applyFixAndRecheck(department('学会会员人数增长5%。', quantityBlock), PROMISE, '添加指标');
        expect(by.fix.title).toBe('添加指标「学会会员人数增长」≥5%（社会效益指标）');
    });

    test('an empty inline block is opened up (经济效益指标 { })', async () => {
        const before = department('依托创交会促成技术成果转化交易落地金额不少于100亿元。', quantityBlock);
        const { text } = await applyFixAndRecheck(before, PROMISE);
        expect(text).toContain(
            '            经济效益指标 {\n'
            + '                "创交会促成技术成果转化交易落地金额"：≥100亿元\n'
            + '            }\n');
    });

    test('满意度 creates the 满意度指标 blocks it needs', async () => {
        const before = department('公众满意度超过90%。', quantityBlock);
        const { text } = await applyFixAndRecheck(before, PROMISE);
        expect(text).toContain(
            '        满意度指标 {\n'
            + '            服务对象满意度指标 {\n'
            + '                "公众满意度"：>90%\n'
            + '            }\n'
            + '        }\n'
            + '    }\n');
    });

    test('a deadline goes to 时效指标 as a date', async () => {
        const before = department('2024年12月前完成科学馆主体工程招标。', quantityBlock);
        const { text } = await applyFixAndRecheck(before, PROMISE);
        expect(text).toContain(
            '            时效指标 {\n'
            + '                "科学馆主体工程招标完成时间"：≤2024-12-31\n'
            + '            }\n');
    });

    test('a declaration without 绩效指标 gets one', async () => {
        const before = department('建设1个智能交互技术与应用重点实验室。', '');
        const { text } = await applyFixAndRecheck(before, PROMISE);
        expect(text).toBe(department('建设1个智能交互技术与应用重点实验室。', tree(
            '        产出指标 {\n'
            + '            数量指标 {\n'
            + '                "建设智能交互技术与应用重点实验室数量"：1个\n'
            + '            }\n'
            + '        }\n')));
    });

    test('a name already taken is not repeated', async () => {
        const before = department('参与建站院士专家数量不少于40个。', tree(
            '        产出指标 {\n            数量指标 {\n                "参与建站院士专家数量"："开展一次验收评估"\n            }\n        }\n'));
        const { text, fix } = await applyFixAndRecheck(before, PROMISE);
        expect(fix.title).toBe('添加指标「参与建站院士专家个数」≥40个（数量指标）');
        expect(text).toContain('"参与建站院士专家个数"：≥40个');
    });

    test('a hedged number becomes ≥N', async () => {
        const before = department('征集线上平台科技成果约5000项。', quantityBlock);
        const { text } = await applyFixAndRecheck(before, PROMISE);
        expect(text).toContain('"征集线上平台科技成果数量"：≥5000项');
    });

    test('项目支出: into the project, in the file\'s short 二级 spelling', async () => {
        const before = '项目支出 "测试单位" 年度 2024 {\n'
            + '    单位 "测试单位" {\n'
            + '        项目 "科普经费" {\n'
            + '            资金 { 总计 100.00 财政拨款 100.00 }\n'
            + '            绩效目标 "全年开展科普活动不少于1000次，服务对象满意度不低于90%。"\n'
            + '            绩效指标 {\n'
            + '                产出指标 {\n'
            + '                    数量指标 {\n'
            + '                        "全年开展科普活动的次数"："不少于1000次"\n'
            + '                    }\n'
            + '                }\n'
            + '                效益指标 {\n'
            + '                    社会效益 {\n'
            + '                        "科普受益人次"：≥3000万人次\n'
            + '                    }\n'
            + '                }\n'
            + '            }\n'
            + '        }\n'
            + '    }\n'
            + '}\n';
        const { text } = await applyFixAndRecheck(before, GOAL);
        expect(text).toContain(
            '                满意度指标 {\n'
            + '                    服务对象满意度 {\n'
            + '                        "服务对象满意度"：≥90%\n'
            + '                    }\n'
            + '                }\n'
            + '            }\n'
            + '        }\n');
    });

    test('seed 004: the 50 papers of task 五 get their indicator', async () => {
        const { text } = await applyFixAndRecheck(readSample('004-guangzhou-kexie-2022.jxmb'), PROMISE);
        expect(text).toContain('                "国内外期刊正式发表高水平学术论文数量"：≥50篇\n            }\n        }\n        效益指标 {');
    });
});

describe('add every indicator a task promises', () => {
    test('one edit per block, new blocks shared', async () => {
        const before = department('形成调研报告12份，提炼优秀成果不少于6份，公众满意度超过90%。', quantityBlock);
        const { text, fix } = await applyFixAndRecheck(before, TASK);
        expect(fix.title).toBe('为该任务未衡量的3项量化承诺添加指标');
        expect(text).toContain(
            '                "举办科普志愿活动场次"：≥96场次\n'
            + '                "形成调研报告数量"：12份\n'
            + '                "提炼优秀成果数量"：≥6份\n'
            + '            }\n');
        expect(text).toContain('            服务对象满意度指标 {\n                "公众满意度"：>90%\n            }\n');
    });

    test('two counts of one thing get names that tell them apart', async () => {
        const before = department('长廊宣传图5期185幅。', quantityBlock);
        const { text } = await applyFixAndRecheck(before, TASK);
        expect(text).toContain('                "长廊宣传图数量"：5期\n                "长廊宣传图幅数"：185幅\n');
    });

    test('seed 004: task 五 gets its 32, rates and deadlines in new 质量/时效 blocks', async () => {
        const { text, diagnostics } = await applyFixAndRecheck(readSample('004-guangzhou-kexie-2022.jxmb'), TASK, '32项');
        expect(text).toContain('"申请的高水平知识产权数"：≥15件');
        expect(text).toContain('            质量指标 {\n                "各项目按合同内容采购完成率"：100%\n');
        expect(text).toContain('            时效指标 {\n                "设备到位及时率"：100%\n            }\n');
        expect(diagnostics.filter(d => d.code === TASK && String(d.message).includes('五、发展高等职业教育'))).toEqual([]);
        expect(diagnostics.filter(d => d.code === PROMISE && String(d.message).includes('五、发展高等职业教育'))).toEqual([]);
    });
});

describe('make the indicator state the text\'s number', () => {
    test('a structured value is replaced', async () => {
        const before = department('组织科普志愿活动不少于96场次。', tree(
            '        产出指标 {\n            数量指标 {\n                "举办科普志愿活动场次"：≥90场次\n            }\n        }\n'));
        const { text, fix } = await applyFixAndRecheck(before, CONTRADICTION);
        expect(fix.title).toBe('改为文本中的数值 ≥96场次');
        expect(text).toContain('"举办科普志愿活动场次"：≥96场次');
    });

    test('in a prose value only the number changes, to the lower bound of the text\'s 约: no hedge is written', async () => {
        const before = department('创交会参展项目约1200项。', tree(
            '        产出指标 {\n            数量指标 {\n                "创交会参展项目数量"："创交会参展项目1500项，专项活动20场"\n            }\n        }\n'));
        const { text, diagnostics } = await applyFixAndRecheck(before, CONTRADICTION);
        expect(text).toContain('"创交会参展项目数量"："创交会参展项目不少于1200项，专项活动20场"');
        expect(diagnostics.map(d => d.code)).not.toContain('value/hedged');
    });

    test('实施周期 and 年度 stating the same number are changed together (seed 004 创交会参展项目)', async () => {
        const before = department('创交会国内外组团参展或专展项目约1200项。', tree(
            '        产出指标 {\n            数量指标 {\n                "创交会参展项目数量" 实施周期："创交会参展项目1500项，专项活动20场" 年度："参展项目数量1500项，专项活动20场"\n            }\n        }\n'));
        const { text, diagnostics, fix } = await applyFixAndRecheck(before, CONTRADICTION);
        expect(fix.title).toBe('改为文本中的「不少于1200项」（实施周期和年度）');
        expect(text).toContain('实施周期："创交会参展项目不少于1200项，专项活动20场" 年度："参展项目数量不少于1200项，专项活动20场"');
        expect(diagnostics.map(d => d.code)).not.toContain('value/period-annual-mismatch');
        expect(diagnostics.map(d => d.code)).not.toContain('value/hedged');
    });

    test('structured cells too; a cell with another number is left alone', async () => {
        const rows = (period: string, annual: string) => department('组织科普志愿活动不少于96场次。', tree(
            `        产出指标 {\n            数量指标 {\n                "举办科普志愿活动场次" 实施周期：${period} 年度：${annual}\n            }\n        }\n`));
        const same = await applyFixAndRecheck(rows('≥90场次', '≥90场次'), CONTRADICTION);
        expect(same.text).toContain('实施周期：≥96场次 年度：≥96场次');
        expect(same.diagnostics.map(d => d.code)).not.toContain('value/period-annual-mismatch');
        const other = await fixesFor(rows('≥300场次', '≥90场次'), CONTRADICTION);
        expect(other.fixes[0]!.edits).toHaveLength(1);
    });

});

describe('text-consistency/deadline-outside-year', () => {
    const DEADLINE = 'text-consistency/deadline-outside-year';
    const table = (value: string) => `部门整体 "测试单位" 年度 2024 {
    绩效指标 {
        产出指标 { 时效指标 { "完成时间"：${value} } }
    }
}
`;

    test('last year\'s deadline (tester\'s r11) becomes the same day of the table\'s year', async () => {
        const { diagnostic } = await fixesFor(table('≤2023-06-30'), DEADLINE);
        expect(diagnostic.message).toContain('「完成时间」的指标值「≤2023-06-30」已在本表年度之前（本表为 2024 年度）');
        const { text } = await applyFixAndRecheck(table('≤2023-06-30'), DEADLINE);
        expect(text).toContain('"完成时间"：≤2024-06-30');
    });

    test('a quoted text, or a day the table\'s year does not have, is reported without a rewrite', async () => {
        expect((await fixesFor(table('"2023年6月底前完成"'), DEADLINE)).fixes).toEqual([]);
        // 2024-02-29 has no day in 2023.
        expect((await fixesFor(table('≤2024-02-29').replace('年度 2024', '年度 2023'), DEADLINE)).fixes).toEqual([]);
    });
});
