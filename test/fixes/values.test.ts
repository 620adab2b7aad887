import { describe, expect, test } from 'vitest';
import { applyFixAndRecheck, diagnose, fixesFor } from '../helpers/fixes.js';

// Quick-fixes of the 指标值 checks: each is applied, the file re-validated (it parses, the finding is gone, no new
// error), and the text a user would get is checked.

/** A 部门整体 declaration (年度 2024) with the given 二级 blocks under 产出指标. */
function department(blocks: string, year = ' 年度 2024'): string {
    return `部门整体 "测试单位"${year} {\n    绩效指标 {\n        产出指标 {\n${blocks}\n        }\n    }\n}\n`;
}

const block = (name: string, ...lines: string[]) => `            ${name} {\n${lines.map(l => `                ${l}`).join('\n')}\n            }`;

/** The same in a 项目支出 declaration (two value columns). */
function project(blocks: string): string {
    return `项目支出 "测试单位" 年度 2024 {\n    单位 "测试单位" {\n        项目 "测试项目" {\n            绩效指标 {\n                产出指标 {\n${blocks}\n                }\n            }\n        }\n    }\n}\n`;
}

describe('value/missing', () => {
    test('inserts a placeholder value after the name, with a snippet', async () => {
        const { text, fix } = await applyFixAndRecheck(department(block('数量指标', '"培训人数"')), 'value/missing');
        expect(text).toContain('"培训人数"："〔待填〕"');
        expect(fix.edits[0]!.snippet).toBe('："${1:〔待填〕}"');
    });

    test('a rate name gets a percentage', async () => {
        const { text, fix } = await applyFixAndRecheck(department(block('时效指标', '"资金支出进度（%）"')), 'value/missing', '百分比');
        expect(text).toContain('"资金支出进度（%）"："≥〔待填〕%"');
        expect(fix.edits[0]!.snippet).toBe('：≥${1:数值}%');
    });
});

describe('value/missing-annual and value/missing-period', () => {
    test('年度 equal to 实施周期: written once', async () => {
        const before = project(block('社会效益', '"提供咨询交流服务" 实施周期："工作站举办学术交流活动不少于20次"'));
        const { text } = await applyFixAndRecheck(before, 'value/missing-annual', '合写');
        expect(text).toContain('"提供咨询交流服务"："工作站举办学术交流活动不少于20次"');
        expect(text).not.toContain('实施周期');
    });

    test('a different 年度: a placeholder after 实施周期', async () => {
        const before = project(block('数量指标', '"培训人次" 实施周期：≥3000人次'));
        const { text } = await applyFixAndRecheck(before, 'value/missing-annual', '另填');
        expect(text).toContain('"培训人次" 实施周期：≥3000人次 年度："〔待填〕"');
    });

    test('实施周期 from 年度, written once or filled in before it', async () => {
        const before = project(block('数量指标', '"发布文章数量" 年度：≥20篇'));
        expect((await applyFixAndRecheck(before, 'value/missing-period', '合写')).text).toContain('"发布文章数量"：≥20篇');
        expect((await applyFixAndRecheck(before, 'value/missing-period', '另填')).text).toContain('"发布文章数量" 实施周期："〔待填〕" 年度：≥20篇');
    });
});

describe('value/unparsable', () => {
    test('「不100人」 gets the missing 少于 or 超过 (seed 002)', async () => {
        const before = department(block('数量指标', '"技术经纪人培育数量"："技术经纪人培训2场，每场培训2天，每场参加人员不100人"'));
        const { fixes } = await fixesFor(before, 'value/unparsable');
        expect(fixes.map(f => f.title)).toEqual(['「不100人」改为「不少于100人」（下限）', '「不100人」改为「不超过100人」（上限）']);
        const { text } = await applyFixAndRecheck(before, 'value/unparsable', '不少于');
        expect(text).toContain('"技术经纪人培训2场，每场培训2天，每场参加人员不少于100人"');
    });
});

describe('value/unparsable message', () => {
    test('an operator followed by words names them instead of saying no number follows', async () => {
        const { diagnostics } = await diagnose(department(block('质量指标', '"活动评价等级"："评价等级≥很满意"')));
        expect(diagnostics.find(d => d.code === 'value/unparsable')?.message).toBe('「活动评价等级」的指标值无法读取：运算符「≥」后的「很满意」不是数字、日期或等级。');
    });
});

describe('value/repeats-name', () => {
    test('a control rate (seed 001 成本控制率) gets ≤100% or a unit cost, never a sum of money under its name', async () => {
        const before = department(block('成本指标', '"成本控制率(计算公式:实际成本/总成本*100%)"："成本控制率(计算公式:实际成本/总成本*100%)"'));
        const { fixes } = await fixesFor(before, 'value/repeats-name');
        expect(fixes.map(f => f.title)).toEqual([
            '改写为「≤100%」', '改为单位成本「"单位成本"：≤〔待填〕元/人次」', '改为分项成本控制数「"单场活动成本"：≤〔待填〕万元/场」'
        ]);
        const { text } = await applyFixAndRecheck(before, 'value/repeats-name', '≤100%');
        expect(text).toContain('"成本控制率(计算公式:实际成本/总成本*100%)"：≤100%\n');
        const unitCost = await applyFixAndRecheck(before, 'value/repeats-name', '单位成本');
        expect(unitCost.text).toContain('                "单位成本"："≤〔待填〕元/人次"\n');
    });

    test('another cost gets a sum of money (≤X万元) or a unit cost', async () => {
        const before = department(block('成本指标', '"项目总成本"："项目总成本"'));
        const { text, fix } = await applyFixAndRecheck(before, 'value/repeats-name', '万元');
        expect(fix.title).toBe('改写为「≤〔待填〕万元」');
        expect(text).toContain('"项目总成本"："≤〔待填〕万元"');
        expect(fix.edits[0]!.snippet).toBe('≤${1:数值}万元');
    });
});

describe('value/rate-without-percent', () => {
    test('a pass grade becomes 100%', async () => {
        const before = department(block('质量指标', '"验收合格率"："新购置的办公设备及办公家具验收合格"'));
        const { text } = await applyFixAndRecheck(before, 'value/rate-without-percent', '100%');
        expect(text).toContain('"验收合格率"：100%');
    });

    test('a bare number gets its %', async () => {
        const { text } = await applyFixAndRecheck(department(block('质量指标', '"培训出勤率"：≥90')), 'value/rate-without-percent', '≥90%');
        expect(text).toContain('"培训出勤率"：≥90%');
    });

    test('anything else: ≥N% to fill in', async () => {
        const before = department(block('质量指标', '"政府采购合规率"："属于政府采购范围内的应实施规范采购"'));
        const { text } = await applyFixAndRecheck(before, 'value/rate-without-percent', '〔待填〕');
        expect(text).toContain('"政府采购合规率"："≥〔待填〕%"');
    });

    test('a control rate caps: ≤N% (成本控制率 written as an amount)', async () => {
        const before = department(block('成本指标', '"成本控制率"："≤20万元"'));
        const { text } = await applyFixAndRecheck(before, 'value/rate-without-percent', '〔待填〕');
        expect(text).toContain('"成本控制率"："≤〔待填〕%"');
    });
});

describe('value/percent-under-count', () => {
    test('a count name gets a count in the unit its name suggests (seed 000)', async () => {
        const { text } = await applyFixAndRecheck(department(block('数量指标', '"审核相关文件数量"：100%')), 'value/percent-under-count');
        expect(text).toContain('"审核相关文件数量"："≥〔待填〕件"');
    });

    test('a rate moves to the existing 时效指标 block', async () => {
        const before = department([
            block('数量指标', '"开展活动场次"：≥10场次', '"应急响应及时率"：100%  // 注释随指标移动'),
            block('时效指标', '"完成时间"：≤2024-12-31')
        ].join('\n'));
        const { text } = await applyFixAndRecheck(before, 'value/percent-under-count', '时效指标');
        expect(text).toBe(department([
            block('数量指标', '"开展活动场次"：≥10场次'),
            block('时效指标', '"完成时间"：≤2024-12-31', '"应急响应及时率"：100%  // 注释随指标移动')
        ].join('\n')));
    });

    test('资金支出进度 (a share of time, RULES §5 13) is sent to 时效指标, not offered a count (tester\'s r10)', async () => {
        const before = department(block('数量指标', '"开展活动场次"：≥10场次', '"资金支出进度"：≥90%'));
        const { diagnostic, fixes } = await fixesFor(before, 'value/percent-under-count');
        expect(diagnostic.message).toBe('「资金支出进度」是进度比率（「≥90%」），应归入时效指标，数量指标只放数量。');
        expect(fixes.map(f => f.title)).toEqual(['移到时效指标']);
        const { text } = await applyFixAndRecheck(before, 'value/percent-under-count', '时效指标');
        expect(text).toBe(department([
            block('数量指标', '"开展活动场次"：≥10场次'),
            block('时效指标', '"资金支出进度"：≥90%')
        ].join('\n')));
    });

    test('a rate moves to a new 质量指标 block after its block', async () => {
        const before = department(block('数量指标', '"开展活动场次"：≥10场次', '"工程验收达标率"："90%以上"'));
        const { text } = await applyFixAndRecheck(before, 'value/percent-under-count', '质量指标');
        expect(text).toBe(department([
            block('数量指标', '"开展活动场次"：≥10场次'),
            block('质量指标', '"工程验收达标率"："90%以上"')
        ].join('\n')));
    });
});

describe('value/time-without-deadline', () => {
    test('a deadline at the end of the budget year (seed 003 会议举办及时性)', async () => {
        const before = department(block('时效指标', '"会议举办及时性"："会议代表出席率95%"'));
        const { text } = await applyFixAndRecheck(before, 'value/time-without-deadline', '完成时限');
        expect(text).toContain('"会议举办及时性"：≤2024-12-31');
    });

    test('or a timeliness rate', async () => {
        const before = department(block('时效指标', '"会议举办及时性"："会议代表出席率95%"'));
        const { text } = await applyFixAndRecheck(before, 'value/time-without-deadline', '及时率');
        expect(text).toContain('"会议举办及时性"："及时率=100%"');
    });

    test('under 数量指标 no fix writes a rate, which would be reported in its turn (seed 004 工程进度)', async () => {
        const before = department(block('数量指标', '"工程进度"："更新电梯1台，新设置院士交流室"'));
        const { fixes } = await fixesFor(before, 'value/time-without-deadline');
        expect(fixes.map(f => f.title)).toEqual(['改为完成时限「≤2024-12-31」']);
        // What is left is where a deadline belongs (时效), with its own move fix — not a new problem of the value.
        const { diagnostics } = await applyFixAndRecheck(before, 'value/time-without-deadline', '完成时限');
        expect(diagnostics.filter(d => d.range.start.line === 4).map(d => d.code)).toEqual(['classification/misfiled']);
    });

    test('without a budget year the year is to be filled in', async () => {
        const before = department(block('时效指标', '"会议举办及时性"："会议代表出席率95%"'), '');
        const { text, fix } = await applyFixAndRecheck(before, 'value/time-without-deadline', '完成时限');
        expect(text).toContain('"会议举办及时性"："≤〔待填〕年12月31日"');
        expect(fix.edits[0]!.snippet).toBe('"≤${1:〔待填〕}年12月31日"');
    });
});

describe('value/cost-without-money', () => {
    test('an amount or a unit cost for a cost that is no rate', async () => {
        const before = department(block('成本指标', '"会议经费"："本年内完成"'));
        const { fixes } = await fixesFor(before, 'value/cost-without-money');
        expect(fixes.map(f => f.title)).toEqual(['改为金额上限「≤〔待填〕万元」', '改为单位成本「≤〔待填〕元/人次」']);
        // Each title shows the text its fix writes.
        for (const f of fixes) expect(f.title).toContain(`「${f.edits[0]!.newText.replace(/^"|"$/g, '')}」`);
        const { text, fix } = await applyFixAndRecheck(before, 'value/cost-without-money', '单位成本');
        expect(text).toContain('"会议经费"："≤〔待填〕元/人次"');
        expect(fix.edits[0]!.snippet).toBe('≤${1:数值}元/人次');
    });

    test('a rate gets its percentage only (seed 003 会议经费预算执行率): money under a rate name is another finding', async () => {
        const before = department(block('成本指标', '"会议经费预算执行率"："本年内完成"'));
        expect((await fixesFor(before, 'value/cost-without-money')).fixes.map(f => f.title)).toEqual(['改为比率「≥〔待填〕%」']);
        const control = department(block('成本指标', '"项目成本控制率"：≤3次'));
        expect((await applyFixAndRecheck(control, 'value/cost-without-money')).text).toContain('"项目成本控制率"：≤100%\n');
    });

    test('the advice never describes what is written (tester\'s C3)', async () => {
        const { diagnostics } = await diagnose(department(block('成本指标', '"项目成本控制率"：≤3次', '"成本控制率2"：100%', '"成本控制率3"：≤110%')));
        const messages = diagnostics.filter(d => d.code === 'value/cost-without-money').map(d => d.message);
        expect(messages).toEqual([
            '成本指标「项目成本控制率」是比率，指标值应为百分比（如 ≤100%），现为「≤3次」。',
            '成本指标「成本控制率2」的指标值「100%」是百分比，名称却不是比率：百分比请写在成本控制率下（名称写明，如「成本控制率」），否则给出金额（如 ≤X万元）或单位成本（如 ≤X元/人次）。'
        ]);
        // Over 100%: the range error alone.
        expect(diagnostics.filter(d => d.range.start.line === 6).map(d => d.code)).toEqual(['value/percent-out-of-range']);
    });
});

describe('value/satisfaction-low and value/satisfaction-100', () => {
    test.each(['≥70%', '100%'])('%s becomes ≥90%%', async value => {
        const before = `部门整体 "测试单位" 年度 2024 {\n    绩效指标 {\n        满意度指标 {\n            服务对象满意度指标 {\n                "服务对象满意度"：${value}\n            }\n        }\n    }\n}\n`;
        const code = value === '100%' ? 'value/satisfaction-100' : 'value/satisfaction-low';
        const { text } = await applyFixAndRecheck(before, code);
        expect(text).toContain('"服务对象满意度"：≥90%');
    });
});

describe('value/hedged', () => {
    test('one hedged quantity: ≥ or = (seed 002 约180卷)', async () => {
        const before = department(block('数量指标', '"会计档案整理卷数"："约180卷"'));
        expect((await applyFixAndRecheck(before, 'value/hedged', '不少于')).text).toContain('"会计档案整理卷数"：≥180卷');
        expect((await applyFixAndRecheck(before, 'value/hedged', '恰好')).text).toContain('"会计档案整理卷数"：=180卷');
    });

    test('a hedge on each side of one quantity (约180卷左右): still one quantity, ≥ or =', async () => {
        const before = department(block('数量指标', '"会计档案整理卷数"："约180卷左右"'));
        expect((await applyFixAndRecheck(before, 'value/hedged', '不少于')).text).toContain('"会计档案整理卷数"：≥180卷');
    });

    test('力争不少于20场次: the one fix drops 力争 and keeps the operator', async () => {
        const before = department(block('数量指标', '"科普讲座场次"："力争不少于20场次"'));
        const { fixes } = await fixesFor(before, 'value/hedged');
        expect(fixes.map(f => f.title)).toEqual(['去掉「力争」']);
        const { text, diagnostics } = await applyFixAndRecheck(before, 'value/hedged');
        expect(text).toContain('"科普讲座场次"："不少于20场次"');
        expect(diagnostics.map(d => d.code)).not.toContain('value/hedged');
    });

    test('70余场 → ≥70场', async () => {
        const { text } = await applyFixAndRecheck(department(block('数量指标', '"参加学术交流次数"："70余场"')), 'value/hedged');
        expect(text).toContain('"参加学术交流次数"：≥70场');
    });

    test('in prose each hedge becomes 不少于 before its number', async () => {
        const before = department(block('数量指标', '"成果和需求数量"："征集科技成果约2000项和需求数量200余项"'));
        const { text } = await applyFixAndRecheck(before, 'value/hedged', '下限');
        expect(text).toContain('"征集科技成果不少于2000项和需求数量不少于200项"');
    });

    test('or is dropped', async () => {
        const before = department(block('数量指标', '"在校生数"："在校生数达到近10000人的规模"'));
        const { text } = await applyFixAndRecheck(before, 'value/hedged', '去掉');
        expect(text).toContain('"在校生数达到10000人的规模"');
    });
});

describe('value/word-operator', () => {
    test.each([
        ['不少于96场次', '≥96场次'],
        ['95%及以上', '≥95%'],
        ['大于等于90%', '≥90%'],
        ['超过90%', '>90%'],
        ['3000万人次以上', '≥3000万人次']
    ])('「%s」 → %s', async (words, symbol) => {
        const { text } = await applyFixAndRecheck(department(block('质量指标', `"回访率"："${words}"`)), 'value/word-operator');
        expect(text).toContain(`"回访率"：${symbol}\n`);
    });
});

describe('value/ambiguous-deadline', () => {
    test('「2024年12月前」: by the end of December or before its first day', async () => {
        const before = department(block('时效指标', '"完成时间"："2024年12月前"'));
        expect((await applyFixAndRecheck(before, 'value/ambiguous-deadline', '月底')).text).toContain('"完成时间"：≤2024-12-31');
        expect((await applyFixAndRecheck(before, 'value/ambiguous-deadline', '1日前')).text).toContain('"完成时间"：<2024-12-01');
    });
});

describe('value/period-annual-mismatch', () => {
    test('one of the two values for both cells (seed 002 清扫、设备检查、巡逻次数)', async () => {
        const before = project(block('数量指标',
            '"清扫、设备检查、巡逻次数" 实施周期："清扫次数、水电等设备检查次数、安全巡逻次数300次" 年度："全年垃圾清理次数、四害消杀次数、化粪池清理次数300次"'));
        const { text } = await applyFixAndRecheck(before, 'value/period-annual-mismatch', '以年度');
        expect(text).toContain('"清扫、设备检查、巡逻次数"："全年垃圾清理次数、四害消杀次数、化粪池清理次数300次"');
        const other = await applyFixAndRecheck(before, 'value/period-annual-mismatch', '以实施周期');
        expect(other.text).toContain('"清扫、设备检查、巡逻次数"："清扫次数、水电等设备检查次数、安全巡逻次数300次"');
    });

    test('a comment between the two cells stays when they are written as one', async () => {
        const before = project(block('数量指标', '"咨询服务次数" 实施周期：≥20次  // 三年合计', '    年度：≥20篇'));
        const { text } = await applyFixAndRecheck(before, 'value/period-annual-mismatch', '以年度');
        expect(text).toContain('"咨询服务次数"：≥20篇  // 三年合计\n');
    });
});

describe('value/no-unit and value/unknown-unit', () => {
    test.each([
        ['"举办活动场次"：20', 'value/no-unit', '"举办活动场次"：20场次\n'],
        ['"参与人次"：≥2万', 'value/no-unit', '"参与人次"：≥2万人次\n'],
        ['"组织科普志愿活动场次"：≥20长次', 'value/unknown-unit', '"组织科普志愿活动场次"：≥20场次\n'],
        ['"组织科普志愿活动场次"："不少于20长次"', 'value/unknown-unit', '"组织科普志愿活动场次"："不少于20场次"\n']
    ])('%s (%s): the unit written in, the value kept as it was written', async (line, code, after) => {
        expect((await applyFixAndRecheck(department(block('数量指标', line)), code)).text).toContain(after);
    });

    test('no fix where the name says nothing of the unit (「发布文章」≥50)', async () => {
        const { fixes, diagnostics } = await fixesFor(department(block('数量指标', '"发布文章"：≥50')), 'value/no-unit');
        expect(diagnostics.some(d => d.code === 'value/no-unit')).toBe(true);
        expect(fixes).toEqual([]);
    });
});

describe('value/unit-mismatch', () => {
    test.each([
        ['"培训人数"：≥20场次', '"培训人数"：≥20人\n'],
        ['"参加人次"：≥2万场次', '"参加人次"：≥2万人次\n'],
        ['"开展培训次数"："不少于20人"', '"开展培训次数"："不少于20次"\n']
    ])('%s: the unit the name asks for, magnitude and words kept', async (line, after) => {
        expect((await applyFixAndRecheck(department(block('数量指标', line)), 'value/unit-mismatch')).text).toContain(after);
    });

    test('no fix where the name fits two units (受益人: 人 or 人次)', async () => {
        const { fixes } = await fixesFor(department(block('数量指标', '"科普受益人"：≥3场')), 'value/unit-mismatch');
        expect(fixes).toEqual([]);
    });
});
