import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { renderFlat } from '../../language/compile/flat.js';
import { renderHtml } from '../../language/compile/html.js';
import { renderMarkdown } from '../../language/compile/markdown.js';
import { SECRET_GOAL } from '../../language/compile/secret.js';
import { renderXlsx } from '../../language/compile/xlsx.js';
import { seedOf } from '../helpers/samples.js';
import { compileText, SECRET_PROJECTS } from './compiled.js';

// A 保密 project written without 绩效目标 or 绩效指标 (RULES Q7): the official table has no mark for 保密, only its
// placeholder, so every output writes the placeholder instead of the blank cells of a project nobody filled in.

/** SEED002's 保密项目 row, its 绩效指标 cell: the form the table uses (RULES §6.2 Q7). */
function seedPlaceholder(): string {
    const row = readFileSync(seedOf('002')!, 'utf8').split('\n').find(line => line.startsWith('TZMMZX\t'))!;
    return row.split('\t').at(-1)!.trim();
}

describe('保密 project without 绩效目标 and 绩效指标', () => {
    test('the model holds the placeholder, in the seed\'s form; what is written is kept', async () => {
        const [declaration] = (await compileText(SECRET_PROJECTS)).declarations;
        const [secret, withGoal, open] = declaration!.kind === 'project' ? declaration.spendingUnits[0]!.projects : [];
        expect(secret!.goal).toBe(SECRET_GOAL);
        expect(withGoal!.goal).toBe('经批准不予公开。');
        const flat = renderFlat(await compileText(SECRET_PROJECTS)).split('\n');
        expect(flat[0]).toBe(`TZMMZX\t${seedPlaceholder()}`);
        expect(flat[1]).toBe(`有目标的保密项目\t${seedPlaceholder()}`);
        expect(open!.goal).toBe('完成培训。');
        expect(flat[2]).toBe('公开项目\t1、1-产出指标；11-数量指标；培训场次；实施周期指标值:≥2场次；年度指标值:≥2场次。');
    });

    test('html and markdown show the placeholder and the 保密 goal, not blank cells', async () => {
        const model = await compileText(SECRET_PROJECTS);
        for (const text of [renderHtml(model), renderMarkdown(model)]) {
            expect(text).toContain(seedPlaceholder());
            expect(text).toContain(SECRET_GOAL);
        }
    });

    test('the workbook\'s 绩效目标 and 绩效指标 cells hold them', async () => {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(await renderXlsx(await compileText(SECRET_PROJECTS)) as unknown as ExcelJS.Buffer);
        const sheet = workbook.worksheets[0]!;
        const row = [...Array(sheet.rowCount).keys()].map(i => sheet.getRow(i + 1)).find(r => r.getCell(1).value === 'TZMMZX')!;
        expect([row.getCell(6).value, row.getCell(7).value]).toEqual([SECRET_GOAL, seedPlaceholder()]);
    });
});
