import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { importBytes } from '../../language/import/import.js';
import { compiled, modelDifferences, withoutYearNote } from './helpers.js';

// The 绩效指标 header names the columns: a two-row header (指标值 merged over 实施周期指标值 / 年度指标值) is all
// header, and a column the header heads with a word of no column of the table (上年指标值) is left out — said once,
// at its heading — while the 三级 names and values are read from their own columns.

type Row = Array<string | null>;

async function sheet(rows: Row[], merges: string[] = []): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('部门整体');
    rows.forEach((row, r) => row.forEach((value, c) => { if (value !== null) ws.getCell(r + 1, c + 1).value = value; }));
    for (const range of merges) ws.mergeCells(range);
    return Buffer.from(await book.xlsx.writeBuffer());
}

const EXPECTED = `部门整体 "某协会" { 绩效指标 { 产出指标 { 数量指标 {
    "活动场次" 实施周期：≥5场 年度：≥2场
    "培训人次" 实施周期：≥100人次 年度：≥40人次 } } } }`;

const report = (result: Awaited<ReturnType<typeof importBytes>>) =>
    withoutYearNote(result.report).map(e => `${e.kind} ${e.where} ${e.text ?? ''} ${e.message}`);

describe('the 绩效指标 header', () => {
    test('指标值 merged over 实施周期指标值 / 年度指标值, the other headings on the first row only: the sub-headings are header, not left over', async () => {
        const result = await importBytes(await sheet([
            ['部门名称', '某协会'],
            ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值', null],
            [null, null, null, null, '实施周期指标值', '年度指标值'],
            [null, '产出指标', '数量指标', '活动场次', '≥5场', '≥2场'],
            [null, null, null, '培训人次', '≥100人次', '≥40人次']
        ], ['A2:A5', 'E2:F2', 'B4:B5', 'C4:C5']));
        expect(modelDifferences(result.model, await compiled(EXPECTED))).toEqual([]);
        expect(report(result)).toEqual([]);
    });

    test('a 上年指标值 column between 三级 and the values (.xlsx): names and values by their columns, the column reported once', async () => {
        const result = await importBytes(await sheet([
            ['部门名称', '某协会'],
            ['绩效指标', '一级指标', '二级指标', '三级指标', '上年指标值', '实施周期指标值', '年度指标值'],
            [null, '产出指标', '数量指标', '活动场次', '旧值1', '≥5场', '≥2场'],
            [null, null, null, '培训人次', '旧值2', '≥100人次', '≥40人次']
        ], ['A2:A4', 'B3:B4', 'C3:C4']));
        expect(modelDifferences(result.model, await compiled(EXPECTED))).toEqual([]);
        expect(report(result)).toEqual([
            'unplaced 部门整体!E2 上年指标值 这一栏不是绩效指标表的栏目（一级指标、二级指标、三级指标、实施周期指标值、年度指标值）：这一栏各行的内容都未导入'
        ]);
    });

    test('the same column in tab-separated text: read by the header too', async () => {
        const result = await importBytes(Buffer.from([
            '部门名称\t某协会',
            '绩效指标\t一级指标\t二级指标\t三级指标\t上年指标值\t实施周期指标值\t年度指标值',
            '\t产出指标\t数量指标\t活动场次\t旧值1\t≥5场\t≥2场',
            '\t\t\t培训人次\t旧值2\t≥100人次\t≥40人次'
        ].join('\n')));
        expect(modelDifferences(result.model, await compiled(EXPECTED))).toEqual([]);
        expect(report(result)).toEqual([
            'unplaced 第2行第5列 上年指标值 这一栏不是绩效指标表的栏目（一级指标、二级指标、三级指标、实施周期指标值、年度指标值）：这一栏各行的内容都未导入'
        ]);
    });
});
