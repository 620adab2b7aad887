import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { renderHtml } from '../../language/compile/html.js';
import { renderMarkdown } from '../../language/compile/markdown.js';
import { renderXlsx } from '../../language/compile/xlsx.js';
import { compileText } from './compiled.js';

// A 项目支出 table's 备注 is printed under the table in every official format, as the 部门整体 table's is.

const PROJECTS_WITH_REMARK = `项目支出 "测试单位" 年度 2025 {
    单位 "单位甲" {
        项目 "项目一" {
            资金 { 总计 100.00  财政拨款 100.00 }
            绩效目标 "目标一"
            绩效指标 { 产出指标 { 数量指标 { "场次"：≥20场次 } } }
        }
    }
    备注 "1.本表由单位甲填报。
2.金额单位为万元。"
}
`;

describe('项目支出 备注', () => {
    test('html shows it under the table, labelled 备注', async () => {
        const html = renderHtml(await compileText(PROJECTS_WITH_REMARK));
        expect(html).toMatch(/<th class="label" scope="row">备注<\/th><td class="text" colspan="6"><p>1\.本表由单位甲填报。<\/p><p>2\.金额单位为万元。<\/p><\/td>/);
    });

    test('markdown gives it a heading and its paragraphs', async () => {
        const md = renderMarkdown(await compileText(PROJECTS_WITH_REMARK));
        expect(md).toContain('## 备注\n\n1.本表由单位甲填报。\n\n2.金额单位为万元。');
    });

    test('the workbook has a 备注 row after the last project, its text across the other columns', async () => {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(await renderXlsx(await compileText(PROJECTS_WITH_REMARK)) as unknown as ExcelJS.Buffer);
        const sheet = workbook.worksheets[0]!;
        const last = sheet.rowCount;
        expect(sheet.getCell(last, 1).value).toBe('备注');
        expect(sheet.getCell(last, 2).value).toBe('1.本表由单位甲填报。\n2.金额单位为万元。');
        expect(sheet.getCell(last, 7).isMerged).toBe(true);
        expect(sheet.getCell(last - 1, 1).value).toBe('项目一');
    });

    test('a table without 备注 gets no 备注 row', async () => {
        const model = await compileText(PROJECTS_WITH_REMARK.replace(/ {4}备注[\s\S]*?"\n(?=\})/, ''));
        expect(renderHtml(model)).not.toContain('备注');
        expect(renderMarkdown(model)).not.toContain('备注');
    });
});
