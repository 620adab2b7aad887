import fc from 'fast-check';
import { readSample, sampleFiles } from '../helpers/samples.js';

// Texts for the property tests: random text over the language's own alphabet (keywords, both widths of
// punctuation, the three quote styles, braces, numbers, dates, control characters), arbitrary Unicode, and the
// samples with random edits — deleted, duplicated and swapped lines, swapped punctuation, inserted and removed
// pieces — so that most runs land near real, almost-valid declarations.

/**
 * The seed every property runs with, so a failure reproduces (fast-check prints the seed and path of the shrunk
 * counterexample). JXMB_FUZZ_SEED and JXMB_FUZZ_SCALE explore further by hand: another seed, more runs.
 */
export const SEED = Number(process.env.JXMB_FUZZ_SEED ?? 20240607);

/** The runs of a property: modest in the normal suite. */
export function runs(n: number): number {
    return Math.max(1, Math.round(n * Number(process.env.JXMB_FUZZ_SCALE ?? 1)));
}

const KEYWORDS = [
    '部门整体', '项目支出', '年度', '标题', '单列指标值', '基本信息', '预算', '部门预算支出', '收入来源', '事业发展性支出',
    '按预算级次划分', '财政供养人员数', '基本支出', '财政拨款', '其他资金', '本级使用资金', '对下转移支付资金', '总计',
    '总体绩效目标', '任务', '主要实施内容', '拟投入资金', '期望目标', '其他需完成的任务', '备注', '合计', '单位', '项目',
    '保密', '资金', '绩效目标', '绩效指标', '产出指标', '效益指标', '满意度指标', '成本指标', '数量指标', '质量指标',
    '时效指标', '社会效益指标', '服务对象满意度指标', '经济成本指标', '实施周期', '空'
];

const PUNCTUATION = [
    '{', '}', '｛', '｝', ':', '：', ';', '；', ',', '，', '~', '～', '–', '-', '—', '%', '％', '.', '。', '、',
    '"', '\\"', '\\', '“', '”', '「', '」', '《', '》', '（', '）', '(', ')', '【', '】', '/', '//', '/*', '*/',
    '≥', '>=', '≧', '＞＝', '≤', '<=', '＜', '>', '=', '＝', '?', '？', '!', '！', '$', '${1}', '\'', '`'
];

const PIECES = [
    '"科普活动场次"', '“举办讲座”', '「满意度」', '"', '“', '「', '≥45场次', '≥95%', '90~95%', '2024-12-31', '≤2024-6-30',
    '100', '0', '3.14', '1,234.56', '28,803.30', '00000', '99999999999999999999', '1e5', '-5', '2024', '12-31',
    '场次', '万元', '元/人次', '%', '提升', '显著提升', '不少于', '约', '较好', '达标', '一二三', '万',
    '𝟘', '😀', '\u200b', '\ufeff', '\ud800', '\udc00'
];

const WHITESPACE = [' ', '  ', '\t', '\n', '\r\n', '\r', '\u3000', '\u00a0', '\u2028', '\v', '\f'];

const CONTROL = fc.integer({ min: 0, max: 0x1f }).map(code => String.fromCharCode(code));
const CJK = fc.integer({ min: 0x4e00, max: 0x9fff }).map(code => String.fromCharCode(code));

/** One piece of the language's alphabet. */
export const piece: fc.Arbitrary<string> = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...KEYWORDS) },
    { weight: 4, arbitrary: fc.constantFrom(...PUNCTUATION) },
    { weight: 3, arbitrary: fc.constantFrom(...PIECES) },
    { weight: 3, arbitrary: fc.constantFrom(...WHITESPACE) },
    { weight: 2, arbitrary: CJK },
    { weight: 1, arbitrary: CONTROL },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) }
);

/** Random text over the language's alphabet. */
export const alphabetText = fc.array(piece, { maxLength: 200, size: 'max' }).map(parts => parts.join(''));

/** Arbitrary Unicode, lone surrogates and control characters included. */
export const anyText = fc.string({ unit: 'binary', maxLength: 300, size: 'max' });

/** Braces nested deeply, unbalanced, with the keywords that open blocks. */
export const nestedText = fc.tuple(fc.integer({ min: 1, max: 300 }), fc.constantFrom('{', '｛', '绩效指标 {', '产出指标 {', '"a" {'), fc.boolean())
    .map(([depth, open, close]) => '部门整体 "x" ' + open.repeat(depth) + (close ? '}'.repeat(depth) : ''));

const SWAPS: Array<[RegExp, string[]]> = [
    [/[{｛]/g, ['{', '｛', '}', '', '{{']],
    [/[}｝]/g, ['}', '｝', '{', '', '}}']],
    [/[:：]/g, [':', '：', '', '；', '::']],
    [/["“”「」]/g, ['"', '“', '”', '「', '」', '', '\\"']],
    [/[≥≤>=<]/g, ['≥', '≤', '>=', '＜', '=', '']],
    [/[~～]/g, ['~', '～', '-', '']],
    [/[%％]/g, ['%', '％', '', '%%']],
    [/[;；,，]/g, [';', '；', ',', '，', '']]
];

type Edit =
    | { kind: 'delete-line' | 'duplicate-line'; at: number }
    | { kind: 'swap-lines'; at: number; other: number }
    | { kind: 'swap-punctuation'; family: number; nth: number; to: number }
    | { kind: 'insert'; at: number; text: string }
    | { kind: 'remove'; at: number; length: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({ kind: fc.constantFrom('delete-line' as const, 'duplicate-line' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('swap-lines' as const), at: fc.nat(), other: fc.nat() }),
    fc.record({ kind: fc.constant('swap-punctuation' as const), family: fc.nat(), nth: fc.nat(), to: fc.nat() }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(piece, alphabetText) }),
    fc.record({ kind: fc.constant('remove' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) })
);

export function applyEdit(text: string, e: Edit): string {
    const lines = text.split('\n');
    switch (e.kind) {
        case 'delete-line': lines.splice(e.at % lines.length, 1); return lines.join('\n');
        case 'duplicate-line': { const i = e.at % lines.length; lines.splice(i, 0, lines[i]!); return lines.join('\n'); }
        case 'swap-lines': {
            const i = e.at % lines.length;
            const j = e.other % lines.length;
            [lines[i], lines[j]] = [lines[j]!, lines[i]!];
            return lines.join('\n');
        }
        case 'swap-punctuation': {
            const [pattern, replacements] = SWAPS[e.family % SWAPS.length]!;
            const matches = [...text.matchAll(pattern)];
            if (matches.length === 0) return text;
            const at = matches[e.nth % matches.length]!.index!;
            return text.slice(0, at) + replacements[e.to % replacements.length] + text.slice(at + 1);
        }
        case 'insert': { const at = e.at % (text.length + 1); return text.slice(0, at) + e.text + text.slice(at); }
        case 'remove': { const at = e.at % (text.length + 1); return text.slice(0, at) + text.slice(at + e.length); }
    }
}

const samples = sampleFiles().map(name => ({ name, text: readSample(name) }));

/** One of `texts` with 1–6 random edits. */
export function edited(texts: readonly string[]): fc.Arbitrary<string> {
    return fc.tuple(fc.constantFrom(...texts), fc.array(edit, { minLength: 1, maxLength: 6 }))
        .map(([text, edits]) => edits.reduce(applyEdit, text));
}

/** A sample with 1–6 random edits. */
export const editedSample = edited(samples.map(sample => sample.text));

/** Any of the above. */
export const anyJxmbText = fc.oneof(
    { weight: 3, arbitrary: editedSample },
    { weight: 2, arbitrary: alphabetText },
    { weight: 1, arbitrary: anyText },
    { weight: 1, arbitrary: nestedText }
);

/**
 * Lets the worker's event loop turn between runs: a long property made only of promise continuations would starve
 * vitest's own messages (「Timeout calling onTaskUpdate」).
 */
export function yieldToEventLoop(): Promise<void> {
    return new Promise(resolve => setImmediate(resolve));
}

/** An offset in `text`, given a fraction in [0, 1]. */
export function offsetIn(text: string, fraction: number): number {
    return Math.min(text.length, Math.floor(fraction * (text.length + 1)));
}

export const fractions = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 });
