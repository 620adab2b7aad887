// What the values and measurability checks know about one 指标值: its text, the parser's reading (with the budget
// year, so that 本年内完成 is a date when the year is known), the indicator's name and its 一级/二级. Both families and
// the measurability score read values through here, so that they agree on what a value is.
import { containerOf } from '../ast-walk.js';
import type { Indicator, Value } from '../generated/ast.js';
import { valueText } from '../compile/from-ast.js';
import { usableYear } from '../compile/value-limits.js';
import { level2ByName } from '../domain/taxonomy.js';
import { findVagueWords, type VagueMatch } from '../domain/vague-words.js';
import type { ParsedValue } from '../domain/values.js';
import { readParsedValue } from './memo.js';

/**
 * The placeholder a quick-fix leaves where the user must supply something (a number, a base, a date). A text value
 * holding it is reported as `value/placeholder` (a warning) and no other value check looks at it, so a fix never
 * trades one finding for an error.
 */
export const PLACEHOLDER = '〔待填〕';

export type ValueRole = 'both' | 'period' | 'annual';

export interface ValueContext {
    indicator: Indicator;
    node: Value;
    role: ValueRole;
    /** The cell text (canonical for structured values). */
    text: string;
    parsed: ParsedValue;
}

/** The budget year of the declaration a node stands in; none when it is out of range (compile/out-of-range). */
export function yearOf(node: Value | Indicator): number | undefined {
    const declaration = containerOf(node, 'DepartmentDeclaration', 'ProjectDeclaration');
    const year = (declaration as { year?: string } | undefined)?.year;
    return usableYear(year);
}

const parsedCache = new WeakMap<Value, { text: string; parsed: ParsedValue }>();

/** Text and reading of a value node, parsed once per node. */
export function readValue(node: Value): { text: string; parsed: ParsedValue } {
    let entry = parsedCache.get(node);
    if (!entry) {
        const { text } = valueText(node);
        entry = { text, parsed: readParsedValue(text, yearOf(node)) };
        parsedCache.set(node, entry);
    }
    return entry;
}

// Some twenty checks ask for the values of each indicator: built once per indicator node.
const contextCache = new WeakMap<Indicator, ValueContext[]>();

/**
 * The values an indicator has, each with its role (one value written once stands for both cells). The list is
 * shared between the checks: read it, do not change it.
 */
export function valuesOf(indicator: Indicator): ValueContext[] {
    let contexts = contextCache.get(indicator);
    if (!contexts) {
        contexts = [];
        if (indicator.value) contexts.push(contextOf(indicator, indicator.value, 'both'));
        if (indicator.period) contexts.push(contextOf(indicator, indicator.period, 'period'));
        if (indicator.annual) contexts.push(contextOf(indicator, indicator.annual, 'annual'));
        contextCache.set(indicator, contexts);
    }
    return contexts;
}

function contextOf(indicator: Indicator, node: Value, role: ValueRole): ValueContext {
    const { text, parsed } = readValue(node);
    return { indicator, node, role, text, parsed };
}

/** 二级 code of the block an indicator stands in (11 … 43), or undefined for a name the taxonomy does not know. */
export function level2CodeOf(indicator: Indicator): string | undefined {
    const block = containerOf(indicator, 'Level2Block');
    return block ? level2ByName(block.category)?.code : undefined;
}

export const hasPlaceholder = (text: string): boolean => text.includes(PLACEHOLDER);

/** Trailing unit brackets and formulas do not name the metric: 「成本控制率(%)」 → 成本控制率. */
export function coreName(name: string): string {
    // Most names end in neither bracket and hold no space: they are their own core.
    const last = name.charCodeAt(name.length - 1);
    if (last !== 0x29 && last !== 0xFF09 && !/\s/.test(name)) return name;
    let core = name.replace(/\s+/g, '');
    for (let previous = ''; previous !== core;) {
        previous = core;
        core = core.replace(/[（(][^（）()]*[）)]$/, '');
    }
    return core || name;
}

// 频率 (备份频率 ≥1次/月), 功率, 速率 are not shares of a whole.
const NOT_A_RATE = /(?:频率|功率|速率|码率|分辨率)$/;

/** A name that asks for a percentage: …率, …比例, 占比, 覆盖率, …比, (%) in the name, 满意度 (RULES §3.6, §3.7). */
export function isRateName(name: string): boolean {
    const core = coreName(name);
    // 「(%)」 after the name, or a formula 「…*100%」 in it (001 财政投入比(计算公式:财政投入/总投入*100%)).
    if (/[（(]\s*[%％]\s*[）)]|100\s*[%％]/.test(name)) return true;
    if (/满意度|满意率/.test(core)) return true;
    return (/率$/.test(core) && !NOT_A_RATE.test(core)) || /比例|占比|百分比|[^对类]比$/.test(core);
}

export const isSatisfactionName = (name: string): boolean => /满意度|满意率/.test(name);

/** 「…及时性」, 「完成时间」, 「资金支出进度」, 「响应速度」: the indicator is about time (RULES §3.7). */
export const isTimeName = (name: string): boolean => /及时|时间|进度|响应|时限/.test(name);

/** 成本 indicators: the legacy 二级 14, the 2021 二级 41 经济成本, or a name about 成本 outside 社会/生态 成本. */
export function isCostIndicator(indicator: Indicator): boolean {
    const l2 = level2CodeOf(indicator);
    if (l2 === '14' || l2 === '41') return true;
    return /成本/.test(indicator.name) && l2 !== '42' && l2 !== '43';
}

/** Vague wording (RULES §4, kind vague) in a value that names no number, grade or milestone. */
export function vagueWordsOf(context: Pick<ValueContext, 'text' | 'parsed'>): readonly VagueMatch[] {
    const { parsed } = context;
    if (parsed.kind !== 'qualitative' || parsed.grade || parsed.milestone) return [];
    let found = vagueWords.get(context);
    if (!found) vagueWords.set(context, found = findVagueWords(context.text, { kinds: ['vague'] }));
    return found;
}

/** A 定性 value with neither grade nor milestone: not checkable (RULES §3.3). */
export function isUncheckableQualitative(parsed: ParsedValue): boolean {
    return parsed.kind === 'qualitative' && !parsed.grade && !parsed.milestone;
}

/** 本年内完成, 12月前 without a year: a deadline the reader can resolve once the budget year is given. */
export function isDeadlineWithoutYear(context: Pick<ValueContext, 'text' | 'parsed'>): boolean {
    return isUncheckableQualitative(context.parsed) && findVagueWords(context.text, { kinds: ['deadline'] }).length > 0;
}

const normalizeName = (s: string) => s.replace(/[\s。.，,；;：:、]/g, '').replace(/（/g, '(').replace(/）/g, ')');

/** The value only restates the indicator's name (001 成本控制率, RULES §3.7). */
export function repeatsName(context: ValueContext): boolean {
    if (context.node.$type !== 'TextValue') return false;
    const value = normalizeName(context.text);
    if (!value) return false;
    const name = normalizeName(context.indicator.name);
    return value === name || value === normalizeName(coreName(context.indicator.name));
}

/**
 * A value whose content the other value checks should not judge: empty, a placeholder, a restated name or unreadable
 * text each have their own finding, and one finding per value is enough.
 */
export function hasOwnProblem(context: ValueContext): boolean {
    let problem = ownProblems.get(context);
    if (problem === undefined) {
        problem = context.parsed.kind === 'empty' || hasPlaceholder(context.text) || repeatsName(context) || context.parsed.kind === 'unparsable';
        ownProblems.set(context, problem);
    }
    return problem;
}

// Asked of each value by most value checks: answered once per value context (valuesOf).
const ownProblems = new WeakMap<ValueContext, boolean>();
const vagueWords = new WeakMap<object, VagueMatch[]>();
