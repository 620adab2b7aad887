import type { MaybePromise, ValidationAcceptor, ValidationChecks } from 'langium';
import type { Indicator, JxmbAstType, Value } from '../generated/ast.js';
import type { JxmbServices } from '../jxmb-module.js';
import { categoryByCode } from '../domain/taxonomy.js';
import { isCountUnit, isDurationUnit, isMoneyUnit, isPercentUnit, unitInfo } from '../domain/units.js';
import { formatQuantity, type ParsedValue, type Quantity } from '../domain/values.js';
import { measuresOf, type Measure } from './classification-split.js';
import { directionOf } from '../domain/indicator-names.js';
import type { CostModel } from '../domain/taxonomy.js';
import {
    BENEFIT_RULES, COST_MISFILED_UNDER, COST_NAME_WORDS, COST_RATE, COST_REASON, MEASURE_ENDINGS, MONEY_VALUE_MISFILED_UNDER, NAME_JOINERS,
    NAME_RULES, NOT_A_COST, OUTPUT_COUNT_REASON, PURCHASE_WORDS, SATISFACTION, SATISFACTION_STAND_INS, SESSION_UNITS, TIME_REASON,
    TIMELY_COUNT, type ClassificationRule
} from './classification-vocabulary.js';
import { comparableName, costLevel2For, filedUnder, indicatorsOf, ownerOf, treesOf, withCostModel } from './hierarchy-units.js';
import { readValueNode } from './memo.js';
import { isRateName, isTimeName } from './values-context.js';

// Is each 三级 filed under the right 二级, and is it one metric? (RULES §2, §3.7.) Names decide the 二级 through the
// vocabulary in classification-vocabulary.ts; the value parser decides how many quantities a value holds.

export const ClassificationCode = {
    satisfactionMisfiled: 'classification/satisfaction-misfiled',
    notSatisfaction: 'classification/not-satisfaction',
    wrongDirection: 'classification/wrong-direction',
    misfiled: 'classification/misfiled',
    compound: 'classification/compound'
} as const;

/** What the quick-fixes read from `diagnostic.data`. */
export interface ClassificationData {
    code: typeof ClassificationCode[keyof typeof ClassificationCode];
    /** Move targets: the 一级 and 二级 codes the indicator belongs to. */
    level1?: string;
    level2?: string;
    /** A name that says what the indicator measures (服务对象评价 → 服务对象满意度). */
    rename?: string;
    /** The value with its operator turned round (≥3起 → ≤3起), when the value is written as a structured quantity. */
    flipped?: string;
}

function matches(rule: ClassificationRule, name: string): string | undefined {
    // The words first: every 三级 is asked, few hold one, and only those need the exceptions' patterns.
    const word = rule.words.find(w => name.includes(w));
    if (word === undefined || rule.except?.some(pattern => pattern.test(name))) return undefined;
    return word;
}

function label(code: string): string {
    const category = categoryByCode(code);
    return category ? category.name : code;
}

/** `evidence`: a word of the name, or `{ value }` — what in the value shows where it belongs. */
function reportMisfiled(indicator: Indicator, rule: Pick<ClassificationRule, 'target' | 'reason'>, evidence: string | { value: string },
    accept: ValidationAcceptor, code: ClassificationData['code']): void {
    const current = indicator.$container.category;
    const data: ClassificationData = { code, level1: categoryByCode(rule.target)?.parent, level2: rule.target };
    const why = typeof evidence === 'string' ? `含「${evidence}」` : `的指标值${evidence.value}`;
    accept('warning',
        `三级指标「${indicator.name}」${why}，应放在「${label(data.level1!)}」的「${label(rule.target)}」下，而不是「${current}」：${rule.reason}。`,
        { node: indicator, property: 'name', code, data });
}

/** A satisfaction figure outside 服务对象满意度 (SEED004 「扩大学生资助面…满意度，预期达到98%」 under 社会效益). */
function checkSatisfactionFiling(indicator: Indicator, under: string, word: string, accept: ValidationAcceptor): void {
    if (SATISFACTION.misfiledUnder.includes(under)) reportMisfiled(indicator, SATISFACTION, word, accept, ClassificationCode.satisfactionMisfiled);
}

const isUpperBound = (q: Quantity) => q.op === '≤' || q.op === '<';

/** The 经济效益 rule, whose words say a sum of money is an effect (looked up once, not per 三级). */
const MONEY_RULE = BENEFIT_RULES.find(rule => rule.target === '21');

/**
 * A money value that is a cost, filed under 质量/时效 or a 效益 (「活动经费」≤20万元 under 社会效益): under 质量/时效
 * any sum of money, under 效益 a cost name (经费, 成本…) or an upper bound on a sum that is not an effect's (an effect
 * is not capped: 技术成果转化交易金额 ≥130亿元 stays). Says where, or undefined.
 */
function costEvidence(indicator: Indicator, under: string, parsed: ParsedValue | undefined): string | undefined {
    // 「合格率」≥20万元: the name asks for a %, the money is the mistake (value/rate-without-percent), not the 二级.
    if (parsed?.kind !== 'quantity' || !isMoneyUnit(parsed.unit)) return undefined;
    if (isRateName(indicator.name) || NOT_A_COST.test(indicator.name)) return undefined;
    const shown = `「${formatQuantity(parsed)}」`;
    if (under === '12' || under === '13') return `是金额${shown}`;
    if (COST_NAME_WORDS.some(word => indicator.name.includes(word))) return `是金额${shown}`;
    const effectName = MONEY_RULE && matches(MONEY_RULE, indicator.name);
    return isUpperBound(parsed) && !effectName ? `是金额上限${shown}` : undefined;
}

/**
 * 「成本控制率」≤100% (or 「≤20万元」) under a 效益 or 质量/时效: the name is a cost's whatever its value says (RULES §3.7
 * 「成本 needs … 成本控制率 ≤100%」). A 时效 name (经费拨付及时率) is not asked. The word of the name, or undefined.
 */
function costRateWord(name: string): string | undefined {
    if (!name.includes('控制率') || isTimeName(name)) return undefined;
    return COST_RATE.exec(name)?.[0];
}

/** A cost under 质量/时效/效益 → 成本 (14, or 41 under the 2021 model), RULES §3.7, §5. */
function reportCostFiling(indicator: Indicator, evidence: string | { value: string }, model: CostModel, accept: ValidationAcceptor): void {
    const target = costLevel2For(ownerOf(indicator), model);
    reportMisfiled(indicator, { target, reason: COST_REASON }, evidence, accept, ClassificationCode.misfiled);
}

/**
 * 「服务对象评价」≥90% → 服务对象满意度: the words that stand for 满意度 dropped, 满意度 put in their place; when another
 * 三级 has that name already, 满意度 is added to the whole name (服务对象评价满意度), so the rename makes no duplicate.
 */
function satisfactionName(indicator: Indicator): string {
    const name = indicator.name.replace(/[（(][^()（）]*[)）]$/, '');
    const short = `${name.replace(SATISFACTION_STAND_INS, '') || '服务对象'}满意度`;
    const owner = ownerOf(indicator);
    const taken = owner ? indicatorsOf(treesOf(owner)).some(other => comparableName(other.name) === comparableName(short)) : false;
    return taken ? `${name}满意度` : short;
}

/**
 * Under 31 服务对象满意度 only satisfaction is scored: a name with 满意度/满意率 and a % value (RULES §3.6 「Require a %
 * unit and the word 满意度/满意率 in the name」). A 满意度 name without a % is value/rate-without-percent's; here a
 * name without the word — a % (服务对象评价 ≥90%: say what it measures) or a count (活动参与人数 ≥500人: an output,
 * filed in the wrong place).
 */
function checkSatisfactionBlock(indicator: Indicator, parsed: ParsedValue | undefined, accept: ValidationAcceptor): void {
    if (SATISFACTION.words.some(word => indicator.name.includes(word))) return;
    if (!parsed || parsed.kind === 'empty' || parsed.kind === 'unparsable') return;
    const percent = parsed.kind === 'quantity' && isPercentUnit(parsed.unit);
    const code = ClassificationCode.notSatisfaction;
    const head = `「${indicator.name}」在服务对象满意度指标下，但名称中没有「满意度」或「满意率」`;
    // Only a name that stands for satisfaction (评价, 好评率) is renamed: 投诉率满意度 would say nothing.
    if (percent && SATISFACTION_STAND_INS.test(indicator.name.replace(/[（(][^()（）]*[)）]$/, ''))) {
        const rename = satisfactionName(indicator);
        accept('warning', `${head}：满意度指标考核服务对象对产出的满意程度，名称应写明，如「${rename}」${formatQuantity(parsed)}。`,
            { node: indicator, property: 'name', code, data: { code, rename } satisfies ClassificationData });
        return;
    }
    const count = parsed.kind === 'quantity' && isCountUnit(parsed.unit);
    const data: ClassificationData = count ? { code, level1: '1', level2: '11' } : { code };
    accept('warning',
        `${head}${percent ? '' : '，指标值也不是百分比'}：满意度指标只放服务对象满意度（%），如「服务对象满意度」≥90%；${count ? '人数、场次等是产出数量，应放在「产出指标」的「数量指标」下' : '其他内容请移到所属的二级指标下'}。`,
        { node: indicator, property: 'name', code, data });
}

const FLIPPED: Record<Quantity['op'], Quantity['op']> = { '≥': '≤', '>': '<', '≤': '≥', '<': '>', '=': '=' };

/**
 * A target pointing the wrong way for its name (RULES §3.3 [SYS] scoring: ≥/>/= positive, ≤/< reverse; §5 法律纠纷发生数
 * 「reverse ≤/<」): a lower bound on a thing to keep low (法律纠纷发生数 ≥3起, 能耗 ≥100吨标准煤), or only an upper
 * bound on the people reached (科普受益人次 ≤2万人次). Words in indicator-names.yaml `direction`. ≥0 asks nothing.
 */
function checkDirection(indicator: Indicator, accept: ValidationAcceptor): void {
    const direction = directionOf(indicator.name);
    if (!direction) return;
    for (const value of [indicator.value, indicator.period, indicator.annual]) {
        if (!value) continue;
        const parsed = readValueNode(value).parsed;
        if (parsed.kind !== 'quantity' || parsed.approximate || isPercentUnit(parsed.unit) || isMoneyUnit(parsed.unit)) continue;
        const wrong = direction === 'reverse' ? (parsed.op === '≥' || parsed.op === '>') && parsed.value > 0
            : isUpperBound(parsed) && /人/.test(parsed.unit ?? '');
        if (!wrong) continue;
        const written = formatQuantity(parsed);
        const flipped = formatQuantity({ ...parsed, op: FLIPPED[parsed.op] });
        // 「=0起」 is the usual target of events (安全事故发生数, RULES §4); a quantity such as 能耗 gets its cap only.
        const none = isCountUnit(parsed.unit) ? ` 或 =0${parsed.unit}` : '';
        const code = ClassificationCode.wrongDirection;
        const message = direction === 'reverse'
            ? `「${indicator.name}」是越少越好的反向指标，指标值「${written}」却是下限：反向指标应写上限，如 ${flipped}${none}。`
            : `「${indicator.name}」是越多越好的指标，指标值「${written}」却只给了上限：应写下限，如 ${flipped}。`;
        const data: ClassificationData = { code, ...value.$type === 'TextValue' ? {} : { flipped } };
        accept('warning', message, { node: value, code, data });
        return;
    }
}

/**
 * A deadline, or a ceiling on time under a time name (平均响应时间 ≤2小时), filed under 数量/质量: RULES §3.7 「a name
 * containing 及时/时间/进度/响应 belongs in 13 and needs a date, duration or 及时率」. A floor of hours counts work
 * done (志愿服务时间 ≥1000小时, 培训时长 ≥40小时) and stays. True when reported.
 */
function checkTimeFiling(indicator: Indicator, under: string, parsed: ParsedValue | undefined, accept: ValidationAcceptor): boolean {
    if (under !== '11' && under !== '12') return false;
    const evidence = parsed?.kind === 'date' ? `是完成时限「${formatQuantity(parsed)}」`
        : parsed?.kind === 'quantity' && isDurationUnit(parsed.unit) && isUpperBound(parsed) && isTimeName(indicator.name) ? `是时长上限「${formatQuantity(parsed)}」`
        : undefined;
    if (!evidence) return false;
    reportMisfiled(indicator, { target: '13', reason: TIME_REASON }, { value: evidence }, accept, ClassificationCode.misfiled);
    return true;
}

/**
 * A count that is an output (RULES §5 11) filed under 时效 or a 效益 (TIMELY_COUNT, PURCHASE_WORDS, SESSION_UNITS in the
 * vocabulary say which): 「购置数量」≥3台 under 时效, 「活动场次」≥10场次 under 经济效益. People reached (受益人次) and
 * the 效益's own counts (主流媒体报道次数, 接待考察次数) stay. True when reported.
 */
function checkCountFiling(indicator: Indicator, under: string, parsed: ParsedValue | undefined, accept: ValidationAcceptor): boolean {
    const benefit = under[0] === '2';
    if (under !== '13' && !benefit) return false;
    if (parsed?.kind !== 'quantity' || parsed.per !== null || isUpperBound(parsed) || !isCountUnit(parsed.unit)) return false;
    const name = indicator.name;
    const output = under === '13'
        ? !isTimeName(name) && !TIMELY_COUNT.test(name) && directionOf(name) !== 'reverse'
        : PURCHASE_WORDS.test(name) || (SESSION_UNITS.includes(unitInfo(parsed.unit)!.base) && (under !== '22' || name.includes('活动')));
    if (!output) return false;
    reportMisfiled(indicator, { target: '11', reason: OUTPUT_COUNT_REASON }, { value: `是数量「${formatQuantity(parsed)}」` }, accept,
        ClassificationCode.misfiled);
    return true;
}

/**
 * A 效益 name under the wrong 效益 二级 or under 产出 (SEED003 公众对科普知识知晓度 under 经济效益), a quality rate under
 * 时效 or a 效益, RULES §3.7.
 */
function checkBenefitFiling(indicator: Indicator, under: string, parsed: ParsedValue | undefined, accept: ValidationAcceptor): void {
    // The 二级 first: under most of them few rules can find a misfiling, and a rule's words are many.
    for (let i = 0; i < NAME_RULES.length; i++) {
        const rule = NAME_RULES[i]!;
        if (!rule.misfiledUnder.includes(under)) continue;
        const word = matches(rule, indicator.name);
        if (word) {
            reportMisfiled(indicator, rule, word, accept, ClassificationCode.misfiled);
            return;
        }
    }
    // 「合格率」≥20万元: the money is the mistake (value/rate-without-percent), not the 二级.
    if (MONEY_RULE && MONEY_VALUE_MISFILED_UNDER.includes(under) && parsed?.kind === 'quantity' && isMoneyUnit(parsed.unit) && !isRateName(indicator.name)) {
        reportMisfiled(indicator, MONEY_RULE, { value: `是金额「${formatQuantity(parsed)}」` }, accept, ClassificationCode.misfiled);
    }
}

/** The reading of the first value written (the one value, else 实施周期, else 年度). */
function firstParsed(indicator: Indicator): ParsedValue | undefined {
    const first = indicator.value ?? indicator.period ?? indicator.annual;
    return first ? readValueNode(first).parsed : undefined;
}

/** The measures of a value the parser reads as compound (qualifiers such as 5000+ in 「阅读量5000+的推文」 dropped). */
export function compoundMeasures(value: Value): Measure[] {
    const { text, parsed } = readValueNode(value);
    return parsed.kind === 'compound' ? measuresOf(text) : [];
}

/** Whether the name holds a character of NAME_JOINERS (及, 和, 与, 、; 以及 holds 及). */
function hasJoiner(name: string): boolean {
    for (let i = 0; i < name.length; i++) {
        const c = name.charCodeAt(i);
        if (c === 0x53ca || c === 0x548c || c === 0x4e0e || c === 0x3001) return true;
    }
    return false;
}

/** 公众号宣传用户数及阅读量 → ['公众号宣传用户数', '阅读量']; a name with one measure → []. */
export function nameMeasures(name: string): string[] {
    // Every 三级 is asked and few names hold a joiner: without one there is a single segment.
    if (!hasJoiner(name)) return [];
    const segments = name.replace(/[（(][^()（）]*[)）]$/, '').split(NAME_JOINERS).map(s => s.trim());
    if (segments.length < 2) return [];
    const measured = segments.every(s => s.length >= 2 && MEASURE_ENDINGS.some(ending => s.endsWith(ending)));
    return measured ? segments : [];
}

/**
 * One 三级 holding several quantities (RULES §3.7 「one 三级 = one metric」): a value the parser reads as several
 * measures (SEED004 开展科普活动数量 with a dozen numbers), or a name joining two measures (SEED002
 * 公众号宣传用户数及阅读量). Reported once per indicator, on the value when the value shows it, else on the name.
 */
export function checkCompound(indicator: Indicator, accept: ValidationAcceptor): void {
    const code = ClassificationCode.compound;
    // The three value slots read in place: every 三级 is asked, and an array of them per call is garbage.
    if (compoundValue(indicator, indicator.value, accept) || compoundValue(indicator, indicator.period, accept)
        || compoundValue(indicator, indicator.annual, accept)) return;
    const measures = nameMeasures(indicator.name);
    if (measures.length >= 2) {
        const data: ClassificationData = { code };
        accept('warning',
            `三级指标「${indicator.name}」的名称包含 ${measures.length} 个指标（${measures.map(m => `「${m}」`).join('、')}）：一个三级指标只考核一个指标，请拆分。`,
            { node: indicator, property: 'name', code, data });
    }
}

/** Reports a value that holds several measures; true when it did. */
function compoundValue(indicator: Indicator, value: Value | undefined, accept: ValidationAcceptor): boolean {
    if (!value) return false;
    const parts = compoundMeasures(value);
    if (parts.length < 2) return false;
    const data: ClassificationData = { code: ClassificationCode.compound };
    accept('warning',
        `三级指标「${indicator.name}」的值包含 ${parts.length} 个数量：一个三级指标只考核一个指标，请拆分为 ${parts.length} 个三级指标，各自写明数值和单位。`,
        { node: value, code: data.code, data });
    return true;
}

/**
 * Where a 三级 belongs (RULES §2, §3.6, §3.7) and which way its target points: the 二级 it is filed under and its
 * satisfaction word read once for all of them (every 三级 is asked). A satisfaction figure is judged as one only —
 * a share may point either way (投诉事项办结满意率); a cost or a time is reported as one, and only what is neither is
 * asked where among the 效益 it belongs. The 成本 model is read only for a cost, which is where it decides the move.
 */
function checkFiling(services: JxmbServices, indicator: Indicator, accept: ValidationAcceptor): MaybePromise<void> {
    const under = filedUnder(indicator);
    // The first value's reading, asked by most of the checks below: looked up once.
    const parsed = firstParsed(indicator);
    if (under === '31') checkSatisfactionBlock(indicator, parsed, accept);
    const satisfaction = matches(SATISFACTION, indicator.name);
    if (satisfaction) return under ? checkSatisfactionFiling(indicator, under, satisfaction, accept) : undefined;
    checkDirection(indicator, accept);
    if (!under) return;
    if (COST_MISFILED_UNDER.includes(under)) {
        const rate = costRateWord(indicator.name);
        const cost = rate ?? costEvidence(indicator, under, parsed);
        if (cost) return withCostModel(services, indicator, model => reportCostFiling(indicator, rate ?? { value: cost }, model, accept));
    }
    if (!checkTimeFiling(indicator, under, parsed, accept) && !checkCountFiling(indicator, under, parsed, accept)) {
        checkBenefitFiling(indicator, under, parsed, accept);
    }
}

export function createClassificationChecks(services: JxmbServices): ValidationChecks<JxmbAstType> {
    return {
        Indicator: [
            (indicator, accept) => checkFiling(services, indicator, accept),
            checkCompound
        ]
    };
}
