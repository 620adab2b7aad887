// Finds the quantities in a 指标值: operator + number + unit, with hedges, per-periods and suffix operators
// (≥45场次, 不少于1000次, 3000万人次以上, 70余场, 约96.6亿, 每月不少于1次, 1小时内, 20000+). RULES §3.2.
import { CN_NUMERAL_CHARS, readNumberAt, type NumberToken } from './numbers.js';
import { byCharacter, CLAUSE_SEPARATORS, MASK_CHAR } from './text.js';
import { matchUnitAt, unitKind } from './units.js';
import type { Hedge, Operator, Quantity } from './value-types.js';

export interface FoundQuantity extends Quantity {
    start: number;
    end: number;
}

export interface ScanResult {
    quantities: FoundQuantity[];
    /** Why the text cannot be read although it holds numbers; empty when fine. */
    problems: string[];
}

// Operator words before a number, longest first. 达/达到 are weak: a hedge overrides them (达到近10000人 → ≤).
const PREFIX_OPS: ReadonlyArray<readonly [string, Operator, boolean?]> = [
    ['大于或等于', '≥'], ['小于或等于', '≤'], ['大于等于', '≥'], ['小于等于', '≤'],
    ['不少于', '≥'], ['不低于', '≥'], ['不小于', '≥'], ['不超过', '≤'], ['不高于', '≤'], ['不大于', '≤'], ['不多于', '≤'],
    ['至少', '≥'], ['最少', '≥'], ['最多', '≤'], ['控制在', '≤'], ['不足', '<'], ['不到', '<'],
    ['少于', '<'], ['低于', '<'], ['小于', '<'], ['多于', '>'], ['超过', '>'], ['高于', '>'], ['大于', '>'], ['逾', '>'], ['超', '>'],
    ['达到', '≥', true], ['达', '≥', true], ['等于', '='],
    ['≥', '≥'], ['≤', '≤'], ['>', '>'], ['<', '<'], ['=', '=']
];

// Hedges before a number; a word that ends in the hedge character is not a hedge (签约5家, 最近3年).
const PREFIX_HEDGES: ReadonlyArray<readonly [string, Hedge]> = [['大约', '约'], ['将近', '近'], ['接近', '近'], ['约', '约'], ['近', '近']];
const NOT_HEDGE_BEFORE: Record<string, string> = { 约: '签制预邀节公条契合违履守践', 近: '最附邻靠' };

// Operator and hedge words by the character next to the number (text.ts, byCharacter).
const PREFIX_OPS_BY_LAST = byCharacter(PREFIX_OPS, ([word]) => word.at(-1)!);
const PREFIX_HEDGES_BY_LAST = byCharacter(PREFIX_HEDGES, ([word]) => word.at(-1)!);

// Operators after a number (and its unit), longest first.
const SUFFIX_OPS: ReadonlyArray<readonly [string, Operator | 'hedge']> = [
    ['及以上', '≥'], ['以上', '≥'], ['及以下', '≤'], ['以下', '≤'], ['以内', '≤'], ['之内', '≤'], ['内', '≤'],
    ['左右', 'hedge'], ['+', '≥']
];
const SUFFIX_OPS_BY_FIRST = byCharacter(SUFFIX_OPS, ([word]) => word[0]!);
// 内 after a unit starts a noun as often as it means "within": 100个内容, 3家内部.
const NOT_WITHIN = '容部涵外网审控设务在';

const HEDGE_OP: Record<Hedge, Operator> = { 约: '=', 左右: '=', 余: '>', 多: '>', 近: '≤' };

// Chinese numerals that are words, not counts: 一起 (together), 一次性 (one-off), 一期工程 (phase one).
const NUMERAL_IDIOMS = ['一起', '一批', '一部分', '一次性', '一期工程', '二期工程', '三期工程', '一级指标', '二级指标', '三级指标', '一条龙', '一门心思'];

export interface UnitRead {
    unit: string | null;
    hedge: '余' | '多' | null;
    end: number;
}

const plainUnitAt = (text: string, pos: number): string | undefined => {
    const unit = matchUnitAt(text, pos);
    return unit && unitKind(unit) !== 'magnitude' ? unit : undefined;
};

/** Unit after a number: 场次, 万人次, 万平方米 (magnitude + unit), 万 alone, 余场 / 万多平方米 (hedge inside). */
export function readUnitAt(text: string, pos: number): UnitRead {
    let p = pos;
    const first = matchUnitAt(text, p);
    if (first && unitKind(first) !== 'magnitude') return { unit: first, hedge: null, end: p + first.length };
    const magnitude = first ?? '';
    p += magnitude.length;
    let hedge: '余' | '多' | null = null;
    const ch = text[p];
    if (ch === '余' || ch === '多') {
        // 「多」 is a hedge before a unit, after a magnitude or at a clause end (70余场, 10万多, 1000多。); not in 3多样.
        const next = text[p + 1];
        if (plainUnitAt(text, p + 1) || magnitude || next === undefined || CLAUSE_SEPARATORS.includes(next)) {
            hedge = ch;
            p += 1;
        }
    }
    const unit = plainUnitAt(text, p) ?? '';
    const full = magnitude + unit;
    return { unit: full || null, hedge, end: p + unit.length };
}

function endsWithAt(text: string, end: number, word: string): boolean {
    return end >= word.length && text.startsWith(word, end - word.length);
}

interface Prefix {
    op: Operator | null;
    weak: boolean;
    hedge: Hedge | null;
    start: number;
}

function readPrefix(masked: string, numberStart: number): Prefix {
    let p = numberStart;
    let hedge: Hedge | null = null;
    const takeHedge = () => {
        for (const entry of PREFIX_HEDGES_BY_LAST.get(masked[p - 1]!) ?? []) {
            const word = entry[0];
            const charBefore = masked[p - word.length - 1];
            if (endsWithAt(masked, p, word) && !(charBefore && NOT_HEDGE_BEFORE[word]?.includes(charBefore))) {
                hedge = entry[1];
                p -= word.length;
                return;
            }
        }
    };
    takeHedge();
    // Masked quotes may stand between an operator and its number: 高于“十三五”17.4%.
    let q = p;
    while (q > 0 && masked[q - 1] === MASK_CHAR) q--;
    for (const entry of PREFIX_OPS_BY_LAST.get(masked[q - 1]!) ?? []) {
        if (endsWithAt(masked, q, entry[0])) {
            p = q - entry[0].length;
            if (!hedge) takeHedge();
            return { op: entry[1], weak: !!entry[2], hedge, start: p };
        }
    }
    return { op: null, weak: false, hedge, start: p };
}

interface Suffix {
    op: Operator | null;
    hedge: Hedge | null;
    per: string | null;
    end: number;
}

function readSuffix(text: string, pos: number): Suffix {
    let p = pos;
    let per: string | null = null;
    // 6场次/年, 元/台: the unit after / is what the value counts per.
    if (text[p] === '/') {
        const unit = matchUnitAt(text, p + 1);
        if (unit) {
            per = unit;
            p += 1 + unit.length;
        }
    }
    for (const [word, op] of SUFFIX_OPS_BY_FIRST.get(text[p]!) ?? []) {
        if (!text.startsWith(word, p)) continue;
        const next = text[p + 1];
        if (word === '内' && next && NOT_WITHIN.includes(next)) break;
        p += word.length;
        return op === 'hedge' ? { op: null, hedge: '左右', per, end: p } : { op, hedge: null, per, end: p };
    }
    return { op: null, hedge: null, per, end: p };
}

/** 每月不少于1次 → 月; 每期峰会参会人数不少于100人 → 期. Only within the clause of the number, at most 30 characters back. */
function perFromClause(text: string, masked: string, numberStart: number): string | null {
    const from = Math.max(0, numberStart - 30);
    for (let i = numberStart - 1; i >= from; i--) {
        const ch = masked[i]!;
        if (CLAUSE_SEPARATORS.includes(ch)) return null;
        if (ch === '每') return matchUnitAt(text, i + 1) ?? null;
    }
    return null;
}

// Where a number could start; checked one by one with readNumberAt.
const NUMBER_START = new RegExp(`百分之|[0-9${CN_NUMERAL_CHARS}]`, 'g');
const NUMBER_RUN = new RegExp(`[0-9${CN_NUMERAL_CHARS}]*`, 'y');

interface Combined {
    op: Operator;
    hedge: Hedge | null;
    /** Any operator was written, 达 included. */
    explicit: boolean;
    /** An operator other than 达/达到 was written. */
    strong: boolean;
}

function combine(prefix: Prefix, suffix: Suffix, infix: '余' | '多' | null): Combined | string {
    const hedge: Hedge | null = prefix.hedge ?? infix ?? suffix.hedge;
    let op: Operator | null = prefix.op && !prefix.weak ? prefix.op : null;
    if (suffix.op) {
        // 大于20家以上 says the same twice; 不少于90%以下 contradicts itself.
        const compatible = !op || op === suffix.op || (op === '>' && suffix.op === '≥') || (op === '<' && suffix.op === '≤');
        if (!compatible) return `conflicting operators ${op} and ${suffix.op}`;
        op ??= suffix.op;
    }
    // An explicit operator wins over a hedge (不少于约100人 → ≥); a hedge wins over the weak 达/达到 (达到近10000人 → ≤).
    if (!op && hedge) op = HEDGE_OP[hedge];
    op ??= prefix.op;
    return { op: op ?? '=', hedge, explicit: !!(prefix.op || suffix.op), strong: !!((prefix.op && !prefix.weak) || suffix.op) };
}

/**
 * All quantities in `text` (already normalised). `masked` is the same text with non-quantity numbers masked
 * (text.ts). A number counts when it has a unit, an operator, a hedge or a per-period — or when it is the whole value
 * (≥65, 4). Chinese numerals count only with a unit (一个, 两家, 一小时内), so prose like 十四五 is left alone.
 */
export function scanQuantities(text: string, masked: string): ScanResult {
    const quantities: FoundQuantity[] = [];
    const problems: string[] = [];
    NUMBER_START.lastIndex = 0;
    let match: RegExpExecArray | null;
    let resumeAt = 0;
    while ((match = NUMBER_START.exec(masked))) {
        const start = match.index;
        if (start < resumeAt) continue;
        const token = readNumberAt(masked, start);
        if (!token) {
            // Skip the whole run of numeral characters, or a long run would be re-read from every position.
            NUMBER_RUN.lastIndex = start;
            NUMBER_RUN.exec(masked);
            NUMBER_START.lastIndex = Math.max(start + 1, NUMBER_RUN.lastIndex);
            continue;
        }
        NUMBER_START.lastIndex = token.end;
        const found = readQuantity(text, masked, token, problems);
        if (found) {
            quantities.push(found);
            resumeAt = found.end;
        }
    }
    return { quantities, problems };
}

function readQuantity(text: string, masked: string, token: NumberToken, problems: string[]): FoundQuantity | undefined {
    const before = masked[token.start - 1] ?? '';
    // Part of an identifier (V2, G20) or of a malformed number (1.2.3).
    if (/[A-Za-z.]/.test(before) && !token.percent) return undefined;
    if (token.chinese && NUMERAL_IDIOMS.some(idiom => masked.startsWith(idiom, token.start))) return undefined;

    // A minus sign after an operator or at the start (-5%, ≥-5%), not between numbers (1-3次) or after a unit.
    const negative = (before === '-' || before === '−') && !/[0-9A-Za-z%]/.test(masked[token.start - 2] ?? '') && !token.chinese;
    const unitRead: UnitRead = token.percent ? { unit: '%', hedge: null, end: token.end } : readUnitAt(masked, token.end);
    const prefix = readPrefix(masked, negative ? token.start - 1 : token.start);
    const suffix = readSuffix(masked, unitRead.end);
    const per = suffix.per ?? perFromClause(text, masked, token.start);
    const combined = combine(prefix, suffix, unitRead.hedge);
    const start = prefix.start;
    const end = suffix.end;
    const wholeValue = start === 0 && end === masked.length;
    const kind = unitKind(unitRead.unit);

    if (token.chinese && !wholeValue && (!unitRead.unit || kind === 'magnitude')) return undefined;
    if (typeof combined === 'string') {
        problems.push(`${combined} in 「${text.slice(start, end)}」`);
        return undefined;
    }
    if (!Number.isFinite(token.value)) {
        problems.push(`number too large in 「${text.slice(start, end)}」`);
        return undefined;
    }
    const significant = !!unitRead.unit || combined.explicit || !!combined.hedge || !!per || wholeValue;
    if (!significant) return undefined;
    // A level is a grade (二级, 达到二级), classified as qualitative; with a real operator it compares (≥二级, 不低于二级).
    if (kind === 'grade' && !combined.strong) return undefined;
    return {
        op: combined.op,
        value: negative ? -token.value : token.value,
        unit: unitRead.unit,
        hedge: combined.hedge,
        per,
        approximate: !!combined.hedge,
        start,
        end
    };
}
