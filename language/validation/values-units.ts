// The 单位 of a 定量 value (RULES §3.1: a 定量 三级指标 carries 指标性质 and 单位): a number standing alone, a unit
// mistyped (长次 for 场次), a count that measures nothing (≥0场次, -1场次).
import type { Indicator } from '../generated/ast.js';
import { formatQuantity, type Quantity } from '../domain/values.js';
import { allUnits, unitInfo, unitKind } from '../domain/units.js';
import { measureOfName, wrongUnitFor, type NameMeasure } from '../domain/name-units.js';
import { quote } from '../value-converter.js';
import { coreName, hasOwnProblem, valuesOf, type ValueContext } from './values-context.js';

const BARE_RANGE = /^[0-9][0-9,.]*[~～–][0-9][0-9,.]*$/;

/** The number and what follows it, when that is all the value holds: 「≥50」, 「不少于50篇」, 「20长次」, 「95%及以上」. */
const WHOLE_NUMBER = new RegExp(
    '^(?:[≥≤<>=≧≦＞＜＝]=?|不少于|不低于|不小于|不超过|不高于|不大于|大于等于|小于等于|至少|超过|高于|大于|多于|最多|少于|低于|小于|达到|达|等于)?'
    + '(-?[0-9][0-9,]*(?:\\.[0-9]+)?)([^0-9]*?)(?:及以上|以上|及以下|以下|以内)?$');

/** What stands after the number of a value that is one number and nothing else, or undefined for anything longer. */
function tailOf(text: string): string | undefined {
    const m = WHOLE_NUMBER.exec(text.replace(/\s+/g, '').replace(/[。；;，,]$/, '').replace(/％/g, '%'));
    return m ? m[2]! : undefined;
}

/** 「培训人数（人）」, 「成本控制率(%)」: the name states the unit, as the 单位 column would. */
function unitInName(name: string): boolean {
    const bracket = /[（(]\s*([^（）()]+?)\s*[）)]\s*$/.exec(name);
    return !!bracket && unitInfo(bracket[1]!.replace('％', '%')) !== undefined;
}

// Units a count name ends in or mentions: 文件数量 → 件, 活动场次 → 场次.
const COUNT_UNITS = ['场次', '人次', '篇', '件', '次', '场', '个', '人', '份', '家', '项', '本', '条', '期', '台', '卷', '张', '页'];

/** The count unit a name mentions (its last mention), if any. */
function namedCountUnit(name: string): string | undefined {
    // The unit that ends last, and of those the longest: 「举办活动场次」 → 场次, not its tail 次.
    let best: { unit: string; end: number } | undefined;
    for (const unit of COUNT_UNITS) {
        const at = coreName(name).lastIndexOf(unit);
        if (at < 0) continue;
        const end = at + unit.length;
        if (!best || end > best.end || (end === best.end && unit.length > best.unit.length)) best = { unit, end };
    }
    return best?.unit;
}

/** The unit a count name ends in (活动场次, 故障次数, 培训人数 → 场次, 次, 人): not one inside a word (平台并发能力). */
function endingCountUnit(name: string): string | undefined {
    const core = coreName(name).replace(/(?:数量|数)$/, '');
    return COUNT_UNITS.filter(unit => core.endsWith(unit)).sort((a, b) => b.length - a.length)[0];
}

/** The count unit a name suggests, 个 when it names none. */
export function countUnitIn(name: string): string {
    return namedCountUnit(name) ?? '个';
}

export interface NoUnitData {
    /** the value with the unit the name suggests, when it suggests one */
    suggestion: string | null;
}

/**
 * A number with no unit (「举办活动场次」：20, ≥50, ≥2万): what is counted is left to the reader. Rates, costs and
 * deadlines have their own finding for a bare number (rate-without-percent, cost-without-money, time-without-deadline),
 * so `hasKindCheck` names the indicators this check leaves to them.
 */
export function noUnitFindings(indicator: Indicator, hasKindCheck: boolean): Array<{ context: ValueContext; message: string; data: NoUnitData }> {
    if (hasKindCheck || unitInName(indicator.name)) return [];
    const found: Array<{ context: ValueContext; message: string; data: NoUnitData }> = [];
    for (const v of valuesOf(indicator)) {
        if (hasOwnProblem(v)) continue;
        const p = v.parsed;
        // Only a value that is the number alone: in prose (「完成ISO9001认证」) a number need not be a quantity.
        const bare = p.kind === 'quantity'
            ? !p.approximate && p.per === null && (p.unit === null || unitKind(p.unit) === 'magnitude') && tailOf(v.text) === (p.unit ?? '')
            : p.kind === 'range' && p.unit === null && BARE_RANGE.test(v.text.replace(/\s+/g, ''));
        if (!bare) continue;
        const named = endingCountUnit(indicator.name);
        // A magnitude alone (播放量≥2000万, seed 004's 社会观众不少于10万) is left to the name to complete (units.yaml),
        // unless the name ends in the unit, which then is certain: 参与人次 ≥2万 → ≥2万人次.
        if (p.kind === 'quantity' && p.unit !== null && !named) continue;
        const suggestion = named && p.kind === 'quantity' ? withUnit(p, named) : null;
        const example = suggestion ? `，如 ${suggestion}` : '（如 场次、人次、篇、个、%）';
        const what = p.kind === 'quantity' && p.unit ? `只写了数量级「${p.unit}」，没有计量单位` : '只有数字，没有计量单位';
        found.push({ context: v, message: `「${indicator.name}」的指标值「${v.text}」${what}：定量指标要写明单位${example}。`, data: { suggestion } });
    }
    return found;
}

/** 2 + 万 + 人次 → ≥2万人次: the magnitude stays in front of the unit. */
function withUnit(q: Quantity, unit: string): string {
    const magnitude = unitKind(q.unit) === 'magnitude' ? q.unit! : '';
    return formatQuantity({ ...q, unit: magnitude + unit });
}

export interface UnknownUnitData {
    written: string;
    unit: string;
    /** the value with the unit put right */
    replacement: string;
}

/**
 * A word after the number that is no unit but one character off one (长次 for 场次, an input-method slip). Only when
 * the right unit is certain: the one unit of that length it could be, or the one the indicator's name mentions.
 */
export function unknownUnitFinding(v: ValueContext): UnknownUnitData | undefined {
    if (hasOwnProblem(v) || v.parsed.kind !== 'quantity' || v.parsed.unit !== null) return undefined;
    const written = tailOf(v.text);
    if (!written || written.length < 2 || !/^[\u4e00-\u9fff]+$/.test(written) || unitInfo(written)) return undefined;
    const near = [...new Set(allUnits().map(u => u.unit))].filter(u => u.length === written.length && oneCharOff(u, written));
    const named = near.filter(u => coreName(v.indicator.name).includes(u));
    const unit = named.length === 1 ? named[0] : near.length === 1 ? near[0] : undefined;
    if (!unit) return undefined;
    return { written, unit, replacement: v.text.replace(written, unit) };
}

function oneCharOff(a: string, b: string): boolean {
    let differences = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differences++;
    return differences === 1;
}

/**
 * A count that sets no target: a floor of 0 or below (≥0场次) is met by doing nothing, and no count is negative
 * (-1场次). 「=0起」 for a reverse indicator (安全事故发生数) is a target and stays.
 */
export function emptyCountReason(v: ValueContext): string | undefined {
    if (hasOwnProblem(v) || v.parsed.kind !== 'quantity' || unitKind(v.parsed.unit) !== 'count') return undefined;
    const q = v.parsed;
    if (q.value < 0) return `数量不能为负`;
    if ((q.op === '≥' && q.value <= 0)) return `下限为 0，什么都不做也能达到`;
    return undefined;
}

export interface UnitMismatchData {
    /** The unit written (its magnitude dropped) and the units the name asks for. */
    written: string;
    units: readonly string[];
    /** The value with the unit the name asks for, when one is certain and the value is the number alone. */
    replacement: string | null;
}

/**
 * 「培训人数」≥20场次: the name counts people, the unit counts events (or the other way round). Only the units
 * name-units.yaml lists as another thing's are reported, so 人数 written in 人次 (seed 002) stays.
 */
export function unitMismatchFinding(v: ValueContext): { measure: NameMeasure; data: UnitMismatchData } | undefined {
    const p = v.parsed;
    if ((p.kind !== 'quantity' && p.kind !== 'range') || hasOwnProblem(v)) return undefined;
    if (p.kind === 'quantity' && p.per !== null) return undefined;
    const measure = measureOfName(coreName(v.indicator.name));
    const written = measure && wrongUnitFor(measure, p.unit);
    if (!measure || !written) return undefined;
    return { measure, data: { written, units: measure.units, replacement: replacementOf(v, written, measure.fix) } };
}

/** ≥2万场次 → ≥2万人次: the magnitude stays; a text value only when it is the number alone (「不少于20场次」). */
function replacementOf(v: ValueContext, written: string, fix: string | undefined): string | null {
    const unit = v.parsed.kind === 'quantity' || v.parsed.kind === 'range' ? v.parsed.unit : null;
    if (!fix || !unit?.endsWith(written)) return null;
    const right = unit.slice(0, unit.length - written.length) + fix;
    if (v.node.$type === 'QuantityValue' || v.node.$type === 'RangeValue') {
        return v.text.endsWith(unit) ? v.text.slice(0, v.text.length - unit.length) + right : null;
    }
    if (v.node.$type !== 'TextValue' || tailOf(v.text)?.replace(/(?:及以上|以上|及以下|以下|以内)$/, '') !== unit) return null;
    const at = v.text.lastIndexOf(unit);
    return quote(v.text.slice(0, at) + right + v.text.slice(at + unit.length));
}
