import type { AstNode, DiagnosticInfo, ValidationAcceptor, ValidationChecks, ValidationSeverity } from 'langium';
import { containerOf, containsType } from '../ast-walk.js';
import { parseNumber } from '../compile/numbers.js';
import { amountInRange } from '../compile/value-limits.js';
import {
    isBudgetGroup, isProject, isProjectDeclaration, isTotal,
    type AmountItem, type Budget, type DepartmentDeclaration, type Indicator, type JxmbAstType, type Project, type ProjectDeclaration, type TaskAmount
} from '../generated/ast.js';
import type { JxmbServices } from '../jxmb-module.js';
import { memoByRevision } from '../parse/revisions.js';
import {
    budgetOf, budgetRoles, childrenSum, compareSides, fundColumns, fundParts, money, partsKnown, partsSum, readBudget, readFundRows, rowAmount,
    sameAmount, sideLabel, sideSum, TOLERANCE,
    type AmountCell, type BudgetCells, type BudgetRole, type FundColumn, type FundRow, type Outcome, type Side
} from './budget-cells.js';
import { costsOverBudget, inWan, type Ceiling } from './budget-costs.js';
import { named } from './labels.js';

// Budget arithmetic (RULES §1): the relations between the amounts of a 部门整体 table (R1–R5) and between the rows
// of a 项目支出 table (P1–P3). Each check reports one code; the department and project-table analyses are computed
// once per declaration and shared by the checks that report from them.

export const BudgetCode = {
    /** R1 and R3 both fail: spending by type ≠ funding by source */
    spendingSourceMismatch: 'budget/spending-source-mismatch',
    /** only R3 holds: 事业发展性支出 is counted outside 项目支出 (seed 004) */
    developmentOutsideProjects: 'budget/development-outside-projects',
    /** R2 fails: funding by source ≠ funding by budget level */
    sourceLevelMismatch: 'budget/source-level-mismatch',
    /** R4: Σ 拟投入资金 of the key tasks exceeds the budget */
    tasksOverBudget: 'budget/tasks-over-budget',
    /** R5: more than two decimals, a leading zero; a count with decimals */
    amountFormat: 'budget/amount-format',
    /** a required amount that is blank (空) or not written, so that a relation cannot be checked (seed 001) */
    missingAmount: 'budget/missing-amount',
    /** P1: 总计 ≠ 财政拨款 + 财政专户拨款 + 其他资金 on one row */
    rowTotalMismatch: 'budget/row-total-mismatch',
    /** P2: 合计 ≠ Σ unit rows, or a unit row ≠ Σ its projects */
    rollupMismatch: 'budget/rollup-mismatch',
    /** P3: a project without 绩效目标 */
    missingProjectGoal: 'budget/missing-project-goal',
    /** P3: a project without any 三级 indicator */
    missingProjectIndicators: 'budget/missing-project-indicators',
    /** RULES §3.1 预算支出标准: a 成本 target above the budget it is paid from */
    costOverBudget: 'budget/cost-over-budget'
} as const;

/** How a missing amount is filled: replace `空`, add the item to its block, or add the whole row. */
export type MissingPlacement = 'blank' | 'item' | 'row';

export interface AmountFill {
    /** the amount as the printer writes it (for a row: the whole inside of the block) */
    text: string;
    /** how it was derived, e.g. 财政拨款+其他资金−对下转移支付资金 */
    basis: string;
    /** for a row: its columns in the table's order, each with its amount, or null where it stays blank (空) */
    cells?: Array<[column: string, amount: string | null]>;
}

/** `diagnostic.data` of budget/missing-amount; the fix provider reads it. */
export interface MissingAmountData {
    code: typeof BudgetCode.missingAmount;
    key: string;
    placement: MissingPlacement;
    /** placement 'row': the block keyword to create, 合计 or 资金 */
    row?: string;
    fills: AmountFill[];
}

/** `diagnostic.data` of budget/amount-format: the amount rewritten with two decimals, if it is money. */
export interface AmountFormatData {
    code: typeof BudgetCode.amountFormat;
    text?: string;
}

interface Anchor {
    node: AstNode;
    property?: string;
    keyword?: string;
}

function report(accept: ValidationAcceptor, severity: ValidationSeverity, message: string, anchor: Anchor, code: string, data: object = {}): void {
    const info = { ...anchor, code, data: { code, ...data } } as DiagnosticInfo<AstNode>;
    accept(severity, message, info);
}

// ─── missing amounts, shared by both tables ─────────────────────────────────────────────────────────────

interface MissingFinding {
    key: string;
    anchor: Anchor;
    placement: MissingPlacement;
    row?: string;
    fills: AmountFill[];
    /** why it matters: the relation that cannot be checked, with its numbers */
    reason: string;
}

/** Missing cells of one declaration; a cell found by several relations is one finding with several fills. */
class MissingFindings {
    readonly list: MissingFinding[] = [];
    private readonly byCell = new Map<AstNode, Map<string, MissingFinding>>();

    add(finding: MissingFinding): void {
        const perNode = this.byCell.get(finding.anchor.node) ?? new Map<string, MissingFinding>();
        this.byCell.set(finding.anchor.node, perNode);
        const known = perNode.get(finding.key);
        if (!known) {
            perNode.set(finding.key, finding);
            this.list.push(finding);
            return;
        }
        for (const fill of finding.fills) {
            if (!known.fills.some(f => f.text === fill.text)) known.fills.push(fill);
        }
    }
}

/** 「本级使用资金」为空 / 未填写「本级使用资金」, optionally of a row: 项目「一」的「总计」为空 / 项目「一」未填写「总计」 */
function blankOrAbsent(cell: AmountCell, owner = ''): string {
    return cell.item ? `${owner ? owner + '的' : ''}「${cell.key}」为空` : `${owner}未填写「${cell.key}」`;
}

/**
 * What a missing row should hold, as the .jxmb writes it (「资金 { 总计 12.00  财政拨款 12.00 }」), or in a table's
 * words — its row and the table's column names — for the review of an imported table (review/review.ts).
 */
export function rowFillAdvice(row: string, fill: AmountFill, form: 'jxmb' | 'table'): string {
    if (form === 'jxmb' || !fill.cells) return `；按${fill.basis}应为「${row} { ${fill.text} }」`;
    const filled = fill.cells.filter(([, amount]) => amount !== null).map(([column, amount]) => `${column} ${amount}`);
    const blank = fill.cells.filter(([, amount]) => amount === null).map(([column]) => column);
    const which = row === '合计' ? '合计行应为' : '这一行应填';
    return `；按${fill.basis}，${which}：${filled.join('，')}${blank.length ? `，${blank.join('、')}留空` : ''}`;
}

function missingMessage(finding: MissingFinding): string {
    if (finding.placement === 'row') {
        const fill = finding.fills[0];
        return finding.reason + (fill ? rowFillAdvice(finding.row!, fill, 'jxmb') : '') + '。';
    }
    const fills = finding.fills.length === 0 ? ''
        : '；按其余金额应为 ' + finding.fills.map(f => `${f.text}（${f.basis}）`).join(' 或 ');
    return `${finding.reason}${fills}。`;
}

// ─── 部门整体: R1–R4 ─────────────────────────────────────────────────────────────────────────────────────

interface DepartmentAnalysis {
    budget: Budget;
    cells: BudgetCells;
    spending: Side;
    spendingWithDevelopment: Side;
    sources: Side;
    levels: Side;
    r1: Outcome;
    r2: Outcome;
    r3: Outcome;
    missing: MissingFinding[];
}

const relationNames = {
    R1: '基本支出+项目支出=财政拨款+其他资金',
    R2: '财政拨款+其他资金=本级使用资金+对下转移支付资金',
    R3: '基本支出+项目支出+事业发展性支出=财政拨款+其他资金',
    P1: '总计=财政拨款+财政专户拨款+其他资金',
    P2: '合计=各单位之和，单位=其项目之和'
};

export const analyseDepartment: (declaration: DepartmentDeclaration) => DepartmentAnalysis | undefined = memoByRevision(computeDepartment);

function computeDepartment(declaration: DepartmentDeclaration): DepartmentAnalysis | undefined {
    const budget = budgetOf(declaration);
    if (!budget) return undefined;
    const cells = readBudget(budget);
    // An amount no number keeps (a 400-digit one is ∞) makes every sum of the table meaningless: compile/out-of-range says so.
    const tasks = declaration.members.flatMap(m => m.$type === 'Task' ? m.members.filter((t): t is TaskAmount => t.$type === 'TaskAmount') : []);
    if (!inRange(Object.values(cells).map(c => c.item)) || !inRange(tasks)) return undefined;
    const { B, P, F, O, S, D, L, T } = cells;
    const written = (...group: AmountCell[]) => group.some(c => c.item !== undefined);
    const spending: Side = { cells: [B, P], principals: 2, written: written(B, P) };
    const spendingWithDevelopment: Side = { cells: [B, P, S, D], principals: 2, written: spending.written };
    const sources: Side = { cells: [F, O], principals: 1, written: written(F, O) };
    const levels: Side = { cells: [L, T], principals: 1, written: written(L, T) };
    const analysis: DepartmentAnalysis = {
        budget, cells, spending, spendingWithDevelopment, sources, levels,
        r1: compareSides(spending, sources), r2: compareSides(sources, levels), r3: compareSides(spendingWithDevelopment, sources),
        missing: []
    };
    const findings = new MissingFindings();
    // R1 or R3: whichever holds settles it; only when neither does can a blank be what is missing.
    if (analysis.r1.kind !== 'holds' && analysis.r3.kind !== 'holds' && analysis.r3.kind !== 'unchecked') {
        for (const [outcome, left, name] of [[analysis.r1, spending, 'R1'], [analysis.r3, spendingWithDevelopment, 'R3']] as const) {
            if (outcome.kind === 'missing') findings.add(departmentMissing(analysis, outcome, left, sources, relationNames[name]));
        }
    }
    if (analysis.r2.kind === 'missing') findings.add(departmentMissing(analysis, analysis.r2, sources, levels, relationNames.R2));
    analysis.missing = findings.list;
    return analysis;
}

function roleOf(cells: BudgetCells, cell: AmountCell): BudgetRole {
    return (Object.keys(cells) as BudgetRole[]).find(role => cells[role] === cell)!;
}

function groupNode(budget: Budget, group: string): AstNode | undefined {
    return budget.entries.find(e => isBudgetGroup(e) && e.group === group);
}

/**
 * Where a missing budget cell is reported, and where the fix adds it: the `空` itself, or the block that holds the
 * written cells of its group (a side is only checked when one of them is written).
 */
function budgetPlacement(analysis: DepartmentAnalysis, cell: AmountCell): Pick<MissingFinding, 'anchor' | 'placement'> {
    if (cell.item) return { anchor: { node: cell.item }, placement: 'blank' };
    const group = budgetRoles[roleOf(analysis.cells, cell)].group;
    const sibling = (Object.keys(budgetRoles) as BudgetRole[])
        .filter(role => budgetRoles[role].group === group)
        .map(role => analysis.cells[role].item)
        .find(item => item !== undefined);
    const container = sibling?.$container;
    if (isBudgetGroup(container)) return { anchor: { node: container, property: 'group' }, placement: 'item' };
    return { anchor: { node: analysis.budget, keyword: '预算' }, placement: 'item' };
}

function departmentMissing(analysis: DepartmentAnalysis, outcome: Extract<Outcome, { kind: 'missing' }>, left: Side, right: Side, relation: string): MissingFinding {
    const reason = `${blankOrAbsent(outcome.cell)}：${sideText(left, outcome.left)}，${sideText(right, outcome.right)}，无法核对（${relation}）`;
    return {
        key: outcome.cell.key, ...budgetPlacement(analysis, outcome.cell), reason,
        fills: [{ text: money(outcome.fill), basis: outcome.basis }]
    };
}

/**
 * One side of a relation that cannot be checked: its sum, with the cells of it that have no amount named — or, when
 * none has one, only those (a sum of 0.00 over blanks would contradict 空白按缺失处理, seed 001).
 */
function sideText(side: Side, sum: number): string {
    const empty = side.cells.filter(c => c.amount === undefined);
    const blank = empty.filter(c => c.item).map(c => `「${c.key}」`);
    const absent = empty.filter(c => !c.item).map(c => `「${c.key}」`);
    const all = empty.length === side.cells.length && empty.length > 1 ? '均' : '';
    const which = [blank.length ? `${blank.join('')}${all}为空` : '', absent.length ? `${absent.join('')}${all}未填写` : ''].filter(Boolean).join('，');
    if (empty.length === side.cells.length) return which;
    return `${sideLabel(side)}=${money(sum)}${which ? `（${which}）` : ''}`;
}

/** Where a relation between groups is reported: the group's name, else its first written cell, else 预算. */
function relationAnchor(analysis: DepartmentAnalysis, roles: BudgetRole[]): Anchor {
    const group = groupNode(analysis.budget, budgetRoles[roles[0]!].group);
    if (group) return { node: group, property: 'group' };
    const item = roles.map(r => analysis.cells[r].item).find(i => i !== undefined);
    if (item) return { node: item, property: 'key' };
    return { node: analysis.budget, keyword: '预算' };
}

/** Blank cells counted as 0 in a failing relation: said in the message, since they may be the real error. */
function blanksNote(...sides: Side[]): string {
    const blanks = sides.flatMap(s => s.cells).filter(c => c.item?.blank).map(c => c.key);
    return blanks.length === 0 ? '' : `（空白按 0 计：${[...new Set(blanks)].join('、')}）`;
}

function difference(left: number, right: number): string {
    return money(Math.abs(left - right));
}

/** R1 / R3: spending by type = funding by source, with or without the 事业发展性支出 block. */
export function checkSpendingMatchesSources(declaration: DepartmentDeclaration, accept: ValidationAcceptor): void {
    const a = analyseDepartment(declaration);
    if (!a || a.r1.kind !== 'mismatch' || a.r3.kind !== 'mismatch') return;
    const development = sideSum({ cells: [a.cells.S, a.cells.D], principals: 0, written: true });
    const withDevelopment = sameAmount(development, 0) ? ''
        : `；计入事业发展性支出（财政专项资金+其他事业发展性支出=${money(development)}）后为${money(a.r3.left)}，仍相差${difference(a.r3.left, a.r3.right)}`;
    report(accept, 'error',
        `部门预算支出与收入来源不符：${sideLabel(a.spending)}=${money(a.r1.left)}，${sideLabel(a.sources)}=${money(a.r1.right)}，`
        + `相差${difference(a.r1.left, a.r1.right)}${withDevelopment}`
        + blanksNote(withDevelopment ? a.spendingWithDevelopment : a.spending, a.sources)
        + `（${relationNames.R1}；或 ${relationNames.R3}）。`,
        relationAnchor(a, ['B', 'P']), BudgetCode.spendingSourceMismatch);
}

/** R3 holds but R1 does not: 事业发展性支出 is counted in addition to 项目支出. */
function onlyR3Holds(a: DepartmentAnalysis): boolean {
    return (a.r1.kind === 'mismatch' || a.r1.kind === 'missing') && a.r3.kind === 'holds';
}

/** R3 holds but R1 does not: the 事业发展性支出 are counted in addition to 项目支出 (seed 004). */
export function checkDevelopmentOutsideProjects(declaration: DepartmentDeclaration, accept: ValidationAcceptor): void {
    const a = analyseDepartment(declaration);
    if (!a || !onlyR3Holds(a)) return;
    const development = sideSum({ cells: [a.cells.S, a.cells.D], principals: 0, written: true });
    const [spending, sources] = [sideSum(a.spending), sideSum(a.sources)];
    report(accept, 'info',
        `事业发展性支出未计入项目支出：${sideLabel(a.spending)}=${money(spending)}，比${sideLabel(a.sources)}=${money(sources)}`
        + `少${difference(spending, sources)}，正好是财政专项资金+其他事业发展性支出=${money(development)}`
        + `。如这部分资金本应包含在项目支出内，请核对项目支出。`,
        relationAnchor(a, ['S', 'D']), BudgetCode.developmentOutsideProjects);
}

/** R2 (hard): funding by source = funding by budget level. */
export function checkSourcesMatchLevels(declaration: DepartmentDeclaration, accept: ValidationAcceptor): void {
    const a = analyseDepartment(declaration);
    if (!a || a.r2.kind !== 'mismatch') return;
    report(accept, 'error',
        `收入来源与按预算级次划分不符：${sideLabel(a.sources)}=${money(a.r2.left)}，${sideLabel(a.levels)}=${money(a.r2.right)}，`
        + `相差${difference(a.r2.left, a.r2.right)}${blanksNote(a.sources, a.levels)}（${relationNames.R2}）。`,
        relationAnchor(a, ['L', 'T']), BudgetCode.sourceLevelMismatch);
}

/** A blank or absent required amount that makes R1/R2/R3 impossible to check: missing, not 0. */
export function checkMissingBudgetAmounts(declaration: DepartmentDeclaration, accept: ValidationAcceptor): void {
    for (const finding of analyseDepartment(declaration)?.missing ?? []) reportMissing(finding, accept);
}

function reportMissing(finding: MissingFinding, accept: ValidationAcceptor): void {
    const data: Omit<MissingAmountData, 'code'> = {
        key: finding.key, placement: finding.placement, row: finding.row, fills: finding.fills
    };
    report(accept, 'warning', missingMessage(finding), finding.anchor, BudgetCode.missingAmount, data);
}

/** R4 (warning): the key tasks need not cover the whole budget, but must not exceed it. */
export function checkTasksWithinBudget(declaration: DepartmentDeclaration, accept: ValidationAcceptor): void {
    const a = analyseDepartment(declaration);
    if (!a) return;
    const ceiling = budgetCeiling(a);
    if (!ceiling) return;
    const amounts = declaration.members.flatMap(m => m.$type === 'Task' ? m.members.filter((t): t is TaskAmount => t.$type === 'TaskAmount') : []);
    let sum = 0;
    let first: TaskAmount | undefined;
    for (const amount of amounts) {
        if (amount.value === undefined) continue;
        sum += parseNumber(amount.value);
        if (!first && sum - ceiling.amount >= TOLERANCE) first = amount;
    }
    if (!first) return;
    report(accept, 'warning',
        `年度重点工作任务的拟投入资金合计${money(sum)}，超过${ceiling.label}=${money(ceiling.amount)}，超出${difference(sum, ceiling.amount)}`
        + `（重点任务不必覆盖全部预算，但不应超过预算）；从此任务起累计已超出。`,
        { node: first }, BudgetCode.tasksOverBudget);
}

/** The budget the tasks are measured against: B+P, plus S+D when they are counted outside 项目支出 (R3 only). */
function budgetCeiling(a: DepartmentAnalysis): { amount: number; label: string } | undefined {
    const side = onlyR3Holds(a) ? a.spendingWithDevelopment : a.spending;
    if (side.cells.some(c => c.amount !== undefined)) return { amount: sideSum(side), label: sideLabel(side) };
    if (a.sources.cells.some(c => c.amount !== undefined)) return { amount: sideSum(a.sources), label: sideLabel(a.sources) };
    return undefined;
}

// ─── 项目支出: P1–P3 ─────────────────────────────────────────────────────────────────────────────────────

interface ProjectTableAnalysis {
    root: FundRow;
    missing: MissingFinding[];
    rowTotals: Array<{ item: AmountItem; total: number; parts: number; note: string; what: string }>;
    rollups: Array<{ item: AmountItem; column: FundColumn; stated: number; children: number; what: string }>;
    /** every amount is one a number keeps exactly; otherwise nothing is compared */
    exact: boolean;
}

/** Every written amount of the items is one a number keeps (compile/value-limits.ts). */
function inRange(items: ReadonlyArray<{ value?: string } | undefined>): boolean {
    return items.every(item => item?.value === undefined || amountInRange(item.value));
}

function rowsInRange(row: FundRow): boolean {
    return inRange(Object.values(row.cells ?? {}).map(c => c.item)) && row.children.every(rowsInRange);
}

export const analyseProjectTable: (declaration: ProjectDeclaration) => ProjectTableAnalysis = memoByRevision(computeProjectTable);

function rowName(row: FundRow): string {
    if (isProjectDeclaration(row.owner)) return '合计';
    return named(isProject(row.owner) ? '项目' : '单位', row.owner.name);
}

function childrenName(row: FundRow): string {
    return isProjectDeclaration(row.owner) ? '各单位之和' : '各项目之和';
}

function computeProjectTable(declaration: ProjectDeclaration): ProjectTableAnalysis {
    const analysis: ProjectTableAnalysis = { root: readFundRows(declaration), missing: [], rowTotals: [], rollups: [], exact: true };
    // As for a 部门整体 table: an amount no number keeps leaves the sums (and the projects' 总计 as cost ceilings) alone.
    analysis.exact = rowsInRange(analysis.root);
    if (!analysis.exact) return analysis;
    const findings = new MissingFindings();
    const visit = (row: FundRow): void => {
        // 保密项目 are exempt from every rule; their amounts still count in their unit's sums.
        if (!(isProject(row.owner) && row.owner.secret)) checkRow(row, analysis, findings);
        row.children.forEach(visit);
    };
    visit(analysis.root);
    analysis.missing = findings.list;
    return analysis;
}

function checkRow(row: FundRow, analysis: ProjectTableAnalysis, findings: MissingFindings): void {
    if (!row.block || !row.cells) {
        const finding = missingRow(row);
        if (finding) findings.add(finding);
        return;
    }
    checkRowTotal(row, analysis, findings);
    if (row.children.length > 0) checkRollup(row, analysis, findings);
}

/**
 * A row without its amounts. The table has one on every row (P1), so unlike an unwritten part of a 部门整体 budget
 * this is reported even in a draft: a 合计 or unit row is pure sums and can be filled from its sub-rows; a project
 * row cannot be derived, it is only reported.
 */
function missingRow(row: FundRow): MissingFinding | undefined {
    const keyword = isProjectDeclaration(row.owner) ? '合计' : '资金';
    const anchor: Anchor = isProjectDeclaration(row.owner) ? { node: row.owner, property: 'unit' } : { node: row.owner, property: 'name' };
    if (!isProject(row.owner) && row.children.length === 0) return undefined;
    const cells = isProject(row.owner) ? undefined : derivedRow(row);
    return {
        key: keyword, anchor, placement: 'row', row: keyword,
        fills: cells ? [{ text: cells.map(([column, amount]) => `${column} ${amount ?? '空'}`).join('  '), basis: childrenName(row), cells }] : [],
        reason: isProjectDeclaration(row.owner)
            ? `缺少合计行，无法核对（${relationNames.P2}）`
            : `${rowName(row)}缺少资金行，无法核对（${isProject(row.owner) ? relationNames.P1 : relationNames.P2}）`
    };
}

/** `总计 … 财政拨款 … 财政专户拨款 空 …` from the sub-rows; a column no sub-row wrote is left out, one they left blank is 空 (null). */
function derivedRow(row: FundRow): Array<[string, string | null]> | undefined {
    const parts: Array<[string, string | null]> = [];
    for (const column of fundColumns) {
        const sum = childrenSum(row, column);
        if (sum === undefined) {
            if (column === '总计') return undefined;
            continue;
        }
        const written = row.children.filter(c => c.cells?.[column].item);
        const required = column === '总计' || column === '财政拨款';
        if (!required && written.length === 0) continue;
        const blank = sameAmount(sum, 0) && !required && written.every(c => c.cells![column].item!.blank);
        parts.push([column, blank ? null : money(sum)]);
    }
    return parts;
}

function fundPlacement(row: FundRow, cell: AmountCell): Pick<MissingFinding, 'anchor' | 'placement'> {
    if (cell.item) return { anchor: { node: cell.item }, placement: 'blank' };
    return { anchor: { node: row.block!, keyword: isTotal(row.block) ? '合计' : '资金' }, placement: 'item' };
}

/** P1 on one row: 总计 = 财政拨款 + 财政专户拨款 + 其他资金; a blank 总计 is missing, blank parts count as 0. */
function checkRowTotal(row: FundRow, analysis: ProjectTableAnalysis, findings: MissingFindings): void {
    const cells = row.cells!;
    const total = cells.总计;
    if (total.amount === undefined) {
        const fills: AmountFill[] = [];
        if (partsKnown(row)) fills.push({ text: money(partsSum(row)), basis: fundParts.join('+') });
        const children = childrenSum(row, '总计');
        if (children !== undefined) fills.push({ text: money(children), basis: childrenName(row) });
        findings.add({
            key: '总计', ...fundPlacement(row, total), fills,
            reason: `${blankOrAbsent(total, rowName(row))}（空白按缺失处理），无法核对（${relationNames.P1}）`
        });
        return;
    }
    const parts: Side = { cells: fundParts.map(c => cells[c]), principals: 1, written: true };
    const outcome = compareSides({ cells: [total], principals: 1, written: true }, parts);
    if (outcome.kind === 'missing') {
        findings.add({
            key: outcome.cell.key, ...fundPlacement(row, outcome.cell),
            fills: [{ text: money(outcome.fill), basis: outcome.basis }],
            reason: `${blankOrAbsent(outcome.cell, rowName(row))}：总计=${money(outcome.left)}，${sideText(parts, outcome.right)}，无法核对（${relationNames.P1}）`
        });
    } else if (outcome.kind === 'mismatch') {
        analysis.rowTotals.push({ item: total.item!, total: outcome.left, parts: outcome.right, note: blanksNote(parts), what: rowName(row) });
    }
}

/** P2 on one row with sub-rows, column by column. */
function checkRollup(row: FundRow, analysis: ProjectTableAnalysis, findings: MissingFindings): void {
    for (const column of fundColumns) {
        const children = childrenSum(row, column);
        if (children === undefined) continue;
        const cell = row.cells![column];
        if (cell.amount !== undefined) {
            if (!sameAmount(cell.amount, children)) {
                analysis.rollups.push({ item: cell.item!, column, stated: cell.amount, children, what: rowName(row) });
            }
        } else if (column === '总计' || children >= TOLERANCE) {
            findings.add({
                key: column, ...fundPlacement(row, cell),
                fills: [{ text: money(children), basis: childrenName(row) }],
                reason: `${blankOrAbsent(cell, rowName(row))}，而${childrenName(row)}=${money(children)}（空白按缺失处理），无法核对（${relationNames.P2}）`
            });
        }
    }
}

/** P1 (error): 总计 ≠ 财政拨款 + 财政专户拨款 + 其他资金 on a 合计, unit or project row. */
export function checkRowTotals(declaration: ProjectDeclaration, accept: ValidationAcceptor): void {
    for (const r of analyseProjectTable(declaration).rowTotals) {
        report(accept, 'error',
            `${r.what}的总计与分项不符：总计=${money(r.total)}，财政拨款+财政专户拨款+其他资金=${money(r.parts)}，相差${difference(r.total, r.parts)}`
            + `${r.note}（${relationNames.P1}）。`,
            { node: r.item }, BudgetCode.rowTotalMismatch);
    }
}

/** P2 (error): a 合计 or unit row ≠ the sum of its sub-rows in one column. */
export function checkRollups(declaration: ProjectDeclaration, accept: ValidationAcceptor): void {
    for (const r of analyseProjectTable(declaration).rollups) {
        const children = isTotal(r.item.$container) ? '各单位' : '各项目';
        report(accept, 'error',
            `${r.what}的${r.column}=${money(r.stated)}，${children}${r.column}之和=${money(r.children)}，相差${difference(r.stated, r.children)}`
            + `（${relationNames.P2}）。`,
            { node: r.item }, BudgetCode.rollupMismatch);
    }
}

/** A blank or absent amount (or row) of the 项目支出 table that makes P1/P2 impossible to check. */
export function checkMissingFunds(declaration: ProjectDeclaration, accept: ValidationAcceptor): void {
    for (const finding of analyseProjectTable(declaration).missing) reportMissing(finding, accept);
}

/** P3: every project that is not 保密 states its 绩效目标 (保密 projects are skipped by the registry). */
export function checkProjectGoal(project: Project, accept: ValidationAcceptor): void {
    const goal = project.members.find(m => m.$type === 'ProjectGoal');
    const text = goal?.$type === 'ProjectGoal' ? (goal.text ?? '').replace(/<\/?p>/g, '').trim() : '';
    if (text !== '') return;
    report(accept, 'warning',
        `${named('项目', project.name)}${goal ? '的绩效目标为空' : '没有绩效目标'}：每个非保密项目都要填写绩效目标。`,
        goal ? { node: goal } : { node: project, property: 'name' }, BudgetCode.missingProjectGoal);
}

/** P3: every project that is not 保密 has at least one 三级 indicator. */
export function checkProjectIndicators(project: Project, accept: ValidationAcceptor): void {
    if (containsType(project, 'Indicator')) return;
    report(accept, 'warning', `${named('项目', project.name)}没有三级绩效指标：每个非保密项目至少要有一个绩效指标。`,
        { node: project, property: 'name' }, BudgetCode.missingProjectIndicators);
}

// ─── R5: how amounts are written ─────────────────────────────────────────────────────────────────────────

/** Well-formed: no leading zero, thousands separators in threes (the grammar already rejects `1,23.00`). */
const wellFormed = /^(0|[1-9]\d{0,2}(,\d{3})*|[1-9]\d*)(\.\d+)?$/;

function decimalsOf(text: string): number {
    return text.split('.')[1]?.length ?? 0;
}

/** R5 on one money amount: at most two decimals (万元 with two decimals), written without a leading zero. */
function checkMoneyText(node: AmountItem | TaskAmount, label: string, accept: ValidationAcceptor): void {
    const text = node.value;
    if (text === undefined) return;
    // The fix's text only where there is a finding: formatting every amount costs more than the check.
    const fixed = () => money(parseNumber(text));
    if (decimalsOf(text) > 2) {
        report(accept, 'warning', `「${label}」${text} 有${decimalsOf(text)}位小数：金额以万元为单位，最多保留两位小数。`,
            { node, property: 'value' }, BudgetCode.amountFormat, { text: fixed() });
    } else if (!wellFormed.test(text)) {
        report(accept, 'warning', `「${label}」${text} 写法不规范：整数部分不以 0 开头，千分位写作 1,234.56。`,
            { node, property: 'value' }, BudgetCode.amountFormat, { text: fixed() });
    }
}

/** R5, and 基本信息 counts (财政供养人员数, 下属二级单位数) are whole numbers. */
export function checkAmountFormat(item: AmountItem, accept: ValidationAcceptor): void {
    if (item.value === undefined) return;
    if (item.$container.$type !== 'BasicInfo') {
        checkMoneyText(item, item.key, accept);
    } else if (decimalsOf(item.value) > 0 || !wellFormed.test(item.value)) {
        report(accept, 'warning', `「${item.key}」${item.value} 应为不以 0 开头的整数（人数、单位数）。`,
            { node: item, property: 'value' }, BudgetCode.amountFormat);
    }
}

export function checkTaskAmountFormat(amount: TaskAmount, accept: ValidationAcceptor): void {
    checkMoneyText(amount, '拟投入资金', accept);
}

/** The money an indicator's costs are paid from: its project's 总计, or its 部门整体 table's budget. */
function ceilingOf(indicator: Indicator): Ceiling | undefined {
    const project = containerOf(indicator, 'Project') as Project | undefined;
    if (project) {
        const declaration = containerOf(project, 'ProjectDeclaration') as ProjectDeclaration | undefined;
        const analysis = declaration && analyseProjectTable(declaration);
        const row = analysis?.exact ? findRow(analysis.root, project) : undefined;
        const amount = row && rowAmount(row, '总计');
        return amount === undefined ? undefined : { amount, label: `${named('项目', project.name)}的资金总计` };
    }
    // A 部门整体 table's 成本 targets are paid from the budget its tasks are measured against.
    const department = containerOf(indicator, 'DepartmentDeclaration') as DepartmentDeclaration | undefined;
    const analysis = department && analyseDepartment(department);
    const ceiling = analysis && budgetCeiling(analysis);
    return ceiling && { amount: ceiling.amount, label: `本表预算（${ceiling.label}）` };
}

function findRow(row: FundRow, project: Project): FundRow | undefined {
    if (row.owner === project) return row;
    for (const child of row.children) {
        const found = findRow(child, project);
        if (found) return found;
    }
    return undefined;
}

/** 「≤1,500,000元」（150.00万元）: the amount as the table writes it, unless the value is in 万元 already. */
function inWanUnlessSo(context: { parsed: { kind: string; unit?: string | null } }, cap: number): string {
    return context.parsed.unit === '万元' ? '' : `（合${inWan(cap)}）`;
}

/** A 成本 target that allows more than the money there is (RULES §3.1 预算支出标准「不得超出」): it caps nothing. */
export function checkCostWithinBudget(indicator: Indicator, accept: ValidationAcceptor): void {
    for (const { context, cap, ceiling } of costsOverBudget(indicator, ceilingOf)) {
        const role = context.role === 'annual' ? '年度指标值' : '指标值';
        report(accept, 'warning',
            `成本指标「${indicator.name}」的${role}「${context.text}」${inWanUnlessSo(context, cap)}超过${ceiling.label}${money(ceiling.amount)}万元：`
            + `成本指标反映成本的预期控制范围（财预〔2021〕101号），不应超出预算：请按实际预算写上限，如 ≤${money(ceiling.amount)}万元。`,
            { node: context.node }, BudgetCode.costOverBudget, { ceiling: ceiling.amount });
    }
}

export function createBudgetChecks(_services: JxmbServices): ValidationChecks<JxmbAstType> {
    return {
        DepartmentDeclaration: [
            checkSpendingMatchesSources, checkDevelopmentOutsideProjects, checkSourcesMatchLevels, checkMissingBudgetAmounts, checkTasksWithinBudget
        ],
        ProjectDeclaration: [checkRowTotals, checkRollups, checkMissingFunds],
        Project: [checkProjectGoal, checkProjectIndicators],
        Indicator: checkCostWithinBudget,
        AmountItem: checkAmountFormat,
        TaskAmount: checkTaskAmountFormat
    };
}
