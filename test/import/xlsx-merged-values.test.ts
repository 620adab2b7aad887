import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { importBytes } from '../../language/import/import.js';
import { compiled, modelDifferences, withoutYearNote } from './helpers.js';

// Merged ranges over values, as people draw them in Excel: the table shows the range's value in each of its cells, so
// the import reads it there too — one value for 实施周期 and 年度, one 三级 name for two rows, one 实施周期 for a
// block — and says where a merge decided a value. A label or a row merged wider or taller is still one cell or row,
// and one amount merged over two tasks is counted once.

type Row = Array<string | number | null>;
type Merge = [number, number, number, number];

const rows: Row[] = [
    ['示例区科学技术协会2023年部门整体预算绩效目标申报表'],
    ['部门名称', '示例区科学技术协会'],
    ['年度重点工作任务', '名称', '主要实施内容', '拟投入的资金（万元）', '期望达到的目标（概述）'],
    [null, '科普活动', '组织科普志愿活动。', 80, '科普受益2万人次。'],
    [null, '科普宣传', '发布科普文章。', null, '发布50篇。'],
    [null, '学会服务', '支持学会开展学术交流。', 20, '学术交流10场。'],
    [null, null, '举办学术年会。', null, null],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '实施周期指标值', '年度指标值'],
    [null, '产出指标', '数量指标', '组织科普志愿活动场次', '≥20场次', null],
    [null, null, null, '发布科普文章数量', '≥50篇', '≥40篇'],
    [null, null, null, null, '≥100篇', '≥100篇'],
    [null, null, '时效指标', '活动完成及时率', '100%', '及时'],
    [null, null, null, '资料归档及时率', null, '年内完成'],
    [null, '效益指标', '经济效益指标', null, null, null],
    [null, null, '社会效益指标', '科普受益人次', '≥2万人次', '≥2万人次']
];

const merges: Merge[] = [
    [1, 1, 1, 6], [2, 2, 2, 6], [3, 1, 7, 1], [3, 5, 3, 6], [4, 5, 4, 6], [5, 5, 5, 6], [6, 5, 6, 6], [7, 5, 7, 6],
    [8, 1, 15, 1], [9, 2, 13, 2], [9, 3, 11, 3], [12, 3, 13, 3], [14, 2, 15, 2],
    [4, 4, 5, 4], // one amount for the two 科普 tasks
    [6, 2, 7, 2], // a task's name over its two rows of 内容
    [9, 5, 9, 6], // one value for 实施周期 and 年度
    [10, 4, 11, 4], // a 三级 name over two rows
    [12, 5, 13, 5], // one 实施周期 value for two indicators
    [14, 3, 14, 4] // a 二级 drawn over the empty 三级 of a template row
];

const expected = `
部门整体 "示例区科学技术协会" 年度 2023 {
    标题 "示例区科学技术协会2023年部门整体预算绩效目标申报表"
    任务 "科普活动" { 主要实施内容 "组织科普志愿活动。" 拟投入资金 80.00 期望目标 "科普受益2万人次。" }
    任务 "科普宣传" { 主要实施内容 "发布科普文章。" 拟投入资金 空 期望目标 "发布50篇。" }
    任务 "学会服务" { 主要实施内容 "支持学会开展学术交流。\n举办学术年会。" 拟投入资金 20.00 期望目标 "学术交流10场。" }
    绩效指标 {
        产出指标 {
            数量指标 {
                "组织科普志愿活动场次"：≥20场次
                "发布科普文章数量" 实施周期：≥50篇 年度：≥40篇
                "发布科普文章数量"：≥100篇
            }
            时效指标 {
                "活动完成及时率" 实施周期：100% 年度："及时"
                "资料归档及时率" 实施周期：100% 年度："年内完成"
            }
        }
        效益指标 {
            经济效益指标 { }
            社会效益指标 { "科普受益人次"：≥2万人次 }
        }
    }
}`;

async function workbook(): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('部门整体');
    rows.forEach((row, r) => row.forEach((value, c) => { if (value !== null) sheet.getCell(r + 1, c + 1).value = value; }));
    for (const [top, left, bottom, right] of merges) sheet.mergeCells(top, left, bottom, right);
    return Buffer.from(await book.xlsx.writeBuffer());
}

describe('部门整体 sheet with merged value cells', () => {
    test('each cell of a merged value reads the value; labels and a task drawn taller are read once; a shared amount counted once', async () => {
        const result = await importBytes(await workbook());
        expect(modelDifferences(result.model, await compiled(expected))).toEqual([]);
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([]);
    });

    test('the report says where a merge decided a value', async () => {
        const result = await importBytes(await workbook());
        const notes = withoutYearNote(result.report).filter(e => e.kind === 'note').map(e => `${e.where} ${e.message}`);
        expect(notes).toEqual([
            '部门整体!D5 拟投入的资金在合并单元格 D4:D5 中，由几项任务共用：金额只计入第一项任务「科普活动」，此任务记为空。',
            '部门整体!B7 任务「学会服务」的名称是跨几行的合并单元格：按同一任务读取，此行不同的内容另起一行接在该任务之后。',
            '部门整体!F9 年度指标值在合并单元格 E9:F9 中：按合并的值「≥20场次」读取。',
            '部门整体!D11 三级指标名称在合并单元格 D10:D11 中：按合并的值「发布科普文章数量」读取。',
            '部门整体!E13 实施周期指标值在合并单元格 E12:E13 中：按合并的值「100%」读取。'
        ]);
    });
});

describe('项目支出 sheet with a project name merged over two rows', () => {
    test('one project, its 绩效指标 joined across the rows, its amounts read once', async () => {
        const book = new ExcelJS.Workbook();
        const sheet = book.addWorksheet('项目');
        const projectRows: Row[] = [
            ['部门名称：示例区科学技术协会', null, null, null, null, null, '单位：万元'],
            ['项目名称（资金使用单位）', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标'],
            ['示例区科学技术协会', 100, 100, null, null, null, null],
            ['科普活动经费', 100, 100, null, null, '全年开展科普活动。', '1、1-产出指标；11-数量指标；开展科普活动场次；实施周期指标值:≥20场次；年度指标值:≥20场次。'],
            [null, null, null, null, null, null, '2、3-满意度指标；31-服务对象满意度；服务对象满意度；实施周期指标值:≥90%；年度指标值:≥90%。']
        ];
        projectRows.forEach((row, r) => row.forEach((value, c) => { if (value !== null) sheet.getCell(r + 1, c + 1).value = value; }));
        sheet.mergeCells(4, 1, 5, 1);
        sheet.mergeCells(4, 6, 5, 6);
        const result = await importBytes(Buffer.from(await book.xlsx.writeBuffer()));
        expect(modelDifferences(result.model, await compiled(`
项目支出 "示例区科学技术协会" {
    单位 "示例区科学技术协会" {
        资金 { 总计 100.00 财政拨款 100.00 财政专户拨款 空 其他资金 空 }
        项目 "科普活动经费" {
            资金 { 总计 100.00 财政拨款 100.00 财政专户拨款 空 其他资金 空 }
            绩效目标 "全年开展科普活动。"
            绩效指标 {
                产出指标 { 数量指标 { "开展科普活动场次"：≥20场次 } }
                满意度指标 { 服务对象满意度 { "服务对象满意度"：≥90% } }
            }
        }
    }
}`))).toEqual([]);
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([]);
    });
});
