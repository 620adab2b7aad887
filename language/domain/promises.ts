// 文本中的量化承诺: the quantities a free text promises (主要实施内容, 期望目标, 绩效目标, 总体绩效目标), each with what
// it counts. 「组织科普志愿活动不少于96场次」 → { subject: 组织科普志愿活动, op: ≥, value: 96, unit: 场次 }.
// Used by the text ↔ indicator checks and by drafting (an indicator per promise). Numbers and units are read by
// quantities.ts / numbers.ts / units.ts; this module adds what free text needs: offsets into the original text,
// the subject of each number, deadlines, and skipping numbers that promise nothing (years, list numbers, the budget).
import { parseDateValue } from './dates.js';
import { formatNumber } from './numbers.js';
import { scanQuantities, type FoundQuantity } from './quantities.js';
import { parseRange } from './ranges.js';
import { maskNonQuantities } from './text.js';
import { comparableUnits, unitInfo, unitKind } from './units.js';
import type { Hedge, Operator } from './value-types.js';

interface PromiseBase {
    /** What the number counts, from the words around it: 组织科普志愿活动, 发布科普文章, 公众满意度. */
    subject: string;
    op: Operator;
    /** [start, end) in the input text: the subject (where it stands next to the number) and the quantity. */
    span: [number, number];
    /** [start, end) of the quantity alone (不少于96场次, 2024年12月前完成). */
    quantitySpan: [number, number];
    /** The input text of `quantitySpan`. */
    text: string;
    /** A year the clause names (截止2022年底…, 为实现2025年…): the promise may belong to another year. */
    year: number | null;
}

export interface QuantityPromise extends PromiseBase {
    kind: 'quantity';
    /** the number; for a range (10～20场) its lower bound */
    value: number;
    /** the upper bound of a range (10～20场, 80%-90%); absent for a single number */
    max?: number;
    unit: string | null;
    hedge: Hedge | null;
    per: string | null;
    approximate: boolean;
}

export interface DeadlinePromise extends PromiseBase {
    kind: 'date';
    /** YYYY-MM-DD */
    date: string;
}

export type TextPromise = QuantityPromise | DeadlinePromise;

export interface PromiseOptions {
    /** Amounts in 万元 that are the budget itself (拟投入资金, 总计): a text restating them promises nothing. */
    budgets?: readonly number[];
    /** Budget year: resolves 年底前 / 12月前 without a year. */
    year?: number;
}

// ---------------------------------------------------------------------------------------------------------------
// A compact copy of the text (no layout whitespace, no HTML tags, one spelling per symbol) and the way back to
// offsets in the original. The value parser's normaliser drops characters, so it cannot be used for offsets.

const WIDTH_MAP: Record<string, string> = {
    '＞': '>', '＜': '<', '＝': '=', '％': '%', '＋': '+', '～': '~', '．': '.', '：': ':', '（': '(', '）': ')',
    '≧': '≥', '≦': '≤', '﹪': '%'
};

interface Compact {
    text: string;
    /** original offset of each compact character, and one extra entry for the end; none: the same offsets */
    offsets?: number[];
}

const SPACE = /\s/;
const ALNUM = /[A-Za-z0-9]/;

// Most texts have no layout whitespace and no tag: each character stays in its place, only its spelling may change.
const LAYOUT = /[\s<]/;
const WIDE = new RegExp(`[\uff10-\uff19${Object.keys(WIDTH_MAP).join('')}]`, 'g');
const narrow = (ch: string) => WIDTH_MAP[ch] ?? String.fromCharCode(ch.charCodeAt(0) - 0xfee0);

function compact(input: string): Compact {
    if (!LAYOUT.test(input)) return { text: input.replace(WIDE, narrow) };
    // Pieces joined once at the end: `text.at(-1)` on a string grown by `+=` flattens it every time (quadratic).
    const pieces: string[] = [];
    let last = '';
    const offsets: number[] = [];
    const tag = /<\/?[a-zA-Z][^<>]{0,20}>/y;
    for (let i = 0; i < input.length;) {
        const ch = input[i]!;
        if (ch === '<') {
            tag.lastIndex = i;
            const t = tag.exec(input);
            if (t) {
                i += t[0].length;
                continue;
            }
        }
        if (SPACE.test(ch)) {
            // A space survives only between two ASCII letters or digits (「IT 应用」, two numbers 「5 10」).
            let j = i;
            while (j < input.length && SPACE.test(input[j]!)) j++;
            if (ALNUM.test(last) && ALNUM.test(input[j] ?? '')) {
                pieces.push(' ');
                last = ' ';
                offsets.push(i);
            }
            i = j;
            continue;
        }
        const code = ch.charCodeAt(0);
        const piece = code >= 0xff10 && code <= 0xff19 ? String.fromCharCode(code - 0xfee0) : WIDTH_MAP[ch] ?? ch;
        pieces.push(piece);
        if (piece) last = piece.at(-1)!;
        offsets.push(i);
        i++;
    }
    offsets.push(input.length);
    return { text: pieces.join(''), offsets };
}

function originalSpan(c: Compact, start: number, end: number): [number, number] {
    if (!c.offsets) return [start, end];
    return [c.offsets[start]!, end > start ? c.offsets[end - 1]! + 1 : c.offsets[start]!];
}

// ---------------------------------------------------------------------------------------------------------------
// Words

/** A promise does not reach across these; 、 separates list items but keeps the sentence's verb. */
const SENTENCE_END = '；;。!！?？\n';

// Action verbs that open a promise (举办…活动不少于45场次). A list item without one takes its sentence's verb.
const VERBS = [
    '举办', '举行', '开展', '组织', '发布', '建设', '建立', '建成', '新建', '创建', '培养', '培育', '支持', '形成', '提炼', '收集',
    '征集', '申请', '申报', '发表', '出版', '印刷', '印发', '编印', '编制', '制作', '制定', '打造', '召开', '完成', '新增', '遴选',
    '设立', '吸引', '引进', '宣传', '动员', '接待', '推送', '推出', '参加', '参与', '资助', '购置', '采购', '创作', '实施', '设计',
    '承接', '促成', '指导成立', '成立', '选定', '选举产生', '选举', '审核', '配合', '提供', '开发', '评选', '培训', '招标', '孵化',
    '改造', '维修', '更新', '修订', '出台', '报送', '推荐', '录制', '拍摄', '帮扶', '带动', '联合', '策划', '运营', '认定', '覆盖',
    '服务', '播出', '播放', '慰问', '走访', '输送', '新增联系', '联系'
];
const VERB_START = new RegExp(`^(?:${VERBS.join('|')})`);
// Verbs that are never nouns (服务, 培训, 宣传 are both): what stands before one of them is who acts.
const ACTION = /开展|举办|举行|组织|召开/;
const VERB_END = new RegExp(`(?:${VERBS.join('|')})$`);
const VERB_ANYWHERE = new RegExp(VERBS.join('|'));

// Leading words that are not part of what is counted: connectors, prepositions, time frames, 预期/力争, 实现 (为实现
// 全市公民具备科学素质比例达24.5%: RULES §5 names it 公民具备科学素质比例).
const LEADING_NOISE = /^(?:[、，,]|并且|并|另|再|同时|其中|共计|累计|总计|全年|年内|本年度|本年|当年|每年|每季度|每月|每周|每天|每日|今年|年度|通过|围绕|依托|依据|根据|按照|预期|预计|力争|确保|争取|达到|实现|对(?!接|外|口|标|比|照)|在(?!校|线|职|读|建|编|岗|册)|为(?!民)|以(?!上)|向|于|将|把)+/;
// Trailing words between a subject and its number: 参与人数为500人, 规模达.
const TRAILING_NOISE = /(?:的|为|是|达到|达|共|计|约|近|超|逾|合计|共计|累计|总计|分别)+$/;
const LIST_MARKER = /^(?:\d{1,2}[、.)]|[一二三四五六七八九十]{1,3}[、.]|\(\d{1,2}\)|\([一二三四五六七八九十]{1,3}\)|[①-⑳])+/;
const DATE_PHRASE = /(?:截至|截止到|截止|到|至|于|在)?(?:19|20)\d{2}年(?:度)?(?:\d{1,2}月(?:\d{1,2}[日号])?)?(?:底|末|初|内)?(?:前|以前|之前)?(?:至|到|-|—)?/g;
const LEADING_DATE = new RegExp(`^(?:${DATE_PHRASE.source})`);
// 省级4个、院级60门: a list item that names only a level borrows the thing counted from its neighbours.
const QUALIFIER_ONLY = /^(?:国家级|国家|省级|省|市级|市|区级|区|县级|院级|校级|部级|国际|国内|境外|线上|线下)+$/;
const QUALIFIER_START = /^(?:教育部|国家级|国家|省级|市级|区级|县级|院级|校级|部级)/;

// Slogans and names that look like counts: 两个全覆盖, 一网通办 (quoted ones are masked already).
const IDIOMS = ['两个全覆盖', '两个确立', '两个维护', '四个意识', '四个自信', '四个全面', '四个出新出彩', '五位一体', '三个代表', '六个哪里', '四服务一加强'];

// Budget talk, not a result: 投入资金100万元.
const BUDGET_WORDS = /资金|经费|预算|投入|拨款|支出|金额预算/;

// ---------------------------------------------------------------------------------------------------------------

interface Raw {
    q: FoundQuantity | null;
    /** the lower bound when q is the upper bound of a range */
    min: number | null;
    date: { op: Operator; date: string } | null;
    start: number;
    end: number;
}

/**
 * Every quantified promise in `input`, in text order. Offsets are into `input` as given (the string's value).
 * Skipped: years and dates that qualify something (2021-2035年, 2024年), list numbers (1、 2. 一、), ordinals (第九届),
 * numbers in titles 《…》, quotes and parentheses, durations without an operator (近5年来, 三年计划), slogans, and money
 * that is the budget (an amount in `options.budgets`, amounts summing to one, or money named 资金/经费/投入).
 */
export function findPromises(input: string, options: PromiseOptions = {}): TextPromise[] {
    const c = compact(input);
    let masked = maskNonQuantities(c.text);
    for (const idiom of IDIOMS) if (masked.includes(idiom)) masked = masked.split(idiom).join('□'.repeat(idiom.length));
    const raws: Raw[] = [];
    const clauses = new Clauses(c.text);
    const inParentheses = parenthesesWalker(c.text);
    for (const q of scanQuantities(c.text, masked).quantities) {
        const range = rangeBefore(c.text, q);
        if (range) {
            // The lower bound read on its own (80% of 80%-90%) is part of the range.
            while (raws.length > 0 && raws[raws.length - 1]!.start >= range.start) raws.pop();
            raws.push({ q, min: range.min, date: null, start: range.start, end: q.end });
            continue;
        }
        if (!promisesSomething(c.text, q) || inParentheses(q.start)) continue;
        raws.push({ q, min: null, date: null, start: q.start, end: q.end });
    }
    for (const d of findDeadlines(c.text, options.year)) {
        // A date inside a clause that promises a number qualifies that number (截止2022年底建站数量不少于40个).
        if (raws.some(r => clauses.start(r.start) === clauses.start(d.start))) continue;
        raws.push(d);
    }
    raws.sort((a, b) => a.start - b.start);
    const promises = withSubjects(c, clauses, raws);
    return withoutBudget(promises, options.budgets ?? []);
}

// The lower bound and separator of a range, right before the upper bound's number: 10～ of 10～20场, 8至 of 8至10期,
// 80%- of 80%-90%, 10场- of 10场-20场.
const RANGE_LOW = /\d+(?:\.\d+)?(?:%|[\u4e00-\u9fff]{1,2})?(?:~|–|—|-|－|至|到)$/;

/** A range whose upper bound is `q` (10～20场: one promise, not 「举办讲座10～」 counting 20场); its start and lower bound. */
function rangeBefore(text: string, q: FoundQuantity): { start: number; min: number } | undefined {
    if (q.op !== '=' || q.hedge) return undefined;
    const low = RANGE_LOW.exec(text.slice(Math.max(0, q.start - 16), q.start));
    if (!low) return undefined;
    const start = q.start - low[0].length;
    // The value parser's reading of ranges decides (2021-2025年 is a period, two units are no range).
    const range = parseRange(text.slice(start, q.end));
    return range?.kind === 'range' ? { start, min: range.min } : undefined;
}

function promisesSomething(text: string, q: FoundQuantity): boolean {
    const kind = unitKind(q.unit);
    const explicit = /^(?:[≥≤<>=]|不|大于|小于|多于|少于|低于|高于|超|逾|至少|最少|最多|控制在|达)/.test(text.slice(q.start, q.end))
        || /(?:以上|以下|以内|之内|内|\+)$/.test(text.slice(q.start, q.end));
    // 近5年来, 今后5年, 三年计划, 7×24小时: a time span as context, not a deadline or a duration target.
    if (kind === 'duration' && !explicit) return false;
    return Boolean(q.unit) || explicit || Boolean(q.hedge);
}

/**
 * Whether a position is in an aside in parentheses (（广州市为首批四个城市之一）: it promises nothing), for positions
 * asked in increasing order. The depth is carried forward (a 「)」 never below 0, a sentence end back to 0), which
 * says the same as scanning back from each position for an unclosed 「(」: scanning back took seconds for a value
 * of 8,000 numbers.
 */
function parenthesesWalker(text: string): (pos: number) => boolean {
    if (!text.includes('(')) return () => false;
    let at = 0;
    let depth = 0;
    return pos => {
        if (pos < at) [at, depth] = [0, 0];
        for (; at < pos; at++) {
            const ch = text[at]!;
            if (ch === '(') depth++;
            else if (ch === ')') depth = Math.max(0, depth - 1);
            else if (SENTENCE_END.includes(ch)) depth = 0;
        }
        return depth > 0;
    };
}

const HARD_SEPARATOR = /[，,；;。.!！?？:\n]/g;

/**
 * Where a text's clauses start and end, its separators found once: scanning from each number to its clause's ends
 * took seconds for a value of 8,000 numbers in one clause.
 */
class Clauses {
    /** the positions of the hard separators, in order */
    private readonly separators: number[] = [];

    constructor(readonly text: string) {
        for (const m of text.matchAll(HARD_SEPARATOR)) this.separators.push(m.index);
    }

    /** The first position after the last separator before `pos` (0 in the first clause). */
    start(pos: number): number {
        const k = this.firstFrom(pos) - 1;
        return k < 0 ? 0 : this.separators[k]! + 1;
    }

    /** The first separator at or after `pos` (the text's end in the last clause). */
    end(pos: number): number {
        return this.separators[this.firstFrom(pos)] ?? this.text.length;
    }

    /** The index of the first separator at or after `pos`. */
    private firstFrom(pos: number): number {
        let lo = 0;
        let hi = this.separators.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (this.separators[mid]! < pos) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}

const DEADLINE = /(?:截至|截止到|截止|不晚于|于|在)?(?:19|20)\d{2}年(?:\d{1,2}月(?:\d{1,2}[日号])?)?(?:底|末)?(?:前|之前|以前|内)?(?:完成)?/g;
// The words before a deadline (活动于11月前完成) belong to it, as in DEADLINE: not to the name of what is done.
const DEADLINE_WORDS = /^(?:截至|截止到|截止|不晚于|于|在)/;
const RELATIVE_DEADLINE = /(?:截至|截止到|截止|不晚于|于|在)?(?:(?:本年度|本年|年度|当年|今年|年)(?:内|底)前?完成|(?:\d{1,2})月(?:底|末)?(?:前|之前|以前)完成|(?<![年\d])\d{1,2}月\d{1,2}[日号](?:前|之前|以前)完成)/g;

/** 2024年12月前完成, 截止2022年底, 年底前完成 (with the budget year): dates that state when something is done. */
function findDeadlines(text: string, year: number | undefined): Raw[] {
    const found: Raw[] = [];
    for (const pattern of [DEADLINE, RELATIVE_DEADLINE]) {
        for (const m of text.matchAll(pattern)) {
            const written = m[0];
            // A year alone (2024年) or a year naming a period (2024年度) is context, not a deadline.
            if (!/前|底|末|截至|截止|不晚于|完成/.test(written)) continue;
            // The value parser reads 年底前完成 but not 于年底前完成: the words before it say nothing more than 前.
            const parsed = parseDateValue(pattern === RELATIVE_DEADLINE ? written.replace(DEADLINE_WORDS, '') : written, year);
            if (parsed?.kind !== 'date') continue;
            found.push({ q: null, min: null, date: { op: parsed.op, date: parsed.date }, start: m.index, end: m.index + written.length });
        }
    }
    return found;
}

// ---------------------------------------------------------------------------------------------------------------
// Subjects

interface Draft {
    raw: Raw;
    /** cleaned text before the number, within its clause */
    head: string;
    /** noun right after the unit (建设1个【重点实验室】), empty unless taken */
    tail: string;
    /** joined to the promise before it by 、/和/及 (a list sharing one verb) */
    listItem: boolean;
    /** the clause before, for a head that says nothing (…师生的满意度，预期达到98%) */
    previousClause: string;
    spanStart: number;
    spanEnd: number;
    sentence: number;
    year: number | null;
    subject: string;
}

const CN_NUMERAL_START = /^[〇零一二两三四五六七八九十百千]/;

function withSubjects(c: Compact, clauses: Clauses, raws: Raw[]): TextPromise[] {
    const text = c.text;
    const drafts: Draft[] = [];
    const sentenceIndex = sentenceCounter(text);
    const yearIn = yearFinder(text);
    let previousEnd = 0;
    for (const [i, raw] of raws.entries()) {
        const clause = clauses.start(raw.start);
        const headStart = Math.max(clause, previousEnd);
        const listItem = headStart === previousEnd && previousEnd > clause && /^[、和及与]/.test(text.slice(headStart, raw.start));
        const rawHead = text.slice(headStart, raw.start).replace(listItem ? /^[、和及与]+/ : /^[、]+/, '');
        const { head, removed: cleaned } = cleanHead(rawHead);
        const removed = cleaned + (raw.start - headStart - rawHead.length);
        if (raw.q && !countsInProse(text, raw, rawHead)) continue;
        const nextStart = raws[i + 1]?.start ?? text.length;
        const tail = raw.q ? tailAfter(text, raw.end, Math.min(nextStart, clauses.end(raw.end))) : dateTail(text, raw.end);
        // 抖音150条视频全网播放量不少于2000万: 150条 counts 视频, and the next number measures their 全网播放量 (left to it).
        const shared = raw.q && leadsInto(text, tail.end, nextStart) ? sharedNoun(tail.text) : '';
        const takeTail = shared === '' && tail.text !== '' && (!raw.q || wantsTail(head));
        const spanEnd = takeTail ? tail.end : shared ? tail.end - tail.text.length + shared.length : raw.end;
        drafts.push({
            raw, head, tail: takeTail ? tail.text : shared,
            listItem,
            previousClause: head === '' && !takeTail ? clauseBefore(clauses, clause, previousEnd) : '',
            spanStart: Math.min(headStart + removed, raw.start),
            spanEnd,
            sentence: sentenceIndex(raw.start),
            year: raw.date ? Number(raw.date.date.slice(0, 4)) : yearIn(clause, raw.start),
            subject: ''
        });
        previousEnd = shared ? raw.end : spanEnd;
    }
    for (const [i, d] of drafts.entries()) d.subject = subjectOf(drafts, i);
    return drafts.map(d => toPromise(c, d));
}

/**
 * Whether the noun after the number is what is counted: after nothing, a verb (建设1个…), a bare level (院级60门…) or an
 * enumeration (…等四个专题); not after a noun that is counted itself (学校校长代表约175名进行…).
 */
function wantsTail(head: string): boolean {
    return head === '' || VERB_END.test(head) || QUALIFIER_ONLY.test(head.slice(verbOf(head).length))
        || /等$/.test(head) || (head.match(/、/g)?.length ?? 0) >= 2;
}

/**
 * A Chinese numeral without operator counts only after a verb or an enumeration (设立…等四个专题, 招标一个); elsewhere it
 * is a name or a rank (十届全委会, 这五类人群).
 */
function countsInProse(text: string, raw: Raw, rawHead: string): boolean {
    const written = text.slice(raw.start, raw.end);
    if (!CN_NUMERAL_START.test(written) || raw.q!.hedge) return true;
    return /[等共计]$/.test(rawHead) || VERB_END.test(rawHead);
}

/** Strips list numbers, connectors and time frames from the front, dates from anywhere, 的/达到 from the end. */
function cleanHead(raw: string): { head: string; removed: number } {
    let s = raw;
    let before;
    do {
        before = s;
        s = s.replace(LIST_MARKER, '').replace(LEADING_NOISE, '');
        const date = LEADING_DATE.exec(s);
        if (date && date[0]) s = s.slice(date[0].length);
    } while (s !== before);
    const removed = raw.length - s.length;
    return { head: s.replace(DATE_PHRASE, '').replace(LEADING_NOISE, '').replace(TRAILING_NOISE, ''), removed };
}

/** The noun after a unit, up to a separator, a conjunction or the next promise: 建设1个【智能…重点实验室】和1个…. */
function tailAfter(text: string, from: number, limit: number): { text: string; end: number } {
    const m = /^(的?)([^、，,；;。.()和及并的]{1,20})/.exec(text.slice(from, limit));
    if (!m) return { text: '', end: from };
    // A verb right after the number starts a new action (约175名进行换届选举), not the thing counted.
    if (/^(?:进行|开展|参加|参与|用于|作为|以上|以下|左右|的)/.test(m[2]!)) return { text: '', end: from };
    const noun = m[2]!.replace(TRAILING_NOISE, '');
    return { text: noun, end: from + m[1]!.length + noun.length };
}

// What a number measures of the things counted before it: 播放量, 阅读量, 访问人次 ….
const METRIC_OF = /(?:全网|累计|总|平均|日均|单条|单篇)?(?:播放|阅读|访问|点击|浏览|观看|转发|点赞|下载|收看|收听|曝光|传播)(?:量|数|次数|人次)$/;

/** 视频 of 视频全网播放量: the thing counted, when the rest is a measure of it; else empty. */
function sharedNoun(tail: string): string {
    const metric = METRIC_OF.exec(tail);
    const noun = metric ? tail.slice(0, metric.index) : '';
    return noun !== '' && !VERB_ANYWHERE.test(noun) ? noun : '';
}

/** Whether only linking words (达, 为, 约 …) stand between `from` and the next number at `next`. */
function leadsInto(text: string, from: number, next: number): boolean {
    return next >= from && /^(?:的|为|是|达到|达|共|计|约|近|超|逾|合计|共计|累计|总计|分别)*$/.test(text.slice(from, next));
}

/** After a deadline: 2024年12月前完成【科学馆主体工程招标】. */
function dateTail(text: string, from: number): { text: string; end: number } {
    const m = /^[^、，,；;。.()]{1,24}/.exec(text.slice(from));
    return m ? { text: m[0].replace(/^完成/, ''), end: from + m[0].length } : { text: '', end: from };
}

/** The clause before `clause` in the same sentence, unless a promise stands in it. */
function clauseBefore(clauses: Clauses, clause: number, previousEnd: number): string {
    const text = clauses.text;
    if (clause === 0 || !'，,'.includes(text[clause - 1]!)) return '';
    const start = clauses.start(clause - 1);
    if (previousEnd > start) return '';
    return cleanHead(text.slice(start, clause - 1)).head
        .replace(/^(?:有效|进一步|不断|持续|切实|显著|全面)?(?:提升|提高|增强|扩大|改善)/, '');
}

/**
 * The index of the sentence at a position, for positions asked in increasing order: counting from where the last
 * question stopped, not from the start (from the start, a text of a thousand promises took seconds).
 */
function sentenceCounter(text: string): (pos: number) => number {
    let at = 0;
    let n = 0;
    return pos => {
        if (pos < at) [at, n] = [0, 0];
        for (; at < pos; at++) if (SENTENCE_END.includes(text[at]!)) n++;
        return n;
    };
}

/**
 * The last year (2024年) written between two offsets of `text`. The years are found once per text: searching each
 * promise's clause again made a clause of n numbers take n² steps. A year's four digits end where its 年 starts, so
 * two years never overlap and finding them in the whole text finds the same ones as in any part of it.
 */
function yearFinder(text: string): (from: number, to: number) => number | null {
    const years = [...text.matchAll(/(?:19|20)\d{2}(?=年)/g)];
    return (from, to) => {
        // The last year whose 年 stands before `to`.
        let low = 0;
        let high = years.length;
        while (low < high) {
            const mid = (low + high) >> 1;
            if (years[mid]!.index! + 4 < to) low = mid + 1;
            else high = mid;
        }
        const last = years[low - 1];
        return last && last.index! >= from ? Number(last[0]) : null;
    };
}

function verbOf(subject: string): string {
    return VERB_START.exec(subject)?.[0] ?? '';
}

/** The thing a subject counts, without its verb and level: 建设教育部现代学徒制试点专业 → 现代学徒制试点专业. */
function coreOf(subject: string): string {
    return subject.slice(verbOf(subject).length).replace(QUALIFIER_START, '');
}

function subjectOf(drafts: Draft[], i: number): string {
    const d = drafts[i]!;
    const previous = i > 0 && drafts[i - 1]!.sentence === d.sentence ? drafts[i - 1] : undefined;
    const next = drafts[i + 1]?.sentence === d.sentence ? drafts[i + 1] : undefined;
    const verb = verbOf(d.head);
    // 设立“…”“…”等四个专题, 组织科普游、大篷车、…12个科普项目: the enumeration is not the thing counted.
    const enumeration = d.tail !== '' && (/等$/.test(d.head) || (d.head.match(/、/g)?.length ?? 0) >= 2);
    let subject = enumeration ? verb + d.tail : d.head + d.tail;
    const level = d.head.slice(verb.length);
    // 新增省级不少于1门、院级60门精品在线开放课程: the thing counted stands after the last item, or before the first.
    if (d.tail === '' && level !== '' && QUALIFIER_ONLY.test(level)) {
        const core = next?.tail ? next.tail : previous ? coreOf(previous.subject) : '';
        subject = d.head + core;
    }
    if (subject === '' && d.previousClause) return d.previousClause;
    if (subject === '' && previous) return previous.subject; // 长廊宣传图5期185幅
    // A list item (、) or a level (省级…) without a verb takes the verb of the item before it; a list item without a
    // level, the level too (院级赛项学生获奖200项、老师获奖11项: the 院级 teachers' awards, not the 省级 ones after them).
    const takesVerb = d.listItem || d.head === '' || QUALIFIER_START.test(subject);
    if (previous && takesVerb && !VERB_START.test(subject)) {
        const verb = verbOf(previous.subject);
        const level = d.listItem && !QUALIFIER_START.test(subject) ? QUALIFIER_START.exec(previous.subject.slice(verb.length))?.[0] ?? '' : '';
        subject = verb + level + subject;
    }
    // A promise that starts with its verb, right after one that names who acts (大篷车开展活动40次，参加活动5万人次), is
    // about the same one: 大篷车参加活动, not any 参加活动 of the text.
    if (previous && VERB_START.test(subject)) subject = actorOf(previous.subject) + subject;
    return subject;
}

/** 大篷车 of 大篷车开展活动: a noun before the action verb (time words left out), if it is one. */
function actorOf(subject: string): string {
    const at = ACTION.exec(subject)?.index ?? 0;
    const actor = subject.slice(0, at).replace(/(?:全年|年内|年度|每年|本年|今年)+$/, '');
    return actor.length >= 2 && !VERB_ANYWHERE.test(actor) && !/[的、]/.test(actor) ? actor : '';
}

function toPromise(c: Compact, d: Draft): TextPromise {
    const base = {
        subject: d.subject,
        span: originalSpan(c, d.spanStart, d.spanEnd),
        quantitySpan: originalSpan(c, d.raw.start, d.raw.end),
        text: c.text.slice(d.raw.start, d.raw.end),
        year: d.year
    };
    if (d.raw.date) return { kind: 'date', ...base, op: d.raw.date.op, date: d.raw.date.date };
    const q = d.raw.q!;
    const quantity = { kind: 'quantity' as const, ...base, op: q.op, value: q.value, unit: q.unit, hedge: q.hedge, per: q.per, approximate: q.approximate };
    return d.raw.min === null ? quantity : { ...quantity, value: d.raw.min, max: q.value };
}

// ---------------------------------------------------------------------------------------------------------------

function inWan(p: QuantityPromise): number | undefined {
    const info = unitInfo(p.unit);
    if (!info || info.kind !== 'money') return undefined;
    return (p.value * info.factor) / 10000;
}

const close = (a: number, b: number) => Math.abs(a - b) < 0.005;

/** Money that is the budget: an amount equal to a budget, amounts that add up to one, or money named 资金/经费. */
function withoutBudget(promises: TextPromise[], budgets: readonly number[]): TextPromise[] {
    const money = promises.filter((p): p is QuantityPromise => p.kind === 'quantity' && inWan(p) !== undefined);
    const sum = money.reduce((s, p) => s + inWan(p)!, 0);
    const allBudget = money.length > 1 && budgets.some(b => close(b, sum));
    return promises.filter(p => {
        if (p.kind !== 'quantity' || inWan(p) === undefined) return true;
        if (allBudget || budgets.some(b => close(b, inWan(p)!))) return false;
        return !BUDGET_WORDS.test(p.subject);
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Comparing a promise with what an indicator measures.

// 场, 场次 and 次 count the same events in these tables (举办联谊活动不少于4场 / ≥4场次); 个, 项, 家 … count items.
const EVENT_UNITS = new Set(['场', '场次', '次', '期次']);
const PERSON_UNITS = new Set(['人', '名', '位']);

/** Two units measure the same thing: same base (人次 / 万人次), both events (场 / 场次 / 次), both people (人 / 名). */
export function sameMeasureUnit(a: string | null, b: string | null): boolean {
    if (a === b) return true;
    if (a === null || b === null) return false;
    if (comparableUnits(a, b)) return true;
    if (EVENT_UNITS.has(a) && EVENT_UNITS.has(b)) return true;
    if (PERSON_UNITS.has(a) && PERSON_UNITS.has(b)) return true;
    // 不少于10万 vs 10万人: a bare magnitude leaves the unit to the name.
    return unitKind(a) === 'magnitude' || unitKind(b) === 'magnitude';
}

/** Generic items (个, 项, 家, 件 …) also stand for one another when the names agree (实训室不少于12个 / 12项). */
export function looselySameUnit(a: string | null, b: string | null): boolean {
    return sameMeasureUnit(a, b) || (unitKind(a) === 'count' && unitKind(b) === 'count' && !a!.includes('次') && !b!.includes('次') && !PERSON_UNITS.has(a!) && !PERSON_UNITS.has(b!));
}

/** value in the unit's base (1.6万人次 → 16000), bare magnitudes included. */
export function baseValue(value: number, unit: string | null): number {
    const info = unitInfo(unit);
    return info ? value * info.factor : value;
}

// Bigrams that every subject in these tables shares; they say nothing about which thing is meant.
const GENERIC_BIGRAMS = new Set([
    '数量', '次数', '场次', '人次', '个数', '人数', '开展', '举办', '组织', '完成', '全年', '年度', '情况', '工作',
    '建设', '支持', '提升', '推进', '促进', '加强'
]);
const FUNCTION_CHARS = /[的了和及与等之其各、，,；;。.:()（）“”"'‘’《》「」\s\d%□<>≥≤=+~-]/g;

// The checks compare each promise with every indicator name of its table: the pairs of a name are remembered
// (bounded; only read, never changed).
const bigramCache = new Map<string, ReadonlySet<string>>();

/** The character pairs `subjectSimilarity` compares (generic pairs left out): two names share none → similarity 0. */
export function bigrams(s: string): ReadonlySet<string> {
    const cached = bigramCache.get(s);
    if (cached) return cached;
    const t = s.replace(FUNCTION_CHARS, '');
    const out = new Set<string>();
    for (let i = 0; i + 1 < t.length; i++) {
        const b = t.slice(i, i + 2);
        if (!GENERIC_BIGRAMS.has(b)) out.add(b);
    }
    if (bigramCache.size >= 20_000) bigramCache.clear();
    bigramCache.set(s, out);
    return out;
}

/**
 * How much two names speak of the same thing, 0…1: the share of the shorter one's character pairs found in the other
 * (pairs like 数量, 开展 that every name has are left out). 组织科普志愿活动 vs 举办科普志愿活动场次 → 4/5 = 0.8.
 */
export function subjectSimilarity(a: string, b: string): number {
    const x = bigrams(a);
    const y = bigrams(b);
    if (x.size === 0 || y.size === 0) return 0;
    let shared = 0;
    for (const g of x) if (y.has(g)) shared++;
    return shared / Math.min(x.size, y.size);
}

/** Name for an indicator that measures `p`: 组织科普志愿活动 + 场次, 发布科普文章 + 数量, 公众满意度. */
export function indicatorNameFor(p: TextPromise): string {
    const subject = p.subject || '目标';
    if (p.kind === 'date') return /时间|时限|进度/.test(subject) ? subject : `${subject.replace(/完成$/, '')}完成时间`;
    if (/(?:数|数量|次数|场次|人次|率|度|比例|占比|金额|额|面积|量|规模|时间)$/.test(subject)) return subject;
    if (unitKind(p.unit) === 'percent') return subject;
    if (p.unit && EVENT_UNITS.has(p.unit)) return `${subject}${p.unit === '次' ? '次数' : '场次'}`;
    if (p.unit === '人次' || p.unit === '万人次') return `${subject}人次`;
    if (p.unit && PERSON_UNITS.has(p.unit)) return `${subject}人数`;
    if (unitKind(p.unit) === 'money') return `${subject}金额`;
    // 在国际、国内核心期刊不少于150篇: 篇 counts what they publish, not the journals (counted in 种, 本): 核心期刊篇数.
    if (countsInVenue(p)) return `${subject}${p.unit}数`;
    return `${subject}数量`;
}

const PIECE_UNITS = new Set(['篇', '篇次', '条']);
const VENUE = /(?:期刊|杂志|报刊|刊物|报纸|媒体|公众号|网站|专栏|栏目)$/;

/** A count of pieces (篇, 条) whose subject names only where they appear (核心期刊): the text does not say what they are. */
export function countsInVenue(p: TextPromise): p is QuantityPromise {
    return p.kind === 'quantity' && p.unit !== null && PIECE_UNITS.has(p.unit) && VENUE.test(p.subject);
}

/**
 * A second name for when the first is taken (two promises about one thing in different units, 长廊宣传图5期185幅):
 * the unit says which count it is, 长廊宣传图期数 / 长廊宣传图幅数.
 */
export function alternativeNameFor(p: TextPromise): string {
    const subject = (p.subject || '目标').replace(/(?:数量|个数|次数|数)$/, '');
    if (p.kind === 'date') return `${subject}完成日期`;
    if (!p.unit || unitKind(p.unit) === 'percent') return `${subject}比率`;
    return `${subject}${p.unit.replace(/^[万亿]/, '')}数`;
}

/** Where an indicator for `p` belongs (long names; RULES §2, §5): dates 时效, 满意度 满意度, rates 质量, counts 数量. */
export function categoryFor(p: TextPromise): { level1: string; level2: string } {
    const s = p.subject;
    if (p.kind === 'date') return { level1: '产出指标', level2: '时效指标' };
    if (/满意/.test(s)) return { level1: '满意度指标', level2: '服务对象满意度指标' };
    const kind = unitKind(p.unit);
    if (kind === 'percent') {
        if (/及时|进度|按时|时效|响应/.test(s)) return { level1: '产出指标', level2: '时效指标' };
        if (/比例|占比|覆盖|素质|知晓|普及/.test(s)) return { level1: '效益指标', level2: '社会效益指标' };
        return { level1: '产出指标', level2: '质量指标' };
    }
    if (kind === 'money' || (kind === 'magnitude' && /金额|交易|产值|收入|投资|融资/.test(s))) {
        return /交易|转化|产值|收入|投资|融资|效益|落地/.test(s)
            ? { level1: '效益指标', level2: '经济效益指标' }
            : { level1: '产出指标', level2: '成本指标' };
    }
    if (/受益|受众/.test(s)) return { level1: '效益指标', level2: '社会效益指标' };
    return { level1: '产出指标', level2: '数量指标' };
}

/** A change the text promises: to a level (提高到15%, 降低至1%), or by a rate (较上年增长10%). */
export interface PromiseChange {
    verb: string;
    rise: boolean;
    /** to a level; else by a share of a base the text does not give */
    to: boolean;
    /** the subject without the verb (for a change to a level: 公众科学素质比例) */
    subject: string;
}

const CHANGE_TO = /(提高|提升|增长|增加|上升|降低|下降|减少|压缩)(?:到|至)$/;
const CHANGE_BY = /(提高|提升|增长|增加|上升|降低|下降|减少)了?$/;
const FALLS = /降低|下降|减少|压缩/;

export function changeOf(p: TextPromise): PromiseChange | null {
    if (p.kind !== 'quantity') return null;
    const to = CHANGE_TO.exec(p.subject);
    if (to) return { verb: to[0], rise: !FALLS.test(to[1]!), to: true, subject: p.subject.slice(0, to.index) };
    // By a count (增加500人) the number is an output like any; by a % it is a rate of change.
    const by = unitKind(p.unit) === 'percent' ? CHANGE_BY.exec(p.subject) : null;
    return by ? { verb: by[0], rise: !FALLS.test(by[1]!), to: false, subject: p.subject } : null;
}

/**
 * The promise as an indicator measures it: a change to a level without the verb (提高到15% → 公众科学素质比例), and a
 * change stated without an operator (提高到15%, 增长10%) met by reaching or passing it (≤ for a fall to a level).
 */
export function measuredForm(p: TextPromise, change: PromiseChange | null = changeOf(p)): TextPromise {
    if (!change || p.kind !== 'quantity') return p;
    const subject = change.to ? change.subject : p.subject;
    const op: Operator = p.op === '=' && p.max === undefined && !p.approximate ? (change.rise || !change.to ? '≥' : '≤') : p.op;
    return { ...p, subject, op };
}

// A rate of change of what the outputs bring about is an effect (RULES §4: 提升 → 22 社会效益 / 21 经济效益, rewritten
// X较上年提升≥Y%（基数B）), not a 质量 rate; of money and deals an economic one.
const ECONOMIC = /金额|交易|产值|收入|投资|融资|转化|经济/;

/** The 二级 of a promise, from the one its words alone would give (`base`): for a change by a rate, an effect. */
export function changeCategoryFor<T extends { level1: string; level2: string }>(base: T, change: PromiseChange | null, subject: string): T | { level1: '效益指标'; level2: '经济效益指标' | '社会效益指标' } {
    if (!change || change.to || base.level1 !== '产出指标' || base.level2 === '成本指标' || base.level2 === '时效指标') return base;
    return ECONOMIC.test(subject) ? { level1: '效益指标', level2: '经济效益指标' } : { level1: '效益指标', level2: '社会效益指标' };
}

/**
 * The promise as a structured 指标值 (≥96场次, ≥90%, ≥1次/月, ≤2024-12-31). A hedged number (约1200项, 70余场) becomes
 * ≥N, the rewrite RULES §4 gives for hedges; a bare number stays bare (建设1个… → 1个).
 */
export function structuredValueFor(p: TextPromise): string {
    if (p.kind === 'date') return `${p.op === '=' ? '' : p.op}${p.date}`;
    if (p.max !== undefined) return `${formatNumber(p.value)}~${formatNumber(p.max)}${p.unit ?? ''}`;
    const op = p.approximate ? '≥' : p.op === '=' ? '' : p.op;
    return `${op}${formatNumber(p.value)}${p.unit ?? ''}${p.per ? `/${p.per}` : ''}`;
}
