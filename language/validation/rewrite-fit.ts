// What a 三级 name measures, read from its words (RULES §3.6, §3.7, §5), and whether a rewrite's value measures it:
// the quick-fix for a vague value proposes what the name asks for before what its 二级 usually takes. 「服务响应」
// filed under 社会效益 is a response time (≤N小时, 及时率), not people reached (≥N人次); 「验收合格率」 a percentage,
// not a grade or a count; 「依法行政水平」 a level, not a count; 「水电费」 a sum, not a cost per 人次.
import { directionOf, indicatorNameEnding, indicatorNameEntry } from '../domain/indicator-names.js';
import { comparableUnits, isCountUnit, isDurationUnit, isMoneyUnit, isPercentUnit } from '../domain/units.js';
import type { ParsedValue } from '../domain/values.js';
import { coreName, isRateName, isSatisfactionName, isTimeName } from './values-context.js';

export type Measure =
    | { kind: 'percent'; satisfaction: boolean; low: boolean }
    | { kind: 'duration' }
    | { kind: 'date'; payment: boolean }
    | { kind: 'money'; per?: string; low: boolean }
    | { kind: 'count'; unit: string; low: boolean }
    /** A level or state (水平, 能力, 质量, 效果): a grade, a rate or a change, never a bare count. */
    | { kind: 'level' }
    /**
     * The words say nothing of the kind: the 二级 decides, but people are counted only where the name is about people,
     * and other things only in a unit the name's words count in (`units`: 篇 for 报道, 次/场 for 宣传).
     */
    | { kind: 'open'; units: string[]; counted?: boolean };

const DURATION_NAME = /响应|时长|速度|耗时|用时/;
const PAYMENT_NAME = /支付|拨付|发放|兑付|兑现/;
const MONEY_NAME = /金额|资金|投资|经费|成本|费用|费|预算|工资|支出额/;
const LEVEL_END = /(?:水平|能力|素质|质量|效果|成效|环境|氛围|影响力|作用|意识|形象|秩序)$/;
const PEOPLE_NAME = /人次|人数|受益|群众|观众|学员|参与|用户|人员|人才|人群|对象/;
const PERSON_UNITS = new Set(['人', '人次', '万人次', '名', '位']);
/** The cost a name states per something: 人均培训成本 → 元/人, 单场活动成本 → 万元/场. */
const PER: Array<[RegExp, string]> = [[/人次/, '人次'], [/人均|每人/, '人'], [/单场|每场/, '场'], [/单位购置|每台/, '台']];
const NOT_A_COUNT = /(?:平台|舞台|前台|后台)$/;
/** What a name that states no unit counts in, by its words: 「主流媒体报道」 in 篇, 「科普宣传」 in 次 or 场. */
const WORD_UNITS: Array<[RegExp, string[]]> = [
    [/报道|文章|稿件|论文|简报|信息发布/, ['篇']],
    [/宣传|活动|讲座|培训|会议|演出|展览|巡展|讲解|义诊/, ['次', '场']]
];
/** The rates a time is kept by (value/time-without-deadline takes them): 及时率, 按时完成率; not 完成率. */
const TIMELY_RATE = /及时|按时/;

/**
 * What `name` measures; `countUnit` is the count unit its ending names, if any. Under 数量 (`l2` 11) the 二级 says a
 * name that names no unit counts something: any count fits.
 */
export function measureOf(name: string, countUnit?: string, l2?: string | null): Measure {
    const core = coreName(name);
    const low = directionOf(name) === 'reverse';
    const entry = indicatorNameEntry(core) ?? indicatorNameEntry(name) ?? indicatorNameEnding(core);
    if (entry?.date) return { kind: 'date', payment: PAYMENT_NAME.test(core) };
    const unit = entry?.units[0];
    if (isSatisfactionName(core)) return { kind: 'percent', satisfaction: true, low: false };
    if (isPercentUnit(unit) || isRateName(name) || /进度$/.test(core)) return { kind: 'percent', satisfaction: false, low: low || entry?.op === '≤' };
    if (LEVEL_END.test(core)) return { kind: 'level' };
    if (isDurationUnit(unit) || (isTimeName(core) && DURATION_NAME.test(core))) return { kind: 'duration' };
    if (isTimeName(core)) return { kind: 'date', payment: PAYMENT_NAME.test(core) };
    // 资金支付, 补贴发放: when it is paid, unless the name is the sum (支付金额).
    if (PAYMENT_NAME.test(core) && !/金额|额$/.test(core)) return { kind: 'date', payment: true };
    if (isMoneyUnit(unit) || MONEY_NAME.test(core)) {
        const per = PER.find(([words]) => words.test(core))?.[1];
        return { kind: 'money', per, low: /成本|费|支出|预算/.test(core) };
    }
    if (isCountUnit(unit)) return { kind: 'count', unit: unit!, low };
    // 平台 ends in 台 but counts nothing.
    if (countUnit && core.includes(countUnit) && !NOT_A_COUNT.test(core)) return { kind: 'count', unit: countUnit, low };
    return { kind: 'open', units: WORD_UNITS.find(([words]) => words.test(core))?.[1] ?? [], counted: l2 === '11' };
}

/** Second choices where the word's and the 二级's own rewrites leave fewer than two that fit: a grade, a sum a year. */
export const FALLBACK_FORMS = ['及时率=100%', '≥95%', '评价等级≥良好', '≤X万元/年', 'X≥N（上年N₀）'];

/** The value the name itself asks for, in the RULES pattern language (N, X, D to fill in); none for a level. */
export function nameForm(m: Measure): string | undefined {
    switch (m.kind) {
        case 'percent': return m.satisfaction ? '≥90%' : `${m.low ? '≤' : '≥'}N%`;
        case 'duration': return '≤N小时';
        case 'date': return '≤D';
        case 'money': {
            if (!m.low) return '≥X万元';
            if (!m.per) return '≤X万元';
            return m.per === '场' ? '≤X万元/场' : `≤X元/${m.per}`;
        }
        case 'count': return `${m.low ? '≤' : '≥'}N${m.unit}`;
        case 'open': return m.units[0] && `≥N${m.units[0]}`;
        default: return undefined;
    }
}

/**
 * Whether a value (`subject` the measure written before its operator, if any: 及时率, 合格率) measures what the name
 * does. Only values that name no other subject are judged here: 「水电费≤X万元/年」 says what it measures itself.
 */
export function fitsMeasure(parsed: ParsedValue, subject: string | undefined, m: Measure, name: string): boolean {
    const q = parsed.kind === 'quantity' ? parsed : undefined;
    const percent = isPercentUnit(q?.unit);
    const count = isCountUnit(q?.unit);
    // 及时率 measures time: for a time or a percentage only; a percentage of nothing named (≥95%) for a percentage only.
    if (percent && m.kind !== 'duration' && m.kind !== 'date' && m.kind !== 'percent' && (!subject || TIMELY_RATE.test(subject))) return false;
    switch (m.kind) {
        // A rate to keep low takes a ceiling; a 满意度 the share alone (≥90%), not a change on last year nor 及时率.
        case 'percent': return percent && !(m.low && (q!.op === '≥' || q!.op === '>')) && !(m.satisfaction && subject)
            && !(TIMELY_RATE.test(subject ?? '') && !isTimeName(name));
        case 'duration': return (isDurationUnit(q?.unit) && q?.per === null) || (percent && TIMELY_RATE.test(subject ?? ''));
        case 'date': return parsed.kind === 'date' || (percent && TIMELY_RATE.test(subject ?? ''))
            || (m.payment && isDurationUnit(q?.unit) && q?.per === '月');
        // A sum, a sum a year, or the cost per what the name counts per; a change on last year (较上年增长≥Y%).
        case 'money': return (isMoneyUnit(q?.unit) && (q?.per === null || q?.per === '年' || q?.per === m.per)) || percent;
        // In the name's own unit, or a change or a number without a unit (较上年提升≥Y%, ≥N（上年N₀）).
        case 'count': return count ? comparableUnits(q!.unit, m.unit)
            : !(parsed.kind === 'date' || parsed.kind === 'qualitative' || isDurationUnit(q?.unit) || isMoneyUnit(q?.unit));
        // A grade, a rate of its own or a change: not a milestone (通过验收) nor 完成率 — a level is not finished.
        case 'level': return !count && !(parsed.kind === 'qualitative' && !parsed.grade) && subject !== '完成率';
        // A bare count (≥N个) of a name that says nothing of what it counts is about something else.
        case 'open': return !(count && PERSON_UNITS.has(q!.unit!) && !PEOPLE_NAME.test(name))
            && !(count && !subject && !m.counted && !PERSON_UNITS.has(q!.unit!) && !m.units.some(u => comparableUnits(q!.unit, u)));
    }
}
