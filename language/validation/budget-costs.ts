// 成本 targets against the money they are paid from (RULES §3.1 预算支出标准: 成本指标的取值「不得超出」规定的预算支出
// 标准): a cost capped above the project's 总计, or above the 部门整体 table's budget, promises nothing.
import type { Indicator } from '../generated/ast.js';
import { isMoneyUnit, toBase } from '../domain/units.js';
import { money, TOLERANCE } from './budget-cells.js';
import { hasOwnProblem, isCostIndicator, valuesOf, type ValueContext } from './values-context.js';

/** Table amounts are in 万元; values compare in 元. */
const YUAN_PER_WAN = 10000;

export interface Ceiling {
    /** 万元 */
    amount: number;
    /** what the amount is: 项目「…」的资金总计, 本表预算（基本支出+项目支出） */
    label: string;
}

/**
 * The most a value lets the cost reach, in 元, when it caps a total (≤500万元, 20～30万元, =12万元); undefined for a
 * floor (value/cost-lower-bound), a unit cost (元/台: it has no total to compare) or anything but money.
 */
function capInYuan(v: ValueContext): number | undefined {
    const p = v.parsed;
    if (p.kind === 'range') return isMoneyUnit(p.unit) ? toBase(p.max, p.unit) : undefined;
    if (p.kind !== 'quantity' || p.per !== null || !isMoneyUnit(p.unit) || p.op === '≥' || p.op === '>') return undefined;
    return toBase(p.value, p.unit);
}

/**
 * The cost values above the budget. Only the 年度 value (or the one value written for both): the table's amounts are
 * the budget year's, and a 实施周期 of several years may cost more than one year's money.
 */
export function costsOverBudget(indicator: Indicator, ceilingOf: (indicator: Indicator) => Ceiling | undefined): Array<{ context: ValueContext; cap: number; ceiling: Ceiling }> {
    if (!isCostIndicator(indicator)) return [];
    const over: Array<{ context: ValueContext; cap: number; ceiling: Ceiling }> = [];
    let ceiling: Ceiling | undefined | null = null;
    for (const v of valuesOf(indicator)) {
        if (v.role === 'period' || hasOwnProblem(v)) continue;
        const cap = capInYuan(v);
        if (cap === undefined) continue;
        if (ceiling === null) ceiling = ceilingOf(indicator);
        if (!ceiling || cap - ceiling.amount * YUAN_PER_WAN < TOLERANCE * YUAN_PER_WAN) continue;
        over.push({ context: v, cap, ceiling });
    }
    return over;
}

/** 1500000 元 → 150.00万元, as the table writes amounts. */
export function inWan(yuan: number): string {
    return `${money(yuan / YUAN_PER_WAN)}万元`;
}
