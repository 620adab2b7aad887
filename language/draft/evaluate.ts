// Measuring a drafter on the seeds (`npm run eval:draft`). For each task / project text the reference is what the
// seed's own table lists: its quantified indicators (quantities, the parts of a compound value, deadlines) whose
// number the text writes with that unit — a drafter reads numbers from the text and must never invent one, so table
// numbers that no text states are out of its reach and left out. A proposal hits a reference indicator when operator,
// number and unit all agree; each reference indicator is hit at most once.
import type { IndicatorList } from '../compile/model.js';
import { formatNumber } from '../domain/numbers.js';
import { normalizeValueText, stretchAround } from '../domain/text.js';
import { subjectSimilarity } from '../domain/promises.js';
import { parseValue } from '../domain/values.js';
import type { Operator, Quantity } from '../domain/value-types.js';
import { statesNumber } from './cells.js';
import type { Proposal } from './proposal.js';
import type { DraftTarget } from './targets.js';

export interface ReferenceItem {
    /** the table's 三级 name */
    name: string;
    level2Code: string | null;
    operator: Operator;
    number: number | null;
    unit: string | null;
    per: string | null;
    date: string | null;
}

export interface TargetScore {
    target: string;
    reference: ReferenceItem[];
    /** non-placeholder proposals */
    proposals: Proposal[];
    hits: Array<{ proposal: Proposal; item: ReferenceItem }>;
    missed: ReferenceItem[];
    extra: Proposal[];
    /** reference items matched on number and unit alone (the table writes 150篇 where the text says 不少于150篇) */
    numberHits: number;
}

export interface Totals {
    reference: number;
    proposals: number;
    hits: number;
    /** hits whose proposal has the table's 二级 */
    sameLevel2: number;
    /** reference items some proposal states with the same number and unit, whatever its operator */
    numberHits: number;
}

// Units that count the same thing in these tables (举办联谊活动不少于4场 / ≥4场次; 人 / 名).
const SAME_UNITS: ReadonlyArray<ReadonlySet<string>> = [new Set(['场', '场次']), new Set(['人', '名', '位'])];

export function sameUnit(a: string | null, b: string | null): boolean {
    return a === b || (a !== null && b !== null && SAME_UNITS.some(set => set.has(a) && set.has(b)));
}

function quantityItems(name: string, level2Code: string | null, q: Quantity): ReferenceItem {
    return { name, level2Code, operator: q.approximate ? '≥' : q.op, number: q.value, unit: q.unit, per: q.per, date: null };
}

/** Every quantified value of the table: one item per quantity (compound values give several) or deadline. */
export function tableItems(lists: readonly IndicatorList[], year: number | null): ReferenceItem[] {
    const items: ReferenceItem[] = [];
    for (const block of lists.flatMap(l => l.groups.flatMap(g => g.blocks))) {
        for (const indicator of block.indicators) {
            const value = indicator.annual ?? indicator.period;
            if (!value) continue;
            const parsed = parseValue(value.text, year === null ? {} : { year });
            if (parsed.kind === 'quantity') items.push(quantityItems(indicator.name, block.code, parsed));
            else if (parsed.kind === 'compound') items.push(...parsed.parts.map(q => quantityItems(indicator.name, block.code, q)));
            else if (parsed.kind === 'date') items.push({ name: indicator.name, level2Code: block.code, operator: parsed.op, number: null, unit: null, per: null, date: parsed.date });
        }
    }
    return items;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const CLAUSE_END = /[，,；;。、\n]/;

/** The clauses in which the text writes this number with this unit (or one counting the same thing): 不少于4场 for ≥4场次. */
export function statingClauses(text: string, item: ReferenceItem, year: number | null): string[] {
    const s = normalizeValueText(text.replace(/\n/g, '。')).replace(/(\d),(?=\d{3})/g, '$1');
    if (item.date !== null) return statesNumber(item, text, year) ? [s] : [];
    if (item.number === null) return [];
    const units = item.unit === null ? [''] : [item.unit, ...SAME_UNITS.filter(set => set.has(item.unit!)).flatMap(set => [...set])];
    const unitPattern = units.map(escape).sort((a, b) => b.length - a.length).join('|');
    const pattern = new RegExp(`(?<![\\d.])${escape(formatNumber(item.number))}(?![\\d.])(?:余|多)?(?:${unitPattern})`, 'g');
    return [...s.matchAll(pattern)].map(m => stretchAround(s, m.index, CLAUSE_END));
}


/**
 * The table items the text states. A clause written twice (主要实施内容 repeating 期望目标) states once, and each
 * clause states one item: where the table has the same number twice (≥2场次 for two activities) the item whose name
 * is closest to the clause is the one the text states.
 */
export function statedItems(text: string, items: readonly ReferenceItem[], year: number | null): ReferenceItem[] {
    const pairs: Array<{ item: ReferenceItem; clause: string; similarity: number }> = [];
    for (const item of items) {
        for (const clause of new Set(statingClauses(text, item, year))) {
            pairs.push({ item, clause, similarity: subjectSimilarity(item.name, clause) });
        }
    }
    pairs.sort((a, b) => b.similarity - a.similarity);
    const usedItems = new Set<ReferenceItem>();
    const usedClauses = new Map<string, number>();
    for (const { item, clause } of pairs) {
        if (usedItems.has(item)) continue;
        // A clause may state several numbers with the same unit (省级4个、省级高水平专业群3个): one item per number.
        const key = `${clause}\u0000${item.date ?? `${item.number}${item.unit}`}`;
        if (usedClauses.has(key)) continue;
        usedClauses.set(key, 1);
        usedItems.add(item);
    }
    return items.filter(i => usedItems.has(i));
}

function sameNumberAndUnit(p: Proposal, item: ReferenceItem): boolean {
    if (p.date !== null || item.date !== null) return p.date === item.date;
    return p.number === item.number && sameUnit(p.unit, item.unit) && (p.per ?? null) === (item.per ?? null);
}

function hits(p: Proposal, item: ReferenceItem): boolean {
    return p.operator === item.operator && sameNumberAndUnit(p, item);
}

/** One-to-one: how many items some proposal matches under `match`. */
function countMatched(items: readonly ReferenceItem[], proposals: readonly Proposal[], match: (p: Proposal, i: ReferenceItem) => boolean): number {
    const free = [...proposals];
    let n = 0;
    for (const item of items) {
        const at = free.findIndex(p => match(p, item));
        if (at >= 0) {
            free.splice(at, 1);
            n++;
        }
    }
    return n;
}

/** Scores the proposals drafted for one target against its reference. */
export function scoreTarget(target: DraftTarget, drafted: readonly Proposal[]): TargetScore {
    const text = target.texts.map(t => t.text).join('\n');
    const reference = statedItems(text, tableItems(target.existing, target.year), target.year);
    const proposals = drafted.filter(p => !p.placeholder);
    const open = [...reference];
    const result: TargetScore = {
        target: target.name, reference, proposals, hits: [], missed: [], extra: [],
        numberHits: countMatched(reference, proposals, sameNumberAndUnit)
    };
    for (const proposal of proposals) {
        // Prefer the reference item of the same 二级, then any (45场次 stands twice in seed 000's table).
        const index = open.findIndex(item => hits(proposal, item) && item.level2Code === level2Code(proposal));
        const at = index >= 0 ? index : open.findIndex(item => hits(proposal, item));
        if (at < 0) {
            result.extra.push(proposal);
            continue;
        }
        result.hits.push({ proposal, item: open[at]! });
        open.splice(at, 1);
    }
    result.missed = open;
    return result;
}

const LEVEL2_CODES: Record<string, string> = {
    数量指标: '11', 质量指标: '12', 时效指标: '13', 成本指标: '14', 经济效益指标: '21', 社会效益指标: '22', 生态效益指标: '23',
    可持续影响指标: '24', 服务对象满意度指标: '31', 经济成本指标: '41', 社会成本指标: '42', 生态环境成本指标: '43'
};

export const level2Code = (p: Proposal): string => LEVEL2_CODES[p.level2]!;

export function totalsOf(scores: readonly TargetScore[]): Totals {
    return {
        reference: scores.reduce((n, s) => n + s.reference.length, 0),
        proposals: scores.reduce((n, s) => n + s.proposals.length, 0),
        hits: scores.reduce((n, s) => n + s.hits.length, 0),
        sameLevel2: scores.reduce((n, s) => n + s.hits.filter(h => h.item.level2Code === level2Code(h.proposal)).length, 0),
        numberHits: scores.reduce((n, s) => n + s.numberHits, 0)
    };
}

/** recall = hits / reference, precision = hits / proposals; null where there is nothing to divide by. */
export function rates(t: Totals): { recall: number | null; precision: number | null } {
    return { recall: t.reference === 0 ? null : t.hits / t.reference, precision: t.proposals === 0 ? null : t.hits / t.proposals };
}
