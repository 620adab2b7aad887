import type { Declaration } from '../compile/model.js';
import type { Placement } from './placement.js';
import { filled, type SourceTable } from './source.js';

// 年度: the official tables have no year field. It is read from the title (「2024年市级部门整体预算绩效目标表」) or,
// failing that, from the texts when they name exactly one budget year as 「2024年度」 (SEED000, see its sample).
// A year given on the command line wins; a contradiction with the table is reported.

const TITLE_YEAR = /((?:19|20)\d{2})\s*年/;
// 「2024年度」 but not the end of a period 「2021-2024年度」.
const TEXT_YEAR = /(?<![\d\-—–~～至到])((?:19|20)\d{2})年度/g;

export function decideYear(d: Declaration, table: SourceTable, placement: Placement, given: number | undefined): number | null {
    const fromTitle = d.title ? Number(TITLE_YEAR.exec(d.title)?.[1] ?? NaN) : NaN;
    let found: number | null = Number.isNaN(fromTitle) ? null : fromTitle;
    let where = '标题';
    if (found === null) {
        const years = new Map<number, string>();
        for (const cell of table.rows.flatMap(row => filled(row))) {
            for (const m of cell.text.matchAll(TEXT_YEAR)) if (!years.has(Number(m[1]))) years.set(Number(m[1]), cell.where);
        }
        if (years.size === 1) {
            const [[year, at]] = [...years];
            found = year!;
            where = at!;
            if (given === undefined) placement.note(at!, `表中没有年度栏，标题也未写年度：按文中的「${year}年度」取年度 ${year}。`);
        }
    }
    if (given !== undefined) {
        if (found !== null && found !== given) placement.note(where, `表上的年度是 ${found}，按命令行 --year 写作 ${given}。`);
        return given;
    }
    return found;
}
