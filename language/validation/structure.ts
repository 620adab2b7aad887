import type { AstNode, ValidationAcceptor, ValidationChecks } from 'langium';
import { containsType } from '../ast-walk.js';
import {
    isBasicInfo, isBudget, isBudgetGroup, isFunds, isTotal,
    type AmountItem, type BasicInfo, type Budget, type DepartmentDeclaration, type Document, type Funds, type Indicator, type JxmbAstType,
    type Project, type ProjectDeclaration, type SpendingUnit, type Task, type Total
} from '../generated/ast.js';
import { BASIC_INFO_CELLS, BUDGET_GROUPS, FUND_CELLS } from '../compile/table-fields.js';
import { Code } from './codes.js';
import { named } from './labels.js';
import { checkFlatSeparators } from './flat-separator.js';
import { checkLostColon } from './missing-colon.js';
import { checkSecretMark } from './secret.js';

// Which amount keys belong to which block of the table. The grammar accepts any key anywhere so that a key in the
// wrong block is reported here, in words, instead of as a syntax error.
const basicInfoKeys = BASIC_INFO_CELLS.map(c => c.label);
const budgetGroupKeys: Record<string, string[]> = Object.fromEntries(BUDGET_GROUPS.map(g => [g.group, g.cells.flatMap(c => c.labels)]));
const budgetKeys = Object.values(budgetGroupKeys).flat();
const fundKeys = FUND_CELLS.map(c => c.label);

function allowedKeys(container: AstNode): { keys: string[]; where: string } {
    if (isBasicInfo(container)) return { keys: basicInfoKeys, where: '基本信息' };
    if (isBudgetGroup(container)) return { keys: budgetGroupKeys[container.group] ?? [], where: container.group };
    if (isFunds(container)) return { keys: fundKeys, where: '资金' };
    if (isTotal(container)) return { keys: fundKeys, where: '合计' };
    return { keys: budgetKeys, where: '预算' };
}

export function checkAmountPlacement(item: AmountItem, accept: ValidationAcceptor): void {
    const { keys, where } = allowedKeys(item.$container);
    if (!keys.includes(item.key)) {
        accept('error', `「${item.key}」不属于「${where}」，这里可填：${keys.join('、')}。`,
            { node: item, property: 'key', code: Code.misplacedAmount });
    }
}

/** The same amount written twice in one block (in 预算: anywhere in it, groups included): the table has one cell for it. */
export function checkDuplicateAmounts(container: BasicInfo | Budget | Funds | Total, accept: ValidationAcceptor): void {
    const items = isBudget(container) ? container.entries.flatMap(e => isBudgetGroup(e) ? e.items : [e]) : container.items;
    const seen = new Set<string>();
    for (const item of items) {
        if (seen.has(item.key)) {
            accept('error', `「${item.key}」重复填写：表中只有一个该金额单元格。`, { node: item, property: 'key', code: Code.duplicateAmount });
        }
        seen.add(item.key);
    }
}

/** Single-cell fields of a declaration, a task or a project must not be given twice. */
function checkDuplicateMembers(members: AstNode[], single: Record<string, string>, accept: ValidationAcceptor): void {
    const seen = new Set<string>();
    for (const member of members) {
        const label = single[member.$type];
        if (!label) continue;
        if (seen.has(member.$type)) {
            accept('error', `「${label}」只能填写一次。`, { node: member, code: Code.duplicateMember });
        }
        seen.add(member.$type);
    }
}

const departmentSingles = {
    TitleField: '标题', SingleValueColumn: '单列指标值', BasicInfo: '基本信息', Budget: '预算',
    OverallGoal: '总体绩效目标', OtherTasks: '其他需完成的任务', Remark: '备注'
};
const taskSingles = { TaskContent: '主要实施内容', TaskAmount: '拟投入资金', TaskGoal: '期望目标' };
const projectSingles = { Funds: '资金', ProjectGoal: '绩效目标' };

/** A file with no table at all (emptied, or only comments) would otherwise pass as the cleanest of a folder. */
function checkEmptyFile(document: Document, accept: ValidationAcceptor): void {
    if (document.declarations.length > 0) return;
    const start = { line: 0, character: 0 };
    accept('warning', '文件中没有申报表：应有「部门整体」或「项目支出」申报表。', { node: document, range: { start, end: start }, code: Code.emptyFile });
}

/** A 部门整体 table without any 三级 (a 项目 without them is budget/missing-project-indicators). */
function checkMissingIndicators(declaration: DepartmentDeclaration, accept: ValidationAcceptor): void {
    if (containsType(declaration, 'Indicator')) return;
    accept('warning', `${named('部门整体', declaration.unit)}没有三级绩效指标：绩效指标应当包括产出、效益和满意度指标，并设定具体的指标值。`,
        { node: declaration, property: 'unit', code: Code.missingIndicators });
}

/**
 * A 项目支出 table without any 项目 has no 绩效目标 or 三级 to review (a 项目 without them is
 * budget/missing-project-indicators): with no finding it passed a folder review as 通过.
 */
function checkMissingProjects(declaration: ProjectDeclaration, accept: ValidationAcceptor): void {
    if (containsType(declaration, 'Project')) return;
    accept('warning', `${named('项目支出', declaration.unit)}没有项目：应按项目填写资金、绩效目标和三级绩效指标（产出、效益和满意度指标）。`,
        { node: declaration, property: 'unit', code: Code.missingIndicators });
}

/**
 * A name written as "" (an importer keeps a row whose name cell was empty so that its values are not lost): the
 * official table would show an empty 名称 cell. A name a syntax error took is the syntax error's to report.
 */
function checkEmptyName(what: string, name: string | undefined, node: AstNode, property: string, accept: ValidationAcceptor): void {
    if (name === undefined || name.trim() !== '') return;
    accept('error', `${what}为空：官方表格中这一格将是空的，请填写${what}。`, { node, property, code: Code.emptyName });
}

export const structureChecks: ValidationChecks<JxmbAstType> = {
    Document: checkEmptyFile,
    AmountItem: checkAmountPlacement,
    BasicInfo: checkDuplicateAmounts,
    Budget: checkDuplicateAmounts,
    Funds: checkDuplicateAmounts,
    Total: checkDuplicateAmounts,
    DepartmentDeclaration: (node: DepartmentDeclaration, accept) => {
        checkEmptyName('部门名称', node.unit, node, 'unit', accept);
        checkDuplicateMembers(node.members, departmentSingles, accept);
        checkMissingIndicators(node, accept);
    },
    ProjectDeclaration: (node: ProjectDeclaration, accept) => {
        checkEmptyName('部门名称', node.unit, node, 'unit', accept);
        checkMissingProjects(node, accept);
    },
    SpendingUnit: (node: SpendingUnit, accept) => checkEmptyName('资金使用单位名称', node.name, node, 'name', accept),
    Task: (node: Task, accept) => {
        checkEmptyName('年度重点工作任务名称', node.name, node, 'name', accept);
        checkDuplicateMembers(node.members, taskSingles, accept);
    },
    Project: (node: Project, accept) => {
        checkEmptyName('项目名称', node.name, node, 'name', accept);
        checkDuplicateMembers(node.members, projectSingles, accept);
        checkSecretMark(node, accept);
    },
    Indicator: (node: Indicator, accept) => {
        checkEmptyName('三级指标名称', node.name, node, 'name', accept);
        checkLostColon(node, accept);
        checkFlatSeparators(node, accept);
    }
};
