// Measurable rewrites of a value (RULES §4), as templates a quick-fix can insert: the RULES patterns use X/N/Y for
// numbers, B for a baseline, D for a date; here each becomes a placeholder the user fills in.
import { isDurationUnit, isMoneyUnit, isPercentUnit } from '../domain/units.js';
import { parseValue, type ParsedValue, type Quantity } from '../domain/values.js';
import { vagueEntries, rewritesFor, type VagueEntry } from '../domain/vague-words.js';
import { FALLBACK_FORMS, fitsMeasure, measureOf, nameForm, type Measure } from './rewrite-fit.js';
import { coreName, isRateName, isTimeName, PLACEHOLDER } from './values-context.js';

/** A part to fill in: `label` names it; `fallback` is a sensible default (a stated number, the year end) if any. */
export interface Slot {
    label: string;
    fallback: string | null;
    /** Any text, not just a number: the value stays quoted. */
    text?: boolean;
}

export type TemplatePart = string | Slot;

export interface Rewrite {
    /** The RULES pattern it came from, for the fix title. */
    pattern: string;
    parts: TemplatePart[];
}

// Fallback rewrites per 二级 code, in the RULES pattern language (§4 rows and §5 completion lists), so that every
// 二级 gets at least two measurable choices even where the vague word's own rewrites do not fit it.
const BY_LEVEL2: Record<string, string[]> = {
    '11': ['≥N个', '≥N次'],
    '12': ['合格率≥95%', '评价等级≥良好'],
    '13': ['完成时间≤D', '及时率=100%'],
    '14': ['≤X万元', '≤X元/人次'],
    '21': ['≥X万元', '较上年增长≥Y%'],
    '22': ['≥N人次', 'X较上年提升≥Y%（基数B）'],
    // 投诉数=0次 only for a nuisance (NUISANCE_NAME): offered for 节能减排 it measured something else.
    '23': ['达标率=100%', 'X较上年下降≥Y%（基数B）'],
    '24': ['长效机制/制度文件印发≥N项', '平台持续运行≥N年'],
    '31': ['≥90%', '≥95%'],
    '41': ['≤X万元', '≤X元/人次'],
    '42': ['安全事故发生数=0起', '群众投诉数=0次'],
    '43': ['废弃物产生量≤X吨', '文明施工投诉=0次']
};
const ANY_LEVEL2 = ['≥N个', '评价等级≥良好'];
/** A 生态效益 name about a nuisance people complain of, which takes 投诉数=0次 first. */
const NUISANCE_NAME = /投诉|扰民|噪声|噪音|异味|油烟|粉尘|扬尘/;

const SLOT_LABELS: Record<string, string> = { X: '数值', N: '数值', Y: '数值', B: '基数' };

/**
 * A RULES pattern as a value template. The leading X names the indicator itself and is dropped (X≥N → ≥N); of two
 * alternatives before the operator the second is kept (合格率/达标率≥95% → 达标率≥95%); a name before a date is
 * dropped (完成时间≤D → ≤2024-12-31); stated numbers stay as
 * defaults the user may change.
 */
export function templateOf(pattern: string, year: number | undefined): TemplatePart[] {
    let p = pattern.replace(/^X(?=[≥≤<>=较])/, '');
    // A deadline is written as the DSL's date (≤2024-12-31), which the checker reads; 完成时间 restates the name.
    p = p.replace(/^[\u4e00-\u9fff]+(?=[≥≤<>=]D$)/, '');
    p = p.replace(/[\u4e00-\u9fff]+\/([\u4e00-\u9fff]+)(?=[≥≤<>=])/, '$1');
    const parts: TemplatePart[] = [];
    const token = /N₀|YYYY|(?<![A-Za-z])[XNYBD](?![A-Za-z])|[0-9]+(?:\.[0-9]+)?/g;
    let last = 0;
    for (const m of p.matchAll(token)) {
        if (m.index > last) parts.push(p.slice(last, m.index));
        parts.push(slotFor(m[0], year));
        last = m.index + m[0].length;
    }
    if (last < p.length) parts.push(p.slice(last));
    return parts;
}

function slotFor(token: string, year: number | undefined): Slot {
    if (token === 'N₀') return { label: '上年值', fallback: null };
    if (token === 'YYYY') return { label: year ? String(year) : '年份', fallback: year ? String(year) : null };
    if (token === 'D') {
        const end = year ? `${year}-12-31` : null;
        return { label: end ?? '日期', fallback: end };
    }
    const label = SLOT_LABELS[token];
    return label ? { label, fallback: null } : { label: token, fallback: token };
}

/** How a template reads in a fix title: as the fix writes it, with 〔待填〕 where the user fills in. */
export function displayOf(parts: TemplatePart[]): string {
    return parts.map(p => typeof p === 'string' ? p : p.fallback ?? PLACEHOLDER).join('');
}

function rewrite(pattern: string, year: number | undefined): Rewrite {
    return { pattern, parts: templateOf(pattern, year) };
}

/** Generic measurable forms for a 二级 (at least two). `countUnit` makes the 数量 form fit the name (件, 场次 …). */
export function level2Rewrites(l2: string | null, year: number | undefined, countUnit?: string, name?: string): Rewrite[] {
    const patterns = [...(l2 ? BY_LEVEL2[l2] ?? ANY_LEVEL2 : ANY_LEVEL2)];
    if (l2 === '11' && countUnit) patterns[0] = `≥N${countUnit}`;
    if (l2 === '23' && name && NUISANCE_NAME.test(name)) patterns.unshift('投诉数=0次');
    return patterns.map(p => rewrite(p, year));
}

/**
 * Rewrites for vague wording: first those RULES §4 gives for the matched entries and this 二级 that fit the
 * indicator's `name`, then the generic ones of the 二级, then the entries' other examples; without duplicates, at
 * most `limit`.
 */
export function vagueRewrites(entryIds: readonly string[], l2: string | null, year: number | undefined, countUnit?: string, limit = 4, name?: string): Rewrite[] {
    const entries = entryIds.map(id => vagueEntries().find(e => e.id === id)).filter((e): e is VagueEntry => !!e);
    const measure = name === undefined ? undefined : measureOf(name, countUnit, l2);
    // The name's words before the 二级: a time filed elsewhere (「服务响应」 under 社会效益) takes the word's 时效 rewrites too.
    const time = measure?.kind === 'duration' || measure?.kind === 'date';
    const codes = l2 ? (time && l2 !== '13' ? [l2, '13'] : [l2]) : undefined;
    const patterns = [...new Set(entries.flatMap(entry => (codes ? codes.flatMap(c => rewritesFor(entry, c)) : entry.rewrites).flatMap(r => r.patterns)))];
    const own = patterns.map(p => rewrite(p, year)).filter(r => takenBy(r, l2, name));
    const fitting = name === undefined ? own : own.filter(r => fitsName(r, name));
    const others = own.filter(r => !fitting.includes(r)).map(unfilled);
    const all = measure && name !== undefined
        ? byMeasure(measure, name, l2, year, fitting, level2Rewrites(l2, year, countUnit, name), others)
        : [...fitting, ...level2Rewrites(l2, year, countUnit, name), ...others];
    const seen = new Set<string>();
    const named = countUnit && name?.includes(countUnit) ? countUnit : undefined;
    return all.filter(r => {
        const key = displayOf(r.parts);
        if (seen.has(key) || (named && otherCountUnit(key, named))) return false;
        seen.add(key);
        return true;
    }).slice(0, limit);
}

/**
 * The choices in the order a budget officer reads them: a rewrite naming the indicator's own subject (水电费≤X万元/年
 * for 「水电费标准控制」), the value the name asks for (≤N小时 for 「服务响应」), the word's and the 二级's rewrites that
 * measure what the name does, the word's examples about something else; second choices where fewer than two fit.
 * A percentage name drops a bare measure before its number (「验收合格率」：≥95%, not 合格率≥95%).
 */
function byMeasure(measure: Measure, name: string, l2: string | null, year: number | undefined, fitting: Rewrite[], generic: Rewrite[], others: Rewrite[]): Rewrite[] {
    const subjectOf = (r: Rewrite) => {
        const first = r.parts[0];
        return typeof first === 'string' ? SUBJECT.exec(first)?.[0] : undefined;
    };
    const ownSubject = (r: Rewrite) => {
        const subject = subjectOf(r);
        return !!subject && !subject.startsWith('较') && !BARE_MEASURE.test(subject);
    };
    const fits = (r: Rewrite) => fitsMeasure(parsedOf(r), subjectOf(r), measure, name);
    const form = nameForm(measure);
    // A subject that is the name itself (「单场活动成本」：单场活动成本≤X万元/场) is not written twice.
    const named = fitting.filter(ownSubject).map(r => subjectOf(r) === coreName(name) ? withoutSubject(r) : r);
    // The 二级's forms about a subject of their own (平台持续运行≥N年 under 可持续影响) are examples about something
    // else once the name asks for a kind of value of its own (「服务响应」: a time).
    const aboutOther = form ? generic.filter(r => ownSubject(r) && !fitsName(r, name)) : [];
    let chosen = [
        ...named,
        ...(form ? [rewrite(form, year)] : []).filter(r => takenBy(r, l2, name)),
        ...fitting.filter(r => !ownSubject(r) && fits(r)),
        ...generic.filter(r => !aboutOther.includes(r) && fits(r))
    ];
    if (measure.kind === 'percent' && !measure.satisfaction) chosen = chosen.map(withoutBareMeasure);
    const distinct = new Set(chosen.map(r => displayOf(r.parts)));
    const add = (r: Rewrite) => {
        if (distinct.size >= 2 || distinct.has(displayOf(r.parts))) return;
        chosen.push(r);
        distinct.add(displayOf(r.parts));
    };
    for (const pattern of FALLBACK_FORMS) {
        const r = rewrite(pattern, year);
        if (takenBy(r, l2, name) && fits(r)) add(r);
    }
    // Where the name's kind of value cannot stand under this 二级 (a time under 数量), the 二级 decides as before.
    for (const r of [...fitting, ...generic]) add(r);
    return [...chosen, ...others.filter(fits), ...aboutOther.filter(fits).map(unfilled)];
}

/** 合格率≥95% → ≥95% where the name is the rate. */
function withoutBareMeasure(r: Rewrite): Rewrite {
    const first = r.parts[0];
    const subject = typeof first === 'string' ? SUBJECT.exec(first)?.[0] : undefined;
    return subject && BARE_MEASURE.test(subject) ? withoutSubject(r) : r;
}

/** The value without what stands before its operator. */
function withoutSubject(r: Rewrite): Rewrite {
    const [first, ...rest] = r.parts;
    if (typeof first !== 'string') return r;
    const left = first.slice(SUBJECT.exec(first)?.[0].length ?? 0);
    return { ...r, parts: left ? [left, ...rest] : rest };
}

function parsedOf(r: Rewrite): ParsedValue {
    return parseValue(r.parts.map(p => typeof p === 'string' ? p : p.fallback ?? '1').join(''));
}

// The RULES §4 rewrites name what they measure after the seed they came from (验收合格率, 水电费, 编外人员工资总额):
// offered for 「档案整理完成质量」 they would make the row pass with a target about something else. A rewrite fits an
// indicator when it names nothing (≥N次, 较上年提升…, ≤2024-12-31), names a bare measure any indicator of the 二级
// has (合格率, 及时率, 评价等级), or shares two characters in a row with the indicator's name.
const SUBJECT = /^[一-鿿]+(?=[≥≤<>=：])/;
const BARE_MEASURE = /^(?:绩效)?(?:合格率|达标率|及时率|完成率|评价等级)$/;

function fitsName(r: Rewrite, name: string): boolean {
    const first = r.parts[0];
    const subject = typeof first === 'string' ? SUBJECT.exec(first)?.[0] : undefined;
    if (!subject || subject.startsWith('较') || BARE_MEASURE.test(subject)) return true;
    for (let i = 0; i + 2 <= subject.length; i++) if (name.includes(subject.slice(i, i + 2))) return true;
    return false;
}

/**
 * Whether the 二级 takes the rewrite's kind of value, as the value and classification checks read it (RULES §3.6,
 * §3.7): a rewrite for any 二级 (加强 → ≥N次, 基本完成 → 完成率=100%) or for several (有效 → 转化金额≥X万元) would
 * otherwise trade the vague value for a finding — a count under 时效, no money under 成本, no % under 满意度, a %
 * under 数量, a sum of money under 质量/时效/社会效益 and the other 效益 but 经济效益, a floor under 社会/生态环境成本.
 */
function takenBy(r: Rewrite, l2: string | null, name: string | undefined): boolean {
    if (!l2) return true;
    const parsed = parsedOf(r);
    const quantities: Array<Pick<Quantity, 'op' | 'value' | 'unit' | 'per'>> = parsed.kind === 'quantity' ? [parsed]
        : parsed.kind === 'compound' ? parsed.parts
        : parsed.kind === 'range' ? [{ op: '≥', value: parsed.min, unit: parsed.unit, per: null }] : [];
    const percent = quantities.some(q => isPercentUnit(q.unit));
    const money = quantities.some(q => isMoneyUnit(q.unit));
    // A deadline, or a ceiling on time under a time name, is misfiled under 数量/质量 (classification.ts checkTimeFiling).
    const time = parsed.kind === 'date' || quantities.some(q => isDurationUnit(q.unit) && q.per === null && (q.op === '≤' || q.op === '<') && !!name && isTimeName(name));
    switch (l2) {
        case '11': return !percent && !time;
        case '13': return quantities.length === 0 && parsed.kind !== 'range'
            || quantities.some(q => isDurationUnit(q.unit) || isPercentUnit(q.unit) || q.per !== null);
        case '14': case '41': return money || (percent && !!name && isRateName(name));
        case '31': return percent && !quantities.some(q => isPercentUnit(q.unit) && q.value >= 100 && q.op !== '≤' && q.op !== '<');
        case '12': return !money && !time;
        case '22': case '23': case '24': return !money;
        // A 2021 社会/生态环境成本 is kept low (RULES §2 成本的预期控制范围): a cap or none (=0起), never a floor.
        case '42': case '43': return !quantities.some(q => q.op === '≥' || q.op === '>');
        default: return true;
    }
}

/** A bare count in a unit other than the one the name names (≥〔待填〕次 for 「举办科普讲座场次」). */
function otherCountUnit(display: string, countUnit: string): boolean {
    const unit = /^≥〔待填〕([\u4e00-\u9fff]+)$/.exec(display)?.[1];
    return unit !== undefined && unit !== countUnit;
}

/** An example about something else keeps no stated number: the user fills in the target (〔待填〕). */
function unfilled(r: Rewrite): Rewrite {
    return { ...r, parts: r.parts.map(p => typeof p === 'string' || p.text ? p : { ...p, fallback: null }) };
}
