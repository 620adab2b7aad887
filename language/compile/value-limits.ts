import * as ast from '../generated/ast.js';
import { Code } from '../validation/codes.js';
import { parseNumber } from './numbers.js';

// What the grammar lets a file say but the canonical model (schemas/declaration.schema.json) cannot hold: a 年度
// outside 1900–2200 or not a whole year, an amount with more significant digits than a number keeps (README: more
// than 15 digits; `12345678901234567890.00` would come out as 12345678901234567000). One rule for the two places
// that say so: compile refuses the file (limits.ts), check reports it at its place (validation/model-limits.ts).

export const MODEL_LIMIT_CODE = Code.outOfRange;

export const YEAR_MIN = 1900;
export const YEAR_MAX = 2200;
/** A double keeps every decimal of at most 15 significant digits. */
export const AMOUNT_MAX_DIGITS = 15;

/** The year as written, when it is a year the model holds. */
export function yearInRange(text: string): boolean {
    const year = parseNumber(text);
    return Number.isInteger(year) && year >= YEAR_MIN && year <= YEAR_MAX;
}

export function yearMessage(text: string): string {
    return `年度「${shorten(text)}」不是 ${YEAR_MIN}–${YEAR_MAX} 之间的年份，无法编译。`;
}

/** An amount as written that a number keeps exactly; sums of others are not comparable. */
export function amountInRange(text: string): boolean {
    // A text of at most 15 characters has at most 15 digits.
    return Number.isFinite(parseNumber(text)) && (text.length <= AMOUNT_MAX_DIGITS || significantDigits(text) <= AMOUNT_MAX_DIGITS);
}

export function amountMessage(node: ast.AmountItem | ast.TaskAmount, text: string): string {
    const what = ast.isAmountItem(node) ? `「${node.key}」` : '拟投入资金';
    return `${what}的数额「${shorten(text)}」位数太多（超过 ${AMOUNT_MAX_DIGITS} 位有效数字），无法精确编译。`;
}

/** `0,012,345.6700` → 6: the digits between the first and last non-zero one, and the whole number's trailing zeros. */
export function significantDigits(text: string): number {
    const [whole = '', fraction = ''] = text.replace(/[^0-9.]/g, '').split('.');
    return (whole + fraction.replace(/0+$/, '')).replace(/^0+/, '').length;
}

const shorten = (text: string) => text.length > 24 ? `${text.slice(0, 12)}…${text.slice(-6)}（${text.length} 位）` : text;

/** A declaration's 年度 as the checks use it: none when it is no year the model holds (99999 is reported, not used). */
export function usableYear(text: string | undefined): number | undefined {
    return text !== undefined && yearInRange(text) ? parseNumber(text) : undefined;
}
