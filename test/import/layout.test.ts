import { describe, expect, test } from 'vitest';
import { importBytes } from '../../language/import/import.js';
import { compiled, modelDifferences, withoutYearNote } from './helpers.js';

// Layout quirks beyond the seeds (RULES §6.3): the 绩效指标 header repeated after a page break, the 项目支出 header
// repeated, a cell Excel quoted because it holds a line break, the single 指标值 column, the 2021 cost model.

const tsv = (...lines: string[]) => Buffer.from(lines.join('\n'));

describe('部门整体', () => {
    test('a repeated 一级指标… header row after a page break continues the block', async () => {
        const result = await importBytes(tsv(
            '部门名称\t某协会',
            '绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值',
            '\t产出指标\t数量指标\t活动场次\t≥5场\t≥5场',
            '',
            '绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值',
            '\t\t\t培训人次\t≥100人次\t≥100人次'
        ));
        expect(modelDifferences(result.model, await compiled(`部门整体 "某协会" { 绩效指标 { 产出指标 { 数量指标 {
            "活动场次"：≥5场
            "培训人次"：≥100人次 } } } }`))).toEqual([]);
        expect(withoutYearNote(result.report)).toEqual([]);
    });

    test('an empty column between the budget labels and their amounts (inserted in Excel): each amount is still read', async () => {
        const result = await importBytes(tsv(
            '部门名称\t\t某协会',
            '预算整体情况\t部门预算支出\t\t预算金额（万元）\t收入来源\t\t预算金额（万元）',
            '\t基本支出\t\t200\t财政拨款\t\t300',
            '\t项目支出\t\t100\t其他资金\t\t',
            '绩效指标\t一级指标\t\t二级指标\t三级指标\t实施周期指标值\t年度指标值',
            '\t产出指标\t\t数量指标\t活动场次\t≥5场\t≥5场'
        ));
        expect(modelDifferences(result.model, await compiled(`部门整体 "某协会" {
            预算 { 部门预算支出 { 基本支出 200.00  项目支出 100.00 }  收入来源 { 财政拨款 300.00  其他资金 空 } }
            绩效指标 { 产出指标 { 数量指标 { "活动场次"：≥5场 } } } }`))).toEqual([]);
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([]);
    });

    test('a 基本信息 count typed with its unit (498人, 3个) is read as the count', async () => {
        const result = await importBytes(tsv(
            '部门名称\t某协会',
            '基本信息\t财政供养人员数（人）\t498人\t下属二级单位数（个）\t3 个',
            '绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值',
            '\t产出指标\t数量指标\t活动场次\t≥5场\t≥5场'
        ));
        const d = result.model.declarations[0]!;
        expect(d.kind === 'department' && d.basicInfo).toEqual({ staff: 498, subUnits: 3 });
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([]);
    });

    test('a 二级 the table files under another 一级 on the same row stays there, for the checks to report', async () => {
        // It was moved under its own 一级 with a note 「上方没有它的一级指标「满意度指标」：已补上」: the table states
        // 效益指标 on that very row, and a review of it found nothing (hierarchy/wrong-level1 reports it in a .jxmb).
        const result = await importBytes(tsv(
            '部门名称\t某协会',
            '绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值',
            '\t产出指标\t数量指标\t活动场次\t≥5场\t≥5场',
            '\t效益指标\t服务对象满意度指标\t服务对象满意度\t≥90%\t≥90%'
        ));
        expect(modelDifferences(result.model, await compiled(`部门整体 "某协会" { 绩效指标 {
            产出指标 { 数量指标 { "活动场次"：≥5场 } }
            效益指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } } } }`))).toEqual([]);
        expect(withoutYearNote(result.report)).toEqual([]);
    });

    test('a cell quoted by Excel because of a line break is one cell', async () => {
        const result = await importBytes(tsv(
            '部门名称\t某协会',
            '总体绩效目标\t"1、开展活动；',
            '2、服务""科技工作者""。"',
            '绩效指标\t一级指标\t二级指标\t三级指标\t指标值',
            '\t产出指标\t数量指标\t活动场次\t≥5场'
        ));
        expect(modelDifferences(result.model, await compiled(`部门整体 "某协会" {
            单列指标值
            总体绩效目标 "1、开展活动；\n2、服务\\"科技工作者\\"。"
            绩效指标 { 产出指标 { 数量指标 { "活动场次"：≥5场 } } } }`))).toEqual([]);
    });

    test('a row whose 三级 name cell is empty keeps its values where they stand, and the report says so', async () => {
        const result = await importBytes(tsv(
            '部门名称\t某协会',
            '绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值',
            '\t产出指标\t数量指标\t活动场次\t≥5场\t≥5场',
            '\t\t\t\t≥20个\t≥10个',
            '\t\t\t培训人次\t≥100人次\t≥100人次'
        ));
        expect(modelDifferences(result.model, await compiled(`部门整体 "某协会" { 绩效指标 { 产出指标 { 数量指标 {
            "活动场次"：≥5场
            "" 实施周期：≥20个 年度：≥10个
            "培训人次"：≥100人次 } } } }`))).toEqual([]);
        expect(withoutYearNote(result.report)).toEqual([expect.objectContaining({ kind: 'note', where: '第4行第4列', message: expect.stringContaining('没有三级指标名称') })]);
    });

    test('a shifted row of values only (no name) is not read as a name and one value', async () => {
        const result = await importBytes(tsv(
            '部门名称\t某协会',
            '绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值',
            '\t产出指标\t数量指标\t活动场次\t≥5场\t≥5场',
            '≥20个\t≥10个'
        ));
        expect(modelDifferences(result.model, await compiled(`部门整体 "某协会" { 绩效指标 { 产出指标 { 数量指标 {
            "活动场次"：≥5场
            "" 实施周期：≥20个 年度：≥10个 } } } }`))).toEqual([]);
    });

    test('a 计量单位 column: its unit goes after each bare number, a value with its own unit keeps it', async () => {
        const result = await importBytes(tsv(
            '部门名称\t某协会',
            '绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值\t计量单位',
            '\t产出指标\t数量指标\t活动场次\t≥45\t≥45\t场次',
            '\t\t质量指标\t验收合格率\t90～95\t≥90%\t%',
            '\t\t时效指标\t完成时间\t2024年12月底前\t2024年12月底前\t'
        ));
        expect(modelDifferences(result.model, await compiled(`部门整体 "某协会" { 绩效指标 { 产出指标 {
            数量指标 { "活动场次"：≥45场次 }
            质量指标 { "验收合格率" 实施周期：90～95% 年度：≥90% }
            时效指标 { "完成时间"："2024年12月底前" } } } }`))).toEqual([]);
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([]);
    });

    test('2021 cost model: 成本指标 as a 一级 with 经济成本指标 under it', async () => {
        const result = await importBytes(tsv(
            '部门名称\t某协会',
            '绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值',
            '\t产出指标\t数量指标\t活动场次\t≥5场\t≥5场',
            '\t成本指标\t经济成本指标\t单场活动成本\t≤2万元\t≤2万元'
        ));
        expect(modelDifferences(result.model, await compiled(`部门整体 "某协会" { 绩效指标 {
            产出指标 { 数量指标 { "活动场次"：≥5场 } }
            成本指标 { 经济成本指标 { "单场活动成本"：≤2万元 } } } }`))).toEqual([]);
    });
});

describe('项目支出', () => {
    test('the header row repeated after a page break is skipped; 「附件3」 above the title is not the title', async () => {
        const header = '项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标';
        const result = await importBytes(tsv(
            '附件3',
            '项目支出绩效目标表（含转移支付项目）',
            '部门名称：某协会',
            header,
            '某协会\t2.00\t2.00\t\t\t\t',
            '项目甲\t1.00\t1.00\t\t\t目标甲\t1、1-产出指标；11-数量指标；场次；实施周期指标值:≥1场；年度指标值:≥1场。',
            header,
            '项目乙\t1.00\t1.00\t\t\t目标乙\t1、3-满意度指标；31-服务对象满意度；满意度；实施周期指标值:≥90%；年度指标值:≥90%。'
        ));
        expect(modelDifferences(result.model, await compiled(`项目支出 "某协会" {
            标题 "项目支出绩效目标表（含转移支付项目）"
            单位 "某协会" {
                资金 { 总计 2.00 财政拨款 2.00 财政专户拨款 空 其他资金 空 }
                项目 "项目甲" { 资金 { 总计 1.00 财政拨款 1.00 财政专户拨款 空 其他资金 空 } 绩效目标 "目标甲"
                    绩效指标 { 产出指标 { 数量指标 { "场次"：≥1场 } } } }
                项目 "项目乙" { 资金 { 总计 1.00 财政拨款 1.00 财政专户拨款 空 其他资金 空 } 绩效目标 "目标乙"
                    绩效指标 { 满意度指标 { 服务对象满意度 { "满意度"：≥90% } } } }
            } }`))).toEqual([]);
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([expect.objectContaining({ where: '第1行第1列', text: '附件3' })]);
    });

    test('text in a 绩效指标 string that is no item goes to the report, in full', async () => {
        const result = await importBytes(tsv(
            '部门名称：某协会',
            '项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标',
            '某协会\t1.00\t1.00\t\t\t\t',
            '项目甲\t1.00\t1.00\t\t\t目标\t说明文字。1、1-产出指标；11-数量指标；场次；实施周期指标值:≥1场；年度指标值:≥1场。'
        ));
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([expect.objectContaining({ where: '第4行第7列', text: '说明文字。' })]);
    });
});
