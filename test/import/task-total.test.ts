import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { importBytes } from '../../language/import/import.js';

// A 合计 or 小计 row under 年度重点工作任务 sums the tasks' amounts: imported as a task it would count them twice
// (ΣK doubled) and check would not notice. It is no task; the report keeps it, compared with the tasks.

async function taskSheet(total: string, amount: number): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('部门整体');
    const rows = [
        ['部门名称', '示例区科学技术协会'],
        ['年度重点工作任务', '名称', '主要实施内容', '拟投入的资金（万元）', '期望达到的目标（概述）'],
        [null, '科普活动', '组织科普志愿活动。', 80, '科普受益2万人次。'],
        [null, '学会服务', '支持学会开展学术交流。', 20.5, '学术交流10场。'],
        [null, total, null, amount, null],
        ['绩效指标', '一级指标', '二级指标', '三级指标', '实施周期指标值', '年度指标值'],
        [null, '产出指标', '数量指标', '组织科普志愿活动场次', '≥20场次', '≥20场次']
    ];
    rows.forEach((row, r) => row.forEach((value, c) => { if (value !== null) sheet.getCell(r + 1, c + 1).value = value; }));
    return Buffer.from(await book.xlsx.writeBuffer());
}

describe('a totals row under 年度重点工作任务', () => {
    test.each([
        ['合计', 100.5, '「合计」行 100.50 是任务金额的合计，不是一项任务：未作为任务导入，与上方各任务之和 100.50 相符。'],
        ['小计', 90, '「小计」行 90.00 是任务金额的合计，不是一项任务：未作为任务导入，上方各任务之和为 100.50，两者不符。']
    ])('%s %s: no task of that name, the tasks above kept, a note at its cell comparing it with them', async (label, amount, note) => {
        const result = await importBytes(await taskSheet(label, amount));
        const declaration = result.model.declarations[0]!;
        const tasks = declaration.kind === 'department' ? declaration.tasks.map(task => `${task.name} ${task.amount}`) : [];
        expect(tasks).toEqual(['科普活动 80', '学会服务 20.5']);
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([]);
        expect(result.report).toContainEqual({ kind: 'note', where: '部门整体!B5', message: note });
    });
});
