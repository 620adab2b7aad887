// One compound 指标值 → one measure per quantity, each with the clause that names it (RULES §3.7: 「one 三级 = one
// metric; prose with several numbers should be split」). Used by the compound check (which quantities are measures)
// and by its quick-fix (names and values of the new 三级).
import { formatNumber } from '../domain/numbers.js';
import { scanQuantities, type FoundQuantity } from '../domain/quantities.js';
import { maskNonQuantities, normalizeValueText } from '../domain/text.js';
import { unitKind } from '../domain/units.js';
import { MEASURE_ENDINGS } from './classification-vocabulary.js';

export interface Measure {
    quantity: FoundQuantity;
    /** The quantity as written (after normalisation): 不少于24条, 约3000人. */
    written: string;
    /** A name derived from the clause around it: 阅读量5000+的推文数量. Empty when the clause names nothing. */
    name: string;
}

// Clause ends: a measure never names itself across them. 、 is not one: 「技术、管理人员约3000人」 is one clause.
const CLAUSE_END = /[，,；;。！!？?]/g;
// 「1.」「2、」「（3）」「一、」 at a clause start.
const ENUMERATOR = /^(?:\d{1,2}[.、]|[（(]\d{1,2}[)）]|[一二三四五六七八九十]{1,2}、)/;
const LEADING_WORDS = /^(?:通过|并且|并|其中|另外|另|同时|以及|及|和|与|、)+/;
const TRAILING_WORDS = /(?:的|等|共|各|分别|、|和|及|与)+$/;
// 「对全市225家基地，…评估1次」: a number in an 对-clause before its verb says what is acted on, not how much is done.
const SCOPE_VERBS = /进行|开展|组织|实施|完成/;

interface Clause {
    start: number;
    end: number;
}

function clausesOf(text: string): Clause[] {
    const clauses: Clause[] = [];
    let start = 0;
    for (const match of text.matchAll(CLAUSE_END)) {
        clauses.push({ start, end: match.index });
        start = match.index + 1;
    }
    clauses.push({ start, end: text.length });
    return clauses.map(c => {
        const enumerator = ENUMERATOR.exec(text.slice(c.start, c.end));
        return enumerator ? { start: c.start + enumerator[0].length, end: c.end } : c;
    });
}

// 「支持3档国际学术会议18场」: a count of kinds before the measure of the same clause says which, not how much.
const KIND_UNITS = ['档', '类', '种'];

/**
 * A number without unit or period (5000+ in 「阅读量5000+的推文」), the object of an 对-clause, or a count of kinds
 * followed by a measure in its clause qualifies another quantity; it is not a measure of its own.
 */
function isQualifier(text: string, clause: Clause, q: FoundQuantity, next: FoundQuantity | undefined): boolean {
    if (q.unit === null && q.per === null) return true;
    if (KIND_UNITS.includes(q.unit ?? '') && next && next.start < clause.end) return true;
    const body = text.slice(clause.start, clause.end);
    if (!body.startsWith('对')) return false;
    const verb = SCOPE_VERBS.exec(body);
    return !verb || q.start < clause.start + verb.index;
}

/** The measures of a value, in order; fewer than two means the value is one metric. */
export function measuresOf(valueText: string): Measure[] {
    const text = normalizeValueText(valueText);
    const { quantities, problems } = scanQuantities(text, maskNonQuantities(text));
    if (problems.length > 0) return [];
    const clauses = clausesOf(text);
    const clauseOf = (q: FoundQuantity) => clauses.find(c => q.start >= c.start && q.start < Math.max(c.end, c.start + 1)) ?? { start: 0, end: text.length };
    const kept = quantities.filter((q, i) => !isQualifier(text, clauseOf(q), q, quantities[i + 1]));
    return kept.map((q, i) => {
        const clause = clauseOf(q);
        const previous = kept[i - 1];
        const next = kept[i + 1];
        const from = previous && previous.end > clause.start ? shareBetween(text, previous.end, q.start) : clause.start;
        const to = next && next.start < clause.end ? shareBetween(text, q.end, next.start) : clause.end;
        return { quantity: q, written: text.slice(q.start, q.end), name: nameFor(text.slice(from, q.start) + text.slice(q.end, Math.max(q.end, to)), q) };
    });
}

/**
 * Where the text between two measures of one clause divides: at its last joiner (「创作1个整体品牌、8个…」: 整体品牌
 * goes with the first, 「舆情月报12期、年报1期」: 年报 with the second); without one it all labels the second
 * (「抖音150条视频全网播放量不少于2000万」: 视频全网播放量 is what 2000万 counts).
 */
function shareBetween(text: string, from: number, to: number): number {
    const between = text.slice(from, to);
    const joiner = Math.max(...['、', '和', '及', '与'].map(j => between.lastIndexOf(j)));
    return joiner < 0 ? from : from + joiner + 1;
}

/** A name for a measure whose clause names nothing (「12场次以上，1200人次以上」): the indicator's, with the unit's measure. */
export function fallbackName(indicatorName: string, q: FoundQuantity): string {
    return nameFor(indicatorName.replace(/[（(][^()（）]*[)）]$/, ''), q);
}

function nameFor(raw: string, q: FoundQuantity): string {
    // 「…金额每年不少于100亿」: the period goes into the value (≥100亿/年), not the name.
    const perless = q.per ? raw.replace(new RegExp(`每${q.per}$`), '') : raw;
    const core = perless.replace(LEADING_WORDS, '').replace(TRAILING_WORDS, '').trim();
    if (!core) return '';
    if (MEASURE_ENDINGS.some(ending => core.endsWith(ending)) || core.endsWith('度')) return core;
    return core + measureSuffix(core, q);
}

/** 受众 + 1200人 → 受众人数; 开展活动 + 20场 → 开展活动场次; 用户数增长 + 20% → 用户数增长率. */
function measureSuffix(name: string, q: FoundQuantity): string {
    const unit = q.unit ?? '';
    const kind = unitKind(unit);
    if (kind === 'percent') return /(增长|提升|提高|下降|降低)$/.test(name) ? '率' : '比例';
    if (kind === 'money') return '金额';
    if (/人次$/.test(unit)) return '人次';
    if (/^(万)?(人|名|位)$/.test(unit)) return '人数';
    if (/^(场|场次)$/.test(unit)) return '场次';
    if (unit === '次') return '次数';
    if (unit === '期') return '期数';
    if (kind === 'area') return '面积';
    return '数量';
}

// Words the grammar reserves: a unit spelled like one would not parse as a unit.
const KEYWORDS = new Set(['年度', '实施周期', '项目', '单位', '资金', '合计', '任务', '预算', '标题', '备注', '保密', '空', '绩效指标', '绩效目标']);
const UNIT_TOKEN = /^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z/·]*$/;

/**
 * The value of a measure in the DSL's structured form where the quantity allows it (`≥24条`, `100%`, `≥1次/月`),
 * else undefined (approximate numbers keep their words: 约3000人 stays text). A bare count under 数量指标 is a
 * floor (RULES §3.2: 「= (or ≥ for outputs)」).
 */
export function structuredValue(q: FoundQuantity, asFloor: boolean): string | undefined {
    if (q.approximate || q.value < 0) return undefined;
    const unit = q.per ? `${q.unit ?? ''}/${q.per}` : q.unit ?? '';
    if (unit && unit !== '%' && (!UNIT_TOKEN.test(unit) || KEYWORDS.has(unit) || (q.per !== null && !q.unit))) return undefined;
    const op = q.op === '=' ? (asFloor && q.value > 0 && unitKind(q.unit) !== 'percent' ? '≥' : '') : q.op;
    return `${op}${formatNumber(q.value)}${unit}`;
}
