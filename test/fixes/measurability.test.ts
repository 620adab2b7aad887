import { describe, expect, test } from 'vitest';
import { level1sOf, level2sOf } from '../../language/domain/taxonomy.js';
import { parseValue } from '../../language/domain/values.js';
import { vagueEntries } from '../../language/domain/vague-words.js';
import { vagueRewrites } from '../../language/validation/measurability-rewrites.js';
import { applyEdits, applyFixAndRecheck, diagnose, fixesFor } from '../helpers/fixes.js';

function department(level1: string, level2: string, indicator: string, year = ' 年度 2024'): string {
    return `部门整体 "测试单位"${year} {\n    绩效指标 {\n        ${level1} {\n            ${level2} {\n                ${indicator}\n            }\n        }\n    }\n}\n`;
}

describe('measurability/vague-value', () => {
    test('显著提升 under 社会效益: at least two rewrites of RULES §4, the number a snippet tab stop', async () => {
        const before = department('效益指标', '社会效益指标', '"依法行政水平"："显著提升"');
        const { fixes } = await fixesFor(before, 'measurability/vague-value');
        expect(fixes.length).toBeGreaterThanOrEqual(2);
        expect(fixes.map(f => f.title).slice(0, 2)).toEqual(['改写为「较上年提升≥〔待填〕%（基数〔待填〕）」', '改写为「≥〔待填〕（上年〔待填〕）」']);
        // Each title shows the text its fix writes, placeholder included.
        for (const f of fixes) expect(f.title).toBe(`改写为「${f.edits[0]!.newText.replace(/^"|"$/g, '')}」`);
        expect(fixes[0]!.edits[0]!.snippet).toBe('"较上年提升≥${1:〔待填〕}%（基数${2:〔待填〕}）"');
        const { text } = await applyFixAndRecheck(before, 'measurability/vague-value', '较上年');
        expect(text).toContain('"依法行政水平"："较上年提升≥〔待填〕%（基数〔待填〕）"');
    });

    test('及时 under 时效: a deadline in the budget year, or a timeliness rate', async () => {
        const before = department('产出指标', '时效指标', '"活动开展及时性"："及时"');
        const { fixes } = await fixesFor(before, 'measurability/vague-value');
        expect(fixes.map(f => f.title)).toEqual(expect.arrayContaining(['改写为「≤2024-12-31」', '改写为「及时率=100%」']));
        const { text } = await applyFixAndRecheck(before, 'measurability/vague-value', '及时率');
        expect(text).toContain('"活动开展及时性"："及时率=100%"');
    });

    test('the deadline rewrite of 及时 is the DSL date, and the file has no finding left (seed 000)', async () => {
        const before = department('产出指标', '时效指标', '"创新创业、成果转化系列活动开展及时性"："及时"');
        const { text, diagnostics } = await applyFixAndRecheck(before, 'measurability/vague-value', '≤2024-12-31');
        expect(text).toContain('"创新创业、成果转化系列活动开展及时性"：≤2024-12-31');
        expect(diagnostics.filter(d => d.range.start.line === 4).map(d => d.code)).toEqual([]);
    });

    test('「良好的」 under 社会效益: the graded rewrite with its named scale is read as a grade (seed 002)', async () => {
        const before = department('效益指标', '社会效益指标', '"为科协工作开展良好的舆论环境"："为科协工作开展创设良好的舆论环境"');
        const { text, diagnostics } = await applyFixAndRecheck(before, 'measurability/vague-value', '评价等级');
        expect(text).toContain('"为科协工作开展良好的舆论环境"："评价等级≥良好（依据《…考核办法》）"');
        expect(diagnostics.filter(d => d.range.start.line === 4).map(d => d.code)).toEqual([]);
    });

    test('every rewrite of every vague word, in every 二级, reads as a value once its numbers are filled in', () => {
        const codes = [...new Set((['legacy', '2021'] as const).flatMap(m => level1sOf(m).flatMap(l1 => level2sOf(l1.code, m).map(l2 => l2.code))))];
        const unreadable: string[] = [];
        for (const entry of vagueEntries()) {
            for (const l2 of [...codes, null]) {
                for (const r of vagueRewrites([entry.id], l2, 2024, undefined, 20)) {
                    const text = r.parts.map(p => typeof p === 'string' ? p : p.fallback ?? '10').join('');
                    if (parseValue(text, { year: 2024 }).kind === 'unparsable') unreadable.push(`${entry.id} ${l2}: ${r.pattern} → ${text}`);
                }
            }
        }
        expect(unreadable).toEqual([]);
    });

    test('a rewrite offered for any 二级 is offered only where the 二级 takes it: filled in, the row has no finding', async () => {
        // 加强 (≥N次) under 时效/成本/满意度, 基本完成 (完成率=100%) under 数量/满意度, 有效 (转化金额) under 社会效益:
        // each such choice traded the vague value for a warning about the 二级 (not a date, no money, no %); under a
        // 2021 成本 二级, a floor on what is to be kept low (废弃物 ≥N次).
        const rows: Array<[string, string, string, string]> = [
            ['产出指标', '时效指标', '活动开展', '加强'], ['产出指标', '成本指标', '活动经费', '加强'],
            ['满意度指标', '服务对象满意度指标', '群众满意度', '加强'], ['产出指标', '数量指标', '科普活动开展', '基本完成'],
            ['满意度指标', '服务对象满意度指标', '群众满意度', '基本完成'], ['产出指标', '成本指标', '活动经费', '基本完成'],
            ['效益指标', '社会效益指标', '公众科学素质', '有效'], ['成本指标', '生态环境成本指标', '废弃物', '加强']
        ];
        const left: string[] = [];
        for (const [l1, l2, name, word] of rows) {
            const before = department(l1, l2, `"${name}"："${word}"`);
            const { fixes } = await fixesFor(before, 'measurability/vague-value');
            expect(fixes.length, `${l2} ${word}`).toBeGreaterThanOrEqual(2);
            for (const fix of fixes) {
                const filled = applyEdits(before, fix.edits).replace(/〔待填〕/g, '10');
                const { diagnostics } = await diagnose(filled);
                const row = diagnostics.filter(d => d.range.start.line === 4).map(d => d.code);
                if (row.length > 0) left.push(`${l2} ${word} → ${fix.title}: ${row.join(', ')}`);
            }
        }
        expect(left).toEqual([]);
    });

    test('the same vague value in both columns: the rewrite replaces both, written once', async () => {
        const before = department('效益指标', '社会效益指标', '"科普服务能力" 实施周期："提升" 年度："提升"');
        const { text, diagnostics } = await applyFixAndRecheck(before, 'measurability/vague-value', '较上年');
        expect(text).toContain('"科普服务能力"："较上年提升≥〔待填〕%（基数〔待填〕）"\n');
        expect(diagnostics.filter(d => d.code === 'measurability/vague-value')).toEqual([]);
        // Two different values stay two: only the vague one is rewritten.
        const apart = department('效益指标', '社会效益指标', '"公众科学素质" 实施周期："显著提升" 年度：≥5%');
        expect((await applyFixAndRecheck(apart, 'measurability/vague-value', '较上年')).text)
            .toContain('"公众科学素质" 实施周期："较上年提升≥〔待填〕%（基数〔待填〕）" 年度：≥5%');
    });

    test('合理安排 under 数量: a count with a structured snippet', async () => {
        const before = department('产出指标', '数量指标', '"办公设备购置数量"："合理安排2024年度办公设备及办公家具的购置"');
        const { text, fix } = await applyFixAndRecheck(before, 'measurability/vague-value', '购置办公设备');
        expect(fix.edits[0]!.snippet).toBe('"购置办公设备≤${1:〔待填〕}台"');
        expect(text).toContain('"办公设备购置数量"："购置办公设备≤〔待填〕台"');
    });

    test('a count rewrite takes the unit the name ends with, the whole of it (场次, not 次)', async () => {
        const before = department('产出指标', '数量指标', '"举办科普讲座场次"："合理安排"');
        const { fixes } = await fixesFor(before, 'measurability/vague-value');
        expect(fixes.map(f => f.title).join('\n')).toContain('场次」');
        expect(fixes.map(f => f.title).join('\n')).not.toMatch(/[^场]次」/);
    });

    test('符合 under 社会效益, where its own rewrites do not fit: the 二级 still gets two', async () => {
        const before = department('效益指标', '社会效益指标', '"消防、安防工作效果"："符合要求"');
        const { fixes } = await fixesFor(before, 'measurability/vague-value');
        expect(fixes.length).toBeGreaterThanOrEqual(2);
        await applyFixAndRecheck(before, 'measurability/vague-value');
    });

    test('符合要求 under 质量: no example about something else is preferred, none keeps its number (seed 002)', async () => {
        const before = department('产出指标', '质量指标', '"档案整理完成质量"："符合要求"');
        const { fixes } = await fixesFor(before, 'measurability/vague-value');
        const titles = fixes.map(f => f.title);
        // The 二级's own forms first; RULES' examples from other seeds (验收, 安全事故) only after, to be filled in.
        expect(titles[0]).toBe('改写为「合格率≥95%」');
        for (const t of titles.filter(t => /验收|安全事故|文明施工|垃圾分类/.test(t))) expect(t).toContain('〔待填〕');
        expect(titles).not.toContain('改写为「验收合格率=100%」');
    });

    test('按规定 under 成本: the example that names the indicator\'s own cost first (seed 000)', async () => {
        const water = await fixesFor(department('成本指标', '经济成本指标', '"水电费标准控制"："按规定"', ' 年度 2024'), 'measurability/vague-value');
        expect(water.fixes[0]!.title).toBe('改写为「水电费≤〔待填〕万元/年」');
        const wages = await fixesFor(department('成本指标', '经济成本指标', '"编外人员工资支付标准"："按规定"'), 'measurability/vague-value');
        expect(wages.fixes[0]!.title).toBe('改写为「编外人员工资总额≤〔待填〕万元」');
    });

    test('长期 under 可持续影响 (seed 001)', async () => {
        const before = department('效益指标', '可持续影响指标', '"发挥科普示范引领作用"："长期"');
        const { text } = await applyFixAndRecheck(before, 'measurability/vague-value', '效果持续期');
        expect(text).toContain('"发挥科普示范引领作用"："效果持续期≥〔待填〕年"');
    });
});

describe('measurability/vague-value: the rewrite measures what the name names, before what its 二级 usually takes', () => {
    // [一级, 二级, name, vague value, titles that must be offered, what no title may propose]. Before: 及时 under
    // 「服务响应」 in 社会效益 proposed ≥N人次; a speed got a date and 每月N日前; a rate got a grade and counts; a
    // level (质量, 水平) got ≥N次/个/篇; a utility bill a cost per 人次.
    const rows: Array<[string, string, string, string, string[], RegExp]> = [
        ['效益指标', '社会效益指标', '服务响应', '及时', ['改写为「≤〔待填〕小时」', '改写为「及时率=100%」'], /人次|每月|篇」/],
        ['产出指标', '时效指标', '响应速度', '及时', ['改写为「≤〔待填〕小时」'], /2024-12-31|每月/],
        ['产出指标', '时效指标', '平均响应时间', '提升', ['改写为「≤〔待填〕小时」'], /2024-12-31|每月/],
        ['产出指标', '时效指标', '项目完成时间', '及时', ['改写为「≤2024-12-31」'], /每月|小时/],
        ['产出指标', '时效指标', '资金支付及时性', '及时', ['改写为「≤2024-12-31」', '改写为「支付时限：每月〔待填〕日前」'], /小时/],
        ['产出指标', '质量指标', '验收合格率', '提升', ['改写为「≥95%」'], /评价等级|[次个篇]」|通过验收/],
        ['产出指标', '质量指标', '验收合格率', '加强', ['改写为「≥95%」'], /评价等级|[次个篇]」|通过验收/],
        ['产出指标', '质量指标', '档案整理完成质量', '加强', ['改写为「合格率≥95%」', '改写为「评价等级≥良好」'], /≥〔待填〕[次个篇]」/],
        ['效益指标', '社会效益指标', '依法行政水平', '有效', ['改写为「较上年提升≥〔待填〕%（基数〔待填〕）」'], /人次」|≥〔待填〕[次个篇]」/],
        ['效益指标', '社会效益指标', '公众科学素质', '加强', ['改写为「较上年提升≥〔待填〕%（基数〔待填〕）」'], /人次」|≥〔待填〕[次个篇]」/],
        ['效益指标', '社会效益指标', '主流媒体报道', '提升', ['改写为「较上年提升≥〔待填〕%（基数〔待填〕）」'], /人次」/],
        ['效益指标', '社会效益指标', '科普受益人次', '提升', ['改写为「≥〔待填〕人次」'], /≥〔待填〕[个篇]」/],
        ['效益指标', '社会效益指标', '资金支付', '有效', ['改写为「≤2024-12-31」', '改写为「及时率=100%」'], /人次」|较上年/],
        ['效益指标', '可持续影响指标', '服务响应', '长期', ['改写为「≤〔待填〕小时」'], /2024-12-31/],
        ['满意度指标', '服务对象满意度指标', '群众满意度', '提升', ['改写为「≥90%」', '改写为「≥95%」'], /较上年|及时率/],
        ['产出指标', '成本指标', '水电费标准控制', '及时', ['改写为「≤〔待填〕万元」'], /人次」/],
        ['产出指标', '成本指标', '人均培训成本', '提升', ['改写为「≤〔待填〕元/人」'], /人次」/],
        ['产出指标', '数量指标', '办公设备购置数量', '加强', ['改写为「≥〔待填〕台」'], /[次个篇]」/],
        ['产出指标', '成本指标', '单场活动成本', '按规定', ['改写为「≤〔待填〕万元/场」'], /单场活动成本≤|人次」/],
        // 生态效益: 投诉数=0次 only for a nuisance; before, offered for 节能减排/垃圾分类, and under 「采购设备环保达标」
        // filled in it was misfiled. A reduction or a rate instead.
        ['效益指标', '生态效益指标', '节能减排', '加强', ['改写为「较上年下降≥〔待填〕%（基数〔待填〕）」', '改写为「达标率=100%」'], /投诉|≥〔待填〕[次个篇]」/],
        ['效益指标', '生态效益指标', '垃圾分类', '提升', ['改写为「达标率=100%」'], /投诉/],
        ['效益指标', '生态效益指标', '采购设备环保达标', '基本完成', ['改写为「达标率=100%」'], /投诉/],
        ['效益指标', '生态效益指标', '噪声扰民', '加强', ['改写为「投诉数=0次」'], /≥〔待填〕[次个篇]」/],
        // A verb word's counts in the unit the name's words count in (篇 for 报道, 次/场 for 宣传); before, ≥N次/个/篇 for all.
        ['效益指标', '社会效益指标', '科普宣传', '加强', ['改写为「≥〔待填〕次」'], /≥〔待填〕[个篇]」/],
        ['效益指标', '社会效益指标', '主流媒体报道', '加强', ['改写为「≥〔待填〕篇」'], /≥〔待填〕[次个]」/],
        // Under 数量 the 二级 says the name counts: its counts stay.
        ['产出指标', '数量指标', '科普基地建设', '加强', ['改写为「≥〔待填〕个」'], /评价等级|万元/],
        // 基本完成 for a level: a grade or a change, not 通过验收 nor 完成率.
        ['效益指标', '社会效益指标', '依法行政水平', '基本完成', ['改写为「较上年提升≥〔待填〕%（基数〔待填〕）」', '改写为「评价等级≥良好」'], /通过验收|完成率/],
        ['产出指标', '质量指标', '档案整理完成质量', '基本完成', ['改写为「合格率≥95%」', '改写为「评价等级≥良好」'], /通过验收|完成率/],
        ['效益指标', '可持续影响指标', '科普服务能力', '基本完成', ['改写为「评价等级≥良好」'], /通过验收|完成率/]
    ];

    test.each(rows)('%s %s 「%s」：%s', async (l1, l2, name, word, wanted, never) => {
        const before = department(l1, l2, `"${name}"："${word}"`);
        const { fixes } = await fixesFor(before, 'measurability/vague-value');
        const titles = fixes.map(f => f.title);
        expect(titles.length, titles.join(' | ')).toBeGreaterThanOrEqual(2);
        expect(titles).toEqual(expect.arrayContaining(wanted));
        expect(titles.filter(t => never.test(t)), titles.join(' | ')).toEqual([]);
        // The first proposal is one of those that fit the name, and filled in it leaves the row without a finding.
        expect(wanted.includes(titles[0]!) || !never.test(titles[0]!)).toBe(true);
        const filled = applyEdits(before, fixes[0]!.edits).replace(/〔待填〕/g, '10');
        const { diagnostics } = await diagnose(filled);
        expect(diagnostics.filter(d => d.range.start.line === 4).map(d => `${d.code} ${d.message}`), filled).toEqual([]);
    });
});

describe('measurability/no-grade-or-milestone', () => {
    test('a grade on a scale, or a measurable form of the 二级', async () => {
        const before = department('产出指标', '质量指标', '"资产管理合规性"："资产管理规范"');
        const { fixes } = await fixesFor(before, 'measurability/no-grade-or-milestone');
        expect(fixes.map(f => f.title)).toEqual(['改写为「合格率≥95%」', '改写为「评价等级≥良好」']);
        const { text } = await applyFixAndRecheck(before, 'measurability/no-grade-or-milestone', '评价等级');
        expect(text).toContain('"资产管理合规性"："评价等级≥良好"');
        const rate = await applyFixAndRecheck(before, 'measurability/no-grade-or-milestone', '合格率');
        expect(rate.text).toContain('"资产管理合规性"："合格率≥95%"');
    });
});

describe('measurability/weak-cost-target', () => {
    test('成本控制率 ≤100% → a unit cost or a 分项成本控制数, name and value, the number to fill in (RULES §4)', async () => {
        const before = department('产出指标', '成本指标', '"成本控制率(%)"：≤100%');
        const { fixes } = await fixesFor(before, 'measurability/weak-cost-target');
        expect(fixes.map(f => f.title)).toEqual([
            '改为单位成本「"单位成本"：≤〔待填〕元/人次」', '改为分项成本控制数「"单场活动成本"：≤〔待填〕万元/场」'
        ]);
        expect(fixes[0]!.edits[0]!.snippet).toBe('"单位成本"：≤${1:数值}元/人次');
        // The placeholder is the only finding left: no control rate holding money (value/rate-without-percent).
        const { text, diagnostics } = await applyFixAndRecheck(before, 'measurability/weak-cost-target', '单位成本');
        expect(text).toContain('                "单位成本"："≤〔待填〕元/人次"\n');
        expect(diagnostics.filter(d => d.range.start.line === 4).map(d => d.code)).toEqual(['value/placeholder']);
        const split = await applyFixAndRecheck(before, 'measurability/weak-cost-target', '分项');
        expect(split.text).toContain('"单场活动成本"："≤〔待填〕万元/场"');
    });

    test('in a 项目支出 row with both columns, one value replaces both', async () => {
        const before = `项目支出 "测试单位" 年度 2024 {\n    单位 "测试单位" {\n        项目 "测试项目" {\n            绩效指标 {\n                产出指标 {\n                    成本指标 { "成本控制率" 实施周期：≤100% 年度：≤100% }\n                }\n            }\n        }\n    }\n}\n`;
        const { text } = await applyFixAndRecheck(before, 'measurability/weak-cost-target', '单位成本');
        expect(text).toContain('成本指标 { "单位成本"："≤〔待填〕元/人次" }');
    });
});

describe('measurability/always-met', () => {
    test('财政投入比 ≤100% (seed 001): a cap to fill in first, a level to reach second; the finding is gone', async () => {
        const before = department('产出指标', '成本指标', '"财政投入比(计算公式:财政投入/总投入*100%)"：≤100%');
        const { fixes } = await fixesFor(before, 'measurability/always-met');
        expect(fixes.map(f => f.title)).toEqual(['改写为「≤〔待填〕%」', '改写为「≥〔待填〕%」']);
        const { text, diagnostics } = await applyFixAndRecheck(before, 'measurability/always-met', '≤');
        expect(text).toContain('"财政投入比(计算公式:财政投入/总投入*100%)"：');
        expect(diagnostics.filter(d => d.range.start.line === 4).map(d => d.code)).toEqual(['value/placeholder']);
    });

    test('合格率 ≥0%: the floor to fill in first', async () => {
        const before = department('产出指标', '质量指标', '"验收合格率"：≥0%');
        const { fixes } = await fixesFor(before, 'measurability/always-met');
        expect(fixes.map(f => f.title)).toEqual(['改写为「≥〔待填〕%」', '改写为「≤〔待填〕%」']);
    });
});
