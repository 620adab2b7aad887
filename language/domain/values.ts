// The 指标值 parser: any text → a normalised value that keeps the original (RULES §3.2, §3.3).
import { parseDateValue } from './dates.js';
import { formatNumber, readNumberAt, toChineseNumeral } from './numbers.js';
import { classifyQualitative } from './qualitative.js';
import { readUnitAt, scanQuantities, type FoundQuantity } from './quantities.js';
import { parseRange } from './ranges.js';
import { MASK_CHAR, maskNonQuantities, normalizeValueText } from './text.js';
import { unitKind } from './units.js';
import { hasSoftTarget } from './vague-words.js';
import type { DateTarget, ParsedValue, Quantity, ValueBody } from './value-types.js';

export type { DateTarget, Hedge, Operator, ParsedValue, Quantity, ValueBody, ValueKind } from './value-types.js';

export interface ParseOptions {
    /** Budget year: resolves deadlines written without one (本年内完成, 12月前). Without it they stay qualitative. */
    year?: number;
}

/**
 * Parses one 指标值. Never throws: text that cannot be read comes back as `unparsable` or `qualitative` with a reason.
 *
 * Decisions (see also the module docs of dates.ts, quantities.ts, qualitative.ts):
 * - A bare number + unit is `=` (12条); checks decide whether an output needs ≥.
 * - 约/左右 → =, 余/多 → >, 近 → ≤, all approximate; an explicit operator wins over a hedge, a hedge over 达/达到.
 *   力争/争取/原则上 keep the operator and make the number approximate too (力争不少于20场次 → ≥20场次, approximate).
 * - 1.5万本 → value 1.5, unit 万本: the writer's scale is kept; units.ts knows 万本 = 10⁴ 本.
 * - 20000+ → ≥ 20000. 每月不少于1次 → ≥1 次 per 月.
 * - A level (二级, 达到二级, 等级保护级别：二级) is a qualitative grade; with a real operator (≥二级, 二级及以上) it is a
 *   quantity in 级, so it can be compared.
 * - A bare date is a deadline (≤). 2024年12月前 → ≤ 2024-12-31 with a note that 「12月前」 is ambiguous.
 * - 本年内完成 / 12月前 without a year: qualitative with a reason, or a date when `options.year` is given.
 * - Prose with one quantity is that quantity (印2000本, 公众对科普工作满意度达95%); with several it is compound.
 */
/** The placeholder a 保密项目 has for its 三级 and values in the official table (RULES §1B, §6.2 Q7). */
export const SECRET_PLACEHOLDER = '保密项目';

export function parseValue(text: string, options: ParseOptions = {}): ParsedValue {
    const original = typeof text === 'string' ? text : String(text ?? '');
    try {
        return { original, ...parseBody(original, options) } as ParsedValue;
    } catch (error) {
        // A safety net: a parser bug must not take a whole document down.
        return { original, kind: 'unparsable', reason: `internal error: ${error instanceof Error ? error.message : String(error)}` };
    }
}

function parseBody(original: string, options: ParseOptions): ValueBody {
    const text = normalizeValueText(original);
    if (!text) return { kind: 'empty' };
    if (text === SECRET_PLACEHOLDER) {
        return { kind: 'qualitative', grade: null, milestone: null, reason: '保密项目: confidential placeholder, exempt from checks (RULES §1B)' };
    }
    const broken = brokenOperator(text);
    if (broken) return { kind: 'unparsable', reason: broken };

    for (const candidate of withoutLabel(text)) {
        const date = parseDateValue(candidate, options.year);
        if (date) return date;
        const range = parseRange(candidate);
        if (range) return range;
    }

    const masked = maskValueText(text);
    const { quantities, problems } = scanQuantities(text, masked);
    if (problems.length > 0) return { kind: 'unparsable', reason: problems.join('; ') };
    // 力争不少于20场次: a wish, not a commitment — as uncheckable as an approximate number (vague-words.yaml soft-target).
    const soft = quantities.length > 0 && hasSoftTarget(text);
    const read = (q: FoundQuantity) => soft ? { ...plain(q), approximate: true } : plain(q);
    if (quantities.length === 1) return { kind: 'quantity', ...read(quantities[0]!) };
    if (quantities.length > 1) return { kind: 'compound', parts: quantities.map(read) };

    const qualitative = classifyQualitative(text);
    if (qualitative.kind === 'qualitative' && qualitative.grade) return qualitative;
    // An operator sign with nothing to compare (≥场次); a formula's = inside text is not a target.
    const lonely = /[≥≤<>]|^=/.exec(masked);
    if (lonely) return { kind: 'unparsable', reason: `operator 「${lonely[0]}」 without a number in 「${excerpt(text, lonely.index)}」${followedBy(text, lonely.index + 1)}` };
    return qualitative;
}

// Numbers in a value that are not its target, on top of text.ts's (years, titles, formulas), each bounded:
// Each with the character it needs, tested first: most values have none of them.
const VALUE_MASKS: Array<[string, RegExp]> = [
    // A closing baseline note (RULES §4 「X较上年提升≥Y%（基数B）」, 「X≥N（上年N₀）」, 「≥24.5%（2023年为22%）」).
    [')', /\((?:基数|基期|基准|上年|去年|上一年|前一年|(?:19|20)\d{2}年度?(?:为|是|:|实际|完成|基数|水平|数据))[^()]{0,40}\)$/g],
    // 近3年平均值 is a period of reference, not a hedged 3 years (RULES §3.1 历史标准); 最近 is already no hedge.
    ['近', /近(?:[0-9]{1,2}|[一二三四五六七八九十])(?:个)?年(?:来|内|的)?(?:年均|平均值|平均水平|平均数|均值|平均)?(?!$)/g],
    // 9月底前, 6月前: a checkpoint date without a year, not a number of months (a duration keeps 个: 3个月内).
    ['月', /(?<![0-9])(?:1[0-2]|0?[1-9])月(?:底|末|上旬|中旬|下旬)?(?:前|之前|以前)|(?<![0-9])(?:1[0-2]|0?[1-9])月(?:底|末)/g]
];

/** The masked copy of a value text in which only its target's numbers can be found (text.ts maskNonQuantities, and more). */
export function maskValueText(text: string): string {
    let masked = maskNonQuantities(text);
    // Matched on the text (text.ts has already masked its years), filled in the masked copy: offsets are the same.
    for (const [needed, pattern] of VALUE_MASKS) {
        if (!text.includes(needed)) continue;
        for (const m of text.matchAll(pattern)) {
            masked = masked.slice(0, m.index) + MASK_CHAR.repeat(m[0].length) + masked.slice(m.index + m[0].length);
        }
    }
    return masked;
}

// A short name before an operator: 「完成时间≤2024年12月31日」, the form RULES §4 proposes for deadlines.
const NAME_BEFORE_OPERATOR = /^[\u4e00-\u9fff]{1,20}(?=[≥≤<>=])/;

/** 「完成时间:2024年12月31日」 → also try 「2024年12月31日」; 「完成时间≤2024年12月31日」 → also 「≤2024年12月31日」. */
function withoutLabel(text: string): string[] {
    const colon = text.lastIndexOf(':');
    if (colon > 0 && colon < text.length - 1 && colon <= 20) return [text, text.slice(colon + 1)];
    const name = NAME_BEFORE_OPERATOR.exec(text);
    return name ? [text, text.slice(name[0].length)] : [text];
}

/** Operator text that cannot mean anything: 不100人 (不少于? 不超过?), ≥≤5, ≠0. */
function brokenOperator(text: string): string | undefined {
    const dangling = /不(?=[0-9])/.exec(text);
    if (dangling) {
        const number = readNumberAt(text, dangling.index + 1)!;
        const end = readUnitAt(text, number.end).end;
        return `「${text.slice(dangling.index, end)}」: 不 directly before a number — 不少于 or 不超过 is missing`;
    }
    const doubled = /[≥≤<>=]{2,}/.exec(text);
    if (doubled) return `conflicting operators 「${doubled[0]}」`;
    if (text.includes('≠')) return 'operator 「≠」 does not state a target';
    return undefined;
}

/** What stands after a lonely operator, when it is not just a unit (≥场次): the message names it. */
function followedBy(text: string, at: number): string {
    const rest = text.slice(at).trim();
    const unit = readUnitAt(text, at);
    return rest && unit.end < text.length ? `, followed by 「${rest.length > 12 ? `${rest.slice(0, 12)}…` : rest}」` : '';
}

function excerpt(text: string, at: number): string {
    return text.length <= 40 ? text : `…${text.slice(Math.max(0, at - 10), at + 20)}…`;
}

function plain({ op, value, unit, hedge, per, approximate }: FoundQuantity): Quantity {
    return { op, value, unit, hedge, per, approximate };
}

/**
 * Canonical text of a quantity or date target: ≥45场次, ≥90%, ≥1次/月, 约180卷, ≤2024-12-31. `=` is not written
 * (12条); an approximate `=` keeps its 约 so the text does not claim precision it lacks.
 */
export function formatQuantity(q: Quantity | Pick<DateTarget, 'op' | 'date'>): string {
    const op = q.op === '=' ? '' : q.op;
    if ('date' in q) return `${op}${q.date}`;
    const about = q.approximate && q.op === '=' ? '约' : '';
    // Levels are named in Chinese numerals (≥二级), as on the scales they come from.
    const number = unitKind(q.unit) === 'grade' ? toChineseNumeral(q.value) : formatNumber(q.value);
    return `${op}${about}${number}${q.unit ?? ''}${q.per ? `/${q.per}` : ''}`;
}

/** Canonical text of any parsed value; qualitative and unparsable values keep their original text. */
export function formatValue(value: ParsedValue): string {
    switch (value.kind) {
        case 'quantity':
        case 'date':
            return formatQuantity(value);
        case 'range':
            return `${formatNumber(value.min)}～${formatNumber(value.max)}${value.unit ?? ''}`;
        case 'compound':
            return value.parts.map(formatQuantity).join('；');
        case 'empty':
            return '';
        default:
            return value.original.trim();
    }
}
