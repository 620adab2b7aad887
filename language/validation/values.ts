// 指标值 checks (RULES §3): each value is present, readable, and of the kind its name and 二级 ask for.
//
// One finding per value for what its content is: an empty cell, a placeholder, a restated name or unreadable text
// each stop the content checks (values-context.ts hasOwnProblem); vague wording is the measurability family's, so
// the checks by kind of indicator (成本 > 时效 > 比率, the first that applies) leave such values alone.
import type { ValidationAcceptor, ValidationChecks } from 'langium';
import { containerOf } from '../ast-walk.js';
import type { Indicator, JxmbAstType, Value } from '../generated/ast.js';
import type { JxmbServices } from '../jxmb-module.js';
import { findVagueWords, SOFT_TARGET } from '../domain/vague-words.js';
import { formatQuantity, type ParsedValue, type Quantity } from '../domain/values.js';
import { isDurationUnit, isMoneyUnit, isPercentUnit } from '../domain/units.js';
import { isHalfOfLostColon } from './missing-colon.js';
import { compareHalves } from './values-compare.js';
import { countUnitIn, emptyCountReason, noUnitFindings, unitMismatchFinding, unknownUnitFinding } from './values-units.js';
import {
    hasOwnProblem, hasPlaceholder, isCostIndicator, isDeadlineWithoutYear, isRateName, isSatisfactionName,
    isTimeName, level2CodeOf, PLACEHOLDER, repeatsName, valuesOf, vagueWordsOf, type ValueContext
} from './values-context.js';

export { countUnitIn } from './values-units.js';

export const ValueCode = {
    missing: 'value/missing',
    missingAnnual: 'value/missing-annual',
    missingPeriod: 'value/missing-period',
    placeholder: 'value/placeholder',
    repeatsName: 'value/repeats-name',
    unparsable: 'value/unparsable',
    percentOutOfRange: 'value/percent-out-of-range',
    rateWithoutPercent: 'value/rate-without-percent',
    percentUnderCount: 'value/percent-under-count',
    timeWithoutDeadline: 'value/time-without-deadline',
    costWithoutMoney: 'value/cost-without-money',
    satisfactionLow: 'value/satisfaction-low',
    satisfactionFull: 'value/satisfaction-100',
    hedged: 'value/hedged',
    wordOperator: 'value/word-operator',
    ambiguousDeadline: 'value/ambiguous-deadline',
    periodAnnualMismatch: 'value/period-annual-mismatch',
    noUnit: 'value/no-unit',
    unknownUnit: 'value/unknown-unit',
    emptyCount: 'value/empty-count',
    costLowerBound: 'value/cost-lower-bound',
    unitMismatch: 'value/unit-mismatch'
} as const;

const roleName = { both: '指标值', period: '实施周期指标值', annual: '年度指标值' } as const;

/** 「…」 around a value for messages, shortened when long. */
function shown(text: string): string {
    const flat = text.replace(/\s+/g, ' ').trim();
    return `「${flat.length > 30 ? `${flat.slice(0, 28)}…` : flat}」`;
}

function report(accept: ValidationAcceptor, severity: 'error' | 'warning' | 'info', code: string, message: string,
    context: ValueContext, data: Record<string, unknown> = {}): void {
    accept(severity, message, { node: context.node, code, data: { code, role: context.role, ...data } });
}

// ─── presence ────────────────────────────────────────────────────────────────────────────────────────────────

/** An indicator without any value, or with an empty one, cannot be scored (RULES §3.4 V1, §6.2 Q5). */
export function checkMissingValue(indicator: Indicator, accept: ValidationAcceptor): void {
    const values = valuesOf(indicator);
    if (values.length === 0) {
        if (isHalfOfLostColon(indicator)) return;
        accept('error', `三级指标「${indicator.name}」没有指标值：须填写实施周期指标值和年度指标值，否则无法考核。`,
            { node: indicator, property: 'name', code: ValueCode.missing, data: { code: ValueCode.missing, rate: isRateName(indicator.name) } });
        return;
    }
    for (const v of values) {
        if (v.parsed.kind !== 'empty') continue;
        report(accept, 'error', ValueCode.missing, `「${indicator.name}」的${roleName[v.role]}为空，无法考核。`, v,
            { rate: isRateName(indicator.name) });
    }
}

/** 单列指标值 tables (seed 001) have one value column: one value is all they can hold. */
function hasSingleValueColumn(indicator: Indicator): boolean {
    const department = containerOf(indicator, 'DepartmentDeclaration');
    return !!department?.members.some(m => m.$type === 'SingleValueColumn');
}

/** Only one of 实施周期 / 年度 is given, in a table that has both columns; `present` is the one given. */
function onlyOneHalf(indicator: Indicator, present: 'period' | 'annual'): boolean {
    const missing = present === 'period' ? indicator.annual : indicator.period;
    return !indicator.value && !!indicator[present] && !missing && !hasSingleValueColumn(indicator);
}

/** 实施周期 without 年度 (RULES §3.4 V1; seed 004 提供咨询交流服务). */
export function checkMissingAnnual(indicator: Indicator, accept: ValidationAcceptor): void {
    if (!onlyOneHalf(indicator, 'period')) return;
    const code = ValueCode.missingAnnual;
    accept('warning', `「${indicator.name}」只填了实施周期指标值，年度指标值为空：两栏都须填写，一年期项目两者相同。`,
        { node: indicator, property: 'name', code, data: { code, source: indicator.period!.$cstNode?.text ?? '' } });
}

/** 年度 without 实施周期 (RULES §3.4 V1). */
export function checkMissingPeriod(indicator: Indicator, accept: ValidationAcceptor): void {
    if (!onlyOneHalf(indicator, 'annual')) return;
    const code = ValueCode.missingPeriod;
    accept('warning', `「${indicator.name}」只填了年度指标值，实施周期指标值为空：两栏都须填写，一年期项目两者相同。`,
        { node: indicator, property: 'name', code, data: { code, source: indicator.annual!.$cstNode?.text ?? '' } });
}

/** A quick-fix left 〔待填〕 where a number or date belongs: the value is not finished. */
export function checkPlaceholder(indicator: Indicator, accept: ValidationAcceptor): void {
    for (const v of valuesOf(indicator)) {
        if (!hasPlaceholder(v.text)) continue;
        report(accept, 'warning', ValueCode.placeholder, `「${indicator.name}」的${roleName[v.role]}还有待填写的占位符「${PLACEHOLDER}」。`, v);
    }
}

// ─── readability ─────────────────────────────────────────────────────────────────────────────────────────────

/** The value restates the name (seed 001 成本控制率): it sets no target (RULES §3.7). */
export function checkRepeatsName(indicator: Indicator, accept: ValidationAcceptor): void {
    for (const v of valuesOf(indicator)) {
        if (hasPlaceholder(v.text) || !repeatsName(v)) continue;
        report(accept, 'warning', ValueCode.repeatsName,
            `「${indicator.name}」的${roleName[v.role]}只是重复了指标名称，没有给出目标值。`, v, { l2: level2CodeOf(indicator) ?? null });
    }
}

/** The parser's reason, in the words of the table's author. */
function unparsableMessage(reason: string): { message: string; fragment?: string } {
    const dangling = /^「(.+?)」: 不 directly before a number/.exec(reason);
    if (dangling) return { message: `「${dangling[1]}」中「不」直接跟数字，缺少「少于」或「超过」，读不出目标是下限还是上限`, fragment: dangling[1] };
    const conflicting = /conflicting operators (\S+) and (\S+)/.exec(reason) ?? /conflicting operators 「(.+?)」/.exec(reason);
    if (conflicting) return { message: `方向词相互矛盾（${conflicting.slice(1).filter(Boolean).join('、')}）` };
    if (/conflicting operators around the date/.test(reason)) return { message: '日期前后的方向词相互矛盾' };
    if (reason.includes('≠')) return { message: '「≠」不能表示目标值' };
    const lonely = /operator 「(.+?)」 without a number.*?(?:, followed by 「(.+)」)?$/.exec(reason);
    if (lonely?.[2]) return { message: `运算符「${lonely[1]}」后的「${lonely[2]}」不是数字、日期或等级` };
    if (lonely) return { message: `运算符「${lonely[1]}」后没有数字` };
    if (/^not a value/.test(reason)) return { message: '既没有数字和单位，也没有文字说明' };
    const noDate = /no such date: (\S+)/.exec(reason);
    if (noDate) return { message: `日期 ${noDate[1]} 不存在` };
    if (/number too large/.test(reason)) return { message: '数字过大' };
    const twoUnits = /range with two units: 「(.+?)」 and 「(.+?)」/.exec(reason);
    if (twoUnits) return { message: `区间两端的单位不同（「${twoUnits[1]}」和「${twoUnits[2]}」），读不出范围：两端应使用同一单位` };
    const reversed = /range lower bound (\S+) is greater than upper bound (\S+)/.exec(reason);
    if (reversed) return { message: `区间的下限 ${reversed[1]} 大于上限 ${reversed[2]}，没有值能满足` };
    // A fault of the value reader (values.ts's safety net): the user's text is fine to report, the reason is not theirs.
    if (/^internal error/.test(reason)) return { message: '程序读取这个值时出错，请把这个值报告给 jxmb 的维护者' };
    return { message: `无法读取（${reason}）` };
}

/** A structured date or range the form checks already report (value/invalid-date, value/invalid-range): one finding per mistake. */
function formCheckSays(node: Value, reason: string): boolean {
    return (node.$type === 'DateValue' && /^no such date/.test(reason)) || (node.$type === 'RangeValue' && /^range lower bound/.test(reason));
}

/** Text that looks like a number was meant but cannot be read (seed 002 「每场参加人员不100人」). */
export function checkUnparsable(indicator: Indicator, accept: ValidationAcceptor): void {
    for (const v of valuesOf(indicator)) {
        if (v.parsed.kind !== 'unparsable' || hasPlaceholder(v.text) || formCheckSays(v.node, v.parsed.reason)) continue;
        const { message, fragment } = unparsableMessage(v.parsed.reason);
        report(accept, 'error', ValueCode.unparsable, `「${indicator.name}」的${roleName[v.role]}无法读取：${message}。`, v,
            fragment ? { fragment } : {});
    }
}

// ─── numbers ─────────────────────────────────────────────────────────────────────────────────────────────────

function quantitiesOf(parsed: ParsedValue): Quantity[] {
    if (parsed.kind === 'quantity') return [parsed];
    if (parsed.kind === 'compound') return parsed.parts;
    return [];
}

const isPercent = (unit: string | null) => unit === '%';
// A growth rate may exceed 100% (较上年增长150%); a share or rate may not.
const GROWTH = /增长|增加|增幅|提升|提高|上升|下降|降低|减少|较上年|同比|环比/;

const outside100 = (q: Quantity) => isPercent(q.unit) && (q.value > 100 || q.value < 0 || (q.value === 100 && q.op === '>') || (q.value === 0 && q.op === '<'));
const outsideBound = (b: number) => b > 100 || b < 0;

/** The percentages of a value outside [0, 100], as written for the message; [] for a growth rate. */
function percentsOutOfRange(v: ValueContext): string[] {
    const bounds = v.parsed.kind === 'range' && isPercent(v.parsed.unit) ? [v.parsed.min, v.parsed.max] : [];
    // Asked of every value, and almost none has such a percentage: the numbers first, the text's words only then.
    if (!quantitiesOf(v.parsed).some(outside100) && !bounds.some(outsideBound)) return [];
    if (hasOwnProblem(v) || GROWTH.test(v.text)) return [];
    return [
        ...quantitiesOf(v.parsed).filter(outside100).map(describeQuantity),
        ...bounds.filter(outsideBound).map(b => `${b}%`)
    ];
}

/** A percentage lies in [0, 100] (RULES §3.2). */
export function checkPercentRange(indicator: Indicator, accept: ValidationAcceptor): void {
    for (const v of valuesOf(indicator)) {
        const outside = percentsOutOfRange(v);
        if (outside.length === 0) continue;
        report(accept, 'error', ValueCode.percentOutOfRange,
            `「${indicator.name}」的百分比「${outside.join('、')}」超出 0%～100%：比率和占比不可能超过 100%。`, v);
    }
}

function describeQuantity(q: Quantity): string {
    return `${q.op === '=' ? '' : q.op}${q.value}${q.unit ?? ''}`;
}

/** Vague or otherwise uncheckable prose is the measurability family's finding; the kind checks skip it. */
function leftToMeasurability(v: ValueContext): boolean {
    return vagueWordsOf(v).length > 0;
}

type Category = 'cost' | 'time' | 'rate';

/** Which kind check applies to an indicator: 成本 first (its rates are control rates), then 时效, then 比率. */
export function categoryOf(indicator: Indicator): Category | undefined {
    let category = categories.get(indicator);
    if (category === undefined) {
        category = isCostIndicator(indicator) ? 'cost' : isTimeName(indicator.name) ? 'time' : isRateName(indicator.name) ? 'rate' : null;
        categories.set(indicator, category);
    }
    return category ?? undefined;
}

// Asked by six checks of every indicator (null: none applies, so one lookup answers); an edit of its name or 二级
// gives it a new node (parse/reparse.ts).
const categories = new WeakMap<Indicator, Category | null>();

function hasPercent(parsed: ParsedValue): boolean {
    if (parsed.kind === 'range') return isPercentUnit(parsed.unit);
    return quantitiesOf(parsed).some(q => isPercentUnit(q.unit));
}

function hasMoney(parsed: ParsedValue): boolean {
    if (parsed.kind === 'range') return isMoneyUnit(parsed.unit);
    return quantitiesOf(parsed).some(q => isMoneyUnit(q.unit));
}

/**
 * A 率/比例/覆盖率/占比/满意度 name needs a % value (RULES §3.7). A 成本 rate (成本控制率 「≤20万元」) too: a sum of
 * money answers 成本 but not the rate its name asks for; its other values are value/cost-without-money's.
 */
export function checkRateWithoutPercent(indicator: Indicator, accept: ValidationAcceptor): void {
    const category = categoryOf(indicator);
    const costRate = category === 'cost' && isRateName(indicator.name);
    if (category !== 'rate' && !costRate) return;
    for (const v of valuesOf(indicator)) {
        if (hasOwnProblem(v) || leftToMeasurability(v) || hasPercent(v.parsed) || (costRate && !hasMoney(v.parsed))) continue;
        report(accept, 'warning', ValueCode.rateWithoutPercent,
            `「${indicator.name}」是比率类指标，指标值应为百分比（如 ${costRate ? '≤100%' : '≥95%'}），现为${shown(v.text)}。`, v, percentFormOf(v.parsed));
    }
}

/** What the % form of a value would be: a pass grade is 100%, a bare number gets its %. */
function percentFormOf(parsed: ParsedValue): { percent: string | null } {
    if (parsed.kind === 'qualitative' && parsed.grade && /^(?:合格|达标|通过|验收合格)$/.test(parsed.grade)) return { percent: '100%' };
    if (parsed.kind === 'quantity' && parsed.unit === null && parsed.value >= 0 && parsed.value <= 100) {
        return { percent: formatQuantity({ ...parsed, unit: '%' }) };
    }
    return { percent: null };
}

/** A % value under 数量指标 (seed 000 审核相关文件数量 = 100%): a count belongs there, a rate belongs in 质量/时效 (RULES §3.7). */
export function checkPercentUnderCount(indicator: Indicator, accept: ValidationAcceptor): void {
    if (level2CodeOf(indicator) !== '11') return;
    for (const v of valuesOf(indicator)) {
        if (hasOwnProblem(v)) continue;
        const percent = (v.parsed.kind === 'quantity' || v.parsed.kind === 'range') && isPercentUnit(v.parsed.unit);
        if (!percent) continue;
        // A share of time (资金支出进度 ≥90%, RULES §5 13) moves like a rate: to 时效, not into a count.
        const time = isTimeName(indicator.name);
        const rate = isRateName(indicator.name) || time;
        const target = time ? '时效指标' : '质量指标';
        const message = rate
            ? `「${indicator.name}」是${isRateName(indicator.name) ? '比率' : '进度比率'}（${shown(v.text)}），应归入${target}，数量指标只放数量。`
            : `数量指标「${indicator.name}」的值是百分比${shown(v.text)}：应给出数量（如 ≥N件），或改为完成率并归入质量指标。`;
        report(accept, 'warning', ValueCode.percentUnderCount, message, v, { rate, target, unit: countUnitIn(indicator.name) });
    }
}

// ─── units (RULES §3.1: a 定量 三级 carries a 单位) ─────────────────────────────────────────────────────────

/** 「举办活动场次」：20, ≥50, ≥2万: a number alone does not say what is counted. */
export function checkNoUnit(indicator: Indicator, accept: ValidationAcceptor): void {
    const findings = noUnitFindings(indicator, categoryOf(indicator) !== undefined);
    for (let i = 0; i < findings.length; i++) {
        const { context, message, data } = findings[i]!;
        report(accept, 'warning', ValueCode.noUnit, message, context, { ...data });
    }
}

/** ≥20长次: a unit typed with the wrong character is no unit at all, and the value counts nothing. */
export function checkUnknownUnit(indicator: Indicator, accept: ValidationAcceptor): void {
    for (const v of valuesOf(indicator)) {
        const found = unknownUnitFinding(v);
        if (!found) continue;
        report(accept, 'warning', ValueCode.unknownUnit,
            `「${found.written}」不是计量单位，可能是「${found.unit}」之误：写作 ${found.replacement}。`, v, { ...found });
    }
}

/** 「培训人数」≥20场次: the unit counts something else than the name (name-units.yaml). */
export function checkUnitMismatch(indicator: Indicator, accept: ValidationAcceptor): void {
    for (const v of valuesOf(indicator)) {
        const found = unitMismatchFinding(v);
        if (!found) continue;
        const { measure, data } = found;
        const asked = measure.units.slice(0, 2).map(u => `「${u}」`).join('或');
        const advice = data.replacement ? `：写作 ${data.replacement.replace(/^"|"$/g, '')}` : '：请核对名称和单位';
        report(accept, 'warning', ValueCode.unitMismatch,
            `「${indicator.name}」统计的是${measure.counts}，单位应为${asked}，${roleName[v.role]}${shown(v.text)}却以「${data.written}」计${advice}。`,
            v, { ...data });
    }
}

/** ≥0场次, -1场次: a count that sets no target. */
export function checkEmptyCount(indicator: Indicator, accept: ValidationAcceptor): void {
    for (const v of valuesOf(indicator)) {
        const reason = emptyCountReason(v);
        if (!reason) continue;
        report(accept, 'warning', ValueCode.emptyCount,
            `「${indicator.name}」的${roleName[v.role]}${shown(v.text)}没有设定目标：${reason}；写明要达到的数量（如 ≥N${v.parsed.kind === 'quantity' ? v.parsed.unit ?? '' : ''}）。`, v);
    }
}

// ─── kinds of indicator ──────────────────────────────────────────────────────────────────────────────────────

const TIMELY_WORDS = /及时率|按时|准时|进度/;
const PROGRESS = /进度/;

function answersTime(v: ValueContext, name: string): boolean {
    const p = v.parsed;
    if (p.kind === 'date' || isDeadlineWithoutYear(v)) return true;
    // A share of time kept (及时率, 资金支出进度(%), RULES §5) is named so, or says so in its value.
    const timelyShare = isRateName(name) || PROGRESS.test(name) || TIMELY_WORDS.test(v.text);
    if (p.kind === 'range') return isDurationUnit(p.unit) || (isPercentUnit(p.unit) && timelyShare);
    if (p.kind === 'qualitative') return !!p.milestone && /本年|年内|年底|年末|\d+月/.test(p.milestone);
    return quantitiesOf(p).some(q => isDurationUnit(q.unit) || q.per !== null || (isPercentUnit(q.unit) && timelyShare));
}

/** A name about time (及时/时间/进度/响应) needs a date, a duration or a timeliness rate (RULES §3.7; seed 003 会议举办及时性). */
export function checkTimeWithoutDeadline(indicator: Indicator, accept: ValidationAcceptor): void {
    if (categoryOf(indicator) !== 'time') return;
    for (const v of valuesOf(indicator)) {
        if (hasOwnProblem(v) || leftToMeasurability(v) || answersTime(v, indicator.name)) continue;
        report(accept, 'warning', ValueCode.timeWithoutDeadline,
            `「${indicator.name}」是时效类指标，指标值应为完成时限（如 ≤2024-12-31）、时长（如 ≤1小时）或及时率（如 及时率=100%），现为${shown(v.text)}。`,
            v, { rate: isRateName(indicator.name) });
    }
}

function answersCost(v: ValueContext, name: string): boolean {
    const p = v.parsed;
    if (p.kind === 'range') return isMoneyUnit(p.unit) || (isPercentUnit(p.unit) && isRateName(name));
    return quantitiesOf(p).some(q => isMoneyUnit(q.unit) || (isPercentUnit(q.unit) && isRateName(name)));
}

/**
 * What a cost without money should be, never what is written (tester's C3): a rate name asks for its %, a % under a
 * name that is no rate asks for the name (or money), anything else for one of the three forms.
 */
function costAdvice(name: string, v: ValueContext): string {
    if (isRateName(name)) return `成本指标「${name}」是比率，指标值应为百分比（如 ${/控制率/.test(name) ? '≤100%' : '≥95%'}），现为${shown(v.text)}。`;
    if (hasPercent(v.parsed)) {
        return `成本指标「${name}」的${roleName[v.role]}${shown(v.text)}是百分比，名称却不是比率：百分比请写在成本控制率下（名称写明，如「成本控制率」），否则给出金额（如 ≤X万元）或单位成本（如 ≤X元/人次）。`;
    }
    return `成本指标「${name}」应给出金额（如 ≤X万元）、单位成本（如 ≤X元/人次）或成本控制率（如 ≤100%），现为${shown(v.text)}。`;
}

/** 成本 needs money, a unit cost or a control rate (RULES §3.7; seed 003 会议经费预算执行率 = 本年内完成). */
export function checkCostWithoutMoney(indicator: Indicator, accept: ValidationAcceptor): void {
    if (categoryOf(indicator) !== 'cost') return;
    for (const v of valuesOf(indicator)) {
        // 「成本控制率3」≤110%: the percentage is already an error; a second finding would only restate the value.
        if (hasOwnProblem(v) || leftToMeasurability(v) || answersCost(v, indicator.name) || percentsOutOfRange(v).length > 0) continue;
        report(accept, 'warning', ValueCode.costWithoutMoney, costAdvice(indicator.name, v), v, { rate: isRateName(indicator.name) });
    }
}

/**
 * ≥50万元 under 成本: a cost is a ceiling to keep under (RULES §3.1 预算支出标准「不得超出」, §2 「成本的预期控制范围」);
 * a floor only says how much at least is spent.
 */
export function checkCostLowerBound(indicator: Indicator, accept: ValidationAcceptor): void {
    if (categoryOf(indicator) !== 'cost') return;
    for (const v of valuesOf(indicator)) {
        const p = v.parsed;
        if (hasOwnProblem(v) || p.kind !== 'quantity' || !isMoneyUnit(p.unit) || (p.op !== '≥' && p.op !== '>')) continue;
        const cap = formatQuantity({ ...p, op: '≤' });
        report(accept, 'warning', ValueCode.costLowerBound,
            `成本指标「${indicator.name}」的${roleName[v.role]}${shown(v.text)}是下限：成本目标是控制上限，应写成 ${cap} 这样的上限。`,
            v, { replacement: cap });
    }
}

/** The % target of a 满意度 indicator's value, if it has one. */
function satisfactionTarget(v: ValueContext): Quantity | undefined {
    if (hasOwnProblem(v)) return undefined;
    return quantitiesOf(v.parsed).find(part => isPercentUnit(part.unit));
}

/** A 满意度 target is a floor of at least 80% (RULES §3.6). */
export function checkSatisfactionLow(indicator: Indicator, accept: ValidationAcceptor): void {
    if (!isSatisfactionName(indicator.name)) return;
    for (const v of valuesOf(indicator)) {
        const q = satisfactionTarget(v);
        if (!q) continue;
        if (q.op === '≤' || q.op === '<') {
            report(accept, 'warning', ValueCode.satisfactionLow,
                `满意度「${indicator.name}」写成了上限${shown(v.text)}：满意度目标是下限，如 ≥90%。`, v);
        } else if (q.value < 80) {
            report(accept, 'warning', ValueCode.satisfactionLow,
                `满意度目标${shown(v.text)}低于 80%：通常不低于 80%，建议 ≥90%。`, v);
        }
    }
}

/** A 满意度 target of 100% cannot be promised: no survey finds everyone satisfied (RULES §3.6). */
export function checkSatisfactionFull(indicator: Indicator, accept: ValidationAcceptor): void {
    if (!isSatisfactionName(indicator.name)) return;
    for (const v of valuesOf(indicator)) {
        const q = satisfactionTarget(v);
        // Over 100% is no satisfaction at all: value/percent-out-of-range says so.
        if (!q || q.op === '≤' || q.op === '<' || q.value !== 100) continue;
        report(accept, 'warning', ValueCode.satisfactionFull,
            `满意度目标${shown(v.text)}为 100%：无法保证每位服务对象都满意，建议 ≥90%。`, v);
    }
}

// ─── form ────────────────────────────────────────────────────────────────────────────────────────────────────

/** 约/左右/余/多/近: an approximate number cannot be judged met or missed (RULES §3.2, §4); nor can 力争/原则上 …'s wish. */
export function checkHedged(indicator: Indicator, accept: ValidationAcceptor): void {
    for (const v of valuesOf(indicator)) {
        if (hasOwnProblem(v)) continue;
        const hedged = quantitiesOf(v.parsed).filter(q => q.approximate);
        if (hedged.length === 0) continue;
        const matches = findVagueWords(v.text, { kinds: ['hedge'] });
        const words = [...new Set(matches.map(m => m.word))];
        const whole = v.parsed.kind === 'quantity' && isOnlyHedgedQuantity(v.text, matches, v.parsed.unit)
            ? { value: v.parsed.value, unit: v.parsed.unit, per: v.parsed.per } : null;
        const soft = [...new Set(matches.filter(m => m.entry.id === SOFT_TARGET).map(m => m.word))];
        const message = soft.length > 0
            ? `${shown(v.text)}用了${soft.map(w => `「${w}」`).join('')}，是意愿而不是承诺，年底无法判定是否完成：去掉${soft.length > 1 ? '这些词' : '它'}，写明确定的目标。`
            : `${shown(v.text)}是约数（${words.map(w => `「${w}」`).join('') || '约数'}），年底无法判定是否完成：写明 ≥ 或 = 的确切目标。`;
        report(accept, 'warning', ValueCode.hedged, message, v, { whole });
    }
}

/** 「约180卷」, 「70余场」, 「180卷左右」: nothing but the number, its unit and the hedge, so a structured value loses nothing. */
function isOnlyHedgedQuantity(text: string, hedges: Array<{ start: number; end: number }>, unit: string | null): boolean {
    // The text between the hedges (findVagueWords' matches do not overlap), joined once: a value of thousands of
    // hedges must not be copied once per hedge.
    let [rest, at] = ['', 0];
    for (const h of [...hedges].sort((a, b) => a.start - b.start)) [rest, at] = [rest + text.slice(at, h.start), h.end];
    rest += text.slice(at);
    const m = /^([0-9][0-9,]*(?:\.[0-9]+)?)(.*)$/.exec(rest.replace(/\s+/g, '').replace(/[。；;，,]$/, '').replace(/％/g, '%'));
    return !!m && m[2] === (unit ?? '');
}

const WORD_PREFIX = '(不少于|不低于|不小于|大于或等于|大于等于|至少|超过|高于|大于|多于|不超过|不高于|不大于|小于或等于|小于等于|最多|少于|低于|小于|达到|达|等于)?';
const WORD_SUFFIX = '(及以上|以上|及以下|以下|以内)?';
const ONE_QUANTITY_IN_WORDS = new RegExp(`^${WORD_PREFIX}([0-9][0-9,]*(?:\\.[0-9]+)?)([%\\u4e00-\\u9fffA-Za-z/㎡²]*?)${WORD_SUFFIX}$`);
// The DSL's unit terminal: letters, then letters or / (print-jxmb writes structured values only with such units).
export const DSL_UNIT = /^(?:%|[\u4e00-\u9fffA-Za-z㎡][\u4e00-\u9fffA-Za-z/·²㎡]*)?$/;

/** The structured form of a text value that is one quantity in words (「不少于96场次」 → ≥96场次), or undefined. */
export function structuredFormOf(text: string, parsed: ParsedValue): string | undefined {
    if (parsed.kind !== 'quantity' || parsed.approximate || parsed.per) return undefined;
    const m = ONE_QUANTITY_IN_WORDS.exec(text.replace(/\s+/g, '').replace(/[。；;，,]$/, '').replace(/％/g, '%'));
    if (!m || (!m[1] && !m[4]) || !DSL_UNIT.test(parsed.unit ?? '')) return undefined;
    return formatQuantity(parsed);
}

/** A value that is one quantity written in words: the symbol form says the same and can be checked (RULES §3.2). */
export function checkWordOperator(indicator: Indicator, accept: ValidationAcceptor): void {
    for (const v of valuesOf(indicator)) {
        if (v.node.$type !== 'TextValue' || hasOwnProblem(v)) continue;
        const replacement = structuredFormOf(v.text, v.parsed);
        if (!replacement) continue;
        report(accept, 'info', ValueCode.wordOperator, `${shown(v.text)}可写成「${replacement}」。`, v, { replacement });
    }
}

/** 「2024年12月前」: before 12-01, or by 12-31? (RULES §4) */
export function checkAmbiguousDeadline(indicator: Indicator, accept: ValidationAcceptor): void {
    for (const v of valuesOf(indicator)) {
        if (v.parsed.kind !== 'date' || !v.parsed.note?.includes('ambiguous')) continue;
        const end = v.parsed.date;
        const first = `${end.slice(0, 8)}01`;
        report(accept, 'info', ValueCode.ambiguousDeadline,
            `${shown(v.text)}有两种理解：${first} 之前，或 ${end} 之前（含当月）；请写明具体日期。`, v, { end, first });
    }
}

/** 实施周期 and 年度 must fit together (RULES §3.4 V2–V4; seed 002 清扫、设备检查、巡逻次数 counts different things). */
export function checkPeriodAnnual(indicator: Indicator, accept: ValidationAcceptor): void {
    if (!indicator.period || !indicator.annual) return;
    const [period, annual] = valuesOf(indicator) as [ValueContext, ValueContext];
    if (hasOwnProblem(period) || hasOwnProblem(annual)) return;
    const mismatch = compareHalves(period, annual);
    if (!mismatch) return;
    report(accept, 'warning', ValueCode.periodAnnualMismatch,
        `「${indicator.name}」的年度指标值与实施周期指标值不一致：${mismatch.reason}。`, annual,
        { period: indicator.period.$cstNode?.text ?? '', annual: indicator.annual.$cstNode?.text ?? '' });
}

export function createValuesChecks(_services: JxmbServices): ValidationChecks<JxmbAstType> {
    return {
        Indicator: [
            checkMissingValue, checkMissingAnnual, checkMissingPeriod, checkPlaceholder, checkRepeatsName, checkUnparsable, checkPercentRange,
            checkRateWithoutPercent, checkPercentUnderCount, checkTimeWithoutDeadline, checkCostWithoutMoney,
            checkSatisfactionLow, checkSatisfactionFull, checkHedged, checkWordOperator, checkAmbiguousDeadline, checkPeriodAnnual,
            checkNoUnit, checkUnknownUnit, checkUnitMismatch, checkEmptyCount, checkCostLowerBound
        ]
    };
}
