// The rule-based drafter (the default; no network): every quantified promise of a task's 期望目标 / 主要实施内容 or a
// project's 绩效目标 becomes one proposal, read by the quantity extractor (language/domain/promises.ts) that the
// text ↔ indicator checks use, so a drafted indicator is exactly what those checks look for. Numbers come from the
// text only; what the text does not state becomes a skeleton with the 〔待填〕 placeholder (skeletons.ts).
import type { CostModel } from '../domain/taxonomy.js';
import { unitKind } from '../domain/units.js';
import {
    alternativeNameFor, baseValue, categoryFor, changeCategoryFor, changeOf, countsInVenue, findPromises, indicatorNameFor, measuredForm, sameMeasureUnit,
    structuredValueFor, type QuantityPromise, type TextPromise
} from '../domain/promises.js';
import type { Operator } from '../domain/value-types.js';
import { samePromise } from '../validation/text-consistency-match.js';
import { isRateName } from '../validation/values-context.js';
import { cellText } from './cells.js';
import { measuringIndicator, tableMeasures } from './measured.js';
import type { Level1Name, Level2Name, MeasuredPromise, Proposal, SourceField } from './proposal.js';
import { IN_TABLE_REASON, withConfirmation } from './proposal.js';
import { skeletonsFor } from './skeletons.js';
import type { DraftTarget } from './targets.js';
import { stretchAround } from '../domain/text.js';

export interface RuleDraftOptions {
    costModel?: CostModel;
    /** Skeletons (满意度, 时效) where the target has none; on by default. */
    skeletons?: boolean;
    /**
     * Sets apart the promises the target's written indicators already measure; on by default. The evaluation turns
     * it off: its reference is those very indicators.
     */
    setApartMeasured?: boolean;
}

export interface RuleDraft {
    proposals: Proposal[];
    /** promises an indicator of the table already measures, in text order */
    measured: MeasuredPromise[];
}

interface Found {
    field: SourceField;
    text: string;
    promise: TextPromise;
}

/** The proposals for one task or project, in text order (goal first), then the skeletons. */
export function draftWithRules(target: DraftTarget, options: RuleDraftOptions = {}): Proposal[] {
    return draftRules(target, options).proposals;
}

/** The proposals, and apart from them the promises the table already measures. */
export function draftRules(target: DraftTarget, options: RuleDraftOptions = {}): RuleDraft {
    const found = foundPromises(target);
    const measures = options.setApartMeasured === false ? [] : tableMeasures(target.existing, target.year);
    const proposals: Proposal[] = [];
    const measured: MeasuredPromise[] = [];
    // The table's own names are taken: a proposal under one of them is a duplicate (hierarchy/duplicate-name) once
    // pasted. (Not for the evaluation, which compares the names with the table's.)
    const names: Names = new Map(options.setApartMeasured === false ? [] : target.existing.flatMap(l => l.groups.flatMap(g => g.blocks.flatMap(b => b.indicators.map(i => [i.name, IN_TABLE] as const)))));
    for (const f of found) {
        const written = measures.length > 0 ? measuringIndicator(f.promise, measures) : undefined;
        if (written) measured.push({ source: sourceOf(f), indicator: written.indicator.name, value: written.value });
        else proposals.push(proposalFor(f, target, names, options.costModel ?? 'legacy'));
    }
    if (options.skeletons !== false) proposals.push(...skeletonsFor(target, proposals, options.costModel));
    return { proposals, measured };
}

function foundPromises(target: DraftTarget): Found[] {
    const found: Found[] = [];
    // Only promises of the same number can be the same promise: compared within that number's bucket, not with all
    // (with all, a text of thousands of promises took seconds).
    const byNumber = new Map<string, Found[]>();
    for (const { field, text } of target.texts) {
        for (const promise of findPromises(text, { budgets: target.budgets, year: target.year ?? undefined })) {
            const bucket = byNumber.get(numberKey(promise)) ?? [];
            // 主要实施内容 often repeats 期望目标 word for word (seed 000): one proposal per promise.
            if (bucket.some(f => samePromise(f.promise, promise))) continue;
            const f = { field, text, promise };
            found.push(f);
            byNumber.set(numberKey(promise), [...bucket, f]);
        }
    }
    return found;
}

/** The number a promise states, in its unit's base (1.6万人次 and 16000人次 alike), rounded past float noise. */
function numberKey(p: TextPromise): string {
    if (p.kind === 'date') return p.date;
    return `${baseValue(p.value, p.unit).toPrecision(12)}~${p.max === undefined ? '' : baseValue(p.max, p.unit).toPrecision(12)}`;
}

const sourceOf = ({ field, text, promise }: Found) =>
    ({ field, quote: text.slice(promise.span[0], promise.span[1]), start: promise.span[0], end: promise.span[1] });

function proposalFor(written: Found, target: DraftTarget, names: Names, costModel: CostModel): Proposal {
    const change = changeOf(written.promise);
    // 提高到15%: the verb is no part of what is measured (公众科学素质比例 ≥15%); the change gives the operator.
    const found = change ? { ...written, promise: measuredForm(written.promise, change) } : written;
    const { promise } = found;
    const { level1, level2 } = changeCategoryFor(categoryOf(promise, costModel), change, promise.subject);
    const fields = valueFields(found, level2);
    const cell = promise.kind === 'quantity' && promise.max !== undefined ? structuredValueFor(promise) : cellText(fields);
    const { name, sameAs, inTable } = uniqueName(promise, names);
    let proposal: Proposal = {
        name,
        level1, level2, ...fields,
        period: cell, annual: cell,
        source: sourceOf(found),
        placeholder: false, needsConfirmation: false, reason: null
    };
    if (sameAs) proposal = withConfirmation(proposal, `与「${sameAs}」说的是同一种数，原文没有写明两者的区别，请改写指标名称`);
    // Not measured (else it would be set apart): the written one's value does not state this number.
    if (inTable) proposal = withConfirmation(proposal, `${IN_TABLE_REASON}「${inTable}」，但它的指标值没有写明 ${proposal.annual}：可把这个值写进表中那一条，或采用本条并改写名称`);
    if (promise.kind === 'quantity' && promise.approximate) {
        proposal = withConfirmation(proposal, `原文为约数「${promise.text}」，已按「不少于」写作 ${proposal.annual}`);
    }
    if (change && !change.to) {
        proposal = withConfirmation(proposal, `原文只写了${change.verb}${proposal.annual.replace(/^[≥≤]/, '')}，没有写明基数（如上年实际值）：请在指标名称或指标解释中写明基数`);
    }
    if (promise.year !== null && target.year !== null && promise.year !== target.year) {
        proposal = withConfirmation(proposal, `原文说的是${promise.year}年的目标，不一定是本年度（${target.year}年）的指标值`);
    }
    if (!promise.subject) proposal = withConfirmation(proposal, '原文没有说明这个数字计量的是什么，请改写指标名称');
    else if (countsInVenue(promise)) {
        // The name says where (核心期刊篇数); what is counted there (论文?) is the writer's to say, not the rules' to guess.
        proposal = withConfirmation(proposal, `原文只写了刊载处「${promise.subject}」，没有写明计量的是什么（如论文、文章），请在指标名称中写明`);
    }
    // The rules read Chinese: from other words (Satisfaction above 90%) they take the number, not what it means.
    else if (!CHINESE.test(promise.subject)) proposal = withConfirmation(proposal, `原文「${promise.subject}」不是中文，规则只读出了数字：请核对运算符并改写为中文指标名称`);
    return proposal;
}

function valueFields(found: Found, level2: Level2Name): Pick<Proposal, 'operator' | 'number' | 'unit' | 'per' | 'date'> {
    const p = found.promise;
    if (p.kind === 'date') return { operator: p.op, number: null, unit: null, per: null, date: p.date };
    // A range (10～20场) is written as one, its lower bound in `number` (the cells carry both bounds).
    return { operator: operatorFor(found, level2), number: p.value, unit: p.unit, per: p.per, date: null };
}

const CHINESE = /[\u4e00-\u9fff]/;

// 为0起, 是3个, =5项: the text states the number as a fact, not as a floor.
const STATED_AS = /(?:为|是|等于|=|＝)\s*$/;
// Seats an election fills (选举产生…：区科协主席1名) are exactly so many.
const ELECTION = /选举|选出|当选|换届/;
// What should not happen (RULES §5: 安全事故发生数, 群众投诉数, 法律纠纷发生数 ≤; 系统重大故障次数 =0): a count of it
// without an operator is a ceiling, never a floor.
const REVERSE = /事故|投诉|纠纷|故障|差错|失误|违规|违纪|违法|信访|上访|泄密/;
const SENTENCE_END = /[；;。!！?？\n]/;

function operatorFor(found: Found, level2: Level2Name): Operator {
    const p = found.promise as QuantityPromise;
    if (p.max !== undefined) return '=';
    // A hedge (约180卷, 70余场) becomes ≥N (RULES §4).
    if (p.approximate) return '≥';
    if (p.op !== '=') return p.op;
    if (statedExactly(found)) return '=';
    if (REVERSE.test(p.subject)) return '≤';
    // A bare count of outputs (围绕20个主题) is a floor (RULES §3.2: 「= (or ≥ for outputs)」), as the seeds' tables
    // write them (20个 → ≥20个).
    return level2 === '数量指标' && unitKind(p.unit) === 'count' ? '≥' : '=';
}

function statedExactly({ text, promise }: Found): boolean {
    const at = promise.quantitySpan[0];
    return STATED_AS.test(text.slice(Math.max(0, at - 3), at)) || ELECTION.test(stretchAround(text, at, SENTENCE_END));
}


// 二级 of 效益 that RULES §5 lists by name: 社会效益 counts (科普受益人次, 主流媒体报道次数, 校园覆盖数, 服务科技创新
// 企业数量, 接待考察次数, 法律纠纷发生数) and 可持续影响 (入库人数, 新成立学会数, 长效机制).
const SOCIAL_COUNT = /受益|受众|覆盖|媒体报道|服务[^，,；;]{0,10}企业|考察|纠纷/;
const SUSTAINED = /长效机制|入库|新成立/;

/**
 * A ceiling on a length of time (故障响应时间不超过2小时) is a 时效 target (RULES §3.7, §5 响应速度/平均响应时间); a floor
 * (志愿服务时长不少于1000小时) counts hours of output.
 */
const isTimeCeiling = (p: QuantityPromise) => unitKind(p.unit) === 'duration' && (p.op === '≤' || p.op === '<');

/** 一级/二级 of a promise: the extractor's categories (RULES §2, §5), with 成本 and the 效益 counts RULES names. */
export function categoryOf(p: TextPromise, costModel: CostModel): { level1: Level1Name; level2: Level2Name } {
    const base = categoryFor(p) as { level1: Level1Name; level2: Level2Name };
    const cost = costModel === '2021'
        ? { level1: '成本指标', level2: '经济成本指标' } as const
        : { level1: '产出指标', level2: '成本指标' } as const;
    if (p.kind === 'date') return base;
    if (isTimeCeiling(p)) return { level1: '产出指标', level2: '时效指标' };
    if (/成本/.test(p.subject) || base.level2 === '成本指标') return cost;
    if (base.level2 === '数量指标' && SOCIAL_COUNT.test(p.subject)) return { level1: '效益指标', level2: '社会效益指标' };
    if (base.level2 === '数量指标' && SUSTAINED.test(p.subject)) return { level1: '效益指标', level2: '可持续影响指标' };
    return base;
}

/** The names given so far, each with what its promise is in: a unit, '' (a bare number), 'date', or IN_TABLE. */
type Names = Map<string, string>;

/** A name of the table's own indicators. */
const IN_TABLE = '\u0000table';

/**
 * The extractor's name; when taken by a count in another unit, its alternative (长廊宣传图5期185幅 → 长廊宣传图期数 /
 * 幅数); else a number after it, with `sameAs` the name taken: the alternative (老师获奖项数 for 老师获奖数量) would
 * read as another thing where the text states none. `inTable`: the name the table already uses, numbered here alike.
 */
function uniqueName(p: TextPromise, names: Names): { name: string; sameAs: string | null; inTable: string | null } {
    // A name too long is cut, and marked, where every drafter's proposals are brought within the schema (fit.ts).
    const first = nameFor(p);
    const unit = p.kind === 'quantity' ? p.unit ?? '' : 'date';
    let name: string | undefined = first;
    let sameAs: string | null = null;
    const inTable = names.get(first) === IN_TABLE ? first : null;
    if (inTable) name = undefined;
    else if (names.has(first)) {
        const taken = names.get(first)!;
        const other = alternativeNameFor(p);
        const distinct = p.kind === 'quantity' && (taken === 'date' || !sameMeasureUnit(taken || null, unit || null));
        name = distinct && !names.has(other) ? other : undefined;
        if (!name) sameAs = first;
    }
    for (let i = 2; !name; i++) if (!names.has(`${first}（${i}）`)) name = `${first}（${i}）`;
    names.set(name, unit);
    return { name, sameAs, inTable };
}

/**
 * A % under a name that is no rate (资金支出进度) says its unit, as the seeds write it (资金支出进度（%）): the checks
 * read a name about time as asking for a date, a duration or a rate, and such a name as a rate.
 */
function nameFor(p: TextPromise): string {
    const name = indicatorNameFor(p);
    return p.kind === 'quantity' && unitKind(p.unit) === 'percent' && !isRateName(name) ? `${name}（%）` : name;
}
