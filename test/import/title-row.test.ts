import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { importBytes } from '../../language/import/import.js';

// The title row often holds more than the title: 「附件2」 at its right end, 「单位：万元」 beside a title merged over
// fewer columns, a note far to the right. The title (and the 年度 it names) is read all the same; 「单位：万元」 is
// the unit of the amounts; only a cell that is neither goes to the report.

const tsv = (...lines: string[]) => Buffer.from(lines.join('\n'));

const DEPARTMENT_BODY = [
    '部门名称\t某协会',
    '绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值',
    '\t产出指标\t数量指标\t活动场次\t≥5场\t≥5场'
];

const unplaced = (result: Awaited<ReturnType<typeof importBytes>>) =>
    result.report.filter(e => e.kind === 'unplaced').map(e => `${e.where} ${e.text}`);

describe('部门整体', () => {
    test('「附件2」 right of the title: the title and its 年度 are read, 「附件2」 alone is reported', async () => {
        const result = await importBytes(tsv('2024年部门整体支出绩效目标表\t\t\t\t\t\t附件2', ...DEPARTMENT_BODY));
        const d = result.model.declarations[0]!;
        expect([d.title, d.year]).toEqual(['2024年部门整体支出绩效目标表', 2024]);
        expect(unplaced(result)).toEqual(['第1行第7列 附件2']);
        expect(result.report.filter(e => e.message.includes('没有找到年度'))).toEqual([]);
    });

    test('「单位：万元」 beside a title merged over A1:E1 (.xlsx): both placed, nothing reported', async () => {
        const book = new ExcelJS.Workbook();
        const sheet = book.addWorksheet('部门整体');
        sheet.getCell('A1').value = '2024年部门整体支出绩效目标表';
        sheet.mergeCells('A1:E1');
        sheet.getCell('F1').value = '单位：万元';
        DEPARTMENT_BODY.forEach((line, r) => line.split('\t').forEach((text, c) => { if (text) sheet.getCell(r + 2, c + 1).value = text; }));
        const result = await importBytes(Buffer.from(await book.xlsx.writeBuffer()));
        const d = result.model.declarations[0]!;
        expect([d.title, d.year]).toEqual(['2024年部门整体支出绩效目标表', 2024]);
        expect(result.report).toEqual([]);
    });

    test('a unit other than 万元 beside the title is placed with a note to check the amounts', async () => {
        const result = await importBytes(tsv('2024年部门整体支出绩效目标表\t单位：元', ...DEPARTMENT_BODY));
        expect(result.model.declarations[0]!.title).toBe('2024年部门整体支出绩效目标表');
        expect(result.report.map(e => `${e.kind} ${e.where} ${e.message}`)).toEqual([
            'note 第1行第2列 表上写「单位：元」；.jxmb 的金额一律按万元理解，请核对。'
        ]);
    });
});

describe('项目支出', () => {
    test('「附件3」 in the title row: the title and its 年度 are read, 「附件3」 alone is reported', async () => {
        const result = await importBytes(tsv(
            '2024年项目支出绩效目标表\t\t\t\t\t\t附件3',
            '部门名称：某协会\t\t\t\t\t\t单位：万元',
            '项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标',
            '项目甲\t1.00\t1.00\t\t\t目标甲\t1、1-产出指标；11-数量指标；场次；实施周期指标值:≥1场；年度指标值:≥1场。'
        ));
        const d = result.model.declarations[0]!;
        expect([d.title, d.year]).toEqual(['2024年项目支出绩效目标表', 2024]);
        expect(unplaced(result)).toEqual(['第1行第7列 附件3']);
    });
});
