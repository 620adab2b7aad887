import { yearCaption, yearOfTitle } from '../import/year.js';
import { flatIndicators } from './flat.js';
import type {
    Cell, DeclarationFile, DepartmentBudget, DepartmentDeclaration, Funds, IndicatorList, IndicatorValue, ProjectExpenditureDeclaration
} from './model.js';
import { BUDGET_GROUPS, OWN_LEVEL_LABELS, TRANSFER_LABELS } from './table-fields.js';

// The official layouts as a grid of cells with spans, built once from the model and drawn by xlsx.ts and html.ts,
// so that the workbook and the printable page cannot disagree. Column order and labels follow the seeds
// (RULES §1A: 000/001/003/004 部门整体; §1B: 002 项目支出).

export type CellKind =
    | 'label'    // a row label in the first column (预算整体情况, 总体绩效目标 …): bold, centred
    | 'header'   // a column header (一级指标, 总计 …): bold, centred, shaded
    | 'item'     // a field name inside a block (基本支出, 财政拨款 …)
    | 'category' // 一级/二级 names: centred
    | 'text'     // free text, left-aligned, wrapped
    | 'strong'   // text in bold (合计 and unit rows of 项目支出)
    | 'amount'   // 万元, two decimals
    | 'count';   // an integer (基本信息)

export interface GridCell {
    row: number;
    col: number;
    rowSpan: number;
    colSpan: number;
    value: string | number | null;
    kind: CellKind;
    /** indentation level of a name (projects under their unit) */
    indent?: number;
}

export interface Grid {
    kind: 'department' | 'project';
    /** worksheet name: unique in its workbook, ≤ 31 characters, no []:*?/\ */
    sheetName: string;
    title: string;
    /** the line between title and table on 项目支出: 部门名称：… on the left, 单位：万元 on the right */
    caption: { left: string; right: string } | null;
    /** column widths in Excel character units (the width of one 「0」) */
    widths: number[];
    rows: number;
    cells: GridCell[];
    /** leading table rows that repeat on every printed page */
    headRows: number;
    /**
     * 「年度：2024」 where the title does not name the declaration's year: the official layouts have no 年度 field, and
     * a reader (or the importer, import/year.ts) must still learn it from the table.
     */
    year: string | null;
}

export const DEPARTMENT_TITLE = '部门整体预算绩效目标申报表';
export const PROJECT_TITLE = '项目支出绩效目标表（含转移支付项目）';
export const AMOUNT_HEADER = '预算金额（万元）';

/** Builds the cells row by row; `colSpan: 'rest'` reaches to the last column, which keeps the right edge of the table flush. */
class GridBuilder {
    readonly cells: GridCell[] = [];
    row = 0;
    constructor(readonly columns: number) {}

    put(col: number, value: string | number | null | undefined, kind: CellKind, options: { rowSpan?: number; colSpan?: number | 'rest'; indent?: number } = {}): void {
        const colSpan = options.colSpan === 'rest' ? this.columns - col : options.colSpan ?? 1;
        const cell: GridCell = { row: this.row, col, rowSpan: options.rowSpan ?? 1, colSpan, value: value ?? null, kind };
        if (options.indent) cell.indent = options.indent;
        this.cells.push(cell);
    }

    next(): void {
        this.row++;
    }
}

export function gridsOf(model: DeclarationFile): Grid[] {
    const used = new Set<string>();
    return model.declarations.map(declaration => {
        const grid = declaration.kind === 'department' ? departmentGrid(declaration) : projectGrid(declaration);
        grid.sheetName = uniqueSheetName(grid.sheetName, used);
        return grid;
    });
}

/** 「年度：2024」 beside the title, unless the title says the year already (xlsx, html and md alike). */
export function yearLine(year: number | null, title: string): string | null {
    return year === null || yearOfTitle(title) === year ? null : yearCaption(year);
}

function uniqueSheetName(wanted: string, used: Set<string>): string {
    const base = wanted.replace(/[[\]:*?/\\]/g, '_').slice(0, 28) || '表';
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}(${i})`;
    used.add(name);
    return name;
}

// ── 部门整体 ───────────────────────────────────────────────────────────────────────────────────────────────────────

export function departmentGrid(d: DepartmentDeclaration): Grid {
    // Six columns (label, 一级, 二级, 三级, 实施周期, 年度) or five when the table has one 指标值 column (SEED001).
    const columns = d.singleValueColumn ? 5 : 6;
    const b = new GridBuilder(columns);

    b.put(0, '部门名称', 'label');
    b.put(1, d.unit, 'text', { colSpan: 'rest' });
    b.next();

    if (d.basicInfo) {
        b.put(0, '基本信息', 'label');
        b.put(1, '财政供养人员数', 'item');
        b.put(2, d.basicInfo.staff, 'count');
        b.put(3, '下属二级单位数', 'item');
        b.put(4, d.basicInfo.subUnits, 'count', { colSpan: 'rest' });
        b.next();
    }

    const budget = d.budget ? budgetRows(d.budget) : [];
    if (budget.length > 0) {
        b.put(0, '预算整体情况', 'label', { rowSpan: budget.length });
        for (const { header, left, right } of budget) {
            if (header) {
                b.put(1, left.label, 'header');
                b.put(2, left.label && AMOUNT_HEADER, 'header');
                b.put(3, right.label, 'header');
                b.put(4, right.label && AMOUNT_HEADER, 'header', { colSpan: 'rest' });
            } else {
                b.put(1, left.label, 'item');
                b.put(2, left.amount, 'amount');
                b.put(3, right.label, 'item');
                b.put(4, right.amount, 'amount', { colSpan: 'rest' });
            }
            b.next();
        }
    }

    b.put(0, '总体绩效目标', 'label');
    b.put(1, d.overallGoal, 'text', { colSpan: 'rest' });
    b.next();

    b.put(0, '年度重点工作任务', 'label', { rowSpan: 1 + d.tasks.length });
    ['名称', '主要实施内容', '拟投入的资金（万元）'].forEach((h, i) => b.put(1 + i, h, 'header'));
    b.put(4, '期望达到的目标（概述）', 'header', { colSpan: 'rest' });
    b.next();
    for (const task of d.tasks) {
        b.put(1, task.name, 'text');
        b.put(2, task.content, 'text');
        b.put(3, task.amount, 'amount');
        b.put(4, task.expectedGoal, 'text', { colSpan: 'rest' });
        b.next();
    }

    b.put(0, '其他需完成的任务（可选项）', 'label');
    b.put(1, d.otherTasks, 'text', { colSpan: 'rest' });
    b.next();

    indicatorBlock(b, d.indicators, d.singleValueColumn);

    remarkRow(b, d.remark);

    const title = d.title ?? DEPARTMENT_TITLE;
    return {
        kind: 'department', sheetName: '部门整体', title, caption: null,
        widths: d.singleValueColumn ? [11, 18, 30, 34, 40] : [11, 18, 30, 30, 28, 28],
        rows: b.row, cells: b.cells, headRows: 0, year: yearLine(d.year, title)
    };
}

/** One row of 预算整体情况: two groups side by side, each a label and (but on a group's header row) its amount. */
export interface BudgetRow {
    header: boolean;
    left: { label: string | null; amount?: Cell };
    right: { label: string | null; amount?: Cell };
}

/**
 * The rows of 预算整体情况. A group the declaration writes no cell of is left out, label and all, and a pair of
 * groups neither of which is written loses its rows: blank cells would import as 空, and the budget checks tell a
 * blank (a missing amount) from a group not written (a draft, or a table without that block) — RULES R2, seed 001.
 */
export function budgetRows(budget: DepartmentBudget): BudgetRow[] {
    const written = (group: string) => BUDGET_GROUPS.some(g => g.group === group && g.cells.some(c => budget[c.field] !== undefined));
    const pairs: Array<[string, string, Array<[string, Cell | undefined, string, Cell | undefined]>]> = [
        ['部门预算支出', '收入来源', [
            ['基本支出', budget.basicExpenditure, '财政拨款', budget.fiscalAppropriation],
            ['项目支出', budget.projectExpenditure, '其他资金', budget.otherFunds]
        ]],
        ['事业发展性支出', '按预算级次划分', [
            ['财政专项资金', budget.specialFiscalFunds, budget.ownLevelLabel ?? OWN_LEVEL_LABELS[0], budget.ownLevelFunds],
            ['其他事业发展性支出', budget.otherDevelopmentExpenditure, budget.transferLabel ?? TRANSFER_LABELS[1], budget.transferPayments]
        ]]
    ];
    return pairs.flatMap(([leftGroup, rightGroup, items]) => {
        const [left, right] = [written(leftGroup), written(rightGroup)];
        if (!left && !right) return [];
        const side = (shown: boolean, label: string, amount?: Cell) => shown ? { label, amount } : { label: null };
        return [
            { header: true, left: side(left, leftGroup), right: side(right, rightGroup) },
            ...items.map(([leftLabel, leftAmount, rightLabel, rightAmount]) => ({
                header: false, left: side(left, leftLabel, leftAmount), right: side(right, rightLabel, rightAmount)
            }))
        ];
    });
}

/** 备注 under the table, as on SEED001: both table kinds end with it, and import reads it back from there. */
function remarkRow(b: GridBuilder, remark: string | null): void {
    if (remark === null) return;
    b.put(0, '备注', 'label');
    b.put(1, remark, 'text', { colSpan: 'rest' });
    b.next();
}

export interface IndicatorRow {
    /** set on the first row of a 一级 block, with the number of rows it spans */
    level1: { name: string; rows: number } | null;
    level2: { name: string; rows: number } | null;
    /** 三级指标; null on the row of an empty 一级/二级 */
    name: string | null;
    /** 实施周期, 年度 — or the one 指标值 of a single-column table */
    values: Array<string | null>;
}

/**
 * The rows of the 绩效指标 block. An empty 二级 (SEED000's 经济效益指标) or an empty 一级 (SEED000's 满意度指标)
 * still gets its row, as on the seed, so the reader sees what was left unfilled.
 */
export function indicatorRows(lists: readonly IndicatorList[], single: boolean): IndicatorRow[] {
    const rows: IndicatorRow[] = [];
    const empty = (): IndicatorRow => ({ level1: null, level2: null, name: null, values: single ? [null] : [null, null] });
    for (const group of lists.flatMap(list => list.groups)) {
        const first = rows.length;
        for (const block of group.blocks) {
            const blockFirst = rows.length;
            for (const indicator of block.indicators) {
                const values = single
                    ? [singleValue(indicator.period, indicator.annual)]
                    : [indicator.period?.text ?? null, indicator.annual?.text ?? null];
                rows.push({ level1: null, level2: null, name: indicator.name, values });
            }
            if (rows.length === blockFirst) rows.push(empty());
            rows[blockFirst]!.level2 = { name: block.name, rows: rows.length - blockFirst };
        }
        if (rows.length === first) rows.push(empty());
        rows[first]!.level1 = { name: group.name, rows: rows.length - first };
    }
    return rows;
}

export function indicatorHeaders(single: boolean): string[] {
    return ['一级指标', '二级指标', '三级指标', ...(single ? ['指标值'] : ['实施周期指标值', '年度指标值'])];
}

/** The 绩效指标 block of the grid: 一级 and 二级 merged over their rows. */
function indicatorBlock(b: GridBuilder, lists: IndicatorList[], single: boolean): void {
    const rows = indicatorRows(lists, single);
    b.put(0, '绩效指标', 'label', { rowSpan: 1 + rows.length });
    indicatorHeaders(single).forEach((h, i) => b.put(1 + i, h, 'header'));
    b.next();
    for (const row of rows) {
        if (row.level1) b.put(1, row.level1.name, 'category', { rowSpan: row.level1.rows });
        if (row.level2) b.put(2, row.level2.name, 'category', { rowSpan: row.level2.rows });
        b.put(3, row.name, 'text');
        row.values.forEach((v, i) => b.put(4 + i, v, 'text'));
        b.next();
    }
}

/** A one-column table shows the one value; should the two ever differ, both are shown rather than one dropped. */
function singleValue(period: IndicatorValue | null, annual: IndicatorValue | null): string | null {
    if (!period || !annual || period.text === annual.text) return (period ?? annual)?.text ?? null;
    return `实施周期：${period.text}\n年度：${annual.text}`;
}

// ── 项目支出 ───────────────────────────────────────────────────────────────────────────────────────────────────────

export const PROJECT_HEADERS = ['项目名称（资金使用单位）', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标'];

export function projectGrid(d: ProjectExpenditureDeclaration): Grid {
    const b = new GridBuilder(PROJECT_HEADERS.length);
    PROJECT_HEADERS.forEach((h, i) => b.put(i, h, 'header'));
    b.next();

    const fundsRow = (name: string, funds: Funds | null, kind: CellKind, indent?: number) => {
        b.put(0, name, kind, indent ? { indent } : {});
        b.put(1, funds?.total, 'amount');
        b.put(2, funds?.fiscalAppropriation, 'amount');
        b.put(3, funds?.specialAccount, 'amount');
        b.put(4, funds?.otherFunds, 'amount');
    };

    if (d.total) {
        fundsRow('合计', d.total, 'strong');
        b.put(5, null, 'text');
        b.put(6, null, 'text');
        b.next();
    }
    for (const unit of d.spendingUnits) {
        fundsRow(unit.name, unit.funds, 'strong');
        b.put(5, null, 'text');
        b.put(6, null, 'text');
        b.next();
        for (const project of unit.projects) {
            fundsRow(project.name, project.funds, 'text', 1);
            b.put(5, project.goal, 'text');
            b.put(6, project.indicators.length ? flatIndicators(project.indicators) : null, 'text');
            b.next();
        }
    }
    remarkRow(b, d.remark);

    const title = d.title ?? PROJECT_TITLE;
    return {
        kind: 'project', sheetName: '项目支出', title,
        caption: { left: `部门名称：${d.unit}`, right: '单位：万元' },
        widths: [22, 15, 15, 15, 15, 40, 82],
        rows: b.row, cells: b.cells, headRows: 1, year: yearLine(d.year, title)
    };
}

// ── text measures shared by the renderers ─────────────────────────────────────────────────────────────────────────

/** Display width in Excel character units: CJK and full-width characters count two, the rest one. */
export function displayWidth(text: string): number {
    let width = 0;
    for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}“”‘’、。…—]/u.test(ch) ? 2 : 1;
    return width;
}

/** Lines a text takes when wrapped in a cell `width` characters wide. */
export function wrappedLines(text: string, width: number): number {
    const usable = Math.max(1, width - 1);
    return text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(displayWidth(line) / usable)), 0);
}

/**
 * The paragraphs of a text for display: `<p>…</p>` wrappers (RULES §6.2 Q2, markup the finance system leaves in
 * exported cells) and line breaks both separate paragraphs. The xlsx keeps the text verbatim instead, so that an
 * import of it gives back the same model.
 */
export function paragraphsOf(text: string): string[] {
    if (!/<\/?p>/i.test(text)) return text.split('\n');
    return text.split(/<\/?p>/i).map(part => part.trim()).filter(part => part.length > 0).flatMap(part => part.split('\n'));
}
