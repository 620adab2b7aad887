import { formatAmount } from './numbers.js';
import { displayWidth, paragraphsOf, type Grid, type GridCell } from './sheet.js';

// Print geometry of the HTML tables (html.ts): column widths in millimetres and estimated row heights. The browser
// lays the page out, but CSS cannot say "keep this row whole only if it is short" or "make this column as wide as
// its longest amount" for a table-layout: fixed table, so both are decided here from the text, erring on the large
// side.

/** A4 landscape less the page margins of html.ts, and less the sheet's padding on screen (the narrower of the two). */
export const TABLE_MM = 257;
export const PAGE_MM = 210 - 12 - 14;
/** A row estimated taller than this may break at the page end: keeping it whole could leave a third of a page blank. */
export const KEEP_MAX_MM = PAGE_MM / 3;

const EM_MM = 10.5 * 25.4 / 72;
const LINE_MM = EM_MM * 1.45;
const PARAGRAPH_GAP_MM = EM_MM * 0.8;
/** One unit of displayWidth (half a CJK character, a digit) as Chromium draws the font stack (measured: 2.12 mm). */
const UNIT_MM = 2.2;
/** Thousands separator and decimal point: half a digit. */
const SEPARATOR_MM = UNIT_MM / 2;
const PAD_X_MM = 2 * 1.6;
const PAD_Y_MM = 2 * 1.2 + 0.5;
const INDENT_MM = 5 - 1.6;
/** Amount cells: more room on the right than text cells (html.ts), so that a number never touches the border. */
export const AMOUNT_PAD_MM = 1.6 + 2.4;
/** The amount columns together take at most this share of the table; a longer amount wraps at its separators. */
const AMOUNT_SHARE = 0.5;

/** Width of an amount as printed, in mm. */
export function amountMm(text: string): number {
    const separators = (text.match(/[,.]/g) ?? []).length;
    return (text.length - separators) * UNIT_MM + separators * SEPARATOR_MM;
}

/**
 * Column widths in mm, summing to TABLE_MM: the grid's widths (the workbook's) in proportion, except that a column
 * of amounts too narrow for its longest one is widened to it, and the columns without amounts give up the room in
 * proportion. The amount columns take at most AMOUNT_SHARE of the table together.
 */
export function columnWidthsMm(grid: Grid): number[] {
    const total = grid.widths.reduce((a, b) => a + b, 0);
    const base = grid.widths.map(w => TABLE_MM * w / total);
    const wanted = amountWidthsMm(grid);
    const amounts = base.flatMap((_, c) => (wanted[c] === undefined ? [] : [c]));
    const extra = amounts.reduce((sum, c) => sum + Math.max(0, wanted[c]! - base[c]!), 0);
    if (extra === 0) return base;
    const fixed = amounts.reduce((sum, c) => sum + base[c]!, 0);
    const taken = Math.min(extra, Math.max(0, AMOUNT_SHARE * TABLE_MM - fixed));
    const others = TABLE_MM - fixed;
    return base.map((w, c) => (wanted[c] === undefined
        ? w * (others - taken) / others
        : w + Math.max(0, wanted[c]! - w) * taken / extra));
}

/** Per column of amounts, the width its longest amount needs with its padding; undefined for other columns. */
function amountWidthsMm(grid: Grid): Array<number | undefined> {
    const wanted: Array<number | undefined> = grid.widths.map(() => undefined);
    for (const cell of grid.cells) {
        if (cell.kind !== 'amount' || cell.colSpan !== 1) continue;
        const text = typeof cell.value === 'number' ? formatAmount(cell.value) : '';
        wanted[cell.col] = Math.max(wanted[cell.col] ?? 0, amountMm(text) + AMOUNT_PAD_MM);
    }
    return wanted;
}

/** The width a cell's text has: its columns less the padding. */
export function usableMm(cell: GridCell, widths: readonly number[]): number {
    const span = widths.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0);
    const pad = cell.kind === 'amount' ? AMOUNT_PAD_MM : PAD_X_MM + (cell.indent ? INDENT_MM : 0);
    return Math.max(UNIT_MM, span - pad);
}

/** Estimated height of a cell's content and padding, in mm. */
export function cellHeightMm(cell: GridCell, widths: readonly number[]): number {
    if (cell.value === null || typeof cell.value === 'number') return LINE_MM + PAD_Y_MM;
    const perLine = Math.max(1, Math.floor(usableMm(cell, widths) / UNIT_MM));
    const paragraphs = paragraphsOf(cell.value);
    const lines = paragraphs.reduce((sum, p) => sum + Math.max(1, Math.ceil(displayWidth(p) / perLine)), 0);
    return lines * LINE_MM + (paragraphs.length - 1) * PARAGRAPH_GAP_MM + PAD_Y_MM;
}

/** Estimated height of a row from its one-row cells (a cell spanning rows is shared with the rows below). */
export function rowHeightMm(cells: readonly GridCell[], widths: readonly number[]): number {
    return cells.filter(c => c.rowSpan === 1).reduce((h, c) => Math.max(h, cellHeightMm(c, widths)), LINE_MM + PAD_Y_MM);
}
