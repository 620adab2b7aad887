import type { BasicInfo, DepartmentBudget, Funds } from './model.js';

// The amount cells of the official tables, once: their labels (as the grammar's AmountKey and the tables write them),
// the block they stand in, and the model field they fill. The model builder, the printer, the structure check and the
// importer all read this table.

export type BudgetCellKey = Exclude<keyof DepartmentBudget, 'ownLevelLabel' | 'transferLabel'>;

/** 本级使用资金 and 对下转移支付资金 carry the level or a verb in some tables (区本级…, 拟用于…). */
export const OWN_LEVEL_LABELS = ['本级使用资金', '区本级使用资金', '市本级使用资金', '县本级使用资金', '省本级使用资金'] as const;
export const TRANSFER_LABELS = ['对下转移支付资金', '拟用于对下转移支付资金'] as const;

/** 预算整体情况: the four groups of the table, each with its two cells in table order. */
export const BUDGET_GROUPS: ReadonlyArray<{ group: string; cells: ReadonlyArray<{ field: BudgetCellKey; labels: readonly string[] }> }> = [
    { group: '部门预算支出', cells: [{ field: 'basicExpenditure', labels: ['基本支出'] }, { field: 'projectExpenditure', labels: ['项目支出'] }] },
    { group: '收入来源', cells: [{ field: 'fiscalAppropriation', labels: ['财政拨款'] }, { field: 'otherFunds', labels: ['其他资金'] }] },
    { group: '事业发展性支出', cells: [{ field: 'specialFiscalFunds', labels: ['财政专项资金'] }, { field: 'otherDevelopmentExpenditure', labels: ['其他事业发展性支出'] }] },
    { group: '按预算级次划分', cells: [{ field: 'ownLevelFunds', labels: OWN_LEVEL_LABELS }, { field: 'transferPayments', labels: TRANSFER_LABELS }] }
];

/** 基本信息 */
export const BASIC_INFO_CELLS: ReadonlyArray<{ field: keyof BasicInfo; label: string }> = [
    { field: 'staff', label: '财政供养人员数' }, { field: 'subUnits', label: '下属二级单位数' }
];

/** The amount columns of 项目支出 (合计, unit and project rows). */
export const FUND_CELLS: ReadonlyArray<{ field: keyof Funds; label: string }> = [
    { field: 'total', label: '总计' }, { field: 'fiscalAppropriation', label: '财政拨款' },
    { field: 'specialAccount', label: '财政专户拨款' }, { field: 'otherFunds', label: '其他资金' }
];

const budgetFieldByLabel = new Map(BUDGET_GROUPS.flatMap(g => g.cells.flatMap(c => c.labels.map(label => [label, c.field] as const))));

/** A budget label as the grammar writes it → its model field. */
export function budgetFieldOf(label: string): BudgetCellKey | undefined {
    return budgetFieldByLabel.get(label);
}
