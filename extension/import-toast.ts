import type { Translate } from './translate.js';

// The message after 从表格导入: where the declaration went, what could not be placed, and — since checks need it —
// whether a table without 年度 got jxmb.defaultYear or none.

export interface ImportOutcome {
    /** the table's file name */
    table: string;
    /** the new .jxmb, relative to the workspace */
    destination: string;
    unplaced: number;
    /** declarations whose table states no 年度 */
    yearless: number;
    /** jxmb.defaultYear, sent with the request */
    year: number | undefined;
}

export function importToast(outcome: ImportOutcome, t: Translate): string {
    const placed = outcome.unplaced > 0
        ? t('Imported {0} into {1}; {2} cells could not be placed (listed at the top of the file and in the report).', outcome.table, outcome.destination, outcome.unplaced)
        : t('Imported {0} into {1}; every cell was placed.', outcome.table, outcome.destination);
    if (outcome.yearless === 0) return placed;
    // Two sentences: a space between them in English, none in Chinese.
    return t('{0} {1}', placed, outcome.year === undefined
        ? t('The table states no 年度, so none was written: set jxmb.defaultYear and import again, or add 「年度 2025」 after the name.')
        : t('The table states no 年度: {0} was written, from jxmb.defaultYear.', outcome.year));
}
