import type { SourceCell } from './source.js';

// Reading one cell: its text cleaned of extraction whitespace, its compact form for matching labels, its amount.

/** All whitespace removed: labels are matched in this form (PDF wrapping splits 「部门预算支\n出」). */
export function compact(text: string): string {
    return text.replace(/[\s\u3000]+/g, '');
}

// Han characters, CJK and full-width punctuation, and the curly quotes Chinese text uses.
const WIDE = '\\u2e80-\\u9fff\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uffef\\u201c\\u201d\\u2018\\u2019\\u2026\\u2014';
const WIDE_GAP = new RegExp(`(?<=[${WIDE}])[ \\t\\u3000]+(?=[${WIDE}])`, 'g');

/**
 * A cell's text as the model keeps it. Extracted text (PDF, web page) carries layout spaces inside cells: a space
 * between two Chinese characters is never written on purpose (「合理安排2024年度办公 设备」, 「科 研院所」), so it is
 * removed; spaces next to Latin letters, digits or ASCII punctuation (「1. 全年开展」, 「工作报告； 2、」) may be the
 * author's and stay. Spreadsheet and Word cells are taken as typed.
 */
export function cleanText(text: string, extracted: boolean): string {
    const trimmed = text.trim();
    return extracted ? trimmed.replace(WIDE_GAP, '') : trimmed;
}

const AMOUNT = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/**
 * A cell's text in the form AMOUNT is matched against: as typed with a Chinese input method (full-width digits,
 * 「．」 and 「，」) and with the unit .jxmb amounts are in written after it (「176.70万元」) read as the plain number.
 */
function amountForm(text: string): string {
    return compact(text).normalize('NFKC').replace(/万元$/, '');
}

/** Whether a text reads as an amount (28,803.30 / 0.00 / 32 / 176.70万元). */
export function isAmountText(text: string): boolean {
    return AMOUNT.test(amountForm(text));
}

/** Whether the cell reads as an amount (28,803.30 / 0.00 / 32) or is blank. */
export function isAmountCell(cell: SourceCell | undefined): boolean {
    return !cell || cell.number !== undefined || cell.text === '' || isAmountText(cell.text);
}

/** The amount in a cell: a number, null for a blank cell, undefined when the cell holds text that is no amount. */
export function amountOf(cell: SourceCell | undefined): number | null | undefined {
    if (!cell) return null;
    if (cell.number !== undefined) return cell.number;
    if (compact(cell.text) === '') return null;
    const text = amountForm(cell.text);
    return AMOUNT.test(text) ? Number(text.replace(/,/g, '')) : undefined;
}

/** `<p>…</p>` wrappers (RULES §6.2 Q2) anywhere in a cell. */
export function hasParagraphTags(text: string): boolean {
    return /<\/?p>/i.test(text);
}

export function stripParagraphTags(text: string): string {
    return text.replace(/<\/?p>/gi, '');
}
