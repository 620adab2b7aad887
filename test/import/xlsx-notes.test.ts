import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { importBytes } from '../../language/import/import.js';
import { unzip, zip } from './helpers.js';

// What a workbook holds that the sheet does not show, said in the report at its place. A formula cell is read by the
// result Excel saved with it; a workbook written by a program and never opened in Excel keeps the formula without a
// result: that cell cannot be read, and the amount must not turn into 空 unnoticed. Hidden rows and sheets are read,
// and the report says they were hidden.

async function taskSheet(amount: ExcelJS.CellValue): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('部门整体');
    const rows: ExcelJS.CellValue[][] = [
        ['部门名称', '示例区科学技术协会'],
        ['年度重点工作任务', '名称', '主要实施内容', '拟投入的资金（万元）', '期望达到的目标（概述）'],
        [null, '科普活动', '组织科普志愿活动。', amount, '科普受益2万人次。'],
        ['绩效指标', '一级指标', '二级指标', '三级指标', '实施周期指标值', '年度指标值'],
        [null, '产出指标', '数量指标', '组织科普志愿活动场次', '≥20场次', '≥20场次']
    ];
    rows.forEach((row, r) => row.forEach((value, c) => { if (value !== null) sheet.getCell(r + 1, c + 1).value = value; }));
    return Buffer.from(await book.xlsx.writeBuffer());
}

const amountOf = (result: Awaited<ReturnType<typeof importBytes>>) => {
    const declaration = result.model.declarations[0]!;
    return declaration.kind === 'department' ? declaration.tasks[0]!.amount : undefined;
};

const formulaNotes = (result: Awaited<ReturnType<typeof importBytes>>) =>
    result.report.filter(e => e.kind === 'note' && e.message.includes('公式')).map(e => `${e.where} ${e.message}`);

describe('formula cells in .xlsx', () => {
    test('a formula without a saved result: blank, with a note at its cell saying to open and save it in Excel', async () => {
        const result = await importBytes(await taskSheet({ formula: '40+40' } as ExcelJS.CellFormulaValue));
        expect(amountOf(result)).toBeNull();
        expect(formulaNotes(result)).toEqual([
            '部门整体!D3 此格是公式「=40+40」，文件中没有保存它的计算结果：按空白读取。请在 Excel 中打开此文件并保存（Excel 会算出结果），再导入。'
        ]);
    });

    test('a formula with its saved result: the result, no note', async () => {
        const result = await importBytes(await taskSheet({ formula: '40+40', result: 80 } as ExcelJS.CellFormulaValue));
        expect(amountOf(result)).toBe(80);
        expect(formulaNotes(result)).toEqual([]);
    });

    // exceljs gives such a cell the same value as one without a result ({ formula }, no result): the sheet's XML
    // tells them apart (<c t="str"><f>…</f><v></v></c>, as Excel saves 「=IF(…,"")」, against no <v> at all).
    test('a formula whose saved result is the empty string (=IF(…,"")) reads as the empty cell Excel shows, no note', async () => {
        const bytes = await taskSheet({ formula: 'IF(1>2,80,"")', result: '' } as ExcelJS.CellFormulaValue);
        expect(unzip(bytes)['xl/worksheets/sheet1.xml']!.toString('utf8')).toContain('<c r="D3" t="str"><f>IF(1&gt;2,80,&quot;&quot;)</f><v></v></c>');
        const empty = await importBytes(bytes);
        expect(amountOf(empty)).toBeNull();
        expect(formulaNotes(empty)).toEqual([]);
        // <v/> says the same.
        const selfClosed = await importBytes(zip({ ...unzip(bytes), 'xl/worksheets/sheet1.xml': unzip(bytes)['xl/worksheets/sheet1.xml']!.toString('utf8').replace('<v></v>', '<v/>') }));
        expect(formulaNotes(selfClosed)).toEqual([]);
    });

    test('a formula whose saved result is 0 (=SUM of empty cells) reads as 0, no note', async () => {
        const zero = await importBytes(await taskSheet({ formula: 'SUM(F3:F9)', result: 0 } as ExcelJS.CellFormulaValue));
        expect(amountOf(zero)).toBe(0);
        expect(formulaNotes(zero)).toEqual([]);
    });
});

describe('what Excel hides', () => {
    test('a hidden row and a hidden sheet are read, each with a note saying so', async () => {
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(await taskSheet(80) as unknown as ExcelJS.Buffer);
        book.worksheets[0]!.getRow(3).hidden = true;
        book.worksheets[0]!.state = 'hidden';
        const result = await importBytes(Buffer.from(await book.xlsx.writeBuffer()));
        expect(amountOf(result)).toBe(80);
        const notes = result.report.filter(e => e.message.includes('隐藏')).map(e => `${e.where} ${e.message}`);
        expect(notes).toEqual([
            '工作表「部门整体」 此工作表在 Excel 中是隐藏的：其内容也已读取，请核对是否应当导入。',
            '部门整体!B3 第 3 行在 Excel 中是隐藏的：其内容也已读取，请核对是否应当导入。'
        ]);
    });

    test('a hidden sheet beside the table that holds no table: its cells reported, and the note says it is hidden', async () => {
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(await taskSheet(80) as unknown as ExcelJS.Buffer);
        const aside = book.addWorksheet('旧稿');
        aside.getCell('A1').value = '去年的说明';
        aside.state = 'hidden';
        const result = await importBytes(Buffer.from(await book.xlsx.writeBuffer()));
        expect(amountOf(result)).toBe(80);
        expect(result.report.map(e => `${e.kind} ${e.where} ${e.message}`).filter(line => line.includes('旧稿'))).toEqual([
            'note 工作表「旧稿」 此工作表在 Excel 中是隐藏的：其内容也已读取，请核对是否应当导入。',
            'unplaced 旧稿!A1 工作表「旧稿」不是部门整体或项目支出绩效目标表，未导入'
        ]);
    });
});
