// Measurability (RULES §3.1, §3.3, §4): a 指标值 must let a reviewer decide at year end whether it was met. Vague
// wording (提升, 有效, 及时 …) and 定性 text that names neither a grade nor a milestone do not.
import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { Indicator, JxmbAstType } from '../generated/ast.js';
import type { JxmbServices } from '../jxmb-module.js';
import { maskNonQuantities, normalizeValueText } from '../domain/text.js';
import { findVagueWords } from '../domain/vague-words.js';
import { categoryOf } from './values.js';
import {
    coreName, hasOwnProblem, isDeadlineWithoutYear, isRateName, isUncheckableQualitative, level2CodeOf, valuesOf, vagueWordsOf
} from './values-context.js';

export const MeasurabilityCode = {
    vague: 'measurability/vague-value',
    noGradeOrMilestone: 'measurability/no-grade-or-milestone',
    weakCostTarget: 'measurability/weak-cost-target',
    alwaysMet: 'measurability/always-met'
} as const;

const roleName = { both: '指标值', period: '实施周期指标值', annual: '年度指标值' } as const;

/** Vague wording instead of a target (RULES §4): 提升, 显著提升, 有效, 有利推进, 及时, 长期, 符合, 合理安排 … */
export function checkVagueValue(indicator: Indicator, accept: ValidationAcceptor): void {
    for (const v of valuesOf(indicator)) {
        if (hasOwnProblem(v)) continue;
        const matches = vagueWordsOf(v);
        if (matches.length === 0) continue;
        const words = [...new Set(matches.map(m => m.word))];
        const code = MeasurabilityCode.vague;
        accept('warning',
            `「${indicator.name}」的${roleName[v.role]}用了${words.slice(0, 4).map(w => `「${w}」`).join('')}等模糊表述，没有可考核的数值、等级或里程碑：`
            + '应改为数量、比率、时限或分级表述。',
            { node: v.node, code, data: { code, l2: level2CodeOf(indicator) ?? null, entries: [...new Set(matches.map(m => m.entry.id))], words } });
    }
}

/**
 * 定性 text with no vague word, but no grade on a scale and no verifiable milestone either (RULES §3.3). A value the
 * kind checks of the values family already report (a 成本, 时效 or 比率 indicator) is left to them.
 */
export function checkNoGradeOrMilestone(indicator: Indicator, accept: ValidationAcceptor): void {
    for (const v of valuesOf(indicator)) {
        if (hasOwnProblem(v) || !isUncheckableQualitative(v.parsed) || vagueWordsOf(v).length > 0) continue;
        if (categoryOf(indicator) !== undefined || namesANumber(v.text)) continue;
        const code = MeasurabilityCode.noGradeOrMilestone;
        const message = isDeadlineWithoutYear(v)
            ? `「${indicator.name}」的${roleName[v.role]}「${v.text}」是没有年份的时限：在声明中写明年度（如 年度 2024），或写成 ≤2024-12-31。`
            : `「${indicator.name}」的${roleName[v.role]}是定性描述，既没有分级（优/良/合格、一级/二级…），也没有可验证的里程碑（完成X、通过Y验收、印发Z）：`
                + '年底无法判断是否完成。';
        accept('warning', message, { node: v.node, code, data: { code, l2: level2CodeOf(indicator) ?? null } });
    }
}

/**
 * 成本控制率 ≤100% under 成本 (RULES §4 「measurable but weak」): met by any spending within the budget, it says
 * nothing of what the money buys; a unit cost or a 分项成本控制数 (S2) does. The weak entries of vague-words.yaml, for
 * the 二级 their rewrites are for; an info, not a fault.
 */
export function checkWeakCostTarget(indicator: Indicator, accept: ValidationAcceptor): void {
    // RULES §4 speaks of the control rate: a share such as 财政投入比 ≤100% (seed 001) is another matter.
    if (!indicator.name.includes('控制率')) return;
    const l2 = level2CodeOf(indicator);
    if (l2 !== '14' && l2 !== '41') return;
    for (const v of valuesOf(indicator)) {
        if (hasOwnProblem(v)) continue;
        const matches = findVagueWords(v.text, { kinds: ['weak'], l2 });
        if (matches.length === 0) continue;
        const code = MeasurabilityCode.weakCostTarget;
        accept('info',
            `「${indicator.name}」的${roleName[v.role]}「${v.text}」可以考核，但只要不超预算就能达到，约束力弱：`
            + '可改为单位成本（如 ≤X元/人次）或分项成本控制数（如 单场活动成本≤X万元/场）。',
            { node: v.node, code, data: { code, l2, entries: [...new Set(matches.map(m => m.entry.id))] } });
        return;
    }
}

// Rates that can pass 100% or fall below 0% (成本控制率 110%, 增长率 −5%): for them ≤100% or ≥0% still says something.
const UNBOUNDED_RATE = /控制率|执行率|完成率|达成率|增长|增幅|增速|提高|提升|下降|降低|减少|变动|变化|偏差|超支|回报率|收益率|负债率|利用率|产出比/;

/**
 * A share capped at 100% or floored at 0% (财政投入比 ≤100%, seed 001; 验收合格率 ≤100%): a share of a whole is never
 * above 100% nor below 0%, so the target is met whatever happens and a reviewer has nothing to check (RULES §3.1).
 */
export function checkAlwaysMet(indicator: Indicator, accept: ValidationAcceptor): void {
    if (!isRateName(indicator.name) || UNBOUNDED_RATE.test(coreName(indicator.name))) return;
    for (const v of valuesOf(indicator)) {
        const q = v.parsed;
        if (hasOwnProblem(v) || q.kind !== 'quantity' || q.unit !== '%' || q.approximate) continue;
        const bound = q.op === '≤' && q.value === 100 ? '不会超过100%' : q.op === '≥' && q.value === 0 ? '不会低于0%' : null;
        if (!bound) continue;
        const code = MeasurabilityCode.alwaysMet;
        accept('warning',
            `「${indicator.name}」的${roleName[v.role]}「${v.text}」无论结果如何都能达到（比率本身${bound}），无法考核：`
            + '写出要达到或要控制的水平，如 ≥95% 或 ≤60%。',
            { node: v.node, code, data: { code, op: q.op } });
    }
}

/**
 * A number the parser could not attach a unit to (000 「…等5大重点人群」): the text states something countable, so it
 * is not the descriptive prose this check is about. Years, titles and formulas are masked first.
 */
function namesANumber(text: string): boolean {
    return /[0-9]/.test(maskNonQuantities(normalizeValueText(text)));
}

export function createMeasurabilityChecks(_services: JxmbServices): ValidationChecks<JxmbAstType> {
    return { Indicator: [checkVagueValue, checkNoGradeOrMilestone, checkWeakCostTarget, checkAlwaysMet] };
}
