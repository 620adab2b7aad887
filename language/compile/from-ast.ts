import type * as ast from '../generated/ast.js';
import { parseValue } from '../domain/values.js';
import { level1ByName, level2ByName } from '../domain/taxonomy.js';
import { parseNumber } from './numbers.js';
import { withSecretPlaceholders } from './secret.js';
import { BASIC_INFO_CELLS, budgetFieldOf, FUND_CELLS } from './table-fields.js';
import {
    MODEL_VERSION, type BasicInfo, type Cell, type Declaration, type DeclarationFile, type DepartmentBudget,
    type DepartmentDeclaration, type Funds, type Indicator, type IndicatorList, type IndicatorValue,
    type ProjectExpenditureDeclaration, type SpendingUnit, type Task
} from './model.js';

// AST → canonical model. The AST may come from a file with domain errors (the seeds have many): the model keeps
// what is written, it does not judge. Only syntax errors stop compilation, and the caller checks those first. A 保密
// project's empty 绩效目标 and 绩效指标 get the table's placeholder (compile/secret.ts): that is how the table says 保密.

export function documentToModel(document: ast.Document): DeclarationFile {
    return { version: MODEL_VERSION, declarations: document.declarations.map(declarationToModel) };
}

function declarationToModel(declaration: ast.Declaration): Declaration {
    return declaration.$type === 'DepartmentDeclaration' ? departmentToModel(declaration) : projectDeclarationToModel(declaration);
}

function yearOf(year: string | undefined): number | null {
    return year === undefined ? null : parseNumber(year);
}

function cellOf(item: { value?: string; blank: boolean }): Cell {
    return item.value === undefined ? null : parseNumber(item.value);
}

function departmentToModel(node: ast.DepartmentDeclaration): DepartmentDeclaration {
    const model: DepartmentDeclaration = {
        kind: 'department', unit: node.unit, year: yearOf(node.year), title: null, singleValueColumn: false,
        basicInfo: null, budget: null, overallGoal: null, tasks: [], otherTasks: null, indicators: [], remark: null
    };
    for (const member of node.members) {
        switch (member.$type) {
            case 'TitleField': model.title = member.text; break;
            case 'SingleValueColumn': model.singleValueColumn = true; break;
            case 'BasicInfo': model.basicInfo = basicInfoOf(member.items); break;
            case 'Budget': model.budget = budgetOf(member); break;
            case 'OverallGoal': model.overallGoal = member.text; break;
            case 'Task': model.tasks.push(taskOf(member)); break;
            case 'OtherTasks': model.otherTasks = member.text; break;
            case 'IndicatorTree': model.indicators.push(indicatorListOf(member)); break;
            case 'Remark': model.remark = member.text; break;
        }
    }
    return model;
}


function basicInfoOf(items: ast.AmountItem[]): BasicInfo {
    const info: BasicInfo = {};
    for (const item of items) {
        const field = BASIC_INFO_CELLS.find(c => c.label === item.key)?.field;
        if (field) info[field] = cellOf(item);
    }
    return info;
}


function budgetOf(node: ast.Budget): DepartmentBudget {
    const budget: DepartmentBudget = {};
    const items = node.entries.flatMap(entry => entry.$type === 'BudgetGroup' ? entry.items : [entry]);
    for (const item of items) {
        const field = budgetFieldOf(item.key);
        if (!field) continue;
        budget[field] = cellOf(item);
        if (field === 'ownLevelFunds') budget.ownLevelLabel = item.key;
        if (field === 'transferPayments') budget.transferLabel = item.key;
    }
    return budget;
}

function taskOf(node: ast.Task): Task {
    const task: Task = { name: node.name, content: null, amount: null, expectedGoal: null };
    for (const member of node.members) {
        switch (member.$type) {
            case 'TaskContent': task.content = member.text; break;
            case 'TaskAmount': task.amount = cellOf(member); break;
            case 'TaskGoal': task.expectedGoal = member.text; break;
        }
    }
    return task;
}

function projectDeclarationToModel(node: ast.ProjectDeclaration): ProjectExpenditureDeclaration {
    const model: ProjectExpenditureDeclaration = {
        kind: 'project', unit: node.unit, year: yearOf(node.year), title: null, total: null, spendingUnits: [], remark: null
    };
    for (const member of node.members) {
        switch (member.$type) {
            case 'TitleField': model.title = member.text; break;
            case 'Total': model.total = fundsOf(member.items); break;
            case 'SpendingUnit': model.spendingUnits.push(spendingUnitOf(member)); break;
            case 'Remark': model.remark = member.text; break;
        }
    }
    return model;
}


function fundsOf(items: ast.AmountItem[]): Funds {
    const funds: Funds = {};
    for (const item of items) {
        const field = FUND_CELLS.find(c => c.label === item.key)?.field;
        if (field) funds[field] = cellOf(item);
    }
    return funds;
}

function spendingUnitOf(node: ast.SpendingUnit): SpendingUnit {
    const unit: SpendingUnit = { name: node.name, funds: null, projects: [] };
    for (const member of node.members) {
        if (member.$type === 'Funds') {
            unit.funds = fundsOf(member.items);
        } else {
            const project = { name: member.name, secret: member.secret, funds: null as Funds | null, goal: null as string | null, indicators: [] as IndicatorList[] };
            for (const m of member.members) {
                switch (m.$type) {
                    case 'Funds': project.funds = fundsOf(m.items); break;
                    case 'ProjectGoal': project.goal = m.text; break;
                    case 'IndicatorTree': project.indicators.push(indicatorListOf(m)); break;
                }
            }
            unit.projects.push(withSecretPlaceholders(project));
        }
    }
    return unit;
}

function indicatorListOf(node: ast.IndicatorTree): IndicatorList {
    return {
        groups: node.groups.map(group => ({
            name: group.category,
            code: level1ByName(group.category)?.code ?? null,
            blocks: group.blocks.map(block => ({
                name: block.category,
                code: level2ByName(block.category)?.code ?? null,
                indicators: block.indicators.map(indicatorOf)
            }))
        }))
    };
}

function indicatorOf(node: ast.Indicator): Indicator {
    if (node.value) {
        const value = valueOf(node.value);
        return { name: node.name, sameValue: true, period: value, annual: value };
    }
    return {
        name: node.name,
        sameValue: false,
        period: node.period ? valueOf(node.period) : null,
        annual: node.annual ? valueOf(node.annual) : null
    };
}

const operatorForms: Record<string, string> = {
    '>=': '≥', '≧': '≥', '＞＝': '≥', '<=': '≤', '≦': '≤', '＜＝': '≤', '＞': '>', '＜': '<', '＝': '='
};

function canonicalOperator(op: string | undefined): string {
    return op === undefined ? '' : operatorForms[op] ?? op;
}

function canonicalUnit(unit: string | undefined): string {
    return unit === undefined ? '' : unit === '％' ? '%' : unit;
}

function canonicalNumber(text: string): string {
    return text.replace(/,/g, '');
}

// Several checks ask for each value's text (some four times a value): built once per node, so that the text is one
// flat string whose hash the readings' memo computes once. Read-only, like the node; a new node on each edit.
const cellTexts = new WeakMap<ast.Value, { text: string; form: IndicatorValue['form'] }>();

/** The cell text of a value: verbatim for a quoted text, canonical for the DSL's structured forms. */
export function valueText(node: ast.Value): { text: string; form: IndicatorValue['form'] } {
    let cell = cellTexts.get(node);
    if (!cell) cellTexts.set(node, cell = cellTextOf(node));
    return cell;
}

function cellTextOf(node: ast.Value): { text: string; form: IndicatorValue['form'] } {
    switch (node.$type) {
        // While a file is being typed, the parser recovers with nodes whose text is still missing.
        case 'TextValue': return { text: node.text ?? '', form: 'text' };
        case 'DateValue': return { text: canonicalOperator(node.op) + node.date, form: 'date' };
        case 'RangeValue': return { text: `${canonicalNumber(node.min)}~${canonicalNumber(node.max)}${canonicalUnit(node.unit)}`, form: 'range' };
        case 'QuantityValue': return { text: canonicalOperator(node.op) + canonicalNumber(node.number) + canonicalUnit(node.unit), form: 'quantity' };
    }
}

/** A value as the model holds it: cell text, how it was written, and the value parser's reading. */
export function valueOf(node: ast.Value): IndicatorValue {
    const { text, form } = valueText(node);
    return { text, form, parsed: parseValue(text) };
}
