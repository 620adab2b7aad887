// A proposal's value as the table writes it (≥96场次, ≤2024-12-31, ≥〔待填〕%), as a model indicator for printing and
// checking, and the two questions asked of every proposal's source: where does its quote stand in the text, and does
// the text state its number at all (a drafter must never invent one).
import type { Indicator, IndicatorValue } from '../compile/model.js';
import { formatNumber, readNumberAt } from '../domain/numbers.js';
import { normalizeValueText } from '../domain/text.js';
import { unitInfo } from '../domain/units.js';
import { parseValue } from '../domain/values.js';
import { PLACEHOLDER } from '../validation/values-context.js';
import type { Proposal } from './proposal.js';

type ValueFields = Pick<Proposal, 'operator' | 'number' | 'unit' | 'per' | 'date'>;

/** The cell text of the structured fields; 〔待填〕 where the number or date is still to be supplied. */
export function cellText(p: ValueFields): string {
    const op = p.operator === '=' ? '' : p.operator;
    if (p.date !== null) return `${op}${p.date}`;
    const number = p.number === null ? PLACEHOLDER : formatNumber(p.number);
    return `${op}${number}${p.unit ?? ''}${p.per ? `/${p.per}` : ''}`;
}

// The DSL's structured forms (grammar rules QuantityValue / DateValue); anything else is written as a quoted text.
const STRUCTURED_QUANTITY = /^(?:[≥≤<>=])?\d+(?:\.\d+)?(?:%|[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z/·]*)?$/;
const STRUCTURED_DATE = /^(?:[≥≤<>=])?\d{4}-\d{1,2}-\d{1,2}$/;
// RangeValue: 10~20场, 80~90%.
const STRUCTURED_RANGE = /^\d+(?:\.\d+)?~\d+(?:\.\d+)?(?:%|[\u4e00-\u9fffA-Za-z]+)?$/;

/**
 * How a cell is written in .jxmb. A unit jxmb does not know is quoted: an unknown word after a number could be one of
 * the grammar's keywords (项目, 年度) and would not parse as a unit.
 */
export function valueForm(text: string): IndicatorValue['form'] {
    if (STRUCTURED_DATE.test(text)) return 'date';
    if (STRUCTURED_RANGE.test(text)) {
        const unit = text.replace(/^[\d.]+~[\d.]+/, '');
        return unit === '' || unit === '%' || unitInfo(unit) !== undefined ? 'range' : 'text';
    }
    if (!STRUCTURED_QUANTITY.test(text)) return 'text';
    const unit = text.replace(/^[≥≤<>=]?\d+(?:\.\d+)?/, '');
    if (unit === '' || unit === '%') return 'quantity';
    const [base, per, ...more] = unit.split('/');
    const knownPer = per === undefined || PERIODS.test(per) || unitInfo(per) !== undefined;
    return unitInfo(base) !== undefined && knownPer && more.length === 0 ? 'quantity' : 'text';
}

const PERIODS = /^[年月周日天季]$/;

/** The proposal's unit or period (per) that jxmb's unit table does not know; undefined when both are known or absent. */
export function unknownUnitOf(p: Pick<Proposal, 'unit' | 'per'>): string | undefined {
    if (p.unit !== null && unitInfo(p.unit) === undefined) return p.unit;
    if (p.per !== null && !PERIODS.test(p.per) && unitInfo(p.per) === undefined) return p.per;
    return undefined;
}

function modelValue(text: string, year: number | null): IndicatorValue {
    return { text, form: valueForm(text), parsed: parseValue(text, year === null ? {} : { year }) };
}

/** The proposal as a model indicator (what print-jxmb's printIndicator writes). */
export function indicatorOf(p: Proposal, year: number | null = null): Indicator {
    const same = p.period === p.annual;
    const period = p.period.trim() === '' ? null : modelValue(p.period, year);
    const annual = same ? period : p.annual.trim() === '' ? null : modelValue(p.annual, year);
    return { name: p.name, sameValue: same && period !== null, period, annual };
}

// ---------------------------------------------------------------------------------------------------------------
// The source text

const WIDE: Record<string, string> = { '（': '(', '）': ')', '：': ':', '％': '%', '＞': '>', '＜': '<', '＝': '=', '，': ',', '；': ';' };

/** Text compared without whitespace and with one spelling per full-width character, with the way back to offsets. */
function comparable(text: string): { text: string; offsets: number[] } {
    let out = '';
    const offsets: number[] = [];
    for (let i = 0; i < text.length; i++) {
        const ch = text[i]!;
        if (/\s/.test(ch)) continue;
        const code = ch.charCodeAt(0);
        out += code >= 0xff01 && code <= 0xff5e && !(ch in WIDE) ? String.fromCharCode(code - 0xfee0) : WIDE[ch] ?? ch;
        offsets.push(i);
    }
    offsets.push(text.length);
    return { text: out, offsets };
}

/** [start, end) of `quote` in `text`, exact or ignoring whitespace and full-width forms; undefined when absent. */
export function locateQuote(text: string, quote: string): [number, number] | undefined {
    if (quote === '') return undefined;
    const exact = text.indexOf(quote);
    if (exact >= 0) return [exact, exact + quote.length];
    const t = comparable(text);
    const q = comparable(quote).text;
    if (q === '') return undefined;
    const at = t.text.indexOf(q);
    if (at < 0) return undefined;
    return [t.offsets[at]!, t.offsets[at + q.length - 1]! + 1];
}

// Every proposal of a draft asks about the same source text: read once, not once per proposal.
let lastRead: { text: string; numbers: ReadonlySet<number> } | undefined;

/** Every number the text writes, Arabic or Chinese, also scaled by a 万/亿 after it (3000万 → 3000 and 3e7). */
export function numbersIn(text: string): ReadonlySet<number> {
    if (lastRead?.text !== text) lastRead = { text, numbers: readNumbers(text) };
    return lastRead.numbers;
}

function readNumbers(text: string): Set<number> {
    const s = normalizeValueText(text).replace(/(\d),(?=\d{3})/g, '$1');
    const found = new Set<number>();
    for (let i = 0; i < s.length;) {
        const token = /[\d〇零一二两三四五六七八九十百千]/.test(s[i]!) ? readNumberAt(s, i) : undefined;
        if (!token) {
            i++;
            continue;
        }
        found.add(token.value);
        if (s[token.end] === '万') found.add(token.value * 1e4);
        if (s[token.end] === '亿') found.add(token.value * 1e8);
        if (s[token.end] === '千' && !token.chinese) found.add(token.value * 1e3);
        i = token.end;
    }
    return found;
}

const close = (a: number, b: number) => Math.abs(a - b) < 1e-9 * Math.max(1, Math.abs(a));

/**
 * Whether the text states the proposal's number: the number itself, or the same amount in the unit's base (1.5万本 as
 * 15000本). A date needs its year in the text or to be the budget year, and its month in the text unless it is the
 * year's end (年底前, 本年内). A skeleton has no number to check.
 */
export function statesNumber(p: ValueFields, text: string, year: number | null): boolean {
    const numbers = numbersIn(text);
    if (p.date !== null) {
        const [y, m] = p.date.split('-').map(Number) as [number, number];
        const yearOk = numbers.has(y) || y === year;
        const monthOk = numbers.has(m) || (m === 12 && /年底|年末|年内|本年|当年|年度内/.test(text));
        return yearOk && monthOk;
    }
    if (p.number === null) return true;
    for (const n of numbers) {
        if (close(n, p.number)) return true;
        const info = unitInfo(p.unit);
        if (info && close(n, p.number * info.factor)) return true;
    }
    return false;
}
