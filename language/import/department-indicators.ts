import type { Indicator, IndicatorList, IndicatorValue, Level1Group, Level2Block } from '../compile/model.js';
import { categoryByCode } from '../domain/taxonomy.js';
import { cleanText, compact } from './cells.js';
import type { Origins } from './origins.js';
import { noteMergedValue, withoutCopiesAcross } from './filled-merges.js';
import type { Placement } from './placement.js';
import { filled, isEmptyCell, isMergeCopy, type SourceCell } from './source.js';
import { importValue, indicatorValues, structuredForm } from './values.js';
import { indicatorHeading, level1Label, level2Label, type CategoryLabel } from './vocabulary.js';

// The 绩效指标 block of the 部门整体 table → one IndicatorList. Each row is read by vocabulary (RULES §6.3 repair
// rule): leading cells that are 一级/二级 names are labels, wherever they stand; a missing label continues the one
// above (merged cells lost, or merged ranges in .xlsx/.docx read at their first row); the remaining cells are the
// 三级 name and its values — by column when they stand in the header's columns, else in reading order (shifted rows).

interface Layout {
    level3: number | null;
    /** columns of 实施周期 and 年度, or of the single 指标值 */
    values: number[];
    single: boolean;
    /** a 计量单位 column: its unit goes after each bare number of the row's values */
    unit: number | null;
    /** the columns the header names, and those it heads with a word of no column of the table (上年指标值) */
    named: Set<number>;
    unknown: Set<number>;
}

export interface IndicatorContext {
    placement: Placement;
    extracted: boolean;
    origins: Origins;
}

export interface IndicatorResult {
    list: IndicatorList;
    singleValueColumn: boolean;
    /** the name cell of the last row, when that row is a 三级 name short of a value (the text may be cut there) */
    shortLastRow: SourceCell | null;
}

export function readDepartmentIndicators(rows: readonly SourceCell[][], ctx: IndicatorContext): IndicatorResult {
    const state = new IndicatorState(ctx, rows);
    rows.forEach((row, index) => state.row(row, index));
    return { list: { groups: state.groups }, singleValueColumn: state.layout.single, shortLastRow: state.shortLastRow };
}

class IndicatorState {
    readonly groups: Level1Group[] = [];
    layout: Layout = { level3: null, values: [], single: false, unit: null, named: new Set(), unknown: new Set() };
    private headerCells: SourceCell[] = [];
    shortLastRow: SourceCell | null = null;
    private group: Level1Group | null = null;
    private block: Level2Block | null = null;

    /** per row: the first 二级 label other than 成本指标 in it or any row below (built on first need) */
    private nextLevel2: Array<CategoryLabel | undefined> | null = null;

    constructor(private readonly ctx: IndicatorContext, private readonly rows: readonly SourceCell[][]) {}

    row(row: SourceCell[], index: number): void {
        const all = filled(row);
        if (all.length === 0) return;
        this.shortLastRow = null;
        this.readRow(row, all, index);
        // A value read as blank has its own note (an Excel error value): the row is not short for lack of it.
        if (row.some(cell => cell.readAsBlank)) this.shortLastRow = null;
    }

    private readRow(row: SourceCell[], all: SourceCell[], index: number): void {
        if (all.some(cell => indicatorHeading(cell.text) === 'level3')) return this.header(all);
        if (this.isSubHeader(all)) return this.header([...this.headerCells, ...all]);
        const cells = withoutCopiesAcross(this.withoutUnknownColumns(all), this.ctx.placement, cell => this.ownCell(cell));

        let k = 0;
        // The block's own label, repeated after page breaks (SEED004).
        while (k < cells.length && compact(cells[k]!.text) === '绩效指标') this.ctx.placement.use(cells[k++]);
        let seen: 1 | 2 | 0 = 0;
        for (; k < cells.length; k++) {
            const cell = cells[k]!;
            const one = seen === 0 && this.mayBeLabel(cell) ? level1Label(cell.text) : null;
            const two = seen < 2 && this.mayBeLabel(cell) ? level2Label(cell.text) : null;
            if (!one && !two) break;
            this.ctx.placement.use(cell);
            if (one && (!two || this.costIsLevel1(cells.slice(k + 1), index))) {
                this.level1(one, cell);
                seen = 1;
            } else {
                this.level2(two!, cell, seen === 1);
                seen = 2;
            }
        }
        const texts = cells.slice(k);
        if (texts.length > 0) this.indicator(texts, row);
    }

    /**
     * A row has at most one 一级 and one 二级 label, 一级 first (a second one is a 三级 name: 「服务对象满意度」 under
     * 服务对象满意度指标). Typed tables (.xlsx, .docx) keep their columns, so there nothing in or right of the 三级
     * column is a label; nor, in any table, a short name (社会效益) standing there.
     */
    private mayBeLabel(cell: SourceCell): boolean {
        const level3 = this.layout.level3;
        if (level3 === null || cell.col < level3) return true;
        if (!this.ctx.extracted) return false;
        const written = compact(cell.text);
        const label = level1Label(written) ?? level2Label(written);
        return label !== null && written !== label.category.shortName;
    }

    /**
     * Whether a cell may hold a value equal to its left neighbour's (实施周期 and 年度 often agree). Only a typed
     * table's column right of 三级 that the header gives no field is another's: a 指标值 drawn over two columns,
     * unmerged and filled.
     */
    private ownCell(cell: SourceCell): boolean {
        const { level3, values, unit } = this.layout;
        // A range merged across: one value for the value columns it covers; over a label or name it is one cell
        // drawn wider (a 二级 over the empty 三级 of a template row).
        if (isMergeCopy(cell)) return values.includes(cell.col) && values.includes(cell.col - 1);
        const col = cell.col;
        return this.ctx.extracted || level3 === null || col <= level3 || values.includes(col) || col === unit;
    }

    private header(cells: SourceCell[]): void {
        this.headerCells = cells;
        const at = (kind: string) => cells.filter(cell => indicatorHeading(cell.text) === kind).map(cell => cell.col);
        const [single, period] = [at('single'), at('period')];
        // A two-row header draws 指标值 over 实施周期指标值 / 年度指标值: the sub-headings name the value columns.
        const pair = period.length > 0 || single.length === 0;
        const known = (cell: SourceCell) => indicatorHeading(cell.text) !== null || compact(cell.text) === '绩效指标';
        this.layout = {
            level3: at('level3')[0] ?? null,
            values: pair ? [...period.slice(0, 1), ...at('annual').slice(0, 1)] : single.slice(0, 1),
            single: !pair,
            unit: at('unit')[0] ?? null,
            named: new Set(cells.filter(known).map(cell => cell.col)),
            unknown: new Set()
        };
        for (const cell of cells) {
            if (known(cell)) this.ctx.placement.use(cell);
            else if (!this.layout.named.has(cell.col)) {
                this.layout.unknown.add(cell.col);
                this.ctx.placement.unplaced(cell, '这一栏不是绩效指标表的栏目（一级指标、二级指标、三级指标、实施周期指标值、年度指标值）：这一栏各行的内容都未导入');
            }
        }
    }

    /** The second row of a two-row header: headings only (实施周期指标值, 年度指标值 under a merged 指标值). */
    private isSubHeader(cells: readonly SourceCell[]): boolean {
        return this.layout.level3 !== null && cells.some(cell => indicatorHeading(cell.text) !== null)
            && cells.every(cell => indicatorHeading(cell.text) !== null || compact(cell.text) === '绩效指标');
    }

    /**
     * The row without its cells in a column the header heads with an unknown word (reported once, at the heading).
     * Typed tables keep their columns; in extracted text only a row standing in the header's columns is read so.
     */
    private withoutUnknownColumns(cells: SourceCell[]): SourceCell[] {
        const { unknown, named, level3 } = this.layout;
        if (unknown.size === 0) return cells;
        const inColumns = !this.ctx.extracted
            || (cells.some(cell => cell.col === level3) && cells.every(cell => named.has(cell.col) || unknown.has(cell.col)));
        if (!inColumns) return cells;
        const dropped = cells.filter(cell => unknown.has(cell.col));
        this.ctx.placement.use(...dropped);
        return dropped.length === 0 ? cells : cells.filter(cell => !unknown.has(cell.col));
    }

    /**
     * 成本指标 is the legacy 二级 14 under 产出 (the seeds) and the 2021 一级 4. It is the 一级 when a 2021 成本 二级
     * (经济/社会/生态环境成本指标) follows it, or when there is no 产出指标 above it to hold it as a 二级.
     */
    private costIsLevel1(rest: readonly SourceCell[], index: number): boolean {
        const next = firstLevel2(rest) ?? this.level2Below(index);
        if (next?.category.parent === '4') return true;
        return this.group?.code !== '1';
    }

    /** The first such label in the rows after `index`: one backward pass, not a scan of the rest per row. */
    private level2Below(index: number): CategoryLabel | undefined {
        if (!this.nextLevel2) {
            const next: Array<CategoryLabel | undefined> = new Array(this.rows.length + 1).fill(undefined);
            for (let i = this.rows.length - 1; i >= 0; i--) next[i] = firstLevel2(filled(this.rows[i]!)) ?? next[i + 1];
            this.nextLevel2 = next;
        }
        return this.nextLevel2[index + 1];
    }

    private level1(label: CategoryLabel, cell: SourceCell): void {
        this.respelled(label, cell);
        // A repeated label (page break, or a label on every row of a merged block) continues the block.
        if (this.group && this.group.code === label.category.code && this.group.name === label.name) return;
        this.group = { name: label.name, code: label.category.code, blocks: [] };
        this.ctx.origins.set(this.group, '', cell);
        this.groups.push(this.group);
        this.block = null;
    }

    /**
     * `underRowsLevel1`: the row's own 一级 label stands before it. A 二级 the table files so under another 一级 stays
     * there, as written, for hierarchy/wrong-level1 to report at its cell; only a 二级 without its 一级 above it (a
     * merged 一级 cell lost) is put under its own.
     */
    private level2(label: CategoryLabel, cell: SourceCell, underRowsLevel1 = false): void {
        this.respelled(label, cell);
        if (!this.group || (this.group.code !== label.category.parent && !underRowsLevel1)) {
            const parent = categoryByCode(label.category.parent!)!;
            this.ctx.placement.note(cell.where, `二级指标「${label.name}」上方没有它的一级指标「${parent.name}」：已补上。`);
            this.group = { name: parent.name, code: parent.code, blocks: [] };
            this.ctx.origins.set(this.group, '', cell);
            this.groups.push(this.group);
            this.block = null;
        }
        if (this.block && this.block.name === label.name) return;
        this.block = { name: label.name, code: label.category.code, indicators: [] };
        this.ctx.origins.set(this.block, '', cell);
        this.group.blocks.push(this.block);
    }

    private respelled(label: CategoryLabel, cell: SourceCell): void {
        if (label.written !== label.name) this.ctx.placement.note(cell.where, `「${label.written}」按规范写作「${label.name}」。`);
    }

    /** The 三级 name and values of a row. */
    private indicator(texts: SourceCell[], row: readonly SourceCell[]): void {
        if (!this.block) {
            const reason = this.group ? `一级指标「${this.group.name}」下还没有二级指标，三级指标无处可放` : '三级指标之前没有一级/二级指标，无处可放';
            for (const cell of texts) this.ctx.placement.unplaced(cell, reason);
            return;
        }
        const valueCount = this.layout.values.length || 2;
        const allowed = new Set([this.layout.level3, ...this.layout.values, this.layout.unit]);
        const aligned = this.layout.level3 !== null && texts[0]!.col === this.layout.level3 && texts.every(cell => allowed.has(cell.col));
        const unit = aligned ? texts.find(cell => cell.col === this.layout.unit) : undefined;
        if (unit) texts = texts.filter(cell => cell !== unit);
        let name: SourceCell;
        let values: Array<SourceCell | undefined>;
        if (this.nameMissing(texts, valueCount)) {
            // Only values in the row: the name cell was left empty. Taking the first value as the name would move
            // every value one place left and lose the last one.
            const empty = row.find(cell => cell.col === this.layout.level3) ?? texts[0]!;
            name = { ...empty, text: '', number: undefined };
            values = this.layout.level3 !== null && texts.every(cell => this.layout.values.includes(cell.col))
                ? this.layout.values.map(col => texts.find(cell => cell.col === col))
                : texts;
            this.ctx.placement.note(empty.where, '这一行没有三级指标名称：指标值已导入，名称留空（""），请补上。');
        } else if (aligned) {
            name = texts[0]!;
            values = this.layout.values.map(col => texts.find(cell => cell.col === col));
        } else {
            // Shifted row: the last cells are the values, the one before them the name (RULES §6.3) — a surplus cell
            // stands where a 二级 name belongs (SEED001 「科普影响力」). Unless that would make a bare value (≥90%)
            // the name: then the surplus is at the end, right of the values.
            const need = 1 + valueCount;
            const extra = Math.max(0, texts.length - need);
            const trailing = extra > 0 && structuredForm(texts[extra]!.text) !== null && structuredForm(texts[0]!.text) === null;
            const start = trailing ? 0 : extra;
            for (const cell of trailing ? texts.slice(need) : texts.slice(0, extra)) {
                this.ctx.placement.unplaced(cell, trailing
                    ? '这一行的单元格多于「三级指标 + 指标值」，此格在指标值之后，模型中没有它的位置'
                    : '这一行的单元格多于「三级指标 + 指标值」，此格位于二级指标的位置却不是二级指标名称，模型中没有它的位置');
            }
            name = texts[start]!;
            values = texts.slice(start + 1, start + need);
        }
        if (!isEmptyCell(name) && (values.length < valueCount || values.some(isEmptyCell))) this.shortLastRow = name;
        this.ctx.placement.use(name, ...values, unit);
        noteMergedValue(name, '三级指标名称', this.ctx.placement);
        const fields = this.layout.single ? ['指标值'] : ['实施周期指标值', '年度指标值'];
        values.forEach((cell, i) => noteMergedValue(cell, fields[i] ?? '指标值', this.ctx.placement));
        const text = (cell: SourceCell | undefined) => (isEmptyCell(cell) ? '' : cleanText(cell!.text, this.ctx.extracted));
        const indicator: Indicator = { name: text(name), ...this.values(values.map(cell => withUnit(text(cell), unit && text(unit)))) };
        const origins = this.ctx.origins;
        origins.set(indicator, '', name);
        origins.set(indicator, 'name', name);
        origins.set(indicator, 'period', values[0] ?? name);
        origins.set(indicator, 'annual', (this.layout.single ? values[0] : values[1]) ?? name);
        this.block.indicators.push(indicator);
    }

    /**
     * The row holds values only. In a typed table (.xlsx, .docx) every cell stands in a value column; in extracted
     * text, where rows shift (SEED004's name in the 实施周期 column), there are no more cells than values, or they
     * stand in value columns, and the first one is a value (≥20个), which a 三级 name never is.
     */
    private nameMissing(texts: readonly SourceCell[], valueCount: number): boolean {
        const { level3, values } = this.layout;
        const inValueColumns = level3 !== null && texts.every(cell => values.includes(cell.col));
        if (inValueColumns && !this.ctx.extracted) return true;
        return (inValueColumns || texts.length <= valueCount) && structuredForm(texts[0]!.text) !== null;
    }

    private values(texts: string[]): Omit<Indicator, 'name'> {
        if (this.layout.single) {
            // The single 指标值 column; when the two ever differed, the writer shows both in one cell (sheet.ts).
            const both = /^实施周期[:：]([\s\S]*)\n年度[:：]([\s\S]*)$/.exec(texts[0] ?? '');
            if (both) return indicatorValues(importValue(both[1]!), importValue(both[2]!));
            const value = importValue(texts[0] ?? '');
            return { sameValue: value !== null, period: value, annual: value };
        }
        const period: IndicatorValue | null = importValue(texts[0] ?? '');
        const annual: IndicatorValue | null = importValue(texts[1] ?? '');
        return indicatorValues(period, annual);
    }
}

/** A bare number (≥45, 90～95) takes the 计量单位 column's unit; a value that states its own keeps it. */
function withUnit(value: string, unit: string | undefined): string {
    if (!unit || !BARE_NUMBER.test(value)) return value;
    return `${value}${unit}`;
}

const BARE_NUMBER = /^[≥≤<>=＞＜≧≦＝]?\s*-?\d+(?:\.\d+)?(?:\s*[~～至-]\s*-?\d+(?:\.\d+)?)?$/;

/** The first 二级 label in the cells that is not 成本指标 (which may be either level). */
function firstLevel2(cells: readonly SourceCell[]): CategoryLabel | undefined {
    for (const cell of cells) {
        const label = level2Label(cell.text);
        if (label && label.written !== '成本指标') return label;
    }
    return undefined;
}
