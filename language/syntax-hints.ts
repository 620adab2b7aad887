import type { IToken } from 'chevrotain';
import { level1ByName, level2ByName } from './domain/taxonomy.js';
import { OPERATOR } from './syntax-messages.js';

// What a syntax error most likely means, read off the line it stands in and the rule the parser was in. The parser
// reports where the text stops making sense, which is often a token after the mistake: a name alone is a 三级 without
// value, so a missing 「：」 shows only at the value (「此处应为「}」，却是「≥」」). The advice says what to type, and
// where the mistake is certain enough, the quick-fix that types it (lsp/fixes/syntax.ts). Each advice needs the line
// to say exactly that much: it is a guess.

/** An edit that repairs the text, by offsets (the validator turns them into a range). */
export interface Repair {
    title: string;
    offset: number;
    length: number;
    newText: string;
}

export interface SyntaxAdvice {
    /** in parentheses, to go before the message's closing 「。」 */
    hint: string;
    repair?: Repair;
}

const QUOTED = String.raw`(?:"(?:[^"\\\n]|\\.)*"|“[^”\n]*”|「[^」\n]*」)`;
/** The line so far ends with a quoted name: at the line's start or after a brace (`数量指标 { "名称" `). */
const NAME_ONLY = new RegExp(String.raw`(?:^|[{｛}｝])[ \t\u3000]*${QUOTED}[ \t\u3000]*$`);
/** The line so far is a 三级 name and the place of its value: after 「：」, 实施周期 or 年度. */
const ROW_VALUE_PLACE = new RegExp(String.raw`(?:^|[{｛}｝])[ \t\u3000]*${QUOTED}[^"“「]*(?:[：:]|实施周期|年度)[ \t\u3000]*$`);
/** The line so far ends with a 「：」 and nothing after it (a value was to follow). */
const COLON_AT_END = /[：:]\s*$/;
/** A 三级 name and, after it, 年度 already. */
const ANNUAL_WRITTEN = new RegExp(String.raw`${QUOTED}[^"“「]*年度`);
const RANGE_SIGN = /^[~～–]$/;
const LOOK_BACK = 400;
const NONE: SyntaxAdvice = { hint: '' };

/**
 * The advice for a parser error at `token` of `text`; `rule` is the grammar rule the parser was in (the last of the
 * error's rule stack).
 */
export function parserErrorAdvice(text: string, token: IToken, rule: string | undefined): SyntaxAdvice {
    const offset = token.startOffset;
    if (!Number.isInteger(offset) || offset < 0 || offset > text.length) return NONE;
    const image = token.image ?? '';
    const replace = (title: string, newText: string): Repair => ({ title, offset, length: image.length, newText });
    const inRule = rule?.replace(/\u200B$/, '');
    // 产出 { / 数量 {: a 一级 or 二级 written short, where the grammar takes its full name (the rule says which level).
    const category = inRule === 'IndicatorTree' ? level1ByName(image) : inRule === 'Level1Group' ? level2ByName(image) : undefined;
    if (category && category.name !== image) {
        return { hint: `（应写作「${category.name}」）`, repair: replace(`改为「${category.name}」`, category.name) };
    }
    if (inRule === 'ProjectDeclaration' && image === '项目') return { hint: '（项目写在资金使用单位之内：单位 "…" { 项目 "…" { … } }）' };
    // The line before the token, at most LOOK_BACK characters of it (junk text has lines of a megabyte).
    const window = text.slice(Math.max(0, offset - LOOK_BACK), offset);
    const lineStart = offset - window.length + window.lastIndexOf('\n') + 1;
    const before = text.slice(lineStart, offset);
    if ((OPERATOR.test(image) || /^\d/.test(image)) && NAME_ONLY.test(before)) {
        // The blanks between name and value become the 「：」.
        const gap = /[ \t\u3000]*$/.exec(before)![0].length;
        return { hint: '（三级指标名称与指标值之间应有「：」）', repair: { title: '在名称后插入「：」', offset: offset - gap, length: gap, newText: '：' } };
    }
    if (RANGE_SIGN.test(image) && /\d[ \t\u3000]*$/.test(before)) return { hint: '（区间的两端都要写数字，如 90～95%）' };
    if (/^[：:]$/.test(image) && NAME_ONLY.test(before) && COLON_AT_END.test(previousLine(text, lineStart))) {
        return { hint: '（上一行的「：」之后缺少指标值，这一行的名称被读成了它的值）' };
    }
    // `"名称"：` and the block ends: the value is missing.
    if (/^[}｝]$/.test(image) && (COLON_AT_END.test(before) || (/^[ \t\u3000]*$/.test(before) && COLON_AT_END.test(previousLine(text, lineStart))))) {
        return { hint: '（「：」之后缺少指标值）' };
    }
    // 年度 before 实施周期: the grammar takes them in the table's order.
    if (image === '实施周期' && ANNUAL_WRITTEN.test(before)) {
        return { hint: '（先写实施周期，再写年度：「"名称" 实施周期：… 年度：…」）' };
    }
    // Chinese text that is no keyword is read as a unit (UNIT): a value, a name or a text without its quotes.
    if (token.tokenType?.name !== 'UNIT') return NONE;
    const quote = replace(`加上引号：「"${image}"」`, `"${image}"`);
    if (ROW_VALUE_PLACE.test(before)) return { hint: `（文字指标值要加引号，如 "${image}"；可度量的值直接写，如 ≥45场次）`, repair: quote };
    if (/[：:][ \t\u3000]*$/.test(before)) return { hint: `（文字要加引号，如 "${image}"）`, repair: quote };
    if (/(?:^|[{｛}｝])[ \t\u3000]*$/.test(before) && /^[ \t\u3000]*[：:]/.test(text.slice(offset + image.length))) {
        return { hint: `（三级指标名称要加引号，如 "${image}"：）`, repair: quote };
    }
    return NONE;
}

/** A lexing error at `offset`: a hyphen between two numbers is a range written with the wrong sign (45-50). */
export function lexingErrorAdvice(text: string, offset: number): SyntaxAdvice {
    if (text[offset] !== '-' || !/\d/.test(text[offset - 1] ?? '') || !/\d/.test(text[offset + 1] ?? '')) return NONE;
    return { hint: '：区间写作「下限～上限」，如 45～50场次', repair: { title: '把「-」改为区间号「～」', offset, length: 1, newText: '～' } };
}

/** A 三级's value place, the row perhaps not the first on its line: `"名称"：`, `"名称" 实施周期：`. */
const VALUE_PLACE = new RegExp(String.raw`${QUOTED}[ \t\u3000]*(?:[：:]|(?:实施周期|年度)[ \t\u3000]*[：:]?)[ \t\u3000]*$`);
// The amount keys of jxmb.langium end so (基本支出, 财政拨款, 区本级使用资金, 总计, 财政供养人员数); 拟投入资金 too.
const AMOUNT_PLACE = /(?:支出|资金|拨款|总计|人员数|单位数)[ \t\u3000]*[：:]?[ \t\u3000]*$/;

/**
 * The lexer's message for a minus sign before a number, where it stands: an amount (项目支出 -100.00) or a 三级's value
 * (「：-5%」). Undefined elsewhere: the generic message stays.
 */
export function negativeNumberMessage(text: string, offset: number): string | undefined {
    if (!/^[-－−][0-9]/.test(text.slice(offset, offset + 2))) return undefined;
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const before = text.slice(Math.max(lineStart, offset - LOOK_BACK), offset);
    const number = /^[-－−][0-9][0-9,]*(?:\.[0-9]+)?/.exec(text.slice(offset, offset + 40))![0];
    if (AMOUNT_PLACE.test(before)) {
        return `金额不能为负：「${number}」的「${number[0]}」无法识别；金额以万元填写正数，没有这项资金填 0.00，未知填「空」。`;
    }
    if (VALUE_PLACE.test(before)) {
        return `指标值不能是负数「${number}」：减少写作 "较上年下降5%"，要求不发生写作 =0起；说明性的文字放进引号。`;
    }
    return undefined;
}

/** The message with the hint before its closing 「。」. */
export function withHint(message: string, hint: string): string {
    if (!hint || message.includes(hint)) return message;
    return message.endsWith('。') ? `${message.slice(0, -1)}${hint}。` : `${message}${hint}`;
}

/** The last non-blank line before `lineStart` (comments are not looked at: a hint is a guess anyway). */
function previousLine(text: string, lineStart: number): string {
    let end = lineStart - 1;
    while (end > 0) {
        const start = text.lastIndexOf('\n', end - 1) + 1;
        const line = text.slice(start, end);
        if (line.trim() !== '') return line;
        end = start - 1;
    }
    return '';
}
