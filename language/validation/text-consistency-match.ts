// Does an indicator measure what a text promises? Pure matching on promises (language/domain/promises.ts), kept apart
// from the AST so that it can be read — and tested — as the rule it is:
// 1. an indicator value with the same number in the same unit (场/场次/次 alike, 人/名/位 alike) whose name or words
//    share something with the promise's subject measures it;
//    — people reached count alike under any of the words for reaching them (惠及群众2万人次 / 科普受益人次 ≥2万人次);
// 2. otherwise one that clearly speaks of the same thing (most character pairs shared) in a comparable unit but with a
//    different number contradicts it;
// 3. otherwise nothing measures it.
import {
    baseValue, bigrams, looselySameUnit, sameMeasureUnit, subjectSimilarity, type TextPromise
} from '../domain/promises.js';
import { unitInfo } from '../domain/units.js';
import { readParsedValue, readPromises } from './memo.js';

/** One number an indicator states: its value, or one quantity of a prose value. */
export interface Measure<Ref> {
    promise: TextPromise;
    /** the indicator's 三级 name */
    name: string;
    /** the value holds this one quantity only: the name speaks of it */
    single: boolean;
    ref: Ref;
}

export type Match<Ref> =
    | { kind: 'measured'; measure: Measure<Ref>; similarity: number }
    | { kind: 'contradicted'; measure: Measure<Ref>; similarity: number }
    | { kind: 'unmeasured' };

/** Below this a same number is a coincidence (召开换届会议1次 vs 召开代表大会1次 share 召开: 0.2 — enough). */
export const SAME_NUMBER_SIMILARITY = 0.15;
/** From this on two names speak of the same thing, so a different number contradicts. */
export const SAME_THING_SIMILARITY = 0.6;

export function similarityTo<Ref>(p: TextPromise, m: Measure<Ref>): number {
    const own = m.promise.subject ? subjectSimilarity(p.subject, m.promise.subject) : 0;
    return m.single || !m.promise.subject ? Math.max(own, subjectSimilarity(p.subject, m.name)) : own;
}

/** 100% is the value of half the rate indicators: equal by chance unless the names clearly agree. */
function sameNumberThreshold(p: TextPromise): number {
    return p.kind === 'quantity' && p.value === 100 && p.unit === '%' ? SAME_THING_SIMILARITY : SAME_NUMBER_SIMILARITY;
}

function sameNumber(p: TextPromise, q: TextPromise): boolean {
    if (p.kind === 'date' || q.kind === 'date') return p.kind === 'date' && q.kind === 'date' && p.date === q.date;
    // A range (10～20场) is the same number only as the same range.
    return sameBase(p.value, p.unit, q.value, q.unit)
        && (p.max === undefined ? q.max === undefined : q.max !== undefined && sameBase(p.max, p.unit, q.max, q.unit));
}

// A function of its own, not a closure made at each of the thousands of comparisons.
const sameBase = (a: number, aUnit: string | null, b: number, bUnit: string | null) =>
    Math.abs(baseValue(a, aUnit) - baseValue(b, bUnit)) < 1e-6;

// 每年 in a one-year table says nothing more than the table does (每年不少于100亿 = 不少于100亿).
const perOf = (p: TextPromise) => (p.kind === 'quantity' && p.per !== '年' ? p.per : null);

/** Whether two numbers could be compared at all, before their names are (the names cost more to compare). */
function comparableKind(p: TextPromise, q: TextPromise): boolean {
    if (p.kind === 'date' || q.kind === 'date') return p.kind === q.kind;
    return perOf(p) === perOf(q) && looselySameUnit(p.unit, q.unit);
}

function comparable(p: TextPromise, q: TextPromise, similarity: number): boolean {
    if (p.kind === 'date' || q.kind === 'date') return true;
    return sameMeasureUnit(p.unit, q.unit) || (similarity >= SAME_THING_SIMILARITY && looselySameUnit(p.unit, q.unit));
}

// Shared by the calls without confirmed measures: no new set per promise.
const NONE: ReadonlySet<never> = new Set();

/**
 * `confirmed`: measures that some promise matches exactly. They are what a text says, so they contradict no other
 * promise (任务一 promises 150篇 papers, 任务五 50篇: the indicator with 150篇 does not contradict 任务五).
 */
export function matchPromise<Ref>(p: TextPromise, measures: ReadonlyArray<Measure<Ref>>, confirmed: ReadonlySet<Measure<Ref>> = NONE): Match<Ref> {
    let best: { measure: Measure<Ref>; similarity: number } | undefined;
    let conflict: { measure: Measure<Ref>; similarity: number } | undefined;
    for (const measure of candidates(p, measures)) {
        if (!comparableKind(p, measure.promise)) continue;
        const similarity = similarityTo(p, measure);
        if (!comparable(p, measure.promise, similarity)) continue;
        if (sameNumber(p, measure.promise)) {
            if (similarity >= sameNumberThreshold(p) && (!best || similarity > best.similarity)) best = { measure, similarity };
        } else if (similarity >= SAME_THING_SIMILARITY && !confirmed.has(measure) && (!conflict || similarity > conflict.similarity)) {
            conflict = { measure, similarity };
        }
    }
    best ??= reachMatch(p, measures);
    if (best) return { kind: 'measured', ...best };
    if (conflict) return { kind: 'contradicted', ...conflict };
    return { kind: 'unmeasured' };
}

// Words for the people a project reaches (RULES §5 22 科普受益人次): 惠及群众, 覆盖群众, 服务公众 and 受益人次 name one
// count in different words, which share no character pair. Only a same number in a same people unit matches by them;
// they never make a contradiction (a different number may count other people).
const REACH_WORDS = /惠及|覆盖|受益|受惠|服务|辐射/;
const PEOPLE_UNIT = /人/;
/** What a reach match counts as, for callers that compare similarities: above a coincidence, below the same name. */
const REACH_SIMILARITY = 0.3;

function reachMatch<Ref>(p: TextPromise, measures: ReadonlyArray<Measure<Ref>>): { measure: Measure<Ref>; similarity: number } | undefined {
    if (p.kind !== 'quantity' || !REACH_WORDS.test(p.subject)) return undefined;
    const measure = measures.find(m => m.promise.kind === 'quantity' && PEOPLE_UNIT.test(m.promise.unit ?? '')
        && sameMeasureUnit(p.unit, m.promise.unit) && perOf(p) === perOf(m.promise) && sameNumber(p, m.promise)
        && (REACH_WORDS.test(m.promise.subject) || ((m.single || !m.promise.subject) && REACH_WORDS.test(m.name))));
    return measure && { measure, similarity: REACH_SIMILARITY };
}

// A measure sharing no character pair with the promise's subject has similarity 0, below every threshold: it can be
// neither the match nor the contradiction; nor can one whose unit `comparableKind` refuses. A long list (thousands of
// indicators) is looked up by pair and by unit instead of read whole; the candidates keep their order, so ties fall as
// before. Lists are not changed once made (index kept by list).
const INDEXED_FROM = 64;

interface MeasureIndex {
    /** pair → the measures (by position) whose words `similarityTo` compares contain it */
    byPair: Map<string, number[]>;
    /** each measure's unit key, as its number in `samples` */
    keys: number[];
    /** each measure's fewest pairs among its compared words that have any */
    fewestPairs: number[];
    /** one measure's promise per unit key, to ask `comparableKind` once per key */
    samples: TextPromise[];
    /** a promise's unit key → for each key number, whether the promise is comparable with its measures */
    comparableWith: Map<string, boolean[]>;
}
const indexes = new WeakMap<ReadonlyArray<Measure<unknown>>, MeasureIndex>();

/** Everything `comparableKind` reads of a promise: equal keys, equal answers. */
const unitKey = (p: TextPromise) => (p.kind === 'date' ? 'date' : `${perOf(p)}\u0000${p.unit}`);

function candidates<Ref>(p: TextPromise, measures: ReadonlyArray<Measure<Ref>>): ReadonlyArray<Measure<Ref>> {
    if (measures.length < INDEXED_FROM) return measures;
    const index = indexOf(measures);
    const allowed = comparableKeys(p, index);
    const own = bigrams(p.subject);
    // Counted in an array: a pair every subject has (科普) makes a hit for each of thousands of measures.
    const shared = new Uint32Array(measures.length);
    const hit: number[] = [];
    for (const pair of own) {
        for (const i of index.byPair.get(pair) ?? []) {
            if (!allowed[index.keys[i]!]) continue;
            if (shared[i] === 0) hit.push(i);
            shared[i]!++;
        }
    }
    // Pairs shared bound the similarity from above (`subjectSimilarity` divides them by the smaller count): a measure
    // that cannot reach what it would need is left out before its words are compared.
    const reachable = hit.filter(i => {
        const m = measures[i]!;
        const need = sameNumber(p, m.promise) ? sameNumberThreshold(p) : SAME_THING_SIMILARITY;
        return shared[i]! / Math.min(own.size, index.fewestPairs[i]!) >= need;
    });
    return reachable.sort((a, b) => a - b).map(i => measures[i]!);
}

function comparableKeys(p: TextPromise, index: MeasureIndex): boolean[] {
    const key = unitKey(p);
    let allowed = index.comparableWith.get(key);
    if (!allowed) {
        allowed = index.samples.map(q => comparableKind(p, q));
        index.comparableWith.set(key, allowed);
    }
    return allowed;
}

function indexOf(measures: ReadonlyArray<Measure<unknown>>): MeasureIndex {
    let index = indexes.get(measures);
    if (index) return index;
    index = { byPair: new Map(), keys: [], fewestPairs: [], samples: [], comparableWith: new Map() };
    const keyNumbers = new Map<string, number>();
    for (const [i, m] of measures.entries()) {
        const key = unitKey(m.promise);
        if (!keyNumbers.has(key)) {
            keyNumbers.set(key, index.samples.length);
            index.samples.push(m.promise);
        }
        index.keys.push(keyNumbers.get(key)!);
        const words = m.promise.subject ? [m.promise.subject] : [];
        if (m.single || !m.promise.subject) words.push(m.name);
        const sets = words.map(w => bigrams(w)).filter(set => set.size > 0);
        index.fewestPairs.push(Math.min(...sets.map(set => set.size)));
        const pairs = new Set(sets.flatMap(set => [...set]));
        for (const pair of pairs) {
            const list = index.byPair.get(pair);
            if (list) list.push(i);
            else index.byPair.set(pair, [i]);
        }
    }
    indexes.set(measures, index);
    return index;
}

/** The same promise written twice (主要实施内容 repeats 期望目标 in seed 000): same number, same thing. */
export function samePromise(a: TextPromise, b: TextPromise): boolean {
    if (a.kind !== b.kind) return false;
    if (a.kind === 'quantity' && b.kind === 'quantity' && !sameMeasureUnit(a.unit, b.unit)) return false;
    return sameNumber(a, b) && (a.subject === b.subject || subjectSimilarity(a.subject, b.subject) >= SAME_THING_SIMILARITY);
}

/**
 * The numbers one indicator value states, each a measure: the promises of a prose value, or a structured value
 * (≥45场次) as its own single promise. `prose`: the value is a quoted text. The checks read the AST, the drafter the
 * model; both come here, so that what one calls measured the other does too.
 */
export function indicatorValueMeasures<Ref>(name: string, text: string, prose: boolean, year: number | undefined, ref: Ref): Array<Measure<Ref>> {
    let promises = prose
        ? readPromises(text, { year }).filter(p => p.year === null || year === undefined || p.year === year)
        : [];
    if (promises.length === 0) promises = structuredPromise(text, year);
    // A loop: thousands of values, most with one promise, on a first run where every closure call counts.
    const single = promises.length === 1;
    const measures: Array<Measure<Ref>> = [];
    for (const promise of promises) measures.push({ promise: withNameUnit(promise, name), name, single, ref });
    return measures;
}

/** A number without unit takes the unit its name states: 开展科普宣传活动场次 ≥65, 科普宣传覆盖人群(万人) 4. */
function withNameUnit(promise: TextPromise, name: string): TextPromise {
    if (promise.kind !== 'quantity' || promise.unit !== null) return promise;
    const compact = name.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
    const bracketed = /\(([^()]{1,6})\)$/.exec(compact)?.[1];
    const unit = bracketed && unitInfo(bracketed) ? bracketed
        : /(万人次|人次|场次)$/.exec(compact)?.[1] ?? /([次人个篇件项家场名条])数$/.exec(compact)?.[1];
    return unit ? { ...promise, unit } : promise;
}

/** A structured value (≥45场次, ≤2024-12-31) read by the value parser, as a promise without words of its own. */
function structuredPromise(text: string, year: number | undefined): TextPromise[] {
    const parsed = readParsedValue(text, year);
    // Literals written out, not spread from a shared base: one per value of thousands, and a spread copies slowly.
    const end = text.length;
    if (parsed.kind === 'quantity') {
        return [{
            kind: 'quantity', subject: '', span: [0, end], quantitySpan: [0, end], text, year: null,
            op: parsed.op, value: parsed.value, unit: parsed.unit, hedge: parsed.hedge, per: parsed.per, approximate: parsed.approximate
        }];
    }
    if (parsed.kind === 'date') {
        return [{ kind: 'date', subject: '', span: [0, end], quantitySpan: [0, end], text, year: null, op: parsed.op, date: parsed.date }];
    }
    if (parsed.kind === 'range') {
        return [{
            kind: 'quantity', subject: '', span: [0, end], quantitySpan: [0, end], text, year: null,
            op: '=', value: parsed.min, max: parsed.max, unit: parsed.unit, hedge: null, per: null, approximate: false
        }];
    }
    return [];
}
