import { parseFlat, splitFlatLists, type FieldStarts, type FlatItem } from '../compile/flat.js';
import type { Indicator, IndicatorList, Level1Group, Level2Block } from '../compile/model.js';
import { categoryByCode, level1ByName, level2ByName } from '../domain/taxonomy.js';
import { SECRET_PLACEHOLDER } from '../domain/values.js';
import { cleanText } from './cells.js';
import { readTypedFlat, type TypedFlat } from './flat-typed.js';
import type { SourceCell } from './source.js';
import type { RecogniserContext } from './department.js';
import { importValue, indicatorValues } from './values.js';
import { isLevel2Keyword } from './vocabulary.js';

// A 项目支出 绩效指标 cell (the flattened string, RULES §6.1, already joined across rows) → IndicatorLists: one list
// per numbered run (Q1), 一级/二级 blocks repeated wherever the items alternate, so that the order is kept — the way
// the sample of SEED002 writes it. Text the item pattern does not cover goes to the report.

type Parts = ReadonlyArray<{ text: string; cell: SourceCell }>;
interface ItemCells {
    name: SourceCell | undefined;
    period: SourceCell | undefined;
    annual: SourceCell | undefined;
}

/** `parts`: the cells the string was joined from, to record which one each item stands in (origins.ts). */
export function flatIndicatorLists(cell: string, where: string, ctx: RecogniserContext, parts: Parts = []): { lists: IndicatorList[]; secret: boolean } {
    if (cell.trim() === '') return { lists: [], secret: false };
    const typed = readTypedFlat(cell);
    if (typed.note) ctx.placement.note(where, typed.note);
    const { items, unmatched, wrapped, starts } = parseFlat(typed.text);
    if (wrapped) ctx.placement.note(where, '绩效指标单元格带 <p>…</p> 包装：指标结构中没有它的位置，未保留。');
    for (const text of unmatched) {
        ctx.placement.unplacedText(where, typed.written(text), '绩效指标字符串中不符合「n、一级；二级；名称；实施周期指标值:…；年度指标值:…。」格式的部分');
    }
    const cells = itemCells(items, starts, parts, cell, typed);
    const lists = splitFlatLists(items).map(run => listOf(run, where, ctx, cells, typed.written));
    // The confidential placeholder (Q7): one item named 保密项目.
    const secret = items.length === 1 && items[0]!.name.trim() === SECRET_PLACEHOLDER;
    if (secret) ctx.placement.note(where, `绩效指标为保密占位「${SECRET_PLACEHOLDER}」：项目标为 保密。`);
    return { lists: lists.filter(list => list.groups.length > 0), secret };
}

/**
 * Which of the joined cells each item's name and values start in (a string split over rows, Q3, may put an item's
 * head in one cell and its name or value in the next): where the item pattern read them (parseFlat's `starts`, in the
 * string as flat-typed.ts rewrote it), mapped back to where each was written. When the cells were joined otherwise
 * (<p> wrappers removed) the texts are looked for in order in the cells as written; such a search stops at a 三级 name
 * written as its 二级 (服务对象满意度) in the item's head.
 */
function itemCells(items: readonly FlatItem[], starts: Map<FlatItem, FieldStarts>, parts: Parts, cell: string, typed: TypedFlat): Map<FlatItem, ItemCells> {
    const joined = parts.map(part => part.text).join('');
    const ends: number[] = [];
    parts.reduce((end, part) => (ends.push(end + part.text.length), end + part.text.length), 0);
    const cellAt = (offset: number) => parts[Math.max(0, ends.findIndex(end => offset < end))]?.cell ?? parts[parts.length - 1]?.cell;
    const exact = joined === cell && !/<\/?p>/i.test(cell);
    const find = (text: string | null, from: number) => {
        const at = text ? joined.indexOf(text.trim(), from) : -1;
        return at < 0 ? from : at;
    };
    const written = (offset: number) => cellAt(typed.origin(offset));
    const cells = new Map<FlatItem, ItemCells>();
    let cursor = 0;
    for (const item of items) {
        const at = exact ? starts.get(item) : undefined;
        if (at) {
            const { name, period, annual } = at;
            cells.set(item, { name: written(name), period: written(period ?? name), annual: written(annual ?? name) });
            continue;
        }
        const name = find(item.name, find(`${item.seq}、`, cursor));
        const period = find(item.period, name);
        const annual = find(item.annual, period);
        cells.set(item, { name: cellAt(name), period: cellAt(period), annual: cellAt(annual) });
        cursor = Math.max(name + item.name.trim().length, annual + (item.annual?.trim().length ?? 0));
    }
    return cells;
}

/** `written`: an item's text as the user typed it (flat-typed.ts), for the report. */
function listOf(items: readonly FlatItem[], where: string, ctx: RecogniserContext, cells: Map<FlatItem, ItemCells>, written: (text: string) => string): IndicatorList {
    const groups: Level1Group[] = [];
    const list: IndicatorList = { groups };
    for (const item of items) {
        const at = cells.get(item);
        const cell = at?.name;
        // The written number restarts with each numbered list in the cell (seed 002: 1、… 19、 then 1、 again): the
        // name makes the place one item.
        const detail = `第 ${item.seq} 项「${shortName(item.name)}」`;
        ctx.origins.set(list, '', cell, detail);
        const level2 = level2ByName(item.level2Name) ?? categoryByCode(item.level2Code);
        if (!level2 || level2.level !== 2) {
            ctx.placement.unplacedText(where, written(itemText(item)), `第 ${item.seq} 项的二级指标「${item.level2Code}-${item.level2Name}」不认识，无法放入`);
            continue;
        }
        const level2Name = isLevel2Keyword(item.level2Name) ? item.level2Name : level2.name;
        if (level2Name !== item.level2Name) ctx.placement.note(where, `第 ${item.seq} 项的二级指标「${item.level2Name}」按规范写作「${level2Name}」。`);
        checkCodes(item, where, ctx);
        let group = groups[groups.length - 1];
        if (!group || group.name !== item.level1Name) {
            group = { name: item.level1Name, code: level1ByName(item.level1Name)?.code ?? null, blocks: [] };
            ctx.origins.set(group, '', cell, detail);
            groups.push(group);
        }
        let block: Level2Block | undefined = group.blocks[group.blocks.length - 1];
        if (!block || block.name !== level2Name) {
            block = { name: level2Name, code: level2ByName(level2Name)?.code ?? null, indicators: [] };
            ctx.origins.set(block, '', cell, detail);
            group.blocks.push(block);
        }
        const indicator = indicatorOf(item, ctx);
        ctx.origins.set(indicator, '', cell, detail);
        ctx.origins.set(indicator, 'name', cell, detail);
        ctx.origins.set(indicator, 'period', at?.period, detail);
        ctx.origins.set(indicator, 'annual', at?.annual, detail);
        block.indicators.push(indicator);
    }
    return list;
}

/** A 三级 name as a place names it: whole up to 20 characters. */
function shortName(name: string): string {
    const compact = name.replace(/\s+/g, '');
    return compact.length > 20 ? `${compact.slice(0, 19)}…` : compact;
}

/** Q6: the codes are dropped in the model (the name decides); a code that contradicts its name is worth a line. */
function checkCodes(item: FlatItem, where: string, ctx: RecogniserContext): void {
    const one = level1ByName(item.level1Name)?.code;
    const two = level2ByName(item.level2Name)?.code;
    if ((one && one !== item.level1Code) || (two && two !== item.level2Code) || !item.level2Code.startsWith(item.level1Code)) {
        ctx.placement.note(where, `第 ${item.seq} 项「${item.name}」的编码 ${item.level1Code}/${item.level2Code} 与名称「${item.level1Name}/${item.level2Name}」不符：按名称归类，编码未保留。`);
    }
}

function indicatorOf(item: FlatItem, ctx: RecogniserContext): Indicator {
    const name = cleanText(item.name, ctx.extracted);
    // Q5: a truncated item has no values at all.
    if (item.period === null && item.annual === null) return { name, sameValue: false, period: null, annual: null };
    const value = (text: string | null) => importValue(cleanText(text ?? '', ctx.extracted));
    return { name, ...indicatorValues(value(item.period), value(item.annual)) };
}

function itemText(item: FlatItem): string {
    const head = `${item.seq}、${item.level1Code}-${item.level1Name}；${item.level2Code}-${item.level2Name}；${item.name}`;
    return item.period === null && item.annual === null ? `${head}。` : `${head}；实施周期指标值:${item.period ?? ''}；年度指标值:${item.annual ?? ''}。`;
}
