import { categoryByCode, level1ByName, level2ByName } from '../domain/taxonomy.js';
import type { DeclarationFile, Indicator, IndicatorList, Level1Group, Level2Block } from './model.js';

// The 项目支出 flattened 绩效指标 string (RULES §6.1):
//   1、1-产出指标；11-数量指标；名称；实施周期指标值:…；年度指标值:…。2、…
// Rendering and parsing live together so that the two cannot drift apart; both are pure.

/** One item of a flattened string, as written there. */
export interface FlatItem {
    seq: number;
    level1Code: string;
    level1Name: string;
    level2Code: string;
    level2Name: string;
    name: string;
    /** null for the truncated form `n、…；名称。` (Q5) */
    period: string | null;
    annual: string | null;
}

/**
 * The anchored item pattern of RULES §6.1 with three changes that change nothing for the seeds: the `s` flag (a value
 * written with a line break in the DSL must still parse back), a 三级 name that may hold 「；」 (「名称；含分号」
 * compiles as it is written; its end is the 「；实施周期指标值:」 or the 「。」 that closes the item), and white space
 * (a space, a full-width space, a line break) allowed between items: a cell typed as one item a line must not end
 * its first item's 年度 value at the end of the cell.
 */
export const FLAT_ITEM_PATTERN =
    /(?<!\d)(\d+)、(\d)-(产出指标|效益指标|满意度指标|成本指标)；(\d{2})-([^；]+)；(.*?)(?:；实施周期指标值[:：](.*?)；年度指标值[:：](.*?))?。(?=\s*\d+、\d-|\s*$)/gsd;

/** A field of an item whose text the author writes: the 三级 name, the 实施周期 value, the 年度 value. */
export type FlatField = 'name' | 'period' | 'annual';

/**
 * Text that ends a field early when a reader applies §6.1's pattern (RULES §6.1), so that the rest of the item is cut
 * off or read as another item. The string has no escape, so such text cannot be written into it unambiguously:
 * - a name ends at the first 「；」 (`name = text without "；"`);
 * - the 实施周期 value ends at the first 「；年度指标值:」;
 * - the 年度 value, and the item, end at a 「。」 followed by what starts an item (`2、1-`, also `2、4-6月`), white space
 *   between them or not;
 * - `<p>`/`</p>` are stripped from the whole cell (Q2).
 */
const FLAT_SEPARATORS: Record<FlatField, RegExp> = {
    name: /；|。\s*\d+、\d-|<\/?p>/,
    period: /；年度指标值[:：]|<\/?p>/,
    annual: /。\s*\d+、\d-|<\/?p>/
};

/** The first text in `text` that would end `field` early in the flattened string, with its index; null if none. */
export function flatSeparatorIn(text: string, field: FlatField): { index: number; text: string } | null {
    const match = FLAT_SEPARATORS[field].exec(text);
    return match ? { index: match.index, text: match[0] } : null;
}

interface Label { code: string; name: string }

/** `1-产出指标`: the 一级 is written with its long name (the only form in SEED002). */
function level1Label(group: Level1Group): Label {
    const category = (group.code ? categoryByCode(group.code) : undefined) ?? level1ByName(group.name);
    // A name the taxonomy does not know keeps its text and has no code; the validator reports it.
    return category ? { code: category.code, name: category.name } : { code: group.code ?? '', name: group.name };
}

/**
 * `11-数量指标` but `22-社会效益`, `31-服务对象满意度`: the 二级 of 效益/满意度 drop 「指标」 in this form (RULES §2,
 * SEED002). The 2021 成本 二级 keep it (`41-经济成本指标`, RULES §2 [SUG]); no seed shows them.
 */
function level2Label(block: Level2Block): Label {
    const category = (block.code ? categoryByCode(block.code) : undefined) ?? level2ByName(block.name);
    if (!category) return { code: block.code ?? '', name: block.name };
    const short = category.parent === '2' || category.parent === '3';
    return { code: category.code, name: short ? category.shortName : category.name };
}

/** The items one numbered list renders to, 1..n in the order written (the DSL repeats 一级 blocks to keep the seed's interleaving). */
export function flatItemsOf(list: IndicatorList): FlatItem[] {
    const items: FlatItem[] = [];
    for (const group of list.groups) {
        const l1 = level1Label(group);
        for (const block of group.blocks) {
            const l2 = level2Label(block);
            for (const indicator of block.indicators) items.push(itemOf(items.length + 1, l1, l2, indicator));
        }
    }
    return items;
}

function itemOf(seq: number, l1: Label, l2: Label, indicator: Indicator): FlatItem {
    const truncated = !indicator.period && !indicator.annual;
    return {
        seq, level1Code: l1.code, level1Name: l1.name, level2Code: l2.code, level2Name: l2.name, name: indicator.name,
        period: truncated ? null : indicator.period?.text ?? '',
        annual: truncated ? null : indicator.annual?.text ?? ''
    };
}

const coded = (code: string, name: string) => code ? `${code}-${name}` : name;

/** One item; an indicator with no value at all is the truncated form `n、…；名称。` (Q5). */
export function flatItemText(item: FlatItem): string {
    const head = `${item.seq}、${coded(item.level1Code, item.level1Name)}；${coded(item.level2Code, item.level2Name)}；${item.name}`;
    if (item.period === null && item.annual === null) return `${head}。`;
    return `${head}；实施周期指标值:${item.period ?? ''}；年度指标值:${item.annual ?? ''}。`;
}

export function flatList(list: IndicatorList): string {
    return flatItemsOf(list).map(flatItemText).join('');
}

/** A project's whole 绩效指标 cell: its lists one after the other, each numbered from 1 (Q1). */
export function flatIndicators(lists: readonly IndicatorList[]): string {
    return lists.map(flatList).join('');
}

export interface FlatParse {
    items: FlatItem[];
    /** text the pattern did not cover (after stripping `<p>` wrappers); empty when the whole cell parsed */
    unmatched: string[];
    /** the cell had `<p>…</p>` wrappers (Q2) */
    wrapped: boolean;
    /**
     * Where each item's name and values start in the cell read, once its <p> wrappers are taken out (the importer
     * maps them back to the rows a string was joined from).
     */
    starts: Map<FlatItem, FieldStarts>;
}

export interface FieldStarts { name: number; period: number | null; annual: number | null }

/** Parses one 绩效指标 cell (already joined across split rows, Q3). Never run it over a whole file (§6.1). */
export function parseFlat(cell: string): FlatParse {
    return parseFrom(cell, 0);
}

/** `base`: where `cell` starts in the cell the caller read (unclosedItems parses a cell's end again). */
function parseFrom(cell: string, base: number): FlatParse {
    const wrapped = /<\/?p>/.test(cell);
    const unwrapped = cell.replace(/<\/?p>/g, '');
    const text = unwrapped.trim();
    const start = base + unwrapped.length - unwrapped.trimStart().length;
    const items: FlatItem[] = [];
    const unmatched: string[] = [];
    const starts = new Map<FlatItem, FieldStarts>();
    let covered = 0;
    for (const m of text.matchAll(FLAT_ITEM_PATTERN)) {
        const gap = text.slice(covered, m.index).trim();
        if (gap) unmatched.push(gap);
        covered = m.index + m[0].length;
        const at = (group: number) => m.indices![group] ? start + m.indices![group]![0] : null;
        const item: FlatItem = {
            seq: Number(m[1]), level1Code: m[2]!, level1Name: m[3]!, level2Code: m[4]!, level2Name: m[5]!, name: m[6]!,
            period: m[7] ?? null, annual: m[8] ?? null
        };
        items.push(item);
        starts.set(item, { name: at(6)!, period: at(7), annual: at(8) });
    }
    const tail = text.slice(covered);
    const rest = tail.trim();
    const unclosed = rest ? unclosedItems(rest, start + covered + tail.length - tail.trimStart().length) : null;
    if (unclosed) {
        items.push(...unclosed.items);
        for (const [item, at] of unclosed.starts) starts.set(item, at);
    } else if (rest) {
        unmatched.push(rest);
    }
    return { items, unmatched, wrapped, starts };
}

/**
 * The items of a cell's end whose last 「。」 was left out (typed by hand), when with it they are whole items and the
 * last one holds no 「。」: else the 「。」 may close a value and the text after it be anything, which stays unread.
 */
function unclosedItems(rest: string, base: number): FlatParse | null {
    if (rest.endsWith('。')) return null;
    const parsed = parseFrom(rest + '。', base);
    const last = parsed.items.at(-1);
    if (!last || parsed.unmatched.length > 0 || (last.annual ?? last.name).includes('。')) return null;
    return parsed;
}

/** Splits parsed items into the numbered lists they came from: a new list starts where the numbering goes back to 1. */
export function splitFlatLists(items: readonly FlatItem[]): FlatItem[][] {
    const lists: FlatItem[][] = [];
    let previous = Infinity;
    for (const item of items) {
        if (item.seq <= previous && (item.seq === 1 || lists.length === 0)) lists.push([]);
        lists[lists.length - 1]!.push(item);
        previous = item.seq;
    }
    return lists;
}

/**
 * `jxmb compile --to flat`: one line per project, 「项目名称<TAB>绩效指标」, ready to paste into two spreadsheet
 * columns or the finance system's field. The flattened string is the 项目支出 form; a 部门整体 declaration gets one
 * line too, 「部门名称<TAB>its 绩效指标 in the same form」, so that its indicators can be compared or pasted alike.
 */
export function renderFlat(model: DeclarationFile): string {
    const lines: string[] = [];
    for (const d of model.declarations) {
        if (d.kind === 'department') {
            lines.push(`${oneLine(d.unit)}\t${oneLine(flatIndicators(d.indicators))}`);
        } else {
            for (const unit of d.spendingUnits) {
                for (const project of unit.projects) lines.push(`${oneLine(project.name)}\t${oneLine(flatIndicators(project.indicators))}`);
            }
        }
    }
    return lines.map(line => line + '\n').join('');
}

/** A tab or line break (which the system's one-line field cannot hold either) would break the line: a space instead. */
function oneLine(name: string): string {
    return name.replace(/[\t\r\n]+/g, ' ');
}
