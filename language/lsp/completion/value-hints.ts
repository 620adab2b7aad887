// What value an indicator's name asks for (RULES §3.6, §3.7, §5): units, the operator, a number worth proposing,
// or a deadline. The library knows its own names; other names are read with the value checks' own tests.
import { indicatorNameEntry, type TargetOperator } from '../../domain/indicator-names.js';
import { allUnits, unitInfo } from '../../domain/units.js';
import { coreName, isRateName, isSatisfactionName, isTimeName } from '../../validation/values-context.js';

export interface ValueHint {
    /** Units that fit, best first (may be empty). */
    units: string[];
    op: TargetOperator;
    /** A number that can stand as proposed: 满意度 ≥90%, 成本控制率 ≤100%, 事故 =0. */
    target?: number;
    /** The value is a deadline: ≤YYYY-12-31. */
    date: boolean;
}

const DURATION_NAME = /响应|时长|速度|耗时|用时/;
const MONEY_NAME = /金额|资金|投资|经费|成本|费用|预算|支出额/;
const PER_HEAD = /人均|单位|单场|单次|每/;
// Things to keep low: 故障, 事故, 投诉, 纠纷 (RULES §5: 法律纠纷发生数 takes ≤/<).
const KEEP_LOW = /故障次数|事故|投诉|纠纷|差错|违规/;

/** A unit written in the name's trailing brackets: 科普宣传覆盖人群(万人) → 万人, 成本控制率(%) → %. */
function unitInName(name: string): string | undefined {
    const m = /[（(]\s*([^（）()]{1,6}?)\s*[）)]\s*$/.exec(name.replace(/\s+$/, ''));
    const unit = m?.[1]?.replace('％', '%');
    return unit && unitInfo(unit) ? unit : undefined;
}

/** The hint for a name; `used` are the units the workspace writes with it, and whether it writes dates. */
export function valueHintFor(name: string, used: { units: string[]; dates: number } = { units: [], dates: 0 }): ValueHint {
    const hint = guess(name);
    const units = [...new Set([...used.units, ...hint.units])];
    return { ...hint, units, date: hint.date || (used.dates > 0 && used.units.length === 0) };
}

function guess(name: string): ValueHint {
    const entry = indicatorNameEntry(coreName(name)) ?? indicatorNameEntry(name);
    if (entry) return { units: [...entry.units], op: entry.op, target: entry.target, date: entry.date };
    const core = coreName(name);
    const stated = unitInName(name);
    const lowOp: TargetOperator = KEEP_LOW.test(core) ? '≤' : '≥';
    if (isSatisfactionName(core)) return { units: ['%'], op: '≥', target: 90, date: false };
    if (MONEY_NAME.test(core) && !isRateName(name)) {
        const units = stated ? [stated] : PER_HEAD.test(core) ? ['元', '万元'] : ['万元', '元'];
        return { units, op: /成本|费用|支出/.test(core) ? '≤' : '≥', date: false };
    }
    if (/成本控制率|预算执行率/.test(core)) return { units: ['%'], op: '≤', target: 100, date: false };
    if (isRateName(name) || /进度$/.test(core)) return { units: ['%'], op: lowOp, date: false };
    if (isTimeName(core)) {
        if (DURATION_NAME.test(core)) return { units: stated ? [stated] : ['小时', '分钟', '天'], op: '≤', date: false };
        return { units: [], op: '≤', date: true };
    }
    if (stated) return { units: [stated], op: lowOp, date: false };
    const count = countUnitOf(core);
    return { units: count ? [count] : [], op: lowOp, date: false };
}

// Count units, longest first: a name ending in 场次 counts 场次, not 次.
const COUNT_UNITS = allUnits().filter(u => u.kind === 'count').map(u => u.unit).sort((a, b) => b.length - a.length);

/** The count a name ends in: 讲座场次 → 场次, 培训人数 → 人, 报告篇数 → 篇; 个 for another 数/数量/个数. */
function countUnitOf(core: string): string | undefined {
    const counted = core.replace(/(?:数量|个数|数)$/, '');
    const unit = COUNT_UNITS.find(u => counted.endsWith(u));
    if (unit) return unit;
    return counted !== core ? '个' : undefined;
}
