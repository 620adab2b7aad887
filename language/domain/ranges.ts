// Ranges: 80–90%, 80%～90%, 3至5次, [80,90] (RULES §3.2; none in the seeds).
import { readNumberAt } from './numbers.js';
import { readUnitAt } from './quantities.js';
import type { ValueBody } from './value-types.js';

type Body = Extract<ValueBody, { kind: 'range' | 'unparsable' }>;

const SEPARATORS = ['~', '–', '—', '-', '－', '至', '到'];
const OPEN = '[(';
const CLOSE = '])';

const isYear = (n: number) => Number.isInteger(n) && n >= 1900 && n <= 2199;

/** A value that is exactly a range, or undefined. Both bounds are inclusive. */
export function parseRange(text: string): Body | undefined {
    let p = text.startsWith('约') ? 1 : text.startsWith('大约') ? 2 : 0;
    const bracketed = OPEN.includes(text[p] ?? '');
    if (bracketed) p++;
    const low = readNumberAt(text, p);
    if (!low) return undefined;
    const lowUnit = bracketed ? { unit: null, end: low.end } : readUnitAt(text, low.end);
    p = lowUnit.end;
    const separator = bracketed ? [',', '，', '、'].find(s => text.startsWith(s, p)) : SEPARATORS.find(s => text.startsWith(s, p));
    if (!separator) return undefined;
    const high = readNumberAt(text, p + separator.length);
    if (!high) return undefined;
    p = high.end;
    if (bracketed) {
        if (!CLOSE.includes(text[p] ?? '')) return undefined;
        p++;
    }
    const highUnit = readUnitAt(text, p);
    if (highUnit.end !== text.length) return undefined;
    const lowValue = low.percent ? '%' : lowUnit.unit;
    const highValue = high.percent ? '%' : highUnit.unit;
    // 2021-2025年 is a period, not a target range.
    if (isYear(low.value) && isYear(high.value) && (highValue === '年' || highValue === null) && !lowValue) return undefined;
    if (lowValue && highValue && lowValue !== highValue) {
        return { kind: 'unparsable', reason: `range with two units: 「${lowValue}」 and 「${highValue}」`, range: true };
    }
    if (low.value > high.value) return { kind: 'unparsable', reason: `range lower bound ${low.value} is greater than upper bound ${high.value}`, range: true };
    return { kind: 'range', min: low.value, max: high.value, unit: highValue ?? lowValue ?? null };
}
