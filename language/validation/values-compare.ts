// 实施周期指标值 vs 年度指标值 (RULES §3.4 V2–V4): the annual value refines the period value, so both measure the same
// thing, in the same unit and direction; the annual count does not exceed the period's, and an annual rate is not
// looser than the period's. 「1个」 and 「一个」 are the same after normalisation.
import { normalizeValueText } from '../domain/text.js';
import { unitInfo } from '../domain/units.js';
import type { ParsedValue, Quantity } from '../domain/values.js';

export interface Mismatch {
    /** Why, in Chinese, for the message. */
    reason: string;
}

type Direction = 'up' | 'down';
const direction = (q: Pick<Quantity, 'op'>): Direction => q.op === '≤' || q.op === '<' ? 'down' : 'up';

function quantitiesOf(parsed: ParsedValue): Quantity[] | undefined {
    if (parsed.kind === 'quantity') return [parsed];
    if (parsed.kind === 'compound') return parsed.parts;
    return undefined;
}

/** Units measure the same thing: equal, convertible (人次/万人次), or a bare magnitude written without its unit (10万 vs 10万人). */
function sameUnit(a: string | null, b: string | null): boolean {
    if (a === b || a === null || b === null) return true;
    const x = unitInfo(a);
    const y = unitInfo(b);
    if (x && y && x.base === y.base) return true;
    const bare = (m: string | null, other: string) => (m === '万' || m === '亿') && other.startsWith(m);
    return bare(a, b) || bare(b, a);
}

/** Value in the base unit, so that 1.5万本 and 15000本 compare; a bare magnitude (10万) counts as its factor. */
function baseValue(q: Quantity): number {
    return q.value * (unitInfo(q.unit)?.factor ?? 1);
}

const describe = (q: Quantity) => `${q.op === '=' ? '' : q.op}${q.value}${q.unit ?? ''}`;

function compareQuantity(period: Quantity, annual: Quantity): string | undefined {
    if (!sameUnit(period.unit, annual.unit)) {
        return `单位不同：实施周期为「${describe(period)}」，年度为「${describe(annual)}」`;
    }
    if (direction(period) !== direction(annual)) {
        return `方向相反：实施周期为「${describe(period)}」，年度为「${describe(annual)}」`;
    }
    const p = baseValue(period);
    const a = baseValue(annual);
    if (period.unit === '%' || annual.unit === '%') {
        // A rate or 满意度 for the year is the same as the period's or stricter (V3).
        const looser = direction(period) === 'up' ? a < p : a > p;
        return looser ? `年度比率「${describe(annual)}」比实施周期「${describe(period)}」宽松：年度目标应相同或更严` : undefined;
    }
    // A count or amount for one year cannot exceed the whole period's (V3).
    return a > p ? `年度值「${describe(annual)}」大于实施周期值「${describe(period)}」：一年的量不应超过整个实施周期` : undefined;
}

// Bigrams of the words around the numbers: 「清扫次数、设备检查次数」 and 「垃圾清理次数、四害消杀次数」 share almost none.
function labelBigrams(text: string): Set<string> {
    const words = normalizeValueText(text).replace(/[0-9.,%+~≥≤<>=]/g, ' ').split(/[\s，,；;。、:()（）“”"]+/);
    const grams = new Set<string>();
    for (const word of words) for (let i = 0; i + 1 < word.length; i++) grams.add(word.slice(i, i + 2));
    return grams;
}

/** Share of the shorter label's bigrams found in the longer one: an abbreviated restatement keeps most of them. */
export function labelOverlap(a: string, b: string): number {
    const [x, y] = [labelBigrams(a), labelBigrams(b)].sort((p, q) => p.size - q.size) as [Set<string>, Set<string>];
    if (x.size === 0) return 1;
    let shared = 0;
    for (const gram of x) if (y.has(gram)) shared++;
    return shared / x.size;
}

/** Below this share the two cells describe different things (RULES §3.4 V2, seed 002 清扫、设备检查、巡逻次数). */
export const SAME_THING_OVERLAP = 0.4;

const sameText = (a: string, b: string) => normalizeValueText(a) === normalizeValueText(b);

/** Why the two cells do not fit together, or undefined when they do (or when neither is a number to compare). */
export function compareHalves(period: { text: string; parsed: ParsedValue }, annual: { text: string; parsed: ParsedValue }): Mismatch | undefined {
    if (sameText(period.text, annual.text)) return undefined;
    const p = period.parsed;
    const a = annual.parsed;
    if (p.kind === 'date' && a.kind === 'date') {
        return a.date > p.date ? { reason: `年度时限「${a.date}」晚于实施周期时限「${p.date}」` } : undefined;
    }
    const pq = quantitiesOf(p);
    const aq = quantitiesOf(a);
    const numeric = (v: ParsedValue) => ['quantity', 'compound', 'range', 'date'].includes(v.kind);
    if (!numeric(p) || !numeric(a)) return undefined;
    if (!pq || !aq) {
        return p.kind === a.kind ? undefined : { reason: `两栏的值类型不同（实施周期为${kindName(p)}，年度为${kindName(a)}）` };
    }
    if (pq.length !== aq.length) {
        return { reason: `两栏计量的项数不同：实施周期 ${pq.length} 项，年度 ${aq.length} 项` };
    }
    for (let i = 0; i < pq.length; i++) {
        const reason = compareQuantity(pq[i]!, aq[i]!);
        if (reason) return { reason };
    }
    if (labelOverlap(period.text, annual.text) < SAME_THING_OVERLAP) {
        return { reason: '两栏数字相同，但计量的是不同的事项' };
    }
    return undefined;
}

function kindName(v: ParsedValue): string {
    switch (v.kind) {
        case 'date': return '日期';
        case 'range': return '区间';
        case 'compound': return '多个数量';
        default: return '数量';
    }
}
