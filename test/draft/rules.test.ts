import { describe, expect, test } from 'vitest';
import { indicatorOf, numbersIn, statesNumber } from '../../language/draft/cells.js';
import { checkProposals, placedModel } from '../../language/draft/check.js';
import { printModel } from '../../language/compile/print-jxmb.js';
import { parseAndValidate } from '../../language/documents.js';
import { draftRules, draftWithRules } from '../../language/draft/rules.js';
import { workOf } from '../../language/draft/skeletons.js';
import { readTargets } from '../../language/draft/api.js';
import { findTarget, type DraftTarget } from '../../language/draft/targets.js';
import { jxmb } from '../helpers/services.js';
import { PLACEHOLDER } from '../../language/validation/values-context.js';
import { sampleTarget, sampleTargets, SEED000, seedSamples } from './targets.js';

// The rule drafter on the seeds: seed 000's first task comes out complete, no number is invented, the budget is not a
// target, and the skeletons a reviewer expects are placeholders, never values.

const brief = (p: { name: string; level2: string; annual: string }) => `${p.level2} ${p.name} ${p.annual}`;

/** A target built from text alone (no table), as a user's fresh task would be. */
function fresh(text: string, budgets: number[] = []): DraftTarget {
    return {
        kind: 'task', name: '测试任务经费', unit: '测试单位', year: 2024, texts: [{ field: '期望目标', text }], budgets, existing: [],
        declaration: { kind: 'department', unit: '测试单位', year: 2024, title: null, singleValueColumn: false, basicInfo: null, budget: null, overallGoal: null, tasks: [{ name: '测试任务经费', content: null, amount: budgets[0] ?? null, expectedGoal: text }], otherTasks: null, indicators: [], remark: null },
        taskIndex: 0
    };
}

describe('seed 000, task 「科普综合工作经费」', () => {
    test('every quantity of the text, with name, 二级, operator, number and unit', async () => {
        const target = await sampleTarget(SEED000, '科普综合工作经费');
        // Read as if the table were blank (as the evaluation does): the table measures all eight.
        const proposals = draftWithRules(target, { setApartMeasured: false }).filter(p => !p.placeholder);
        expect(proposals.map(brief)).toEqual([
            '数量指标 科普志愿活动系列主题数量 ≥20个',
            '数量指标 组织科普志愿活动场次 ≥96场次',
            '数量指标 举办全国科普日系列活动场次 ≥45场次',
            '数量指标 举办全国科技周系列活动场次 ≥5场次',
            '数量指标 举办科普赋能“双减”系列活动场次 ≥45场次',
            '数量指标 举办“最美科技工作者”学习宣传活动场次 ≥2场次',
            '数量指标 发布科普文章数量 ≥210篇',
            '数量指标 发布科普活动宣传报道数量 ≥100条'
        ]);
        // 主要实施内容 repeats 期望目标 word for word: drafted once, from the goal.
        expect(proposals.every(p => p.source.field === '期望目标')).toBe(true);
        for (const p of proposals) {
            expect(p.level1).toBe('产出指标');
            expect(p.period).toBe(p.annual);
            const text = target.texts.find(t => t.field === p.source.field)!.text;
            expect(text.slice(p.source.start!, p.source.end!)).toBe(p.source.quote);
            expect(p.needsConfirmation).toBe(false);
        }
    });

    test('skeletons only where the declaration has none: 满意度 (its block is empty), not 时效 (it has four)', async () => {
        const skeletons = draftWithRules(await sampleTarget(SEED000, '科普综合工作经费')).filter(p => p.placeholder);
        expect(skeletons.map(brief)).toEqual([`服务对象满意度指标 服务对象满意度 ≥${PLACEHOLDER}%`]);
    });
});

describe('what the table already measures is not proposed again', () => {
    test('seed 000: the eight promises of 「科普综合工作经费」 are set apart, each with the indicator that measures it', async () => {
        const { proposals, measured } = draftRules(await sampleTarget(SEED000, '科普综合工作经费'));
        expect(proposals.filter(p => !p.placeholder)).toEqual([]);
        expect(measured).toHaveLength(8);
        // Reworded, same number and unit: the checker calls it measured, so the drafter does not repeat it.
        expect(measured).toContainEqual(expect.objectContaining({
            indicator: '举办科普志愿活动场次', value: '≥96场次',
            source: expect.objectContaining({ field: '期望目标', quote: '组织科普志愿活动不少于96场次' })
        }));
    });

    // Two tasks and the declaration's one 绩效指标 block, as in 部门整体.
    const twoTasks = `部门整体 "测试单位" 年度 2024 {
    任务 "甲" { 期望目标 "组织科普志愿活动不少于96场次；发布科普文章不少于30篇。" }
    任务 "乙" { 期望目标 "组织科普志愿活动不少于100场次。" }
    绩效指标 { 产出指标 { 数量指标 { "举办科普志愿活动场次"：≥96场次 } } }
}`;

    test('部门整体: the indicators are the declaration\'s, shared by all its tasks', async () => {
        const { targets } = await readTargets(jxmb(), twoTasks);
        const { proposals, measured } = draftRules(findTarget(targets, '甲')!, { skeletons: false });
        expect(proposals.map(brief)).toEqual(['数量指标 发布科普文章数量 ≥30篇']);
        expect(measured.map(m => `${m.source.quote} → ${m.indicator}`)).toEqual(['组织科普志愿活动不少于96场次 → 举办科普志愿活动场次']);
    });

    test('a different number for the same thing is still proposed (the checker reports the contradiction)', async () => {
        const { targets } = await readTargets(jxmb(), twoTasks);
        const { proposals, measured } = draftRules(findTarget(targets, '乙')!, { skeletons: false });
        expect(proposals.map(brief)).toEqual(['数量指标 组织科普志愿活动场次 ≥100场次']);
        expect(measured).toEqual([]);
    });

    test('a name the table already uses, for a value it does not state: a distinct name, marked 需确认 (seed 004)', async () => {
        const target = await sampleTarget('004-guangzhou-kexie-2022.jxmb', '二、服务创新驱动发展战略');
        const checked = await checkProposals(jxmb(), target, draftRules(target).proposals);
        const expert = checked.find(p => p.source.quote === '参与建站院士专家数量不少于40个')!;
        expect(expert.name).toBe('参与建站院士专家数量（2）');
        expect(expert.needsConfirmation).toBe(true);
        expect(expert.reason).toContain('表中已有指标「参与建站院士专家数量」，但它的指标值没有写明 ≥40个');
        // Pasted, no proposal repeats a name of the table.
        for (const p of checked) expect(p.diagnostics.map(d => d.code)).not.toContain('hierarchy/duplicate-name');
    });
});

describe('never a number the text does not state', () => {
    test.each(seedSamples())('%s', async sample => {
        for (const target of await sampleTargets(sample)) {
            const text = target.texts.map(t => t.text).join('\n');
            for (const p of draftWithRules(target)) {
                if (p.placeholder) {
                    expect(p.number).toBeNull();
                    expect(p.date).toBeNull();
                    continue;
                }
                expect(statesNumber(p, text, target.year), `${target.name}: ${p.name} ${p.annual}`).toBe(true);
                if (p.number !== null) expect(numbersIn(p.source.quote).has(p.number), `${p.name} ${p.source.quote}`).toBe(true);
            }
        }
    });
});

describe('budget amounts', () => {
    test('the task amount restated in the text is not a target', () => {
        const proposals = draftWithRules(fresh('投入资金176.70万元，组织科普活动不少于10场次。', [176.7]));
        expect(proposals.filter(p => !p.placeholder).map(brief)).toEqual(['数量指标 组织科普活动场次 ≥10场次']);
    });

    test('no seed proposal restates a task or project budget', async () => {
        for (const sample of seedSamples()) {
            for (const target of await sampleTargets(sample)) {
                for (const p of draftWithRules(target)) {
                    if (p.number === null || !/元$/.test(p.unit ?? '')) continue;
                    const wan = p.unit === '亿元' ? p.number * 1e4 : p.unit === '元' ? p.number / 1e4 : p.number;
                    expect(target.budgets.some(b => Math.abs(b - wan) < 0.005), `${target.name}: ${p.name}`).toBe(false);
                }
            }
        }
    });
});

describe('forms and categories', () => {
    test('deadline → 时效 with a date; satisfaction → 满意度; rate → 质量; hedge → ≥ and confirmation', () => {
        const proposals = draftWithRules(fresh('2024年12月前完成科学馆主体工程招标；公众满意度超过90%；验收合格率达到100%；参展项目约1200项。'));
        expect(proposals.map(brief)).toEqual([
            '时效指标 科学馆主体工程招标完成时间 ≤2024-12-31',
            '服务对象满意度指标 公众满意度 >90%',
            '质量指标 验收合格率 ≥100%',
            '数量指标 参展项目数量 ≥1200项'
        ]);
        const hedged = proposals[3]!;
        expect(hedged.needsConfirmation).toBe(true);
        expect(hedged.reason).toContain('约1200项');
        // With both a 满意度 and a 时效 indicator drafted, no skeleton is added.
        expect(proposals.some(p => p.placeholder)).toBe(false);
    });

    test('words the rules cannot read (English) give a proposal marked 需确认, with the reason', () => {
        const proposals = draftWithRules(fresh('Satisfaction above 90%；举办讲座不少于12场。'), { skeletons: false });
        const english = proposals.find(p => p.annual.includes('90'))!;
        expect(english.needsConfirmation).toBe(true);
        expect(english.reason).toContain('不是中文');
        expect(proposals.find(p => p.annual.includes('12场'))!.needsConfirmation).toBe(false);
    });

    test('a range is drafted as a range value, never as a name ending in its lower bound', () => {
        const proposals = draftWithRules(fresh('举办讲座10～20场；开展培训8至10期；覆盖率80%-90%；实施2021-2025年规划。'), { skeletons: false });
        expect(proposals.map(brief)).toEqual([
            '数量指标 举办讲座场次 10~20场',
            '数量指标 开展培训数量 8~10期',
            '社会效益指标 覆盖率 80~90%'
        ]);
        expect(indicatorOf(proposals[0]!).annual?.form).toBe('range');
    });

    test('a range the table already states is set apart like any promise', async () => {
        const { targets } = await readTargets(jxmb(), `部门整体 "测试单位" 年度 2024 {
    任务 "甲" { 期望目标 "举办讲座10～20场；举办沙龙5～8场。" }
    绩效指标 { 产出指标 { 数量指标 { "举办讲座场次"：10~20场  "举办沙龙场次"：≥5场 } } }
}`);
        const { proposals, measured } = draftRules(findTarget(targets, '甲')!, { skeletons: false });
        expect(measured.map(m => m.indicator)).toEqual(['举办讲座场次']);
        // 5～8场 is not ≥5场: proposed, under a name of its own (the table's is taken), to be confirmed.
        expect(proposals.map(brief)).toEqual(['数量指标 举办沙龙场次（2） 5~8场']);
        expect(proposals[0]!.reason).toBe('表中已有指标「举办沙龙场次」，但它的指标值没有写明 5~8场：可把这个值写进表中那一条，或采用本条并改写名称');
    });

    test('the operator the text means: stated as a fact =, seats of an election =, counts of what should not happen ≤', () => {
        const proposals = draftWithRules(fresh('安全事故发生数为0起；群众投诉3次；举办讲座12场。'), { skeletons: false });
        expect(proposals.map(brief)).toEqual([
            '数量指标 安全事故发生数 0起',
            '数量指标 群众投诉次数 ≤3次',
            '数量指标 举办讲座场次 ≥12场'
        ]);
        expect(proposals[0]!.operator).toBe('=');
    });

    test('a rise or fall the text promises: 提高到N% is a floor on the measure itself, 增长N% a 效益 floor that needs its base', () => {
        // It was drafted as 质量指标 「科普受益人次较上年增长（%）」 = 10% (exceeding it missed the target) and as
        // 「公众科学素质比例提高到」 = 15%, the verb left in the name.
        const proposals = draftWithRules(fresh('科普受益人次较上年增长10%，公众科学素质比例提高到15%，科普活动覆盖率提高至95%，成果转化金额增长8%，投诉率降低到1%。'), { skeletons: false });
        expect(proposals.map(brief)).toEqual([
            '社会效益指标 科普受益人次较上年增长（%） ≥10%',
            '社会效益指标 公众科学素质比例 ≥15%',
            '社会效益指标 科普活动覆盖率 ≥95%',
            '经济效益指标 成果转化金额增长（%） ≥8%',
            '质量指标 投诉率 ≤1%'
        ]);
        // A rise by N% is measured against a base the text does not give.
        expect(proposals.map(p => p.needsConfirmation)).toEqual([true, false, false, true, false]);
        expect(proposals[0]!.reason).toContain('基数');
    });

    test('seed 003 「换届工作」: the seats its election fills are exact counts', async () => {
        const proposals = draftWithRules(await sampleTarget('003-baiyun-kexie.jxmb', '换届工作'), { skeletons: false });
        expect(proposals.map(brief)).toContain('数量指标 区科协主席人数 1名');
        expect(proposals.map(brief)).toContain('数量指标 常务委员会委员人数 15名');
        expect(proposals.find(p => p.name === '区科协主席人数')!.operator).toBe('=');
    });

    test('a ceiling on time is 时效; a % of progress is named as the checks read it, and they find nothing to warn of', async () => {
        const target = fresh('故障响应时间不超过2小时；资金支出进度达到100%；志愿服务时间不少于1000小时。');
        const proposals = draftWithRules(target, { skeletons: false });
        expect(proposals.map(brief)).toEqual([
            '时效指标 故障响应时间 ≤2小时',
            '时效指标 资金支出进度（%） ≥100%',
            '数量指标 志愿服务时间 ≥1000小时'
        ]);
        const checked = await checkProposals(jxmb(), target, proposals);
        expect(checked.flatMap(p => p.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning'))).toEqual([]);
    });

    test('a deadline by day without a year (6月30日前完成) is read in the budget year, as 11月前完成 is', () => {
        // The first was left out of the preview without a word (a text with no other deadline got the 〔待填〕 skeleton).
        const proposals = draftWithRules(fresh('6月30日前完成设备验收；11月前完成培训；2024年9月30日前完成招标。'));
        expect(proposals.map(brief)).toEqual([
            '时效指标 设备验收完成时间 ≤2024-06-30',
            '时效指标 培训完成时间 ≤2024-11-30',
            '时效指标 招标完成时间 ≤2024-09-30',
            `服务对象满意度指标 服务对象满意度 ≥${PLACEHOLDER}%`
        ]);
    });

    test('the 于 or 在 before a deadline without a year is not part of the name (活动于11月前完成 → 活动完成时间)', () => {
        // They were named 「活动于完成时间」, 「工作在完成时间」, 「培训于完成时间」, as 「活动于2024年11月前完成」 never was.
        const proposals = draftWithRules(fresh('活动于11月前完成；工作在6月30日前完成；培训于年底前完成；招标于2024年9月30日前完成。'), { skeletons: false });
        expect(proposals.map(brief)).toEqual([
            '时效指标 活动完成时间 ≤2024-11-30',
            '时效指标 工作完成时间 ≤2024-06-30',
            '时效指标 培训完成时间 ≤2024-12-31',
            '时效指标 招标完成时间 ≤2024-09-30'
        ]);
    });

    test('under the 2021 cost model a 成本 skeleton where neither the text nor the table has a 成本 target', () => {
        // hierarchy/missing-cost reports such a table (an error where a bureau's jxmb.yaml says so); the preview offered
        // nothing for it.
        const skeletons = (text: string, costModel: '2021' | 'legacy') => draftWithRules(fresh(text), { costModel }).filter(p => p.placeholder).map(brief);
        expect(skeletons('举办讲座12场。', '2021')).toContain(`经济成本指标 测试任务成本 ≤${PLACEHOLDER}万元`);
        expect(skeletons('举办讲座12场。', 'legacy').some(p => p.includes('成本'))).toBe(false);
        expect(skeletons('举办讲座12场，单场活动成本不超过1.5万元。', '2021').some(p => p.includes('成本'))).toBe(false);
    });

    test('a text without satisfaction or deadline gets both skeletons, marked as placeholders', () => {
        const proposals = draftWithRules(fresh('发布科普文章不少于210篇。'));
        const skeletons = proposals.filter(p => p.placeholder);
        expect(skeletons.map(brief)).toEqual([`服务对象满意度指标 服务对象满意度 ≥${PLACEHOLDER}%`, `时效指标 测试任务完成时间 ≤${PLACEHOLDER}`]);
        for (const s of skeletons) {
            expect(s.needsConfirmation).toBe(true);
            expect(s.source.field).toBeNull();
            expect(s.period).toContain(PLACEHOLDER);
        }
    });

    test('the names of skeleton deadlines', () => {
        expect(workOf('科普综合工作经费')).toBe('科普综合工作');
        expect(workOf('科普经费')).toBe('科普工作');
        expect(workOf('科学素质提升工程')).toBe('科学素质提升工程');
    });

    test('a promise for another year is drafted but needs confirmation', async () => {
        const [p] = draftWithRules(await sampleTarget('002-guangzhou-kexie-projects.jxmb', '科学素质提升工程'));
        expect(brief(p!)).toBe('社会效益指标 全市公民具备科学素质比例 ≥24.5%');
        expect(p!.reason).toContain('2025年');
    });
});

// The 满意度 skeleton follows hierarchy/missing-satisfaction (RULES §3.5 C3): internal support (购置, 档案, 维修) is not
// asked for 满意度, so the drafter does not propose one; a project that serves people — by its 绩效目标, or by what the
// proposals count once accepted — is asked, and gets it (testers' p29).
describe('the 满意度 skeleton where the check asks for 满意度, and only there', () => {
    const projects = `项目支出 "测试单位" 年度 2024 {
    单位 "测试单位" {
        项目 "公务用车购置" { 绩效目标 "原公务用车已到报废年限，购置公务用车2台，保障正常公务交通出行。" }
        项目 "档案数字化" { 绩效目标 "完成档案数字化扫描不少于3000卷，2024年12月31日前完成。" }
        项目 "科普讲座" { 绩效目标 "面向公众举办科普讲座不少于12场。" }
        项目 "科技人才培训" { 绩效目标 "开展科技人才培训，培训人数不少于500人。" }
    }
}`;
    const satisfactionSkeleton = (proposals: readonly { placeholder: boolean; level2: string }[]) =>
        proposals.some(p => p.placeholder && p.level2 === '服务对象满意度指标');

    test.each([['公务用车购置', false], ['档案数字化', false], ['科普讲座', true], ['科技人才培训', true]])('%s: skeleton %s', async (name, expected) => {
        const { targets } = await readTargets(jxmb(), projects);
        const target = findTarget(targets, name)!;
        const proposals = draftWithRules(target);
        expect(satisfactionSkeleton(proposals)).toBe(expected);
        // The same answer as the check gives for the table with the other proposals accepted.
        const accepted = proposals.filter(p => !(p.placeholder && p.level2 === '服务对象满意度指标'));
        const { diagnostics } = await parseAndValidate(jxmb(), printModel(placedModel(target, accepted)));
        expect(diagnostics.some(d => d.code === 'hierarchy/missing-satisfaction')).toBe(expected);
    });
});
