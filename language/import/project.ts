import type { Funds, Project, ProjectExpenditureDeclaration, SpendingUnit } from '../compile/model.js';
import { readAmount } from './amounts.js';
import { cleanText, compact, hasParagraphTags, stripParagraphTags } from './cells.js';
import type { RecogniserContext } from './department.js';
import { repeatsRow, sameContent, skipRepeatedRow, withoutCopiesAcross } from './filled-merges.js';
import { flatIndicatorLists } from './project-indicators.js';
import { filled, isEmptyCell, isMergeCopy, type SourceCell, type SourceTable } from './source.js';
import { FLAT_ITEM_ANYWHERE, FLAT_ITEM_START, isFooter, projectHeading, titleCell, unitCaptionNote } from './vocabulary.js';

// The 项目支出绩效目标表 recogniser (RULES §1B, §6): the caption (title, 部门名称, 单位：万元), the header row, then
// 合计, 资金使用单位 rows and project rows. Rows short of a cell are read from the right (Q9); rows without a name
// or amounts are fragments of a neighbouring project's cells (Q3) and are joined to it before the 绩效指标 string is
// parsed (flat.ts parseFlat).

type Column = 'name' | 'total' | 'fiscal' | 'special' | 'other' | 'goal' | 'indicators';
const AMOUNT_COLUMNS: Array<[Column, keyof Funds, string]> = [
    ['total', 'total', '总计'], ['fiscal', 'fiscalAppropriation', '财政拨款'], ['special', 'specialAccount', '财政专户拨款'], ['other', 'otherFunds', '其他资金']
];

interface RowCells {
    row: SourceCell[];
    name?: SourceCell;
    amounts: Array<SourceCell | undefined>;
    goal?: SourceCell;
    indicators?: SourceCell;
}

/** A project as it is assembled: its 目标/指标 may come in parts from fragment rows (Q3). */
interface Draft {
    name: string;
    funds: Funds | null;
    goal: Part[];
    indicators: Part[];
    where: string;
    /** the 项目名称 cell, for the reviewer's report */
    nameCell?: SourceCell;
}

interface Part {
    text: string;
    cell: SourceCell;
}

/** The project the row just read belongs to, and the cells of that row: a row filled down from it continues it. */
interface LastProject {
    draft: Draft;
    cells: RowCells;
}

export function recogniseProject(table: SourceTable, ctx: RecogniserContext): ProjectExpenditureDeclaration {
    const d: ProjectExpenditureDeclaration = { kind: 'project', unit: '', year: null, title: null, total: null, spendingUnits: [], remark: null };
    const headerIndex = table.rows.findIndex(row => {
        const kinds = filled(row).map(cell => projectHeading(cell.text));
        return kinds.includes('name') && kinds.includes('indicators');
    });
    const header = table.rows[headerIndex]!;
    const columns = new Map<Column, number>();
    for (const cell of filled(header)) {
        const kind = projectHeading(cell.text);
        if (kind && !columns.has(kind)) columns.set(kind, cell.col);
        ctx.placement.use(cell);
    }
    const width = Math.max(...columns.values()) + 1;

    // The title and 部门名称 merged across, unmerged and filled: one cell each.
    for (const row of table.rows.slice(0, headerIndex)) caption(d, withoutCopiesAcross(filled(row), ctx.placement), ctx);

    const projects: Array<{ unit: SpendingUnit; draft: Draft }> = [];
    let unit: SpendingUnit | null = null;
    let head: Draft | null = null;
    let remark: string[] | null = null;
    let last: LastProject | null = null;
    const text = (cell: SourceCell | undefined) => (cell ? cleanText(cell.text, ctx.extracted) : '');

    for (let i = headerIndex + 1; i < table.rows.length; i++) {
        const row = table.rows[i]!;
        const cells = filled(row);
        if (cells.length === 0) continue;
        if (repeatsRow(row, table.rows[i - 1])) {
            skipRepeatedRow(row, ctx.placement);
            continue;
        }
        if (isFooter(cells[0]!.text)) {
            for (const cell of cells) ctx.placement.unplaced(cell, '表尾的签字、联系信息：模型中没有对应的栏目');
            continue;
        }
        if (remark || /^备注/.test(compact(cells[0]!.text))) {
            remark ??= [];
            const line = withoutCopiesAcross(cells, ctx.placement).map(cell => text(cell)).join('\n').replace(/^备注\s*[:：]?\s*/, '');
            ctx.placement.use(...cells);
            if (line) remark.push(line);
            d.remark = remark.join('\n');
            continue;
        }
        // The header repeats after page breaks.
        if (cells.filter(cell => projectHeading(cell.text) !== null).length >= 3) {
            ctx.placement.use(...cells);
            continue;
        }
        const r = rowCells(row, columns, width, ctx);
        const name = text(r.name);
        ctx.placement.use(r.name);
        const funds = () => fundsOf(r, ctx);
        const goal = r.goal && !isEmptyCell(r.goal) ? { text: text(r.goal), cell: r.goal } : null;
        const indicators = r.indicators && !isEmptyCell(r.indicators) ? { text: text(r.indicators), cell: r.indicators } : null;
        ctx.placement.use(r.goal, r.indicators);
        if (last && continuesProject(r, last, ctx)) continue;
        last = null;

        if (name === '合计') {
            d.total = funds();
            ctx.origins.set(d.total, '', r.name);
        } else if (!name && r.amounts.every(isEmptyCell) && (goal || indicators)) {
            // Q3 fragment: a row starting a numbered list is the head of the next project's cells (Q3b); any other
            // is the tail of the previous project's (Q3a).
            const fragment: Draft = { name: '', funds: null, goal: goal ? [goal] : [], indicators: indicators ? [indicators] : [], where: (goal ?? indicators)!.cell.where };
            const previous = projects[projects.length - 1]?.draft;
            const startsList = indicators !== null && FLAT_ITEM_START.test(stripParagraphTags(indicators.text).trim());
            if (startsList || !previous) {
                if (head) appendTo(head, fragment);
                else head = fragment;
            } else {
                appendTo(previous, fragment);
                ctx.placement.note(fragment.where, `无名称、无金额的续行：内容接在上一项目「${previous.name}」的单元格之后。`);
            }
        } else if (name && !goal && !indicators && !(r.name?.indent)) {
            unit = { name, funds: funds(), projects: [] };
            ctx.origins.set(unit, '', r.name);
            ctx.origins.set(unit, 'name', r.name);
            ctx.origins.set(unit.funds, '', r.name);
            d.spendingUnits.push(unit);
        } else {
            const draft: Draft = { name, funds: funds(), goal: goal ? [goal] : [], indicators: indicators ? [indicators] : [], where: r.name?.where ?? cells[0]!.where, nameCell: r.name ?? cells[0] };
            ctx.origins.set(draft.funds, '', draft.nameCell);
            if (head) {
                const own = indicators ? stripParagraphTags(indicators.text).trim() : '';
                const previous = projects[projects.length - 1]?.draft;
                if (own && FLAT_ITEM_START.test(own) && previous) {
                    appendTo(previous, head);
                    ctx.placement.note(head.where, `无名称、无金额的行：其绩效指标与下一项目都从编号 1 开始，接在上一项目「${previous.name}」之后。`);
                } else {
                    draft.goal.unshift(...head.goal);
                    draft.indicators.unshift(...head.indicators);
                    ctx.placement.note(head.where, `无名称、无金额的行：内容是下一项目「${name}」单元格的开头，已与之连接。`);
                }
                head = null;
            }
            if (!unit) {
                unit = { name: d.unit, funds: null, projects: [] };
                d.spendingUnits.push(unit);
                ctx.placement.note(draft.where, `项目「${name}」之前没有资金使用单位行：以部门名称作为单位。`);
            }
            projects.push({ unit, draft });
            last = { draft, cells: r };
        }
    }
    if (head) {
        // Fragment rows after the last project: they can only continue it.
        const previous = projects[projects.length - 1]?.draft;
        if (previous) {
            appendTo(previous, head);
            ctx.placement.note(head.where, `无名称、无金额的行在表末：接在最后一个项目「${previous.name}」之后。`);
        } else {
            for (const part of [...head.goal, ...head.indicators]) ctx.placement.unplacedText(part.cell.where, part.text, '无名称、无金额的行，前后都没有项目可以接上');
        }
    }
    for (const { unit: owner, draft } of projects) owner.projects.push(finishProject(draft, ctx));
    return d;
}

/** Title, 「部门名称：…」 and 「单位：万元」 above the header row. */
function caption(d: ProjectExpenditureDeclaration, cells: SourceCell[], ctx: RecogniserContext): void {
    for (let i = 0; i < cells.length; i++) {
        const cell = cells[i]!;
        const c = compact(cell.text);
        const unit = /^部门名称\s*[:：]?\s*([\s\S]*)$/.exec(cell.text.trim());
        if (unit && c.startsWith('部门名称')) {
            const valueCell = unit[1]!.trim() ? cell : cells[i + 1];
            if (valueCell !== cell) ctx.placement.use(cell);
            if (!valueCell) continue;
            if (valueCell !== cell) i++;
            const value = cleanText(valueCell === cell ? unit[1]! : valueCell.text, ctx.extracted);
            if (!d.unit) d.unit = value;
            if (d.unit === value) {
                ctx.placement.use(valueCell);
                ctx.origins.set(d, 'unit', valueCell);
            }
            else ctx.placement.unplaced(valueCell, `表中第二个部门名称与「${d.unit}」不同`);
        } else if (unitCaptionNote(cell.text) !== null) {
            ctx.placement.use(cell);
            const note = unitCaptionNote(cell.text);
            if (note) ctx.placement.note(cell.where, note);
        } else if (d.title === null && cell === titleCell(cells)) {
            d.title = cleanText(cell.text, ctx.extracted).replace(/^#+\s*/, '');
            ctx.placement.use(cell);
            ctx.origins.set(d, 'title', cell);
        }
    }
}

/**
 * The cells of a data row by column. A row with fewer cells than the header lost an empty column somewhere left of
 * its texts (Q9): its 绩效指标 and 绩效目标 are the last two cells, its amounts the cells after the name.
 */
function rowCells(row: SourceCell[], columns: Map<Column, number>, width: number, ctx: RecogniserContext): RowCells {
    const at = (kind: Column) => row[columns.get(kind) ?? -1];
    let r: RowCells;
    if (row.length >= width) {
        r = { row, name: at('name'), amounts: AMOUNT_COLUMNS.map(([kind]) => at(kind)), goal: at('goal'), indicators: at('indicators') };
        for (const cell of row.slice(width)) ctx.placement.unplaced(cell, '此格在表头最后一列的右边，不属于任何一栏');
    } else {
        const last = row.length - 1;
        r = { row, name: row[0], amounts: AMOUNT_COLUMNS.map((_, i) => (1 + i <= last - 2 ? row[1 + i] : undefined)), goal: row[last - 1], indicators: row[last] };
        if (filled(row).length > 1 && !isEmptyCell(row[0])) {
            ctx.placement.note(row[0]!.where, `这一行只有 ${row.length} 格（表头 ${width} 格）：绩效目标与绩效指标按最后两格读取。`);
        }
    }
    // A 绩效指标 string in the 目标 column with nothing after it: the row is shifted, whatever its length.
    if (r.goal && FLAT_ITEM_ANYWHERE.test(r.goal.text) && isEmptyCell(r.indicators)) r = { ...r, indicators: r.goal, goal: undefined };
    return r;
}

/**
 * A row whose 名称 and amounts repeat the project row above is that project filled down from merged cells (a project
 * drawn over several rows, its 目标 or 指标 split over them, Q3): a 目标 or 指标 cell repeating the cell above is its
 * copy, a different one the next part of the project's cell, joined as a Q3a fragment is. Two projects of one name
 * with different amounts stay two.
 */
function continuesProject(r: RowCells, last: LastProject, ctx: RecogniserContext): boolean {
    // A name merged over the rows is one project however its amounts are drawn, unless the row has amounts of its own.
    const merged = isMergeCopy(r.name) && r.amounts.every(cell => isEmptyCell(cell) || isMergeCopy(cell));
    const same = sameContent(r.name, last.cells.name) && (merged || r.amounts.every((cell, i) => sameContent(cell, last.cells.amounts[i])));
    if (isEmptyCell(r.name) || !same) return false;
    ctx.placement.use(...r.amounts);
    const cells: Array<[SourceCell | undefined, SourceCell | undefined, Part[]]> = [
        [r.goal, last.cells.goal, last.draft.goal], [r.indicators, last.cells.indicators, last.draft.indicators]
    ];
    let added = false;
    for (const [cell, above, parts] of cells) {
        if (isEmptyCell(cell) || sameContent(cell, above)) continue;
        parts.push({ text: cleanText(cell!.text, ctx.extracted), cell: cell! });
        added = true;
    }
    const more = added ? '此行不同的绩效目标、绩效指标接在该项目的单元格之后' : '只读取一次';
    const why = merged ? '项目名称是跨几行的合并单元格' : '名称和金额与上一行相同（合并单元格取消合并后逐行填充）';
    ctx.placement.note(r.name!.where, `项目「${last.draft.name}」的${why}：按同一项目读取，${more}。`);
    last.cells = r;
    return true;
}

function fundsOf(r: RowCells, ctx: RecogniserContext): Funds | null {
    if (r.amounts.every(isEmptyCell)) return null;
    const funds: Funds = {};
    AMOUNT_COLUMNS.forEach(([, field, label], i) => {
        funds[field] = readAmount(r.amounts[i], ctx.placement, label);
        ctx.origins.set(funds, field, r.amounts[i] ?? r.name);
    });
    return funds;
}

function appendTo(target: Draft, fragment: Draft): void {
    target.goal.push(...fragment.goal);
    target.indicators.push(...fragment.indicators);
}

/**
 * Parts joined without a separator (a split can fall mid-word, Q3). `<p>` wrappers survive when they still wrap the
 * whole joined text; when only one part carried them they are removed (SEED002's 科创中国 row, see its sample).
 */
export function joinParts(parts: readonly Part[]): string {
    const raw = parts.map(part => part.text).join('');
    if (parts.length < 2 || !hasParagraphTags(raw)) return raw;
    const whole = /^<p>[\s\S]*<\/p>$/i.test(raw.trim());
    return whole ? raw : stripParagraphTags(raw);
}

function finishProject(draft: Draft, ctx: RecogniserContext): Project {
    const { lists, secret } = flatIndicatorLists(joinParts(draft.indicators), draft.indicators[0]?.cell.where ?? draft.where, ctx, draft.indicators);
    const goal = draft.goal.length ? joinParts(draft.goal) : null;
    if (goal !== null && goal !== draft.goal.map(part => part.text).join('')) {
        ctx.placement.note(draft.goal[0]!.cell.where, `项目「${draft.name}」的绩效目标由几行拼成，只有一部分带 <p>…</p> 包装：拼接后去掉了包装。`);
    }
    const project: Project = { name: draft.name, secret, funds: draft.funds, goal, indicators: lists };
    ctx.origins.set(project, '', draft.nameCell ?? draft.goal[0]?.cell ?? draft.indicators[0]?.cell);
    ctx.origins.set(project, 'name', draft.nameCell);
    ctx.origins.set(project, 'goal', draft.goal[0]?.cell);
    return project;
}
