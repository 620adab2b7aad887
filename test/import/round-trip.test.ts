import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { renderXlsx } from '../../language/compile/xlsx.js';
import { importBytes, renderImport } from '../../language/import/import.js';
import { modelOf, readSample, sampleFiles } from '../helpers/samples.js';
import { SECRET_PROJECTS } from '../compile/compiled.js';
import { compiled, modelDifferences, printedModel } from './helpers.js';

// .jxmb → xlsx (this project's own compile output) → import → the same canonical model. The official layout has no
// place for a few things the model can say; each such difference is named here with the reason, any other fails.

const WRITTEN_TWICE = 'the .jxmb writes this value twice (实施周期：… 年度：…) although both are equal; a table has two equal '
    + 'cells either way, and equal cells import as written once (sameValue)';
const BLANK_COLUMN = 'the .jxmb leaves this amount out; the table always has the column, and its blank cell imports as 空 (null)';

const namedDifferences: Record<string, Record<string, string>> = {
    'tutorial.jxmb': {
        '.declarations[0].indicators[0].groups[1].blocks[0].indicators[0].sameValue: true → 应为 false': WRITTEN_TWICE,
        '.declarations[1].total.specialAccount: null → 应为 (无)': BLANK_COLUMN,
        '.declarations[1].total.otherFunds: null → 应为 (无)': BLANK_COLUMN,
        '.declarations[1].spendingUnits[0].funds.specialAccount: null → 应为 (无)': BLANK_COLUMN,
        '.declarations[1].spendingUnits[0].funds.otherFunds: null → 应为 (无)': BLANK_COLUMN
    }
};

describe.each(sampleFiles())('%s', sample => {
    test('jxmb → xlsx → import gives the same canonical model, up to the named differences', async () => {
        const model = await compiled(readSample(sample));
        const result = await importBytes(await renderXlsx(model));
        expect(modelDifferences(result.model, model)).toEqual(Object.keys(namedDifferences[sample] ?? {}));
        expect(result.report.filter(entry => entry.kind === 'unplaced')).toEqual([]);
        expect(result.format).toBe('xlsx');
    });

    test('the imported workbook prints to .jxmb that parses back to the same model', async () => {
        const result = await importBytes(await renderXlsx(await compiled(readSample(sample))));
        expect(modelDifferences(await printedModel(result), result.model)).toEqual([]);
    });
});

// The official layouts have no 年度 field. A title that names the year carries it; otherwise compile writes a cell
// 「年度：2024」 (in the caption row of 项目支出, on a row under the title of 部门整体) and import reads it back.
describe.each(sampleFiles())('年度 of %s', sample => {
    test('survives .jxmb → xlsx → import, and stands on the sheet where the title does not name it (003 has none)', async () => {
        const model = await compiled(readSample(sample));
        const bytes = await renderXlsx(model);
        const result = await importBytes(bytes);
        expect(result.model.declarations.map(d => d.year)).toEqual(model.declarations.map(d => d.year));

        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
        model.declarations.forEach((d, i) => {
            const sheet = workbook.worksheets[i]!;
            const title = String(sheet.getCell('A1').value);
            const row2 = (sheet.getRow(2).values as unknown[]).filter(v => typeof v === 'string') as string[];
            if (d.year === null || title.includes(`${d.year}年`)) {
                expect(row2.join('|')).not.toContain('年度：');
            } else {
                expect(row2).toContain(`年度：${d.year}`);
                // The year cell is the only addition: the caption keeps 部门名称 and 单位 where they were.
                if (d.kind === 'project') expect([sheet.getCell('A2').value, sheet.getCell('G2').value]).toEqual([`部门名称：${d.unit}`, '单位：万元']);
                else expect(sheet.getCell('A3').value).toBe('部门名称');
            }
        });
    });
});

describe('the year cell', () => {
    test('a year given on the command line still wins, and the contradiction is reported', async () => {
        const model = await compiled(readSample('002-guangzhou-kexie-projects.jxmb'));
        const result = await importBytes(await renderXlsx(model), { year: 2025 });
        expect(result.model.declarations[0]!.year).toBe(2025);
        expect(result.report.some(e => e.kind === 'note' && e.message.includes('表上的年度是 2024') && e.where.includes('F2'))).toBe(true);
    });

    test('a hand-made sheet whose 年度 cell contradicts the title: the cell wins, with a note', async () => {
        const model = await compiled(readSample('001-zhanjiang-kexie.jxmb'));
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(await renderXlsx(model) as unknown as ExcelJS.Buffer);
        const sheet = workbook.worksheets[0]!;
        sheet.spliceRows(2, 0, ['年度:2025']);
        const result = await importBytes(Buffer.from(await workbook.xlsx.writeBuffer()));
        expect(result.model.declarations[0]!.year).toBe(2025);
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([]);
        expect(result.report.some(e => e.kind === 'note' && e.message.includes('标题写的是 2024 年'))).toBe(true);
    });
});

describe('备注 of a 项目支出 table', () => {
    test('survives .jxmb → xlsx → import, lines and all, with nothing left unplaced', async () => {
        const model = await compiled(`项目支出 "测试单位" 年度 2025 {
    标题 "2025年项目支出绩效目标表"
    单位 "单位甲" {
        项目 "项目一" {
            资金 { 总计 100.00  财政拨款 100.00  财政专户拨款 空  其他资金 空 }
            绩效目标 "目标一"
            绩效指标 { 产出指标 { 数量指标 { "场次"：≥20场次 } } }
        }
    }
    备注 "1.本表由单位甲填报。
2.金额单位为万元。"
}
`);
        const result = await importBytes(await renderXlsx(model));
        expect(result.model.declarations[0]!.remark).toBe('1.本表由单位甲填报。\n2.金额单位为万元。');
        expect(modelDifferences(result.model, model)).toEqual([]);
        expect(result.report.filter(entry => entry.kind === 'unplaced')).toEqual([]);
    });
});

// A 保密 project written with nothing but its amounts: the table carries the mark as its placeholder (RULES Q7), and
// the import reads that back as 保密, so `check` of the import says what `check` of the original says.
describe('a 保密 project without 绩效目标 and 绩效指标', () => {
    test('comes back 保密, with the same model and the same findings', async () => {
        const model = await compiled(SECRET_PROJECTS);
        const result = await importBytes(await renderXlsx(model));
        expect(modelDifferences(result.model, model)).toEqual([]);
        const projects = result.model.declarations[0]!.kind === 'project' ? result.model.declarations[0]!.spendingUnits[0]!.projects : [];
        expect(projects.map(p => p.secret)).toEqual([true, true, false]);
        expect(await findingCodes(renderImport(result, 'test'))).toEqual(await findingCodes(SECRET_PROJECTS));
    });
});

async function findingCodes(text: string): Promise<string[]> {
    return (await modelOf(text)).diagnostics.map(d => String(d.code)).sort();
}

// A group of 预算整体情况 the declaration does not write is not in the table: its blank cells would come back as 空,
// and `check` tells 空 (a missing amount, RULES R2) from a group not written (a draft, or a table without that block).
describe.each([
    ['按预算级次划分 and 事业发展性支出 not written', '部门预算支出 { 基本支出 1.00  项目支出 0.00 }  收入来源 { 财政拨款 1.00  其他资金 0.00 }'],
    ['按预算级次划分 not written', '部门预算支出 { 基本支出 1.00  项目支出 0.00 }  收入来源 { 财政拨款 1.00  其他资金 0.00 }  事业发展性支出 { 财政专项资金 0.00  其他事业发展性支出 0.00 }'],
    ['事业发展性支出 not written', '部门预算支出 { 基本支出 1.00  项目支出 0.00 }  收入来源 { 财政拨款 1.00  其他资金 0.00 }  按预算级次划分 { 区本级使用资金 1.00  拟用于对下转移支付资金 0.00 }'],
    ['部门预算支出 not written', '收入来源 { 财政拨款 1.00  其他资金 空 }  按预算级次划分 { 本级使用资金 空  对下转移支付资金 0.00 }']
])('a 部门整体 budget with %s', (_, budget) => {
    const text = `部门整体 "测试单位" 年度 2024 {
    标题 "部门整体预算绩效目标申报表"
    预算 { ${budget} }
    总体绩效目标 "完成工作。"
    绩效指标 { 产出指标 { 数量指标 { "培训场次"：≥2场次 } } }
}
`;
    test('comes back as written, with the same findings', async () => {
        const model = await compiled(text);
        const result = await importBytes(await renderXlsx(model));
        expect(modelDifferences(result.model, model)).toEqual([]);
        expect(result.report.filter(entry => entry.kind === 'unplaced')).toEqual([]);
        expect(await findingCodes(renderImport(result, 'test'))).toEqual(await findingCodes(text));
    });
});
