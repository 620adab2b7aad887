import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { renderXlsx } from '../../language/compile/xlsx.js';
import { importBytes } from '../../language/import/import.js';
import { readSample, sampleFiles } from '../helpers/samples.js';
import { compiled, modelDifferences, printedModel } from './helpers.js';

// A workbook whose merged cells were unmerged and filled (Excel's 取消合并 + 填充, what a table gets when it is sorted
// or copied): every cell of a former range holds the range's value. It must import as the merged workbook does —
// the same tasks, projects and indicators, each once — while rows that only look alike (a 三级 name under two 二级,
// two tasks of one name with different amounts, equal values side by side) stay as they are.

type Row = Array<string | number | null>;
type Merge = [number, number, number, number];

/** Every merged range of every sheet unmerged, each of its cells given the range's value. */
async function unmergedAndFilled(bytes: Uint8Array): Promise<{ bytes: Buffer; merges: number }> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    let merges = 0;
    for (const sheet of book.worksheets) {
        for (const range of [...(sheet.model.merges as string[])]) {
            const [top, bottom] = range.split(':').map(address => sheet.getCell(address!).fullAddress);
            const { value, numFmt } = sheet.getCell(top!.row, top!.col);
            sheet.unMergeCells(range);
            for (let r = top!.row; r <= bottom!.row; r++) {
                for (let c = top!.col; c <= bottom!.col; c++) Object.assign(sheet.getCell(r, c), { value, numFmt });
            }
            merges++;
        }
        expect(sheet.model.merges).toEqual([]);
    }
    return { bytes: Buffer.from(await book.xlsx.writeBuffer()), merges };
}

async function workbook(rows: Row[], merges: Merge[]): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('绩效目标');
    rows.forEach((row, r) => row.forEach((value, c) => {
        if (value !== null) sheet.getCell(r + 1, c + 1).value = value;
    }));
    for (const [top, left, bottom, right] of merges) sheet.mergeCells(top, left, bottom, right);
    return Buffer.from(await book.xlsx.writeBuffer());
}

/** Imports the merged workbook and its unmerged-and-filled copy: the two models must not differ. */
async function bothImports(merged: Buffer) {
    const filled = await unmergedAndFilled(merged);
    const before = await importBytes(merged);
    const after = await importBytes(filled.bytes);
    return { before, after, filled };
}

describe.each(sampleFiles())('%s compiled to .xlsx, its merged cells unmerged and filled', sample => {
    test('imports as the merged workbook: each task, project and indicator once, no value lost', async () => {
        const { before, after, filled } = await bothImports(await renderXlsx(await compiled(readSample(sample))));
        expect(filled.merges).toBeGreaterThan(0);
        expect(modelDifferences(after.model, before.model)).toEqual([]);
        expect(after.report.filter(entry => entry.kind === 'unplaced')).toEqual([]);
        expect(modelDifferences(await printedModel(after), after.model)).toEqual([]);
    });
});

test('seed 004\'s tall task row (two sheet rows) and seed 002\'s tall project row are read once, with a note', async () => {
    const department = await importBytes((await unmergedAndFilled(await renderXlsx(await compiled(readSample('004-guangzhou-kexie-2022.jxmb'))))).bytes);
    const project = await importBytes((await unmergedAndFilled(await renderXlsx(await compiled(readSample('002-guangzhou-kexie-projects.jxmb'))))).bytes);
    const d = department.model.declarations[0]!;
    const p = project.model.declarations[0]!;
    if (d.kind !== 'department' || p.kind !== 'project') throw new Error('unexpected kinds');
    expect(d.tasks.filter(task => task.name === '五、发展高等职业教育')).toHaveLength(1);
    expect(p.spendingUnits[0]!.projects.filter(project => project.name === '“科创中国”创新枢纽城市建设经费')).toHaveLength(1);
    for (const result of [department, project]) {
        expect(result.report.some(entry => entry.kind === 'note' && entry.message.includes('取消合并后逐行填充'))).toBe(true);
    }
});

describe('hand-made sheets: rows that look alike but are not copies', () => {
    const departmentRows: Row[] = [
        ['示例区科学技术协会2023年部门整体预算绩效目标申报表'],
        ['部门名称', '示例区科学技术协会'],
        ['总体绩效目标', '开展科普活动。'],
        ['年度重点工作任务', '名称', '主要实施内容', '拟投入的资金（万元）', '期望达到的目标（概述）'],
        [null, '科普活动', '组织科普志愿活动。', 80, '受益2万人次。'],
        [null, '科普活动', '举办科普讲座。', 20, '受益1万人次。'],
        [null, '学会服务', '支持学会开展学术交流。', 50, '学术交流活动不少于10场。'],
        ['绩效指标', '一级指标', '二级指标', '三级指标', '实施周期指标值', '年度指标值'],
        [null, '产出指标', '数量指标', '组织科普志愿活动场次', '≥20场次', '≥20场次'],
        [null, null, null, '工作完成情况', '提升', '提升'],
        [null, null, '质量指标', '工作完成情况', '提升', '提升'],
        [null, '效益指标', '社会效益指标', '科普受益人次', '≥2万人次', '≥1.5万人次'],
        [null, null, null, '科普公共服务能力', '提升', '提升'],
        ['备注', '本表金额单位为万元。']
    ];
    const departmentMerges: Merge[] = [
        [1, 1, 1, 6], [2, 2, 2, 6], [3, 2, 3, 6], [4, 1, 7, 1], [4, 5, 4, 6], [5, 5, 5, 6], [6, 5, 6, 6], [7, 5, 7, 6],
        [8, 1, 13, 1], [9, 2, 11, 2], [9, 3, 10, 3], [12, 2, 13, 2], [12, 3, 13, 3], [14, 2, 14, 6]
    ];
    const expectedDepartment = `
部门整体 "示例区科学技术协会" 年度 2023 {
    标题 "示例区科学技术协会2023年部门整体预算绩效目标申报表"
    总体绩效目标 "开展科普活动。"
    任务 "科普活动" { 主要实施内容 "组织科普志愿活动。" 拟投入资金 80.00 期望目标 "受益2万人次。" }
    任务 "科普活动" { 主要实施内容 "举办科普讲座。" 拟投入资金 20.00 期望目标 "受益1万人次。" }
    任务 "学会服务" { 主要实施内容 "支持学会开展学术交流。" 拟投入资金 50.00 期望目标 "学术交流活动不少于10场。" }
    绩效指标 {
        产出指标 {
            数量指标 {
                "组织科普志愿活动场次"：≥20场次
                "工作完成情况"："提升"
            }
            质量指标 { "工作完成情况"："提升" }
        }
        效益指标 {
            社会效益指标 {
                "科普受益人次" 实施周期：≥2万人次 年度：≥1.5万人次
                "科普公共服务能力"："提升"
            }
        }
    }
    备注 "本表金额单位为万元。"
}`;

    test('部门整体: two tasks of one name with different amounts, one 三级 name under two 二级, equal values side by side', async () => {
        const { before, after } = await bothImports(await workbook(departmentRows, departmentMerges));
        expect(modelDifferences(before.model, await compiled(expectedDepartment))).toEqual([]);
        expect(modelDifferences(after.model, before.model)).toEqual([]);
        expect(after.report.filter(entry => entry.kind === 'unplaced')).toEqual([]);
    });

    test('部门整体 with one 指标值 column drawn over two sheet columns: each value once, a text value not taken for the name', async () => {
        const rows = departmentRows.map(row => [...row]);
        rows[7] = ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值', null];
        for (const row of rows.slice(8, 13)) row[5] = null;
        const merges: Merge[] = [...departmentMerges, ...[8, 9, 10, 11, 12, 13].map((r): Merge => [r, 5, r, 6])];
        const { before, after } = await bothImports(await workbook(rows, merges));
        expect(before.model.declarations[0]).toMatchObject({ singleValueColumn: true });
        expect(modelDifferences(after.model, before.model)).toEqual([]);
        expect(after.report.filter(entry => entry.kind === 'unplaced')).toEqual([]);
    });

    test('部门整体 read with its merged ranges: an indicator written twice stays twice (no copy without a filled label column)', async () => {
        const twice = departmentRows.map(row => [...row]);
        twice.splice(9, 0, [null, null, null, '组织科普志愿活动场次', '≥20场次', '≥20场次']);
        const merges: Merge[] = departmentMerges.map(([top, left, bottom, right]) => [top > 9 ? top + 1 : top, left, bottom >= 9 ? bottom + 1 : bottom, right]);
        const result = await importBytes(await workbook(twice, merges));
        const d = result.model.declarations[0]!;
        if (d.kind !== 'department') throw new Error('not a department table');
        expect(d.indicators[0]!.groups[0]!.blocks[0]!.indicators.map(i => i.name)).toEqual(['组织科普志愿活动场次', '组织科普志愿活动场次', '工作完成情况']);
    });

    test('部门整体: a task filled down over rows of its own 内容 and 目标 is one task, its lines joined', async () => {
        const rows = departmentRows.map(row => [...row]);
        rows[5] = [null, '科普活动', '举办科普讲座。', 80, '受益1万人次。'];
        const result = await importBytes((await unmergedAndFilled(await workbook(rows, departmentMerges))).bytes);
        const d = result.model.declarations[0]!;
        if (d.kind !== 'department') throw new Error('not a department table');
        expect(d.tasks.map(task => [task.name, task.content, task.amount, task.expectedGoal])).toEqual([
            ['科普活动', '组织科普志愿活动。\n举办科普讲座。', 80, '受益2万人次。\n受益1万人次。'],
            ['学会服务', '支持学会开展学术交流。', 50, '学术交流活动不少于10场。']
        ]);
        expect(result.report.filter(entry => entry.kind === 'note' && entry.message.includes('任务「科普活动」'))).toHaveLength(1);
    });

    test('项目支出: a project over two rows with its 绩效指标 split (Q3), a second project of that name, 总计 = 财政拨款', async () => {
        const rows: Row[] = [
            ['项目支出绩效目标表（含转移支付项目）'],
            ['部门名称：示例区科学技术协会', null, null, null, null, null, '单位：万元'],
            ['项目名称（资金使用单位）', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标'],
            ['合计', 160, 160, null, null, null, null],
            ['示例区科学技术协会', 160, 160, null, null, null, null],
            ['科普活动经费', 100, 100, null, null, '全年开展科普活动。',
                '1、1-产出指标；11-数量指标；开展科普活动场次；实施周期指标值:≥20场次；年度指标值:≥20场次。2、3-满意度指标；31-服务对象满'],
            [null, null, null, null, null, null, '意度；服务对象满意度；实施周期指标值:≥90%；年度指标值:≥90%。'],
            ['科普活动经费', 30, 30, null, null, '举办科普讲座。', '1、1-产出指标；11-数量指标；讲座场次；实施周期指标值:≥5场次；年度指标值:≥5场次。'],
            ['学会服务经费', 30, 30, null, null, '支持学会发展。', '1、2-效益指标；22-社会效益；学会活力；实施周期指标值:提升；年度指标值:提升。'],
            [null, null, null, null, null, null, null]
        ];
        const merges: Merge[] = [
            [1, 1, 1, 7], [2, 1, 2, 6], ...[1, 2, 3, 4, 5, 6].map((c): Merge => [6, c, 7, c]), ...[1, 2, 3, 4, 5, 6, 7].map((c): Merge => [9, c, 10, c])
        ];
        const { before, after } = await bothImports(await workbook(rows, merges));
        const expected = `
项目支出 "示例区科学技术协会" {
    标题 "项目支出绩效目标表（含转移支付项目）"
    合计 { 总计 160.00 财政拨款 160.00 财政专户拨款 空 其他资金 空 }
    单位 "示例区科学技术协会" {
        资金 { 总计 160.00 财政拨款 160.00 财政专户拨款 空 其他资金 空 }
        项目 "科普活动经费" {
            资金 { 总计 100.00 财政拨款 100.00 财政专户拨款 空 其他资金 空 }
            绩效目标 "全年开展科普活动。"
            绩效指标 {
                产出指标 { 数量指标 { "开展科普活动场次"：≥20场次 } }
                满意度指标 { 服务对象满意度 { "服务对象满意度"：≥90% } }
            }
        }
        项目 "科普活动经费" {
            资金 { 总计 30.00 财政拨款 30.00 财政专户拨款 空 其他资金 空 }
            绩效目标 "举办科普讲座。"
            绩效指标 { 产出指标 { 数量指标 { "讲座场次"：≥5场次 } } }
        }
        项目 "学会服务经费" {
            资金 { 总计 30.00 财政拨款 30.00 财政专户拨款 空 其他资金 空 }
            绩效目标 "支持学会发展。"
            绩效指标 { 效益指标 { 社会效益 { "学会活力"："提升" } } }
        }
    }
}`;
        expect(modelDifferences(before.model, await compiled(expected))).toEqual([]);
        expect(modelDifferences(after.model, before.model)).toEqual([]);
        expect(after.report.filter(entry => entry.kind === 'unplaced')).toEqual([]);
    });
});
