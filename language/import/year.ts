import type { Declaration } from '../compile/model.js';
import { compact } from './cells.js';
import type { Origins } from './origins.js';
import type { Placement } from './placement.js';
import { filled, type SourceCell, type SourceTable } from './source.js';

// 年度: the official tables have no year field. It is read from a cell of its own 「年度：2024」 (which jxmb compile
// writes under a title that names no year, and a hand-made sheet may have), from the title
// (「2024年市级部门整体预算绩效目标表」) or, failing both, from the texts when they name exactly one budget year as
// 「2024年度」 (SEED000, see its sample). A year given on the command line wins; a contradiction is reported. The
// editor's jxmb.defaultYear is only a fallback for a table that states none.

const TITLE_YEAR = /((?:19|20)\d{2})\s*年/;
// 「2024年度」 but not the end of a period 「2021-2024年度」.
const TEXT_YEAR = /(?<![\d\-—–~～至到])((?:19|20)\d{2})年度/g;

/** The year a title names (「2024年市级部门整体预算绩效目标表」), or null. */
export function yearOfTitle(title: string | null): number | null {
    const m = title ? TITLE_YEAR.exec(title) : null;
    return m ? Number(m[1]) : null;
}

/** The text of a year cell as compile writes it; the reader also takes 「年度:2024」, 「2024年度」, 「（2024年度）」. */
export const yearCaption = (year: number) => `年度：${year}`;
const YEAR_CELL = /^(?:年度[:：]((?:19|20)\d{2})年?|[（(]?((?:19|20)\d{2})年度[)）]?)$/;

/** The year a cell that says only that states (「年度：2024」), or null. */
export function yearOfCaption(text: string): number | null {
    const m = YEAR_CELL.exec(compact(text));
    return m ? Number(m[1] ?? m[2]) : null;
}

export interface YearChoice {
    /** jxmb import --year: written whatever the table states */
    given?: number;
    /** the editor's jxmb.defaultYear: written when the table states none */
    fallback?: number;
    /** how to give a year, in the words of the user's tool (advice.ts) */
    advice: string;
}

/** The declaration's 年度, and whether its table states one. */
export function decideYear(d: Declaration, table: SourceTable, placement: Placement, choice: YearChoice, origins?: Origins): { year: number | null; stated: boolean } {
    const given = choice.given;
    // A year cell nobody placed (the recognisers leave it): the table's own 年度 field.
    let caption: { year: number; cell: SourceCell } | null = null;
    for (const cell of table.rows.flatMap(row => filled(row))) {
        const year = placement.isUsed(cell) ? null : yearOfCaption(cell.text);
        if (year === null) continue;
        if (caption && caption.year !== year) continue; // a second, different one stays in the report
        placement.use(cell);
        caption ??= { year, cell };
    }
    const fromTitle = yearOfTitle(d.title) ?? NaN;
    let found: number | null = caption?.year ?? (Number.isNaN(fromTitle) ? null : fromTitle);
    let where = caption?.cell.where ?? '标题';
    let source = caption?.cell ?? origins?.get(d, 'title')?.cell;
    if (caption && !Number.isNaN(fromTitle) && fromTitle !== caption.year) {
        placement.note(caption.cell.where, `标题写的是 ${fromTitle} 年，年度栏是 ${caption.year}：按年度栏取 ${caption.year}。`);
    }
    if (found === null) {
        const years = new Map<number, SourceCell>();
        for (const cell of table.rows.flatMap(row => filled(row))) {
            for (const m of cell.text.matchAll(TEXT_YEAR)) if (!years.has(Number(m[1]))) years.set(Number(m[1]), cell);
        }
        if (years.size === 1) {
            const [[year, at]] = [...years];
            found = year!;
            where = at!.where;
            source = at;
            if (given === undefined) placement.note(at!.where, `表中没有年度栏，标题也未写年度：按文中的「${year}年度」取年度 ${year}。`);
        } else if (given === undefined && choice.fallback === undefined) {
            placement.note(table.name ? `工作表「${table.name}」` : '表头', noYearMessage([...years.keys()], choice.advice));
        }
    }
    origins?.set(d, 'year', source);
    if (given !== undefined) {
        if (found !== null && found !== given) placement.note(where, `表上的年度是 ${found}，按命令行 --year 写作 ${given}。`);
        return { year: given, stated: found !== null };
    }
    return { year: found ?? choice.fallback ?? null, stated: found !== null };
}

/** Why the declaration has no 年度, and how to give it one: a table without one imports, but checks need the year. */
function noYearMessage(textYears: number[], advice: string): string {
    const why = textYears.length === 0
        ? '表中没有找到年度（没有年度栏，标题和文中也未写「某年度」）'
        : `表中没有年度栏，标题也未写年度，文中提到几个年度（${textYears.sort((a, b) => a - b).join('、')}年度），无法确定是哪一年`;
    return `${why}：未写入年度。${advice}`;
}
