import { quote } from '../value-converter.js';
import { formatExactAmount, plainNumber } from './numbers.js';
import { BASIC_INFO_CELLS, BUDGET_GROUPS, FUND_CELLS } from './table-fields.js';
import type {
    BasicInfo, Cell, Declaration, DeclarationFile, DepartmentBudget, DepartmentDeclaration, Funds, Indicator,
    IndicatorList, IndicatorValue, ProjectExpenditureDeclaration, Task
} from './model.js';

// Canonical model → .jxmb source, laid out the way the samples are. The importer writes its output through this,
// and parse → model → print → parse gives the same model (a test holds every sample to it).

const INDENT = '    ';

class Lines {
    readonly lines: string[] = [];
    private depth = 0;

    line(text: string): void {
        this.lines.push(INDENT.repeat(this.depth) + text);
    }

    block(head: string, body: () => void): void {
        const at = this.lines.length;
        this.line(head + ' {');
        this.depth++;
        body();
        this.depth--;
        // An empty block on one line, as the formatter writes it (lsp/format/layout.ts): `经济效益指标 { }`.
        if (this.lines.length === at + 1) this.lines[at] += ' }';
        else this.line('}');
    }
}

export function printModel(model: DeclarationFile): string {
    const out = new Lines();
    model.declarations.forEach((declaration, index) => {
        if (index > 0) out.lines.push('');
        printDeclaration(out, declaration);
    });
    return out.lines.join('\n') + '\n';
}

function printDeclaration(out: Lines, declaration: Declaration): void {
    const year = declaration.year === null ? '' : ` 年度 ${plainNumber(declaration.year)}`;
    if (declaration.kind === 'department') {
        out.block(`部门整体 ${quote(declaration.unit)}${year}`, () => printDepartment(out, declaration));
    } else {
        out.block(`项目支出 ${quote(declaration.unit)}${year}`, () => printProjectDeclaration(out, declaration));
    }
}

function cell(value: Cell): string {
    return value === null ? '空' : formatExactAmount(value);
}

/** `key value` pairs of the cells that were written, in table order. */
function cells<T extends object>(record: T, fields: Array<[keyof T, string]>): string {
    return fields
        .filter(([field]) => record[field] !== undefined)
        .map(([field, label]) => `${label} ${cell(record[field] as Cell)}`)
        .join('  ');
}

function printText(out: Lines, keyword: string, text: string | null): void {
    if (text !== null) out.line(`${keyword} ${quote(text)}`);
}

function printDepartment(out: Lines, d: DepartmentDeclaration): void {
    printText(out, '标题', d.title);
    if (d.singleValueColumn) out.line('单列指标值');
    if (d.basicInfo) printBasicInfo(out, d.basicInfo);
    if (d.budget) printBudget(out, d.budget);
    printText(out, '总体绩效目标', d.overallGoal);
    d.tasks.forEach(task => printTask(out, task));
    printText(out, '其他需完成的任务', d.otherTasks);
    d.indicators.forEach(list => printIndicatorList(out, list));
    printText(out, '备注', d.remark);
}

function printBasicInfo(out: Lines, info: BasicInfo): void {
    const counts = BASIC_INFO_CELLS
        .filter(({ field }) => info[field] !== undefined)
        .map(({ field, label }) => `${label} ${info[field] === null ? '空' : plainNumber(info[field]!)}`);
    out.line(`基本信息 { ${counts.join('  ')} }`.replace('{  }', '{ }'));
}

function printBudget(out: Lines, b: DepartmentBudget): void {
    const labelOf = (field: string, labels: readonly string[]) =>
        field === 'ownLevelFunds' ? b.ownLevelLabel ?? labels[0]! : field === 'transferPayments' ? b.transferLabel ?? labels[0]! : labels[0]!;
    out.block('预算', () => {
        for (const { group, cells: groupCells } of BUDGET_GROUPS) {
            const written = cells(b, groupCells.map(({ field, labels }) => [field, labelOf(field, labels)] as [keyof DepartmentBudget, string]));
            if (written) out.line(`${group} { ${written} }`);
        }
    });
}

function printTask(out: Lines, task: Task): void {
    out.block(`任务 ${quote(task.name)}`, () => {
        printText(out, '主要实施内容', task.content);
        out.line(`拟投入资金 ${cell(task.amount)}`);
        printText(out, '期望目标', task.expectedGoal);
    });
}

function printProjectDeclaration(out: Lines, d: ProjectExpenditureDeclaration): void {
    printText(out, '标题', d.title);
    if (d.total) out.line(`合计 { ${printFunds(d.total)} }`);
    for (const unit of d.spendingUnits) {
        out.block(`单位 ${quote(unit.name)}`, () => {
            if (unit.funds) out.line(`资金 { ${printFunds(unit.funds)} }`);
            for (const project of unit.projects) {
                out.block(`项目 ${quote(project.name)}${project.secret ? ' 保密' : ''}`, () => {
                    if (project.funds) out.line(`资金 { ${printFunds(project.funds)} }`);
                    printText(out, '绩效目标', project.goal);
                    project.indicators.forEach(list => printIndicatorList(out, list));
                });
            }
        });
    }
    printText(out, '备注', d.remark);
}

function printFunds(funds: Funds): string {
    return cells(funds, FUND_CELLS.map(({ field, label }) => [field, label] as [keyof Funds, string]));
}

function printIndicatorList(out: Lines, list: IndicatorList): void {
    out.block('绩效指标', () => {
        for (const group of list.groups) {
            out.block(group.name, () => {
                for (const block of group.blocks) {
                    out.block(block.name, () => block.indicators.forEach(indicator => out.line(printIndicator(indicator))));
                }
            });
        }
    });
}

export function printValue(value: IndicatorValue): string {
    return value.form === 'text' ? quote(value.text) : value.text;
}

export function printIndicator(indicator: Indicator): string {
    const name = quote(indicator.name);
    if (indicator.sameValue && indicator.period) {
        return `${name}：${printValue(indicator.period)}`;
    }
    const parts = [name];
    if (indicator.period) parts.push(`实施周期：${printValue(indicator.period)}`);
    if (indicator.annual) parts.push(`年度：${printValue(indicator.annual)}`);
    return parts.join(' ');
}
