// Deadlines written as dates: 2024年12月31日, 2024-12-31, 2024年12月前, 2024年底, 本年内完成 (RULES §3.2 "time").
import type { Operator, ValueBody } from './value-types.js';

const PRE = '(≤|≥|<|>|=|不晚于|不早于|截至|截止到|截止|于|在)?';
const SUF = '(前|之前|以前|为止|止|以内|之内|内|之后|以后|后|起)?';
const YEAR = '((?:19|20|21)\\d{2})';
const DONE = '(?:完成)?$';

const FULL = new RegExp(`^${PRE}${YEAR}(?:年(\\d{1,2})月(\\d{1,2})[日号]|[-/.](\\d{1,2})[-/.](\\d{1,2}))${SUF}${DONE}`);
const MONTH = new RegExp(`^${PRE}${YEAR}(?:年(\\d{1,2})月份?|[-/](\\d{1,2}))(底|末|上旬|中旬|下旬)?${SUF}${DONE}`);
const WHOLE_YEAR = new RegExp(`^${PRE}${YEAR}年度?(底|末|年底|年末|内)?${SUF}${DONE}`);
const THIS_YEAR = /^(本年度|本年|今年|当年|年度|年)(内|底|末)(前)?(?:完成)?$/;
const MONTH_NO_YEAR = new RegExp(`^${PRE}(\\d{1,2})月份?(底|末|上旬|中旬|下旬)?${SUF}${DONE}`);
const DAY_NO_YEAR = new RegExp(`^${PRE}(\\d{1,2})月(\\d{1,2})[日号]${SUF}${DONE}`);
// 2024年第三季度前, 上半年完成: a quarter or half-year ends on its last day (年 optional: the budget year).
const PART_OF_YEAR = new RegExp(`^${PRE}(?:${YEAR}年度?)?(第[一二三四1-4]季度|[一二三四1-4]季度|上半年|下半年)(末|底)?${SUF}${DONE}`);

const PRE_OP: Record<string, Operator> = { '≤': '≤', '≥': '≥', '<': '<', '>': '>', '=': '=', 不晚于: '≤', 不早于: '≥', 截至: '≤', 截止到: '≤', 截止: '≤' };
const AFTER = new Set(['后', '之后', '以后', '起']);

type Body = Extract<ValueBody, { kind: 'date' | 'qualitative' | 'unparsable' }>;

/** Operator from the words around a date; a bare date is a deadline (≤). undefined when the two sides disagree. */
function operatorOf(pre: string | undefined, suf: string | undefined): Operator | undefined {
    const before = pre ? PRE_OP[pre] : undefined;
    const after: Operator | undefined = suf ? (AFTER.has(suf) ? '≥' : '≤') : undefined;
    if (before && after && before !== after && !(before === '<' && after === '≤') && !(before === '>' && after === '≥')) return undefined;
    return before ?? after ?? '≤';
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function isoDate(y: number, m: number, d: number): string | undefined {
    if (m < 1 || m > 12 || d < 1 || d > lastDay(y, m)) return undefined;
    return `${y}-${pad(m)}-${pad(d)}`;
}

function dayOfPart(y: number, m: number, part: string | undefined): number {
    if (part === '上旬') return 10;
    if (part === '中旬') return 20;
    return lastDay(y, m);
}

function date(op: Operator | undefined, y: number, m: number, d: number, note: string | null, text: string): Body {
    if (!op) return { kind: 'unparsable', reason: `conflicting operators around the date in 「${text}」` };
    const iso = isoDate(y, m, d);
    if (!iso) return { kind: 'unparsable', reason: `no such date: ${y}-${pad(m)}-${pad(d)}` };
    return { kind: 'date', op, date: iso, note };
}

/**
 * A value that is a date, or a deadline that needs the budget year. `year` resolves 本年内 / 12月前; without it such a
 * value is qualitative, with a reason asking for the year. undefined when the text is not a date at all.
 */
export function parseDateValue(text: string, year?: number): Body | undefined {
    let m = FULL.exec(text);
    if (m) {
        const y = Number(m[2]);
        return date(operatorOf(m[1], m[7]), y, Number(m[3] ?? m[5]), Number(m[4] ?? m[6]), null, text);
    }
    m = MONTH.exec(text);
    if (m) {
        const y = Number(m[2]);
        const month = Number(m[3] ?? m[4]);
        return date(operatorOf(m[1], m[6]), y, month, dayOfPart(y, month, m[5]), monthNote(y, month, m[5], m[6]), text);
    }
    m = WHOLE_YEAR.exec(text);
    if (m) {
        const y = Number(m[2]);
        const note = m[3] || m[4] ? null : `year only: read as ${y}-12-31`;
        return date(operatorOf(m[1], m[4]), y, 12, 31, note, text);
    }
    m = THIS_YEAR.exec(text);
    if (m) {
        if (year === undefined) return needsYear(text);
        return date('≤', year, 12, 31, `「${m[1]}${m[2]}」 read as the budget year ${year}`, text);
    }
    m = MONTH_NO_YEAR.exec(text);
    // A bare 「12月」 is a duration (12 个月); only 底/旬 or 前/内/后 make it a date.
    if (m && (m[3] || m[4])) {
        if (year === undefined) return needsYear(text);
        const month = Number(m[2]);
        const note = [`month without a year: read in the budget year ${year}`, monthNote(year, month, m[3], m[4])].filter(Boolean).join('; ');
        return date(operatorOf(m[1], m[4]), year, month, dayOfPart(year, month, m[3]), note, text);
    }
    m = PART_OF_YEAR.exec(text);
    if (m) {
        const y = m[2] ? Number(m[2]) : year;
        if (y === undefined) return needsYear(text);
        const month = lastMonthOf(m[3]!);
        const notes = [m[2] ? null : `without a year: read in the budget year ${y}`, partNote(y, m[3]!, month, m[4], m[5])].filter(Boolean);
        return date(operatorOf(m[1], m[5]), y, month, lastDay(y, month), notes.length ? notes.join('; ') : null, text);
    }
    m = DAY_NO_YEAR.exec(text);
    if (m) {
        if (year === undefined) return needsYear(text);
        return date(operatorOf(m[1], m[4]), year, Number(m[2]), Number(m[3]), `date without a year: read in the budget year ${year}`, text);
    }
    return undefined;
}

// 「12月前」: before 12-01 or by the end of December? RULES §4 asks to disambiguate; read as the end of the month.
function monthNote(y: number, month: number, part: string | undefined, suf: string | undefined): string | null {
    if (part) return null;
    const end = `${y}-${pad(month)}-${pad(lastDay(y, month))}`;
    if (suf && ['前', '之前', '以前'].includes(suf)) {
        return `「${month}月前」 is ambiguous: before ${y}-${pad(month)}-01, or by the end of ${month}月? Read as ≤ ${end}; write ${y}年${month}月${lastDay(y, month)}日前 to be exact`;
    }
    return suf ? null : `month only: read as the last day, ${end}`;
}

const QUARTER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 1: 1, 2: 2, 3: 3, 4: 4 };

/** The month a quarter or half-year ends in: 第三季度 → 9, 上半年 → 6. */
function lastMonthOf(part: string): number {
    if (part === '上半年') return 6;
    if (part === '下半年') return 12;
    return 3 * QUARTER[part.replace(/^第/, '')[0]!]!;
}

// 「第三季度前」: by the end of the quarter, as 年底前 is by the end of the year.
function partNote(y: number, part: string, month: number, end: string | undefined, suf: string | undefined): string | null {
    if (end || !suf || !['前', '之前', '以前'].includes(suf)) return null;
    return `「${part}前」 read as by its end, ≤ ${y}-${pad(month)}-${pad(lastDay(y, month))}`;
}

function needsYear(text: string): Body {
    return {
        kind: 'qualitative',
        grade: null,
        milestone: null,
        reason: `「${text}」 is a deadline without a year: give the budget year, or write ≤YYYY年12月31日 (RULES §4)`
    };
}
