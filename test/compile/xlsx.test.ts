import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, test } from 'vitest';
import { flatIndicators, parseFlat } from '../../language/compile/flat.js';
import type { Cell, DeclarationFile, DepartmentDeclaration, Funds, ProjectExpenditureDeclaration } from '../../language/compile/model.js';
import { AMOUNT_FORMAT, renderXlsx } from '../../language/compile/xlsx.js';
import { compileText, indicatorsOf, sampleModels } from './compiled.js';

// Every sample is compiled to .xlsx and read back with exceljs: the workbook is checked as a reader would see it,
// against the canonical model — not against the layout code that wrote it.

type Sheet = ExcelJS.Worksheet;

async function readBack(model: DeclarationFile): Promise<ExcelJS.Workbook> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await renderXlsx(model) as unknown as ExcelJS.Buffer);
    return workbook;
}

const letters = 'ABCDEFG';
const ref = (row: number, col: number) => `${letters[col - 1]}${row}`;

/** The merged ranges of a sheet, as 'B15:B45'. */
function merges(sheet: Sheet): Set<string> {
    return new Set((sheet.model as unknown as { merges: string[] }).merges);
}

/** The value a reader sees in a cell that is not covered by a merge's master. */
function own(sheet: Sheet, row: number, col: number): ExcelJS.CellValue {
    const cell = sheet.getCell(row, col);
    return cell.isMerged && cell.master.address !== cell.address ? undefined : cell.value;
}

/** Rows whose first-column cell is a master or unmerged, i.e. where a logical row starts. */
function logicalRows(sheet: Sheet, from: number): number[] {
    const rows: number[] = [];
    for (let r = from; r <= sheet.rowCount; r++) {
        const cell = sheet.getCell(r, 1);
        if (!cell.isMerged || cell.master.address === cell.address) rows.push(r);
    }
    return rows;
}

/** Physical rows a logical row starting at `row` takes (more than one when it was spread, see xlsx.ts). */
function height(sheet: Sheet, row: number, col: number): number {
    const start = `${letters[col - 1]}${row}`;
    for (const range of merges(sheet)) {
        const [from, to] = range.split(':');
        if (from === start && to!.startsWith(letters[col - 1]!)) return Number(to!.slice(1)) - row + 1;
    }
    return 1;
}

function findRow(sheet: Sheet, col: number, value: string, from = 1): number {
    for (let r = from; r <= sheet.rowCount; r++) if (own(sheet, r, col) === value) return r;
    throw new Error(`「${value}」 not found in column ${letters[col - 1]}`);
}

/** An amount cell: a number with the 万元 format, or empty for a blank (null) or unwritten cell. */
function expectAmount(sheet: Sheet, row: number, col: number, expected: Cell | undefined): void {
    const cell = sheet.getCell(row, col);
    if (expected === null || expected === undefined) {
        expect(cell.value ?? null, ref(row, col)).toBeNull();
    } else {
        expect(cell.value, ref(row, col)).toBe(expected);
        expect(typeof cell.value).toBe('number');
    }
    expect(cell.numFmt, ref(row, col)).toBe(AMOUNT_FORMAT);
}

function expectPrintSetup(sheet: Sheet, titles: string): void {
    const setup = sheet.pageSetup;
    expect(setup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: titles });
    for (let r = 1; r <= sheet.rowCount; r++) expect(sheet.getRow(r).height ?? 0).toBeLessThanOrEqual(409);
}

function expectBordered(sheet: Sheet, row: number, col: number): void {
    const border = sheet.getCell(row, col).border;
    expect(border?.top?.style && border?.bottom?.style && border?.left?.style && border?.right?.style, ref(row, col)).toBe('thin');
}

function checkDepartment(sheet: Sheet, d: DepartmentDeclaration): void {
    const columns = d.singleValueColumn ? 5 : 6;
    const all = merges(sheet);
    expect(sheet.getCell(1, 1).value).toBe(d.title ?? '部门整体预算绩效目标申报表');
    expect(all.has(`A1:${letters[columns - 1]}1`)).toBe(true);
    expect(sheet.getCell(1, 1).font?.bold).toBe(true);
    expectPrintSetup(sheet, '1:2');

    const unitRow = findRow(sheet, 1, '部门名称');
    expect(sheet.getCell(unitRow, 2).value).toBe(d.unit);
    expectBordered(sheet, unitRow, 2);

    if (d.basicInfo) {
        const r = findRow(sheet, 1, '基本信息');
        expect(own(sheet, r, 2)).toBe('财政供养人员数');
        expect(sheet.getCell(r, 3).value ?? null).toBe(d.basicInfo.staff ?? null);
        expect(sheet.getCell(r, 5).value ?? null).toBe(d.basicInfo.subUnits ?? null);
    }

    if (d.budget) {
        const b = d.budget;
        const pairs: Array<[string, Cell | undefined]> = [
            ['基本支出', b.basicExpenditure], ['项目支出', b.projectExpenditure],
            ['财政专项资金', b.specialFiscalFunds], ['其他事业发展性支出', b.otherDevelopmentExpenditure]
        ];
        for (const [label, value] of pairs) expectAmount(sheet, findRow(sheet, 2, label), 3, value);
        const right: Array<[string, Cell | undefined]> = [
            ['财政拨款', b.fiscalAppropriation], ['其他资金', b.otherFunds],
            [b.ownLevelLabel ?? '本级使用资金', b.ownLevelFunds], [b.transferLabel ?? '拟用于对下转移支付资金', b.transferPayments]
        ];
        for (const [label, value] of right) expectAmount(sheet, findRow(sheet, 4, label), 5, value);
        const head = findRow(sheet, 2, '部门预算支出');
        expect([3, 4, 5].map(c => own(sheet, head, c))).toEqual(['预算金额（万元）', '收入来源', '预算金额（万元）']);
        expect(all.has(`A${head}:A${head + 5}`)).toBe(true);      // 预算整体情况 over its six rows
    }

    expect(own(sheet, findRow(sheet, 1, '总体绩效目标'), 2) ?? null).toBe(d.overallGoal || null);

    const taskHead = findRow(sheet, 1, '年度重点工作任务');
    expect([2, 3, 4, 5].map(c => own(sheet, taskHead, c))).toEqual(['名称', '主要实施内容', '拟投入的资金（万元）', '期望达到的目标（概述）']);
    let t = taskHead + 1;
    d.tasks.forEach((task, i) => {
        const r = t;
        t += height(sheet, r, 3);
        expect(sheet.getCell(r, 2).value, `task ${i + 1}`).toBe(task.name);
        expect(sheet.getCell(r, 3).value ?? null).toBe(task.content);
        expectAmount(sheet, r, 4, task.amount);
        expect(sheet.getCell(r, 5).value ?? null).toBe(task.expectedGoal);
        expect(sheet.getCell(r, 3).alignment?.wrapText).toBe(true);
    });

    // 绩效指标: walk the model's groups and blocks and find each on its rows, 一级/二级 merged over them.
    const head = findRow(sheet, 2, '一级指标');
    expect(own(sheet, head, 1)).toBe('绩效指标');
    const valueHeaders = d.singleValueColumn ? ['指标值'] : ['实施周期指标值', '年度指标值'];
    expect([3, 4, ...valueHeaders.map((_, i) => 5 + i)].map(c => own(sheet, head, c))).toEqual(['二级指标', '三级指标', ...valueHeaders]);
    let r = head + 1;
    for (const group of d.indicators.flatMap(l => l.groups)) {
        const groupFirst = r;
        for (const block of group.blocks) {
            const blockFirst = r;
            expect(own(sheet, r, 3), `二级 ${block.name}`).toBe(block.name);
            if (block.indicators.length === 0) {
                expect(own(sheet, r, 4) ?? null).toBeNull();
                r++;
            }
            for (const indicator of block.indicators) {
                expect(own(sheet, r, 4), ref(r, 4)).toBe(indicator.name);
                if (d.singleValueColumn) {
                    expect(own(sheet, r, 5) ?? null, ref(r, 5)).toBe(indicator.period?.text ?? indicator.annual?.text ?? null);
                } else {
                    expect(own(sheet, r, 5) ?? null, ref(r, 5)).toBe(indicator.period?.text ?? null);
                    expect(own(sheet, r, 6) ?? null, ref(r, 6)).toBe(indicator.annual?.text ?? null);
                }
                expectBordered(sheet, r, columns);
                r += height(sheet, r, 4);
            }
            if (r - blockFirst > 1) expect(all.has(`C${blockFirst}:C${r - 1}`), `二级 ${block.name} merged`).toBe(true);
            else expect(sheet.getCell(blockFirst, 3).isMerged).toBe(false);
        }
        if (r === groupFirst) r++;                                  // an empty 一级 keeps its row
        expect(own(sheet, groupFirst, 2), `一级 ${group.name}`).toBe(group.name);
        if (r - groupFirst > 1) expect(all.has(`B${groupFirst}:B${r - 1}`), `一级 ${group.name} merged`).toBe(true);
    }
    expect(all.has(`A${head}:A${r - 1}`)).toBe(true);               // the 绩效指标 label over the whole block
    if (d.remark !== null) expect(own(sheet, r, 1)).toBe('备注');
}

function checkProject(sheet: Sheet, d: ProjectExpenditureDeclaration): void {
    expect(sheet.getCell(1, 1).value).toBe(d.title ?? '项目支出绩效目标表（含转移支付项目）');
    expect(sheet.getCell(2, 1).value).toBe(`部门名称：${d.unit}`);
    expect(sheet.getCell(2, 7).value).toBe('单位：万元');
    expect([1, 2, 3, 4, 5, 6, 7].map(c => sheet.getCell(3, c).value))
        .toEqual(['项目名称（资金使用单位）', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标']);
    expectPrintSetup(sheet, '3:3');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });

    const expectFunds = (row: number, funds: Funds | null) => {
        expectAmount(sheet, row, 2, funds?.total);
        expectAmount(sheet, row, 3, funds?.fiscalAppropriation);
        expectAmount(sheet, row, 4, funds?.specialAccount);
        expectAmount(sheet, row, 5, funds?.otherFunds);
    };
    const rows = logicalRows(sheet, 4);
    let i = 0;
    if (d.total) {
        expect(sheet.getCell(rows[i]!, 1).value).toBe('合计');
        expect(sheet.getCell(rows[i]!, 1).font?.bold).toBe(true);
        expectFunds(rows[i++]!, d.total);
    }
    const all = merges(sheet);
    for (const unit of d.spendingUnits) {
        expect(sheet.getCell(rows[i]!, 1).value).toBe(unit.name);
        expectFunds(rows[i++]!, unit.funds);
        for (const project of unit.projects) {
            const r = rows[i++]!;
            expect(sheet.getCell(r, 1).value).toBe(project.name);
            expectFunds(r, project.funds);
            expect(sheet.getCell(r, 6).value ?? null).toBe(project.goal);
            const cell = String(sheet.getCell(r, 7).value ?? '');
            expect(cell).toBe(flatIndicators(project.indicators));
            const parsed = parseFlat(cell);
            expect(parsed.unmatched).toEqual([]);
            const indicators = indicatorsOf(project.indicators);
            expect(parsed.items.map(item => item.name)).toEqual(indicators.map(x => x.name));
            for (const x of indicators) {
                if (x.period) expect(cell).toContain(`实施周期指标值:${x.period.text}；`);
                if (x.annual) expect(cell).toContain(`年度指标值:${x.annual.text}。`);
            }
            // A row too tall for Excel is spread over several rows, every column merged over them.
            const next = rows[i] ?? sheet.rowCount + 1;
            if (next - r > 1) for (const col of letters) expect(all.has(`${col}${r}:${col}${next - 1}`), `${project.name} ${col}`).toBe(true);
        }
    }
    expect(i).toBe(rows.length);
}

describe('xlsx: every sample, read back with exceljs', async () => {
    const samples = await sampleModels();
    test.each(samples.map(s => [s.sample, s.model] as const))('%s', async (_sample, model) => {
        const workbook = await readBack(model);
        expect(workbook.worksheets).toHaveLength(model.declarations.length);
        model.declarations.forEach((declaration, i) => {
            const sheet = workbook.worksheets[i]!;
            if (declaration.kind === 'department') checkDepartment(sheet, declaration);
            else checkProject(sheet, declaration);
        });
    });
});

describe('xlsx details', () => {
    let sheet: Sheet;
    beforeAll(async () => {
        const model = await compileText(`部门整体 "测试单位" 年度 2024 {
    预算 { 基本支出 28,803.30  项目支出 0.5  财政拨款 空 }
    任务 "任务" { 拟投入资金 1,234.5 }
    绩效指标 { 产出指标 { 数量指标 { "场次"：≥1场次 } } }
}
`);
        sheet = (await readBack(model)).worksheets[0]!;
    });

    test('amounts are numbers with two decimals and thousands separators; a blank stays empty, not 0', () => {
        expectAmount(sheet, findRow(sheet, 2, '基本支出'), 3, 28803.3);
        expectAmount(sheet, findRow(sheet, 2, '项目支出'), 3, 0.5);
        expectAmount(sheet, findRow(sheet, 4, '财政拨款'), 5, null);
        expectAmount(sheet, findRow(sheet, 2, '任务'), 4, 1234.5);
    });

    test('labels are bold and centred, text wraps, the header row is shaded', () => {
        const label = sheet.getCell(findRow(sheet, 1, '总体绩效目标'), 1);
        expect(label.font?.bold).toBe(true);
        expect(label.alignment).toMatchObject({ horizontal: 'center', wrapText: true });
        const header = sheet.getCell(findRow(sheet, 2, '一级指标'), 2);
        expect(header.fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
        expect(sheet.getColumn(4).width).toBeGreaterThan(20);
    });

    test('a long 绩效指标 cell is spread over merged rows, none taller than Excel allows', async () => {
        const long = Array.from({ length: 60 }, (_, i) => `"指标名称第${i + 1}项，写得比较长的一个三级指标"："不少于${i + 1}场次，并按季度报送书面总结材料"`).join('\n');
        const model = await compileText(`项目支出 "单位" 年度 2024 { 单位 "单位" { 项目 "长项目" { 资金 { 总计 1 } 绩效指标 { 产出指标 { 数量指标 {\n${long}\n} } } } } }\n`);
        const s = (await readBack(model)).worksheets[0]!;
        const r = findRow(s, 1, '长项目');
        const last = s.rowCount;
        expect(last).toBeGreaterThan(r);
        expect(merges(s).has(`G${r}:G${last}`)).toBe(true);
        expect(merges(s).has(`A${r}:A${last}`)).toBe(true);
        for (let i = r; i <= last; i++) expect(s.getRow(i).height).toBeLessThanOrEqual(409);
        expect(parseFlat(String(s.getCell(r, 7).value)).items).toHaveLength(60);
    });
});

test('a file without any declaration still gives a workbook Excel can open (one sheet saying so)', async () => {
    const workbook = await readBack({ version: 1, declarations: [] });
    expect(workbook.worksheets).toHaveLength(1);
    expect(workbook.worksheets[0]!.getCell('A1').value).toBe('（此文件没有申报表）');
});
