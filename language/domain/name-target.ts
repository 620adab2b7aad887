// A 三级 name that carries its own target (「培训人数不少于500人」, 「群众满意度达到95%以上」, 「设备采购数量：20台」):
// where the target stands in the name and what the name is without it. The target is found by the 指标值 parser's
// own quantity finder, so that what is moved into the 指标值 reads there as the same target.
import { scanQuantities, type FoundQuantity } from './quantities.js';
import { normalizeValueText } from './text.js';
import { matchUnitAt, unitKind } from './units.js';
import { maskValueText } from './values.js';

export interface NameTarget {
    /** What goes from the name (the target, or the brackets around it), [start, end) in UTF-16 code units. */
    start: number;
    end: number;
    /** The target as written in the name: 「不少于500人」. */
    text: string;
    /**
     * The target as a 指标值: its text, with the unit of the name's brackets where the target has none of its own
     * (「科普受众2万(人次)」 → 2万人次, 「满意度≥90(%)」 → ≥90%).
     */
    value: string;
    /** The name without the target and what joined it (「：」, 「为」); a unit in brackets after it stays. */
    rest: string;
    /** The target is the name's only quantity: moved, it leaves none behind (not so in 「开展活动10场次，培训500人」). */
    alone: boolean;
}

const TWO_CHARACTER_OPERATORS: Record<string, string> = { '>=': '≥', '=>': '≥', '≥=': '≥', '<=': '≤', '=<': '≤', '≤=': '≤' };

export interface Normalized {
    text: string;
    /** The offset in the name of each character of `text`. */
    at: number[];
}

/** The name as the value parser reads text (normalizeValueText, character by character), with each character's offset in the name. */
export function normalized(name: string): Normalized {
    let text = '';
    const at: number[] = [];
    for (let i = 0; i < name.length; i++) {
        const pair = TWO_CHARACTER_OPERATORS[name.slice(i, i + 2)];
        if (pair) {
            text += pair;
            at.push(i++);
            continue;
        }
        const ch = name[i]!;
        if (/\s/.test(ch)) continue;
        // Only full-width forms and look-alike signs change (the rest of a name is ASCII or Han).
        const mapped = ch < '\u2000' || HAN.test(ch) ? ch : normalizeValueText(ch);
        text += mapped.length === 1 ? mapped : ch;
        at.push(i);
    }
    return { text, at };
}

// A unit or a formula in brackets closes many names (「(场次/年)」, 「(计算公式:…)」): a target stands before it.
const TRAILING_BRACKETS_OR_STOPS = /(?:\([^()]*\)|[。.;；，,、:])+$/;
const CLOSING_BRACKETS = /\(([^()]+)\)[。.;；，,、:]*$/;
// What joins a target to the name before it: 「设备采购数量：20台」, 「满意度为95%」.
const JOINER = /(?:[\s:：，,、；;]|为)+$/;
const HAN = /[\u3400-\u9fff]/;
// Chinese numerals count only with a unit (一小时内), as in a 指标值.
const NUMERAL = /[0-9０-９一二两三四五六七八九十百千万]/;

/**
 * The target at the end of a 三级 name, or in its closing brackets, or undefined: an operator word or sign with a
 * number (不少于500人, ≥90%, 95%以上, 达到98%, 每月不少于1次), or a number with its unit (20台, 100%). A number
 * inside the name (「24小时内办结率」, 「2024年培训人数」, 「第九届」) defines what is measured and is no target.
 */
export function targetInName(name: string): NameTarget | undefined {
    if (!NUMERAL.test(name)) return undefined;
    const read = normalized(name);
    const { quantities } = scanQuantities(read.text, maskValueText(read.text));
    if (quantities.length === 0) return undefined;
    return atEnd(name, read, quantities) ?? inClosingBrackets(name, read, quantities.length);
}

const isTarget = (q: FoundQuantity) => q.unit !== null || q.op !== '=';

/** 「培训人数不少于500人」, 「科普受众2万(人次)」: the last quantity ends the name, before a unit in brackets. */
function atEnd(name: string, { text, at }: Normalized, quantities: readonly FoundQuantity[]): NameTarget | undefined {
    const end = text.length - (TRAILING_BRACKETS_OR_STOPS.exec(text)?.[0].length ?? 0);
    const last = quantities.find(q => q.end === end);
    if (!last || !isTarget(last)) return undefined;
    // 设备巡检每月不少于1次: the 每月 the value reads as ≥1次/月 goes with it.
    const every = last.per && text.slice(0, last.start).endsWith(`每${last.per}`) ? 1 + last.per.length : 0;
    const start = at[last.start - every]!;
    const stop = at[last.end - 1]! + 1;
    const before = name.slice(0, start).replace(JOINER, '');
    if (!HAN.test(before)) return undefined;
    const after = name.slice(stop).replace(/^[\s。.;；，,、:：]+/, '');
    const written = name.slice(start, stop);
    const unit = last.unit === null || unitKind(last.unit) === 'magnitude' ? bracketUnit(text.slice(end)) : undefined;
    return { start, end: stop, text: written, value: written + (unit ?? ''), rest: (before + after).trim(), alone: quantities.length === 1 };
}

/** 「开展科普活动场次（≥10场次）」: closing brackets that hold a target and nothing else. */
function inClosingBrackets(name: string, { text, at }: Normalized, count: number): NameTarget | undefined {
    const m = CLOSING_BRACKETS.exec(text);
    if (!m) return undefined;
    const inside = m[1]!;
    const found = scanQuantities(inside, maskValueText(inside)).quantities;
    const only = found[0];
    if (found.length !== 1 || !only || only.start !== 0 || only.end !== inside.length || !isTarget(only)) return undefined;
    const open = m.index;
    const close = open + 1 + inside.length;
    const before = name.slice(0, at[open]).replace(JOINER, '');
    if (!HAN.test(before)) return undefined;
    const written = name.slice(at[open + 1], at[close - 1]! + 1);
    return { start: at[open]!, end: at[close]! + 1, text: written, value: written, rest: before.trim(), alone: count === 1 };
}
/** The unit a name's closing brackets hold, when they hold nothing else: 「(人次)」, 「(%)」. */
function bracketUnit(tail: string): string | undefined {
    const inside = /^\(([^()]+)\)/.exec(tail)?.[1];
    return inside && matchUnitAt(inside, 0) === inside ? inside : undefined;
}
