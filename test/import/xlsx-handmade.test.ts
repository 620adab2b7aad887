import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { importBytes } from '../../language/import/import.js';
import { compiled, modelDifferences, printedModel } from './helpers.js';

// Sheets as a person makes them in Excel, in the official layout: merged label cells over their rows (the merged
// 一级/二级 label applies to every row of its range), numbers typed as numbers, a percentage cell, a line break in a
// cell — and, for comparison, the same sheet with the labels repeated on every row instead of merged.

type Row = Array<string | number | null>;

const departmentRows: Row[] = [
    ['示例区科学技术协会2023年部门整体预算绩效目标申报表'],
    ['部门名称', '示例区科学技术协会'],
    ['基本信息', '财政供养人员数（人）', 12, '下属二级单位数（个）', 0],
    ['预算整体情况', '部门预算支出', '预算金额（万元）', '收入来源', '预算金额（万元）'],
    [null, '基本支出', 200, '财政拨款', '1,234.50'],
    [null, '项目支出', 1034.5, '其他资金', null],
    [null, '事业发展性支出', '预算金额（万元）', '按预算级次划分', '预算金额（万元）'],
    [null, '财政专项资金', 0, '区本级使用资金', 1234.5],
    [null, '其他事业发展性支出', 0, '拟用于对下转移支付资金', 0],
    ['总体绩效目标', '1、开展科普活动。\n2、服务科技工作者。'],
    ['年度重点工作任务', '名称', '主要实施内容', '拟投入的资金（万元）', '期望达到的目标（概述）'],
    [null, '科普活动', '组织科普志愿活动不少于20场次。', 80, '科普受益人次不少于2万人次。'],
    [null, '学会服务', '支持学会开展学术交流。', 954.5, '学术交流活动不少于10场。'],
    ['其他需完成的任务（可选项）', null],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '实施周期指标值', '年度指标值'],
    [null, '产出指标', '数量指标', '组织科普志愿活动场次', '≥20场次', '≥20场次'],
    [null, null, null, '发布科普文章数量', '不少于50篇', '不少于50篇'],
    [null, null, '质量指标', '活动验收合格率', 0.95, 0.95],
    [null, null, '时效指标', '活动完成时间', '≤2023-12-31', '≤2023-12-31'],
    [null, null, null, '资料归档', '年内完成', null],
    [null, '效益指标', '社会效益指标', '科普受益人次', '≥2万人次', '≥1.5万人次'],
    [null, null, null, '科普公共服务能力', '提升', '提升'],
    [null, '满意度指标', '服务对象满意度指标', '服务对象满意度', '≥90%', '≥90%'],
    [null, null, null, '参训学员满意度', '≥85%', '≥85%'],
    ['备注', '本表金额单位为万元。']
];

/** Merged ranges of the hand-made sheet (1-based rows and columns). */
const departmentMerges: Array<[number, number, number, number]> = [
    [1, 1, 1, 6], [2, 2, 2, 6], [3, 5, 3, 6], [4, 1, 9, 1], [10, 2, 10, 6], [11, 1, 13, 1], [11, 5, 11, 6], [12, 5, 12, 6],
    [13, 5, 13, 6], [14, 2, 14, 6], [15, 1, 24, 1], [16, 2, 20, 2], [16, 3, 17, 3], [19, 3, 20, 3], [21, 2, 22, 2],
    [21, 3, 22, 3], [23, 2, 24, 2], [23, 3, 24, 3], [25, 2, 25, 6]
];

const expectedDepartment = `
部门整体 "示例区科学技术协会" 年度 2023 {
    标题 "示例区科学技术协会2023年部门整体预算绩效目标申报表"
    基本信息 { 财政供养人员数 12  下属二级单位数 0 }
    预算 {
        部门预算支出 { 基本支出 200.00  项目支出 1,034.50 }
        收入来源 { 财政拨款 1,234.50  其他资金 空 }
        事业发展性支出 { 财政专项资金 0.00  其他事业发展性支出 0.00 }
        按预算级次划分 { 区本级使用资金 1,234.50  拟用于对下转移支付资金 0.00 }
    }
    总体绩效目标 "1、开展科普活动。\n2、服务科技工作者。"
    任务 "科普活动" { 主要实施内容 "组织科普志愿活动不少于20场次。" 拟投入资金 80.00 期望目标 "科普受益人次不少于2万人次。" }
    任务 "学会服务" { 主要实施内容 "支持学会开展学术交流。" 拟投入资金 954.50 期望目标 "学术交流活动不少于10场。" }
    绩效指标 {
        产出指标 {
            数量指标 {
                "组织科普志愿活动场次"：≥20场次
                "发布科普文章数量"："不少于50篇"
            }
            质量指标 { "活动验收合格率"：95% }
            时效指标 {
                "活动完成时间"：≤2023-12-31
                "资料归档" 实施周期："年内完成"
            }
        }
        效益指标 {
            社会效益指标 {
                "科普受益人次" 实施周期：≥2万人次 年度：≥1.5万人次
                "科普公共服务能力"："提升"
            }
        }
        满意度指标 {
            服务对象满意度指标 {
                "服务对象满意度"：≥90%
                "参训学员满意度"：≥85%
            }
        }
    }
    备注 "本表金额单位为万元。"
}`;

async function workbook(rows: Row[], merges: Array<[number, number, number, number]>, extra?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('绩效目标');
    rows.forEach((row, r) => row.forEach((value, c) => {
        if (value !== null) sheet.getCell(r + 1, c + 1).value = value;
    }));
    // The percentage cells: typed as 95%, stored as 0.95 with a percent format.
    for (const r of [18]) for (const c of [5, 6]) sheet.getCell(r, c).numFmt = '0%';
    for (const [top, left, bottom, right] of merges) sheet.mergeCells(top, left, bottom, right);
    extra?.(sheet);
    return Buffer.from(await book.xlsx.writeBuffer());
}

describe('hand-made 部门整体 sheet', () => {
    test('with merged label cells: the expected model, nothing unplaced', async () => {
        const result = await importBytes(await workbook(departmentRows, departmentMerges));
        expect(modelDifferences(result.model, await compiled(expectedDepartment))).toEqual([]);
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([]);
        expect(modelDifferences(await printedModel(result), result.model)).toEqual([]);
    });

    test('with the labels repeated on every row instead of merged: the same model', async () => {
        const repeated = departmentRows.map(row => [...row]);
        let level1: Row[number] = null;
        let level2: Row[number] = null;
        for (const row of repeated.slice(15, 24)) {
            row[0] = '绩效指标';
            if (row[1] !== null && row[1] !== level1) level2 = null;
            level1 = row[1] ??= level1;
            level2 = row[2] ??= level2;
        }
        const result = await importBytes(await workbook(repeated, departmentMerges.filter(([top, left]) => top < 15 || left > 3)));
        expect(modelDifferences(result.model, await compiled(expectedDepartment))).toEqual([]);
    });

    test('a stray cell outside the table is reported with its address', async () => {
        const result = await importBytes(await workbook(departmentRows, departmentMerges, sheet => { sheet.getCell('G5').value = '草稿，勿报'; }));
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([expect.objectContaining({ where: '绩效目标!G5', text: '草稿，勿报' })]);
    });

    test('the address is written as the review\'s findings write it, Excel\'s reference, quoted where Excel quotes the sheet\'s name', async () => {
        for (const [name, where] of [['2024 绩效目标', "'2024 绩效目标'!G5"], ['A1', "'A1'!G5"]]) {
            const result = await importBytes(await workbook(departmentRows, departmentMerges, sheet => {
                sheet.name = name!;
                sheet.getCell('G5').value = '草稿，勿报';
            }));
            expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([expect.objectContaining({ where, text: '草稿，勿报' })]);
        }
    });
});

describe('hand-made 项目支出 sheet', () => {
    test('caption, header, 合计, unit and project rows with flattened strings (no bold or indent to go by)', async () => {
        const book = new ExcelJS.Workbook();
        const sheet = book.addWorksheet('项目');
        const rows: Row[] = [
            ['项目支出绩效目标表（含转移支付项目）'],
            ['部门名称：示例区科学技术协会', null, null, null, null, null, '单位：万元'],
            ['项目名称（资金使用单位）', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标'],
            ['合计', 130, 130, null, null, null, null],
            ['示例区科学技术协会', 130, 130, null, null, null, null],
            ['科普活动经费', 100, 100, null, null, '<p>全年开展科普活动不少于20场次。</p>',
                '<p>1、1-产出指标；11-数量指标；开展科普活动场次；实施周期指标值:≥20场次；年度指标值:≥20场次。2、3-满意度指标；31-服务对象满意度；服务对象满意度；实施周期指标值:超过90%；年度指标值:超过90%。</p>'],
            ['学会服务经费', 30, 30, null, null, '支持学会发展。',
                '1、2-效益指标；22-社会效益；学会活力；实施周期指标值:提升；年度指标值:提升。1、1-产出指标；13-时效指标；资金支出进度（%）。']
        ];
        rows.forEach((row, r) => row.forEach((value, c) => { if (value !== null) sheet.getCell(r + 1, c + 1).value = value; }));
        sheet.mergeCells(1, 1, 1, 7);
        sheet.mergeCells(2, 1, 2, 6);
        const result = await importBytes(Buffer.from(await book.xlsx.writeBuffer()));
        const expected = `
项目支出 "示例区科学技术协会" {
    标题 "项目支出绩效目标表（含转移支付项目）"
    合计 { 总计 130.00 财政拨款 130.00 财政专户拨款 空 其他资金 空 }
    单位 "示例区科学技术协会" {
        资金 { 总计 130.00 财政拨款 130.00 财政专户拨款 空 其他资金 空 }
        项目 "科普活动经费" {
            资金 { 总计 100.00 财政拨款 100.00 财政专户拨款 空 其他资金 空 }
            绩效目标 "<p>全年开展科普活动不少于20场次。</p>"
            绩效指标 {
                产出指标 { 数量指标 { "开展科普活动场次"：≥20场次 } }
                满意度指标 { 服务对象满意度 { "服务对象满意度"："超过90%" } }
            }
        }
        项目 "学会服务经费" {
            资金 { 总计 30.00 财政拨款 30.00 财政专户拨款 空 其他资金 空 }
            绩效目标 "支持学会发展。"
            绩效指标 { 效益指标 { 社会效益 { "学会活力"："提升" } } }
            绩效指标 { 产出指标 { 时效指标 { "资金支出进度（%）" } } }
        }
    }
}`;
        expect(modelDifferences(result.model, await compiled(expected))).toEqual([]);
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([]);
    });
});
