// Text clean-up before a 指标值 is parsed: one spelling per symbol, no layout whitespace, and a masked copy in which
// numbers that are not quantities (years, titles, ordinals, formulas) cannot be found.

// Full-width forms and look-alike operators → one spelling each.
const CHAR_MAP: Record<string, string> = {
    '＞': '>', '＜': '<', '＝': '=', '％': '%', '＋': '+', '～': '~', '．': '.', '：': ':',
    '（': '(', '）': ')', '［': '[', '］': ']', '【': '[', '】': ']',
    '≧': '≥', '⩾': '≥', '≦': '≤', '⩽': '≤', '≮': '≥', '≯': '≤', '﹤': '<', '﹥': '>', '﹪': '%'
};

/**
 * One spelling per symbol and no layout whitespace. PDF extraction and merged cells insert spaces anywhere
 * (「≥45 场次」, 「合理安排2024年度办公 设备」); a space is kept only between two ASCII letters or digits (「IT 应用」
 * stays readable, 「5 10」 stays two numbers). HTML paragraph tags from 002 cells are removed.
 */
export function normalizeValueText(input: string): string {
    // Only markup the tables use: 「<5次>」 must survive.
    let s = input.replace(/<\/?(?:p|br|span|div|font|strong|b|i|em|u)\b[^<>]{0,40}>/gi, ' ');
    s = s.replace(/[０-９]/g, d => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
    s = s.replace(/[＞＜＝％＋～．：（）［］【】≧⩾≦⩽≮≯﹤﹥﹪]/g, ch => CHAR_MAP[ch] ?? ch);
    s = s.replace(/\s+/g, (space, offset: number, whole: string) => {
        const before = whole[offset - 1] ?? '';
        const after = whole[offset + space.length] ?? '';
        return /[A-Za-z0-9]/.test(before) && /[A-Za-z0-9]/.test(after) ? ' ' : '';
    });
    // Two-character operators → one symbol.
    s = s.replace(/>=|=>|≥=/g, '≥').replace(/<=|=<|≤=/g, '≤');
    // Trailing sentence punctuation carries no meaning; a trailing ASCII period after a unit would look like a decimal.
    return s.replace(/^[，,；;、]+|[。.;；，,、]+$/g, '');
}

const FILL = '□';
const fill = (match: string) => FILL.repeat(match.length);

// Each pattern is bounded, so masking stays linear on long input.
const MASKS: RegExp[] = [
    /《[^《》]{0,80}》/g, // titles: 《科普一分钟》 is not 1 分钟
    /“[^“”]{0,40}”|"[^"]{0,40}"|「[^「」]{0,40}」|‘[^‘’]{0,40}’/g, // quoted names: “十三五”, “四个全面”
    /\([^()]{0,80}(?:公式|计算|[*×÷])[^()]{0,80}\)/g, // formulas: (计算公式:实际成本/总成本*100%)
    /(?:19|20)\d{2}\s*[-—–~至到]\s*(?:(?:19|20)\d{2}年?|\d{1,2}月)/g, // periods: 2021-2025年, 2021至2025年
    /(?:19|20)\d{2}(?:年(?:度|\d{1,2}月(?:\d{1,2}[日号])?)?|[-/.]\d{1,2}[-/.]\d{1,2})/g, // years and dates: 2024年度, 2024年12月31日
    /\d{1,2}月\d{1,2}[日号]/g, // dates without year
    /第[0-9〇零一二两三四五六七八九十百千]+/g // ordinals: 第九届
];

/**
 * A copy of `text` of the same length in which numbers that are not quantities are replaced by □, so offsets still
 * line up with `text`.
 */
export function maskNonQuantities(text: string): string {
    let masked = text;
    for (const pattern of MASKS) masked = masked.replace(pattern, fill);
    return masked;
}

export const MASK_CHAR = FILL;

/** Clause separators: a 每 (per) or an operator never reaches across them. */
export const CLAUSE_SEPARATORS = '，,；;。、:';

/** The stretch of `text` around `at` between two characters `end` matches (a clause, a sentence), without them. */
export function stretchAround(text: string, at: number, end: RegExp): string {
    let from = at;
    while (from > 0 && !end.test(text[from - 1]!)) from--;
    let to = at;
    while (to < text.length && !end.test(text[to]!)) to++;
    return text.slice(from, to);
}

/** Items by one character of theirs (a word's first or last), in their order: a reader tries only those that can match where it stands. */
export function byCharacter<T>(items: Iterable<T>, characterOf: (item: T) => string): Map<string, T[]> {
    const map = new Map<string, T[]>();
    for (const item of items) {
        const ch = characterOf(item);
        const list = map.get(ch);
        if (list) list.push(item);
        else map.set(ch, [item]);
    }
    return map;
}
