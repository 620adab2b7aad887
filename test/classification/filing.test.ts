import { afterEach, describe, expect, test } from 'vitest';
import { ClassificationCode } from '../../language/validation/classification.js';
import { applyFixAndRecheck, fixesFor } from '../helpers/fixes.js';
import { department, output } from '../helpers/fixture-texts.js';
import { jxmb } from '../helpers/services.js';

// Where a 三级 belongs, by what its value shows. A cost filed under 社会效益 (tester's r04: 「活动经费」≤20万元): the message and the move say 成本, in the 成本 model of
// the table — 14 under 产出 (legacy), 41 经济成本 under the 一级 成本指标 (2021) — not 经济效益.

const misfiled = department(`${output}
        效益指标 { 社会效益指标 { "科普受益人次"：≥2万人次  "活动经费"：≤20万元 } }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }`);

describe('a cost under 效益', () => {
    afterEach(() => jxmb().jxmb.Settings.useFixed(undefined));

    test('legacy: the message names 产出指标 › 成本指标, and the fix moves it there', async () => {
        const { diagnostic, fixes } = await fixesFor(misfiled, ClassificationCode.misfiled);
        expect(diagnostic.message).toContain('「活动经费」的指标值是金额「≤20万元」，应放在「产出指标」的「成本指标」下');
        expect(diagnostic.message).not.toContain('经济效益');
        expect(fixes.map(f => f.title)).toEqual(['将「活动经费」移到「产出指标 › 成本指标」']);
        const { text } = await applyFixAndRecheck(misfiled, ClassificationCode.misfiled);
        expect(text).toMatch(/成本指标 \{\s+"活动经费"：≤20万元\s+\}/);
        expect(text).toMatch(/社会效益指标 \{ "科普受益人次"：≥2万人次\s+\}/);
    });

    test('2021: the message names 成本指标 › 经济成本指标, and the fix makes that block', async () => {
        jxmb().jxmb.Settings.useFixed({ costModel: '2021' });
        const { diagnostic } = await fixesFor(misfiled, ClassificationCode.misfiled);
        expect(diagnostic.message).toContain('应放在「成本指标」的「经济成本指标」下');
        const { text, diagnostics } = await applyFixAndRecheck(misfiled, ClassificationCode.misfiled, '成本指标 › 经济成本指标');
        expect(text).toMatch(/成本指标 \{\s+经济成本指标 \{\s+"活动经费"：≤20万元\s+\}\s+\}/);
        expect(diagnostics.filter(d => String(d.code).startsWith('hierarchy/'))).toEqual([]);
    });

    test('a table that already has a 2021 成本指标 gets the cost there, whatever the setting', async () => {
        const text = department(`${output}
        成本指标 { 经济成本指标 { "项目总成本"：≤100万元 } }
        效益指标 { 社会效益指标 { "科普受益人次"：≥2万人次  "活动经费"：≤20万元 } }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }`);
        const { diagnostic } = await fixesFor(text, ClassificationCode.misfiled);
        expect(diagnostic.message).toContain('应放在「成本指标」的「经济成本指标」下');
    });
});

// Tester's r05: under 服务对象满意度, a % named without 满意度 is renamed, a count moves to 数量指标.
describe('a 三级 under 服务对象满意度 that is no satisfaction', () => {
    const block = (rows: string) => department(`${output}
        效益指标 { 社会效益指标 { "科普受益人次"：≥2万人次 } }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% ${rows} } }`);

    test('a % named 「服务对象评价」 is renamed 「服务对象满意度」 when that name is free, its value kept', async () => {
        const text = department(`${output}
        效益指标 { 社会效益指标 { "科普受益人次"：≥2万人次 } }
        满意度指标 { 服务对象满意度指标 { "服务对象评价"：≥90% } }`);
        const { diagnostic } = await fixesFor(text, ClassificationCode.notSatisfaction);
        expect(diagnostic.message).toContain('名称应写明，如「服务对象满意度」≥90%');
        const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.notSatisfaction);
        expect(fixed).toContain('服务对象满意度指标 { "服务对象满意度"：≥90% }');
    });

    test('…and 「服务对象评价满意度」 when 「服务对象满意度」 is taken: no duplicate name', async () => {
        const { text: fixed, diagnostics } = await applyFixAndRecheck(block('"服务对象评价"：≥95%'), ClassificationCode.notSatisfaction);
        expect(fixed).toContain('"服务对象满意度"：≥90% "服务对象评价满意度"：≥95%');
        expect(diagnostics.filter(d => d.code === 'hierarchy/duplicate-name')).toEqual([]);
    });

    test('a share of something else (投诉率 ≤1%) gets no 「投诉率满意度」, only the advice', async () => {
        const { diagnostic, fixes } = await fixesFor(block('"投诉率"：≤1%'), ClassificationCode.notSatisfaction);
        expect(diagnostic.message).toBe('「投诉率」在服务对象满意度指标下，但名称中没有「满意度」或「满意率」：满意度指标只放服务对象满意度（%），如「服务对象满意度」≥90%；其他内容请移到所属的二级指标下。');
        expect(fixes).toEqual([]);
    });

    test('a count (活动参与人数 ≥500人) is sent to 产出指标 › 数量指标', async () => {
        const text = block('"活动参与人数"：≥500人');
        const { diagnostic } = await fixesFor(text, ClassificationCode.notSatisfaction);
        expect(diagnostic.message).toContain('应放在「产出指标」的「数量指标」下');
        const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.notSatisfaction);
        expect(fixed).toMatch(/数量指标 \{\s+"开展科普活动场次"：≥10场次\s+"活动参与人数"：≥500人\s+\}/);
        expect(fixed).toContain('服务对象满意度指标 { "服务对象满意度"：≥90%  }');
    });
});

// Tester's r07: the message names the right direction, and the fix turns the operator round.
describe('a target pointing the wrong way', () => {
    const table = (rows: string) => department(`${output}
        效益指标 { 社会效益指标 { ${rows} } }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }`);

    test('法律纠纷发生数 ≥3起 → ≤3起 (or =0起)', async () => {
        const text = table('"法律纠纷发生数"：≥3起');
        const { diagnostic } = await fixesFor(text, ClassificationCode.wrongDirection);
        expect(diagnostic.message).toBe('「法律纠纷发生数」是越少越好的反向指标，指标值「≥3起」却是下限：反向指标应写上限，如 ≤3起 或 =0起。');
        const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.wrongDirection);
        expect(fixed).toContain('"法律纠纷发生数"：≤3起');
    });

    test('科普受益人次 ≤2万人次 → ≥2万人次', async () => {
        const { text: fixed } = await applyFixAndRecheck(table('"科普受益人次"：≤2万人次'), ClassificationCode.wrongDirection);
        expect(fixed).toContain('"科普受益人次"：≥2万人次');
    });

    test('a quoted text is the author\'s words: reported, not rewritten', async () => {
        const { fixes } = await fixesFor(table('"法律纠纷数"："不少于2起"'), ClassificationCode.wrongDirection);
        expect(fixes).toEqual([]);
    });
});

// Tester's r10: a deadline under 数量指标 moves to 时效指标.
test('项目完成时间 ≤2024-10-31 under 数量指标 moves to the 时效指标 block', async () => {
    const text = department(`${output.replace('数量指标 { "开展科普活动场次"：≥10场次 }', '数量指标 { "开展科普活动场次"：≥10场次  "项目完成时间"：≤2024-10-31 }')}
        效益指标 { 社会效益指标 { "科普受益人次"：≥2万人次 } }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }`);
    const { diagnostic } = await fixesFor(text, ClassificationCode.misfiled);
    expect(diagnostic.message).toContain('「项目完成时间」的指标值是完成时限「≤2024-10-31」，应放在「产出指标」的「时效指标」下，而不是「数量指标」');
    const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.misfiled);
    expect(fixed).toMatch(/时效指标 \{\s+"活动完成时间"：≤2024-12-31\s+"项目完成时间"：≤2024-10-31\s+\}/);
});
