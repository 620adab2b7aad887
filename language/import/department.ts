import { formatAmount } from '../compile/numbers.js';
import type { BasicInfo, DepartmentBudget, DepartmentDeclaration, IndicatorList, Task } from '../compile/model.js';
import { readAmount, readCount } from './amounts.js';
import { amountOf, cleanText, compact } from './cells.js';
import { readDepartmentIndicators } from './department-indicators.js';
import type { Origins } from './origins.js';
import type { Placement } from './placement.js';
import { repeatsRow, sameContent, skipRepeatedRow, withoutCopiesAcross } from './filled-merges.js';
import { filled, isEmptyCell, isMergeCopy, type SourceCell, type SourceTable } from './source.js';
import {
    basicInfoField, budgetField, departmentSection, indicatorHeading, isBudgetHeading, isFooter, OWN_LEVEL_LABELS, taskHeading, titleCell,
    TRANSFER_LABELS, unitCaptionNote,
    type DepartmentSection
} from './vocabulary.js';

// The 部门整体预算绩效目标申报表 recogniser (RULES §1A). Rows are assigned to the table's sections by their label
// (部门名称, 预算整体情况 …, 绩效指标, 备注); a row without a label belongs to the section above it, which is how merged
// label cells and page breaks come out in every input form. Inside a section, cells are read by their words.

/** The name of a totals row (合计, 小计, 总计), not of a task. */
const TOTAL_ROW = /^(?:合计|小计|总计)$/;

export interface RecogniserContext {
    placement: Placement;
    /** cells come from text extraction: remove layout whitespace (cells.ts cleanText) */
    extracted: boolean;
    /** where each model piece came from, for the reviewer's report */
    origins: Origins;
}

export function recogniseDepartment(table: SourceTable, ctx: RecogniserContext): DepartmentDeclaration {
    const d: DepartmentDeclaration = {
        kind: 'department', unit: '', year: null, title: null, singleValueColumn: false, basicInfo: null, budget: null,
        overallGoal: null, tasks: [], otherTasks: null, indicators: [], remark: null
    };
    const reader = new DepartmentReader(d, ctx);
    let section: DepartmentSection | 'head' = 'head';
    const indicatorRows: SourceCell[][] = [];
    /** the table's last row is in the 绩效指标 block (no 备注, no sign-off line after it) */
    let endsInIndicators = false;
    table.rows.forEach((row, i) => {
        const cells = filled(row);
        if (cells.length === 0) return;
        if (repeatsRow(row, table.rows[i - 1])) return skipRepeatedRow(row, ctx.placement);
        if (isFooter(cells[0]!.text)) {
            endsInIndicators = false;
            for (const cell of cells) ctx.placement.unplaced(cell, '表尾的签字、联系信息：模型中没有对应的栏目');
            return;
        }
        if (repeatsTitle(d, cells)) {
            ctx.placement.use(cells[0]);
            ctx.placement.note(cells[0]!.where, '标题在分页处重复：按同一张表继续读取。');
            return;
        }
        const labelled = departmentSection(cells[0]!.text);
        if (labelled) section = labelled;
        else if (cells.some(cell => indicatorHeading(cell.text) === 'level3')) section = 'indicators';
        else if (section !== 'tasks' && cells.some(cell => taskHeading(cell.text) === 'content')) section = 'tasks';
        endsInIndicators = section === 'indicators';
        if (section === 'indicators') indicatorRows.push(row);
        else reader.read(section, row, cells, labelled !== null);
    });
    if (indicatorRows.length > 0) {
        const { list, singleValueColumn, shortLastRow } = readDepartmentIndicators(indicatorRows, ctx);
        ctx.origins.set(list, '', filled(indicatorRows[0]!)[0]);
        d.indicators.push(list);
        d.singleValueColumn = singleValueColumn;
        if (endsInIndicators) noteCutShort(d, list, shortLastRow, indicatorRows, ctx);
    }
    return d;
}

/**
 * A table that ends inside its 绩效指标 block may have been cut off (a file truncated, a copy that stopped short):
 * said when its last 三级 lacks a value, or when a whole form (its budget, goal or tasks above) has nothing after
 * 产出指标 — every form goes on to 效益 and 满意度; an extract of the indicator block alone may stop anywhere.
 */
function noteCutShort(d: DepartmentDeclaration, list: IndicatorList, shortLastRow: SourceCell | null, rows: readonly SourceCell[][], ctx: RecogniserContext): void {
    const wholeForm = d.budget !== null || d.overallGoal !== null || d.tasks.length > 0;
    const check = '表格可能不完整（文件被截断，或复制时少了后面的行），请与原表核对。';
    if (shortLastRow) {
        ctx.placement.note(shortLastRow.where, `表格在三级指标「${compact(shortLastRow.text)}」这一行结束，这一行缺少指标值：${check}`);
    } else if (wholeForm && list.groups.length > 0 && list.groups.every(group => group.code === '1')) {
        const last = filled(rows[rows.length - 1]!);
        ctx.placement.note(last[last.length - 1]!.where, `表格在绩效指标的产出指标之后就结束了，没有效益指标、满意度指标：${check}`);
    }
}

/** A one-cell row saying the title already read: the page header printed again after a page break. */
function repeatsTitle(d: DepartmentDeclaration, cells: readonly SourceCell[]): boolean {
    return d.title !== null && cells.length === 1 && compact(cells[0]!.text).replace(/^#+/, '') === compact(d.title);
}

/** The cells a task row was read from. */
interface TaskCells {
    name?: SourceCell;
    content?: SourceCell;
    amount?: SourceCell;
    goal?: SourceCell;
}

class DepartmentReader {
    private taskColumns: Partial<Record<'name' | 'content' | 'amount' | 'goal', number>> = {};
    /** the task the row just read belongs to, for a row continuing it (filled down from merged cells) */
    private lastTask: { task: Task; cells: TaskCells } | null = null;
    /** how many parts (lines) 备注 has so far */
    private remarkParts = 0;

    constructor(private readonly d: DepartmentDeclaration, private readonly ctx: RecogniserContext) {}

    private text(cell: SourceCell): string {
        return cleanText(cell.text, this.ctx.extracted);
    }

    read(section: DepartmentSection | 'head', row: SourceCell[], cells: SourceCell[], labelled: boolean): void {
        if (section !== 'tasks') {
            // Outside the task rows every row holds one value per label: a cell repeating its left neighbour is a
            // merged cell filled across (the title, 部门名称, an amount over two columns, 总体绩效目标, 备注).
            cells = withoutCopiesAcross(cells, this.ctx.placement);
            this.lastTask = null;
        }
        const label = labelled ? cells[0]! : null;
        const rest = labelled ? cells.slice(1) : cells;
        switch (section) {
            case 'head': return this.head(cells);
            case 'unit': return this.unit(label, rest);
            case 'basicInfo': return this.pairs(label, row, cells, 'basicInfo');
            case 'budget': return this.pairs(label, row, cells, 'budget');
            case 'overallGoal': return this.freeText(label, rest, 'overallGoal');
            case 'otherTasks': return this.freeText(label, rest, 'otherTasks');
            case 'tasks': return this.task(label, cells);
            case 'remark': return this.remark(label, rest);
        }
    }

    /**
     * Rows above 部门名称: the first cell naming the form is the title, whatever stands beside it; 「单位：万元」 is
     * the unit of the amounts. Anything else there (「附件2」) is left to the report.
     */
    private head(cells: SourceCell[]): void {
        for (const cell of cells) {
            const note = unitCaptionNote(cell.text);
            if (note === null) continue;
            this.ctx.placement.use(cell);
            if (note) this.ctx.placement.note(cell.where, note);
        }
        const title = titleCell(cells);
        if (this.d.title === null && title) {
            this.d.title = this.text(title).replace(/^#+\s*/, '');
            this.ctx.placement.use(title);
            this.ctx.origins.set(this.d, 'title', title);
        }
    }

    private unit(label: SourceCell | null, rest: SourceCell[]): void {
        // A second 部门名称 (a repeated page header) is only placed when it says the same; else the report has it.
        const inline = label ? /^部门名称\s*[:：]\s*([\s\S]*)$/.exec(label.text)?.[1]?.trim() : undefined;
        const valueCell = inline ? label! : rest[0];
        const value = inline ? cleanText(inline, this.ctx.extracted) : valueCell ? this.text(valueCell) : '';
        if (!inline) this.ctx.placement.use(label ?? undefined);
        if (!valueCell) return;
        if (!this.d.unit) this.d.unit = value;
        if (this.d.unit === value) {
            this.ctx.placement.use(valueCell);
            this.ctx.origins.set(this.d, 'unit', valueCell);
        }
        else this.ctx.placement.unplaced(valueCell, `表中第二个部门名称与「${this.d.unit}」不同`);
    }

    /** 基本信息 and 预算整体情况: item labels, each followed by its amount in the next cell. */
    private pairs(label: SourceCell | null, row: SourceCell[], cells: SourceCell[], block: 'basicInfo' | 'budget'): void {
        this.ctx.placement.use(label ?? undefined);
        for (const cell of cells) {
            if (cell === label) continue;
            if (isBudgetHeading(cell.text)) {
                this.ctx.placement.use(cell);
                continue;
            }
            // The amount is the next cell that holds something (an empty column inserted between them is passed
            // over); a label there (or nothing) means the amount cell was blank: the cell right of the label, if any.
            const after = row.slice(row.indexOf(cell) + 1);
            const next = after.find(c => !isEmptyCell(c));
            const valueCell = next && !budgetField(next.text) && !basicInfoField(next.text) && !isBudgetHeading(next.text) ? next
                : isEmptyCell(after[0]) ? after[0] : undefined;
            if (block === 'basicInfo') {
                const field = basicInfoField(cell.text);
                if (!field) continue;
                const info: BasicInfo = (this.d.basicInfo ??= {});
                if (field in info) continue;
                this.ctx.placement.use(cell);
                info[field] = readCount(valueCell, this.ctx.placement, compact(cell.text));
                this.ctx.origins.set(info, '', label ?? cell);
                this.ctx.origins.set(info, field, valueCell ?? cell);
            } else {
                const field = budgetField(cell.text);
                if (!field) continue;
                const budget: DepartmentBudget = (this.d.budget ??= {});
                if (field in budget) continue;
                this.ctx.placement.use(cell);
                budget[field] = readAmount(valueCell, this.ctx.placement, compact(cell.text));
                this.ctx.origins.set(budget, '', label ?? cell);
                this.ctx.origins.set(budget, field, valueCell ?? cell);
                if (field === 'ownLevelFunds') budget.ownLevelLabel = this.levelLabel(cell, OWN_LEVEL_LABELS, '本级使用资金');
                if (field === 'transferPayments') budget.transferLabel = this.levelLabel(cell, TRANSFER_LABELS, '拟用于对下转移支付资金');
            }
        }
    }

    /** 区本级使用资金 … as written when the .jxmb form has that spelling; otherwise the general one, noted. */
    private levelLabel(cell: SourceCell, allowed: readonly string[], fallback: string): string {
        const written = compact(cell.text);
        if (allowed.includes(written)) return written;
        this.ctx.placement.note(cell.where, `「${written}」在 .jxmb 中写作「${fallback}」。`);
        return fallback;
    }

    /**
     * 总体绩效目标 / 其他需完成的任务: the text after the label; rows continuing it are added on new lines. The
     * optional 其他需完成的任务 row stands in every official table (compile writes it for an absent one): left
     * empty, it says nothing, and nothing is imported (a round trip through a compiled workbook stays the same).
     */
    private freeText(label: SourceCell | null, rest: SourceCell[], field: 'overallGoal' | 'otherTasks'): void {
        this.ctx.placement.use(label ?? undefined);
        const [text, ...extra] = rest;
        if (label && field === 'overallGoal') this.d[field] ??= '';
        if (text) {
            const value = this.text(text);
            this.d[field] = this.d[field] ? `${this.d[field]}\n${value}` : value;
            this.ctx.placement.use(text);
        }
        this.ctx.origins.set(this.d, field, text ?? label ?? undefined);
        for (const cell of extra) this.ctx.placement.unplaced(cell, `「${field === 'overallGoal' ? '总体绩效目标' : '其他需完成的任务'}」一行只有一格文字，此格多余`);
    }

    /** 年度重点工作任务: the header row, then one row per task (名称, 主要实施内容, 拟投入的资金, 期望达到的目标). */
    private task(label: SourceCell | null, cells: SourceCell[]): void {
        const written = cells.filter(cell => cell !== label && !(compact(cell.text) === '年度重点工作任务'));
        for (const cell of cells) if (cell === label || compact(cell.text) === '年度重点工作任务') this.ctx.placement.use(cell);
        if (written.length === 0) return;
        if (written.some(cell => taskHeading(cell.text) === 'content')) {
            // A heading filled across (期望达到的目标 over two columns) names its first column only.
            this.lastTask = null;
            for (const cell of withoutCopiesAcross(written, this.ctx.placement)) {
                const heading = taskHeading(cell.text);
                if (heading) {
                    this.taskColumns[heading] = cell.col;
                    this.ctx.placement.use(cell);
                }
            }
            return;
        }
        const columns = this.taskColumns;
        const known = Object.values(columns);
        // A copy filled across stands in a column the header gives no field; without a whole header, none is told.
        const data = withoutCopiesAcross(written, this.ctx.placement, cell => known.length < 4 || known.includes(cell.col));
        const byColumn = known.length === 4 && data.every(cell => known.includes(cell.col));
        let name: SourceCell | undefined, content: SourceCell | undefined, amount: SourceCell | undefined, goal: SourceCell | undefined;
        if (byColumn) {
            [name, content, amount, goal] = (['name', 'content', 'amount', 'goal'] as const).map(k => data.find(cell => cell.col === columns[k]));
        } else {
            // Shifted or header-less rows: the amount anchors the row; 名称 and 内容 stand before it, 目标 after it.
            const k = data.findIndex((cell, i) => i > 0 && amountOf(cell) !== undefined);
            const before = k < 0 ? data.slice(0, 2) : data.slice(0, k);
            const after = k < 0 ? data.slice(2) : data.slice(k + 1);
            [name, content] = before;
            amount = k < 0 ? undefined : data[k];
            goal = after[0];
            for (const cell of [...before.slice(2), ...after.slice(1)]) this.ctx.placement.unplaced(cell, '任务一行多出的单元格，无法判断属于名称、内容还是目标');
        }
        if (name && TOTAL_ROW.test(compact(name.text))) return this.taskTotal(name, [content, amount, goal]);
        if (this.continuesTask({ name, content, amount, goal })) return;
        const task: Task = {
            name: name ? this.text(name) : '',
            content: content ? this.text(content) : null,
            amount: this.sharedAmount(amount) ? null : readAmount(amount, this.ctx.placement, '拟投入的资金'),
            expectedGoal: goal ? this.text(goal) : null
        };
        this.ctx.placement.use(name, content, goal);
        const origins = this.ctx.origins;
        origins.set(task, '', name ?? data[0]);
        origins.set(task, 'name', name);
        origins.set(task, 'content', content);
        origins.set(task, 'amount', amount ?? name);
        origins.set(task, 'expectedGoal', goal);
        this.d.tasks.push(task);
        this.lastTask = { task, cells: { name, content, amount, goal } };
    }

    /**
     * A 合计/小计 row under the tasks sums their amounts: no task (it would count everything twice), and the model
     * has no field for it, so the report keeps it, compared with the tasks above.
     */
    private taskTotal(label: SourceCell, rest: Array<SourceCell | undefined>): void {
        const cells = [label, ...rest.filter((cell): cell is SourceCell => !isEmptyCell(cell))];
        this.ctx.placement.use(...cells);
        const written = amountOf(rest[1]);
        const sum = this.d.tasks.reduce((total, task) => total + (task.amount ?? 0), 0);
        const compared = typeof written !== 'number' ? ''
            : Math.abs(written - sum) < 0.005 ? `，与上方各任务之和 ${formatAmount(sum)} 相符`
            : `，上方各任务之和为 ${formatAmount(sum)}，两者不符`;
        const amount = typeof written === 'number' ? ` ${formatAmount(written)} ` : '';
        this.ctx.placement.note(label.where, `「${compact(label.text)}」行${amount}是任务金额的合计，不是一项任务：未作为任务导入${compared}。`);
    }

    /**
     * One amount merged over the rows of several tasks is what they cost together: counted once, on the first of
     * them (ΣK must not count it twice); the others are left blank, and the report says so.
     */
    private sharedAmount(amount: SourceCell | undefined): boolean {
        if (!isMergeCopy(amount) || isEmptyCell(amount)) return false;
        this.ctx.placement.use(amount);
        const first = this.d.tasks[this.d.tasks.length - 1]?.name ?? '';
        this.ctx.placement.note(amount!.where, `拟投入的资金在合并单元格 ${amount!.merge} 中，由几项任务共用：金额只计入第一项任务「${first}」，此任务记为空。`);
        return true;
    }

    /**
     * A row whose 名称 and 拟投入的资金 repeat the task just read is that task filled down from merged cells: its
     * 内容 or 目标 cell is a copy where it repeats the cell above, a further line of the task where it differs. Two
     * tasks of one name with different amounts stay two.
     */
    private continuesTask(row: TaskCells): boolean {
        const last = this.lastTask;
        // A name merged over the rows is one task however its amount is drawn, unless the row has an amount of its own.
        const merged = isMergeCopy(row.name) && (isEmptyCell(row.amount) || isMergeCopy(row.amount));
        if (!last || isEmptyCell(row.name) || !sameContent(row.name, last.cells.name) || !(merged || sameContent(row.amount, last.cells.amount))) return false;
        this.ctx.placement.use(row.name, row.amount, row.content, row.goal);
        const lines: Array<[SourceCell | undefined, SourceCell | undefined, 'content' | 'expectedGoal']> = [
            [row.content, last.cells.content, 'content'], [row.goal, last.cells.goal, 'expectedGoal']
        ];
        let added = false;
        for (const [cell, above, field] of lines) {
            if (isEmptyCell(cell) || sameContent(cell, above)) continue;
            const text = this.text(cell!);
            last.task[field] = last.task[field] ? `${last.task[field]}\n${text}` : text;
            this.ctx.origins.set(last.task, field, cell);
            added = true;
        }
        const more = added ? '此行不同的内容另起一行接在该任务之后' : '只读取一次';
        const why = merged ? '名称是跨几行的合并单元格' : '名称和拟投入的资金与上一行相同（合并单元格取消合并后逐行填充）';
        this.ctx.placement.note(row.name!.where, `任务「${last.task.name}」的${why}：按同一任务读取，${more}。`);
        last.cells = row;
        return true;
    }

    /** 备注: 「备注」 or 「备注:…」, with its text inline, in the next cells, or on the rows below (one line each). */
    private remark(label: SourceCell | null, rest: SourceCell[]): void {
        // Each part is appended (never the whole remark re-joined): a long tail of rows under 备注 stays linear.
        const add = (part: string) => {
            this.d.remark = this.remarkParts++ === 0 ? part : `${this.d.remark}\n${part}`;
        };
        if (label) {
            this.ctx.placement.use(label);
            const inline = /^备注\s*[:：]?\s*([\s\S]*)$/.exec(this.text(label))?.[1] ?? '';
            if (inline) add(inline);
        }
        const line = rest.map(cell => this.text(cell)).join('\n');
        this.ctx.placement.use(...rest);
        this.ctx.origins.set(this.d, 'remark', label ?? rest[0]);
        if (line) add(line);
        this.d.remark ??= '';
    }
}
