// One compound 指标值 → one measure per quantity, each with the clause that names it (RULES §3.7: 「one 三级 = one
// metric; prose with several numbers should be split」). Used by the compound check (which quantities are measures)
// and by its quick-fix (names and values of the new 三级).
import { formatNumber } from '../domain/numbers.js';
import { scanQuantities, type FoundQuantity } from '../domain/quantities.js';
import { normalizeValueText } from '../domain/text.js';
import { maskValueText } from '../domain/values.js';
import { unitKind } from '../domain/units.js';
import { MEASURE_ENDINGS } from './classification-vocabulary.js';

export interface Measure {
    quantity: FoundQuantity;
    /** The quantity as written (after normalisation): 不少于24条, 约3000人. */
    written: string;
    /** A name derived from the clause around it: 阅读量5000+的推文数量. Empty when neither it nor the indicator names anything. */
    name: string;
    /** 「每期峰会参会人数不少于100人」: this 每 names a thing, not a period; it stays in the name, out of the value. */
    perInName: boolean;
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

/**
 * The clause that holds `offset` (an empty one holds its clause end), or -1 (a clause end, an enumerator). Clauses
 * are disjoint and in order, so only the last one starting at or before `offset` can: a binary search, since a value
 * of thousands of clauses asks once per quantity.
 */
function clauseAt(clauses: Clause[], offset: number): number {
    let [low, high] = [0, clauses.length - 1];
    while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (clauses[middle]!.start <= offset) low = middle;
        else high = middle - 1;
    }
    const c = clauses[low];
    return c && c.start <= offset && offset < Math.max(c.end, c.start + 1) ? low : -1;
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

interface Draft {
    q: FoundQuantity;
    clause: number;
    /** The text before and after the quantity that labels it (its share of the clause). */
    pre: string;
    post: string;
    /** No joiner since the previous measure of its clause: both count the previous one's subject (长廊宣传图5期185幅). */
    shares: boolean;
}

/** The measures of a value, in order; fewer than two means the value is one metric. */
export function measuresOf(valueText: string, indicatorName = ''): Measure[] {
    const text = normalizeValueText(valueText);
    const { quantities, problems } = scanQuantities(text, maskValueText(text));
    if (problems.length > 0) return [];
    const clauses = clausesOf(text);
    const clauseIndex = (q: FoundQuantity) => {
        const i = clauseAt(clauses, q.start);
        return i < 0 ? 0 : i;
    };
    const clauseOf = (q: FoundQuantity) => clauses[clauseIndex(q)] ?? { start: 0, end: text.length };
    const kept = quantities.filter((q, i) => !isQualifier(text, clauseOf(q), q, quantities[i + 1]));
    const drafts: Draft[] = kept.map((q, i) => {
        const clause = clauseOf(q);
        const previous = kept[i - 1];
        const next = kept[i + 1];
        const samePrevious = previous !== undefined && previous.end > clause.start;
        const from = samePrevious ? shareBetween(text, previous.end, q.start) : clause.start;
        const to = next && next.start < clause.end ? shareBetween(text, q.end, next.start) : clause.end;
        return { q, clause: clauseIndex(q), pre: text.slice(from, q.start), post: text.slice(q.end, Math.max(q.end, to)), shares: samePrevious && from === previous.end };
    });
    const names = nameDrafts(text, clauses, drafts, indicatorName);
    return drafts.map((d, i) => ({ quantity: d.q, written: text.slice(d.q.start, d.q.end), name: names[i]!, perInName: perInName(text, d.q) }));
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
    const { core, ending } = labelOf(withoutUnit(indicatorName), q, false);
    return core ? core + ending : '';
}

/** What an indicator's name counts, without its unit and measure word: 组织学术交流次数（次） → 组织学术交流. */
export function subjectOf(indicatorName: string): string {
    const core = clean(withoutUnit(indicatorName));
    const ending = ENDINGS.find(e => core.endsWith(e) && core.length > e.length);
    return ending ? core.slice(0, -ending.length) : core;
}

const withoutUnit = (name: string) => name.replace(/[（(][^()（）]*[)）]$/, '');
const clean = (raw: string) => raw.replace(LEADING_WORDS, '').replace(TRAILING_WORDS, '').trim();

// 「每周播出一期」: a period goes into the value (≥1期/周) and out of the name wherever it stands.
const PERIOD = /^(?:年|月|周|日|天|季|季度|学期|小时|分钟)$/;

/** 「每个产品做100个以上样品」: 每个 points at a thing (产品), and 个/个 would say nothing; it stays in the name. */
function perInName(text: string, q: FoundQuantity): boolean {
    return q.per !== null && !text.slice(q.start, q.end).includes('/') && (q.per === q.unit || q.per === '个');
}

const ENDINGS = [...MEASURE_ENDINGS, '度'].sort((a, b) => b.length - a.length);

interface Label {
    /** What is counted: 科普咨询活动. */
    core: string;
    /** The measure word: 次数, 人数, 率. */
    ending: string;
}

function labelOf(raw: string, q: FoundQuantity, keepPer: boolean): Label {
    // 「…金额每年不少于100亿」: the period goes into the value (≥100亿/年), not the name; 每期 at the end too (人/期).
    const per = q.per && !keepPer ? `每${q.per}` : undefined;
    const perless = !per ? raw : PERIOD.test(q.per!) ? raw.replace(per, '') : raw.replace(new RegExp(`${per}$`), '');
    const core = clean(perless);
    const ending = ENDINGS.find(e => core.endsWith(e));
    if (ending) return { core: core.slice(0, -ending.length), ending };
    return { core, ending: measureSuffix(core, q) };
}

// Words that name no subject of their own: 「受众1200人」「省级4个」「全年50期」「覆盖率100%」 borrow one from a
// neighbour. BEFORE words qualify the borrowed subject from the front (省级现代学徒制试点专业), AFTER words follow it
// (科普咨询活动受众人数).
const LEVEL_WORDS = ['国家级', '国际', '全国', '教育部', '省级', '市级', '区级', '县级', '院级', '校级'];
const BEFORE_WORDS = [...LEVEL_WORDS, '全年', '年度', '当年', '新增', '累计'];
const AFTER_WORDS = ['总', '受众', '参与', '参加', '参会', '参观', '观众', '覆盖', '活动', '学生', '人员'];
const BARE_WORDS = [...BEFORE_WORDS, ...AFTER_WORDS].sort((a, b) => b.length - a.length);

/** The words of a subject-less core ([] for an empty one), or undefined when it names something. */
function bareWords(core: string): string[] | undefined {
    const words: string[] = [];
    for (let rest = core; rest; ) {
        const word = BARE_WORDS.find(w => rest.startsWith(w));
        if (!word) return undefined;
        words.push(word);
        rest = rest.slice(word.length);
    }
    return words;
}

const VERBS = '举办|开展|组织|建设|打造|支持|完成|制作|发布|推出|征集|新设置|设置|建立|编印|印发|形成|实施|推进|提供|指导|承接|依托|创作|吸引';
const LEADING_VERBS = new RegExp(`^(?:在[\\u4e00-\\u9fff]{1,4}?(?=${VERBS}))?(?:${VERBS})+`);
const ANY_VERB = new RegExp(VERBS, 'g');

/** A neighbour's subject without what is its own: verbs (建设), periods (每周), and for a level, its level (教育部). */
function nounOf(subject: string, dropLevel = false): string {
    let noun = clean(subject.replace(/每(?:年|月|周|天|日|季度?)/g, '').replace(LEADING_VERBS, ''));
    for (let level = BEFORE_WORDS.find(w => noun.startsWith(w)); dropLevel && level && noun.length > level.length; level = BEFORE_WORDS.find(w => noun.startsWith(w))) {
        noun = noun.slice(level.length);
    }
    return noun;
}

/** 省级 + 现代学徒制试点专业; 全年 + 《科学大求真》播出 → 《科学大求真》全年播出; 参加活动 after 大篷车开展活动 → 参加. */
function withSubject(words: string[], noun: string): string {
    let i = 0;
    while (i < words.length && BEFORE_WORDS.includes(words[i]!)) i++;
    const before = words.slice(0, i).join('');
    const after = words.slice(i).filter(w => !noun.includes(w)).join('');
    const title = /^《[^》]*》/.exec(noun)?.[0] ?? '';
    return title + before + noun.slice(title.length) + after;
}

// Activities name a subject; a clause like 「覆盖全市各区」 only says more about the previous measure.
const ACTIVITY = /活动|会议|培训|竞赛|大赛|讲座|展/;

/** Names for the drafts of one value, in order: each from its own words, completed from its neighbours where bare. */
function nameDrafts(text: string, clauses: Clause[], drafts: Draft[], indicatorName: string): string[] {
    const names: string[] = [];
    const cores: string[] = [];
    for (let i = 0; i < drafts.length; i++) {
        const respective = respectiveNames(text, drafts, i);
        if (respective) {
            for (const [k, name] of respective.entries()) {
                names.push(name);
                cores.push(labelOf(name, drafts[i + k]!.q, true).core);
            }
            i += respective.length - 1;
            continue;
        }
        const d = drafts[i]!;
        const previous = drafts[i - 1];
        const next = drafts[i + 1];
        let raw = d.pre + d.post;
        // 「抖音150条视频全网播放量不少于2000万」: 抖音 is the subject of both, 视频 what the first counts.
        if (d.shares && previous) raw = clean(previous.pre) + raw;
        if (next?.shares) raw += /^(.+?)(?:全网|全平台|累计|平均|总)/.exec(text.slice(d.q.end, next.q.start))?.[1] ?? '';
        const label = labelOf(raw, d.q, perInName(text, d.q));
        // 「征集线上平台科技成果约2000项和需求数量约200项」: the verb of the first goes with the joined second too.
        if (previous && previous.clause === d.clause && !d.shares && !LEADING_VERBS.test(label.core)) label.core = verbsOf(cores[i - 1]!) + label.core;
        const words = bareWords(label.core);
        if (words) {
            // Nothing named at all (「12场次以上，1200人次以上」): the indicator's own subject, as written.
            const subject = clean(labelOf(withoutUnit(indicatorName), d.q, true).core);
            label.core = words.length === 0 ? subject : withSubject(words, borrowedNoun(text, clauses, drafts, cores, i, words) || nounOf(subject));
        }
        names.push(label.core ? label.core + label.ending : '');
        cores.push(label.core);
    }
    return names;
}

function borrowedNoun(text: string, clauses: Clause[], drafts: Draft[], cores: string[], i: number, words: string[]): string {
    const d = drafts[i]!;
    const previous = drafts[i - 1];
    const next = drafts[i + 1];
    // 「…试点专业2个，省级4个」「新增省级不少于1门、院级60门精品在线开放课程」: the level's noun is the neighbour's
    // that counts in the same unit.
    if (words.some(w => LEVEL_WORDS.includes(w))) {
        if (previous && previous.q.unit === d.q.unit) return nounOf(cores[i - 1]!, true);
        if (next && next.q.unit === d.q.unit) return nounOf(labelOf(next.pre + next.post, next.q, true).core, true);
        return '';
    }
    if (!previous) return '';
    // 「承接政府职能3次，推进科技志愿活动，乡村振兴，参与人数超过500人次」: the clauses in between say who takes part.
    const gap = clauses.slice(previous.clause + 1, d.clause).map(c => clean(text.slice(c.start, c.end))).filter(Boolean).join('、');
    return nounOf(ACTIVITY.test(gap) ? gap : cores[i - 1]!);
}

/**
 * 「发布科技成果和需求数量分别约5000项和约500项」: the joined subjects before 分别 go one to each measure, the
 * verbs before the first to all (发布科技成果数量, 发布需求数量). Undefined when the counts do not match.
 */
function respectiveNames(text: string, drafts: Draft[], i: number): string[] | undefined {
    const first = drafts[i]!;
    const marker = /分别(?:为|是)?$/.exec(first.pre);
    if (!marker) return undefined;
    let last = i;
    while (drafts[last + 1]?.clause === first.clause && /^[和及与、]$/.test(text.slice(drafts[last]!.q.end, drafts[last + 1]!.q.start).trim())) last++;
    if (last === i) return undefined;
    const { core, ending } = labelOf(first.pre.slice(0, marker.index), first.q, true);
    const subjects = core.split(/以及|和|及|与|、/).map(s => s.trim());
    if (subjects.length !== last - i + 1 || subjects.some(s => !s)) return undefined;
    const verbs = verbsOf(subjects[0]!);
    return subjects.map((s, k) => (k === 0 ? s : verbs + s) + ending);
}

/** 「征集并在线上平台发布科技成果」 → 征集并在线上平台发布: up to its last verb, when something follows it. */
function verbsOf(core: string): string {
    const ends = [...core.matchAll(ANY_VERB)].map(m => m.index + m[0].length).filter(e => e < core.length);
    return core.slice(0, Math.max(0, ...ends));
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
export function structuredValue(q: FoundQuantity, asFloor: boolean, perInName = false): string | undefined {
    if (q.approximate || q.value < 0) return undefined;
    const unit = q.per && !perInName ? `${q.unit ?? ''}/${q.per}` : q.unit ?? '';
    if (unit && unit !== '%' && (!UNIT_TOKEN.test(unit) || KEYWORDS.has(unit) || (q.per !== null && !q.unit))) return undefined;
    const op = q.op === '=' ? (asFloor && q.value > 0 && unitKind(q.unit) !== 'percent' ? '≥' : '') : q.op;
    return `${op}${formatNumber(q.value)}${unit}`;
}
