import { flatIndicators } from './flat.js';
import type { Cell, DeclarationFile, DepartmentDeclaration, Funds, ProjectExpenditureDeclaration } from './model.js';
import { formatAmount } from './numbers.js';
import {
    AMOUNT_HEADER, DEPARTMENT_TITLE, PROJECT_HEADERS, PROJECT_TITLE, budgetRows, indicatorHeaders, indicatorRows, paragraphsOf, yearLine,
    type BudgetRow
} from './sheet.js';

// The tables in Markdown, for pasting into documents. Markdown has no merged cells, so each block of the official
// table becomes its own table, and 一级/二级 names stand on the first row of their block only (as a plain-text
// copy of the official table shows them). Multi-line cells use <br>.

/** Escapes what would otherwise be read as Markdown or HTML inside a cell or paragraph. */
export function escapeMarkdown(text: string): string {
    return text
        .replace(/([\\`*_|[\]])/g, '\\$1')
        // `<3起` stays as it is; only a `<` that could open a tag or comment is escaped.
        .replace(/<(?=[A-Za-z/!?])/g, '\\<')
        // `单位&amp;部门` is text: unescaped, a renderer shows it as 单位&部门.
        .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

/** One table cell: escaped, its paragraphs and line breaks joined with <br>. */
function cell(text: string | null | undefined): string {
    if (text === null || text === undefined || text === '') return ' ';
    return paragraphsOf(text).map(escapeMarkdown).join('<br>');
}

function amount(value: Cell | undefined): string {
    return value === null || value === undefined ? ' ' : formatAmount(value);
}

function table(headers: string[], rows: string[][], align?: Array<'l' | 'r'>): string {
    const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
    const rule = headers.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
    return [line(headers.map(cell)), line(rule), ...rows.map(line)].join('\n');
}

/** A block of free text outside a table: one Markdown paragraph per paragraph of the text. */
function paragraphs(text: string | null): string {
    const parts = text ? paragraphsOf(text).filter(p => p.trim() !== '') : [];
    return parts.length ? parts.map(escapeMarkdown).join('\n\n') : '（无）';
}

export function renderMarkdown(model: DeclarationFile): string {
    return model.declarations.map(d => d.kind === 'department' ? department(d) : project(d)).join('\n\n---\n\n') + '\n';
}

function department(d: DepartmentDeclaration): string {
    const title = d.title ?? DEPARTMENT_TITLE;
    const year = yearLine(d.year, title);
    const out: string[] = [`# ${escapeMarkdown(title)}`, `**部门名称**：${escapeMarkdown(d.unit)}${year ? `　　${escapeMarkdown(year)}` : ''}`];
    if (d.basicInfo) {
        const info = d.basicInfo;
        const count = (v: Cell | undefined) => (v === null || v === undefined ? ' ' : String(v));
        out.push('## 基本信息', table(['财政供养人员数', '下属二级单位数'], [[count(info.staff), count(info.subUnits)]], ['r', 'r']));
    }
    const budget = d.budget ? budgetRows(d.budget) : [];
    if (budget.length > 0) {
        // The first header row heads the Markdown table; a later one (the second pair of groups) stands in bold.
        const [head, ...rows] = budget;
        const headerCells = (row: BudgetRow) => [row.left.label, row.left.label && AMOUNT_HEADER, row.right.label, row.right.label && AMOUNT_HEADER];
        out.push('## 预算整体情况', table(
            headerCells(head!).map(text => text ?? ''),
            rows.map(row => row.header
                ? headerCells(row).map(text => text ? `**${escapeMarkdown(text)}**` : ' ')
                : [cell(row.left.label), amount(row.left.amount), cell(row.right.label), amount(row.right.amount)]),
            ['l', 'r', 'l', 'r']
        ));
    }
    out.push('## 总体绩效目标', paragraphs(d.overallGoal));
    out.push('## 年度重点工作任务', table(
        ['名称', '主要实施内容', '拟投入的资金（万元）', '期望达到的目标（概述）'],
        d.tasks.map(t => [cell(t.name), cell(t.content), amount(t.amount), cell(t.expectedGoal)]),
        ['l', 'l', 'r', 'l']
    ));
    out.push('## 其他需完成的任务（可选项）', paragraphs(d.otherTasks));
    const rows = indicatorRows(d.indicators, d.singleValueColumn);
    out.push('## 绩效指标', table(
        indicatorHeaders(d.singleValueColumn),
        rows.map(r => [cell(r.level1?.name), cell(r.level2?.name), cell(r.name), ...r.values.map(cell)])
    ));
    if (d.remark !== null) out.push('## 备注', paragraphs(d.remark));
    return out.join('\n\n');
}

function project(d: ProjectExpenditureDeclaration): string {
    const fundsCells = (f: Funds | null) => [amount(f?.total), amount(f?.fiscalAppropriation), amount(f?.specialAccount), amount(f?.otherFunds)];
    const rows: string[][] = [];
    if (d.total) rows.push(['**合计**', ...fundsCells(d.total), ' ', ' ']);
    for (const unit of d.spendingUnits) {
        rows.push([`**${escapeMarkdown(unit.name)}**`, ...fundsCells(unit.funds), ' ', ' ']);
        for (const p of unit.projects) {
            rows.push([cell(p.name), ...fundsCells(p.funds), cell(p.goal), cell(p.indicators.length ? flatIndicators(p.indicators) : null)]);
        }
    }
    const title = d.title ?? PROJECT_TITLE;
    const year = yearLine(d.year, title);
    const out = [
        `# ${escapeMarkdown(title)}`,
        `部门名称：${escapeMarkdown(d.unit)}${year ? `　　${escapeMarkdown(year)}` : ''}　　单位：万元`,
        table(PROJECT_HEADERS, rows, ['l', 'r', 'r', 'r', 'r', 'l', 'l'])
    ];
    if (d.remark !== null) out.push('## 备注', paragraphs(d.remark));
    return out.join('\n\n');
}
