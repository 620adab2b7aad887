// Numbers as written in 指标值: 28,803.30, 96.6, 十二, 两, 一百零五, 百分之九十五.

const CN_DIGIT: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_MULTIPLIER: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Characters a Chinese numeral is made of (万/亿 are left to the unit: 三万人次 → 3 万人次, as for 3万人次). */
export const CN_NUMERAL_CHARS = '〇零一二两三四五六七八九十百千';

/** 十二 → 12, 二十 → 20, 一百零五 → 105, 两千 → 2000; undefined when the characters do not form a numeral (一二). */
export function parseChineseInteger(text: string): number | undefined {
    if (!text) return undefined;
    let total = 0;
    let digit: number | undefined;
    let lastMultiplier = Infinity;
    let afterZero = false;
    for (const ch of text) {
        if (ch in CN_DIGIT) {
            const d = CN_DIGIT[ch]!;
            // Two digits in a row only after 零 (一百零五); 一二 is not a numeral.
            if (digit !== undefined && !afterZero) return undefined;
            digit = d;
            afterZero = d === 0;
        } else if (ch in CN_MULTIPLIER) {
            const m = CN_MULTIPLIER[ch]!;
            if (m >= lastMultiplier) return undefined;
            // Only 十 may stand without a digit before it (十二 = 一十二); 百家 is not 100 家.
            if (digit === undefined && (total !== 0 || m !== 10)) return undefined;
            total += (digit ?? 1) * m;
            digit = undefined;
            afterZero = false;
            lastMultiplier = m;
        } else {
            return undefined;
        }
    }
    return total + (digit ?? 0);
}

const CN_DIGITS_OUT = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 2 → 二, 12 → 十二, 21 → 二十一; numbers ≥ 100 stay Arabic. Used for canonical grade names (二级). */
export function toChineseNumeral(n: number): string {
    if (!Number.isInteger(n) || n < 0 || n >= 100) return String(n);
    if (n < 10) return CN_DIGITS_OUT[n]!;
    const tens = Math.floor(n / 10);
    const ones = n % 10;
    return `${tens === 1 ? '' : CN_DIGITS_OUT[tens]}十${ones ? CN_DIGITS_OUT[ones] : ''}`;
}

export interface NumberToken {
    value: number;
    start: number;
    end: number;
    /** True for 百分之X: the unit is %. */
    percent: boolean;
    chinese: boolean;
}

// Thousands separators only in groups of exactly three (28,803.30); 5,10 is two numbers.
const ARABIC = /(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?/y;
const CHINESE = /[〇零一二两三四五六七八九十百千]+/y;

const LONE_HUNDREDS: Record<string, number> = { 百: 100, 千: 1000 };
const HEDGE_AFTER = '余多';

/** A number starting exactly at `pos`, or undefined. */
export function readNumberAt(text: string, pos: number): NumberToken | undefined {
    if (text.startsWith('百分之', pos)) {
        const inner = readNumberAt(text, pos + 3);
        return inner && !inner.percent ? { ...inner, start: pos, percent: true } : undefined;
    }
    ARABIC.lastIndex = pos;
    const arabic = ARABIC.exec(text);
    if (arabic) {
        return { value: Number(arabic[0].replace(/,/g, '')), start: pos, end: pos + arabic[0].length, percent: false, chinese: false };
    }
    CHINESE.lastIndex = pos;
    const chinese = CHINESE.exec(text);
    if (chinese) {
        // Numerals longer than 一千二百三十四 are not quantities but prose (「十四五」 is masked elsewhere).
        // 百余篇, 千余人: a lone 百/千 before a hedge counts one hundred, one thousand (百家 stays a word).
        const lone = LONE_HUNDREDS[chinese[0]] !== undefined && HEDGE_AFTER.includes(text[pos + 1] ?? '') ? LONE_HUNDREDS[chinese[0]] : undefined;
        const value = lone ?? (chinese[0].length <= 8 ? parseChineseInteger(chinese[0]) : undefined);
        if (value !== undefined) return { value, start: pos, end: pos + chinese[0].length, percent: false, chinese: true };
    }
    return undefined;
}

// One formatter: Number#toLocaleString builds a new one on every call, which the checks do thousands of times.
const plainDecimal = new Intl.NumberFormat('en-US', { useGrouping: false, maximumFractionDigits: 10 });

/** Plain decimal text without exponent or grouping: 28803.3, 0.001, 96.6. */
export function formatNumber(value: number): string {
    if (!Number.isFinite(value)) return String(value);
    return plainDecimal.format(value);
}
