import { formatAmount, parseNumber } from '../compile/numbers.js';
import {
    isBudgetGroup, isFunds,
    type AmountItem, type Budget, type DepartmentDeclaration, type Funds, type Project, type ProjectDeclaration, type SpendingUnit,
    type Total
} from '../generated/ast.js';

// Reading the amount cells of the two tables and comparing sums of them (RULES §1). Pure: no diagnostics here.

/** Money is compared with a tolerance of half a cent: amounts have two decimals, sums are floating point. */
export const TOLERANCE = 0.005;

export function sameAmount(a: number, b: number): boolean {
    return Math.abs(a - b) < TOLERANCE;
}

/** One amount cell: `item` is absent when the table has no such cell, `amount` when it is blank (`空`) or absent. */
export interface AmountCell {
    /** the key as written, or the standard label when the cell is absent */
    key: string;
    item?: AmountItem;
    amount?: number;
}

function cellOf(key: string, item: AmountItem | undefined): AmountCell {
    return { key: item?.key ?? key, item, amount: item?.value === undefined ? undefined : parseNumber(item.value) };
}

/** The first item of `items` whose key is one of `keys` (a duplicate is structure's to report). */
function firstItem(items: AmountItem[], keys: readonly string[]): AmountItem | undefined {
    return items.find(item => keys.includes(item.key));
}

// ─── 部门整体: 预算整体情况 ───────────────────────────────────────────────────────────────────────────────

/** B P | F O | S D | L T, as RULES §1A names them. */
export type BudgetRole = 'B' | 'P' | 'F' | 'O' | 'S' | 'D' | 'L' | 'T';

interface RoleSpec { label: string; keys: readonly string[]; group: string }

export const budgetRoles: Record<BudgetRole, RoleSpec> = {
    B: { label: '基本支出', keys: ['基本支出'], group: '部门预算支出' },
    P: { label: '项目支出', keys: ['项目支出'], group: '部门预算支出' },
    F: { label: '财政拨款', keys: ['财政拨款'], group: '收入来源' },
    O: { label: '其他资金', keys: ['其他资金'], group: '收入来源' },
    S: { label: '财政专项资金', keys: ['财政专项资金'], group: '事业发展性支出' },
    D: { label: '其他事业发展性支出', keys: ['其他事业发展性支出'], group: '事业发展性支出' },
    L: { label: '本级使用资金', keys: ['本级使用资金', '区本级使用资金', '市本级使用资金', '县本级使用资金', '省本级使用资金'], group: '按预算级次划分' },
    T: { label: '对下转移支付资金', keys: ['对下转移支付资金', '拟用于对下转移支付资金'], group: '按预算级次划分' }
};

/** Table order of the keys, for inserting a missing cell where the printer would put it. */
export const budgetKeyOrder: string[] = Object.values(budgetRoles).flatMap(role => [...role.keys]);

export type BudgetCells = Record<BudgetRole, AmountCell>;

export function budgetOf(declaration: DepartmentDeclaration): Budget | undefined {
    return declaration.members.find((m): m is Budget => m.$type === 'Budget');
}

export function readBudget(budget: Budget): BudgetCells {
    const items = budget.entries.flatMap(entry => isBudgetGroup(entry) ? entry.items : [entry]);
    const cells = {} as BudgetCells;
    for (const [role, spec] of Object.entries(budgetRoles) as Array<[BudgetRole, RoleSpec]>) {
        cells[role] = cellOf(spec.label, firstItem(items, spec.keys));
    }
    return cells;
}

// ─── 项目支出: 合计 / 单位 / 项目 rows ────────────────────────────────────────────────────────────────────

export const fundColumns = ['总计', '财政拨款', '财政专户拨款', '其他资金'] as const;
export type FundColumn = typeof fundColumns[number];
/** P1: 总计 = 财政拨款 + 财政专户拨款 + 其他资金 */
export const fundParts: FundColumn[] = ['财政拨款', '财政专户拨款', '其他资金'];

export type RowOwner = ProjectDeclaration | SpendingUnit | Project;

/** One row of the 项目支出 table with its sub-rows: 合计 → unit rows → project rows. */
export interface FundRow {
    owner: RowOwner;
    /** the 合计 / 资金 block; absent when the row was not written */
    block?: Funds | Total;
    cells?: Record<FundColumn, AmountCell>;
    children: FundRow[];
}

function rowOf(owner: RowOwner, block: Funds | Total | undefined, children: FundRow[]): FundRow {
    const cells = block && Object.fromEntries(fundColumns.map(c => [c, cellOf(c, firstItem(block.items, [c]))])) as Record<FundColumn, AmountCell>;
    return { owner, block, cells, children };
}

function fundsOf(members: Array<{ $type: string }>): Funds | undefined {
    return members.find((m): m is Funds => isFunds(m));
}

export function readFundRows(declaration: ProjectDeclaration): FundRow {
    const units = declaration.members.filter((m): m is SpendingUnit => m.$type === 'SpendingUnit').map(unit => {
        const projects = unit.members.filter((m): m is Project => m.$type === 'Project').map(p => rowOf(p, fundsOf(p.members), []));
        return rowOf(unit, fundsOf(unit.members), projects);
    });
    const total = declaration.members.find((m): m is Total => m.$type === 'Total');
    return rowOf(declaration, total, units);
}

/** Whether any of the row's parts (财政拨款, 财政专户拨款, 其他资金) holds a number. */
export function partsKnown(row: FundRow): boolean {
    return fundParts.some(c => row.cells?.[c].amount !== undefined);
}

export function partsSum(row: FundRow): number {
    return fundParts.reduce((s, c) => s + (row.cells?.[c].amount ?? 0), 0);
}

/**
 * The amount a row stands for in one column: as stated; else, for 总计, the sum of its parts; else the sum of its
 * sub-rows; else, for a part, 0 (a blank part counts as 0). Undefined when nothing says (a project without 资金).
 */
export function rowAmount(row: FundRow, column: FundColumn): number | undefined {
    const stated = row.cells?.[column].amount;
    if (stated !== undefined) return stated;
    if (column === '总计' && partsKnown(row)) return partsSum(row);
    const children = childrenSum(row, column);
    if (children !== undefined) return children;
    return column !== '总计' && row.cells ? 0 : undefined;
}

/** Σ of the sub-rows in one column; undefined without sub-rows or when one of them has no amount. */
export function childrenSum(row: FundRow, column: FundColumn): number | undefined {
    if (row.children.length === 0) return undefined;
    let sum = 0;
    for (const child of row.children) {
        const amount = rowAmount(child, column);
        if (amount === undefined) return undefined;
        sum += amount;
    }
    return sum;
}

// ─── relations between sums ──────────────────────────────────────────────────────────────────────────

/** One side of a relation: its cells, the required ("principal") ones first. */
export interface Side {
    cells: AmountCell[];
    /** how many leading cells are required: a blank one of these is missing, not 0 (seed 001's 本级使用资金) */
    principals: number;
    /**
     * whether the table has this part at all (a cell of it written, even blank). A part not written is not blank:
     * a draft without 收入来源 is unfinished, not unbalanced, and nothing can say what its cells should be.
     */
    written: boolean;
}

export type Outcome =
    | { kind: 'unchecked' }
    | { kind: 'holds'; left: number; right: number }
    | { kind: 'missing'; cell: AmountCell; fill: number; basis: string; left: number; right: number }
    | { kind: 'mismatch'; left: number; right: number };

export function sideSum(side: Side): number {
    return side.cells.reduce((s, c) => s + (c.amount ?? 0), 0);
}

export function sideLabel(side: Side): string {
    return side.cells.map(c => c.key).join('+');
}

/**
 * left = right, blanks counted as 0 (unchecked when a side is not written at all). When it fails and a required cell of the smaller side is blank or absent,
 * that cell is missing (the relation cannot be checked; the fill makes it hold); otherwise the sums disagree.
 */
export function compareSides(left: Side, right: Side): Outcome {
    if (!left.written || !right.written) return { kind: 'unchecked' };
    const l = sideSum(left);
    const r = sideSum(right);
    if (sameAmount(l, r)) return { kind: 'holds', left: l, right: r };
    const [short, long] = l < r ? [left, right] : [right, left];
    const missing = short.cells.slice(0, short.principals).find(c => c.amount === undefined);
    if (!missing) return { kind: 'mismatch', left: l, right: r };
    const others = short.cells.filter(c => c !== missing && c.amount !== undefined);
    return {
        kind: 'missing', cell: missing, left: l, right: r,
        fill: Math.abs(l - r),
        basis: sideLabel(long) + others.map(c => '−' + c.key).join('')
    };
}

export const money = formatAmount;
