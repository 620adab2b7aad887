import type { IToken } from 'chevrotain';
import { invisibleNames, invisibleRuns, isControl } from './domain/invisible-chars.js';
import { level1ByName, level2ByName } from './domain/taxonomy.js';
import { parseValue } from './domain/values.js';
import { structuredFormOf } from './validation/values.js';
import { quote as quoted } from './value-converter.js';
import { unquotedValueEnd } from './value-extent.js';

// What a syntax error most likely means, read off the line it stands in and the rule the parser was in. The parser
// reports where the text stops making sense, which is often a token after the mistake: a name alone is a 三级 without
// value, so a missing 「：」 shows only at the value (「此处应为「}」，却是「≥」」). The advice says what to type, and
// where the mistake is certain enough, the quick-fix that types it (lsp/fixes/syntax.ts). Each advice needs the line
// to say exactly that much: it is a guess.

/** The fourteen spellings of jxmb.langium's Operator: named once in a list of what may come. */
export const OPERATOR = /^[≥≤≧≦<>＜＞=＝]/;

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
    /** said of the whole line: given to the line's first error only */
    ofLine?: boolean;
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
/** A 三级 written `"名称"：值 ` so far, its 「：」 (and the blanks before it) captured: a 年度 may not follow. */
const VALUE_ONCE = new RegExp(String.raw`(?:^|[{｛}｝])[ \t\u3000]*${QUOTED}([ \t\u3000]*[：:])[ \t\u3000]*(?:${QUOTED}|[^"“「：:\s]+)[ \t\u3000]+$`, 'd');
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
    const pasted = pastedRowAdvice(text, offset);
    if (pasted) return pasted;
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
    // 年度 2024年 / 2024年度: the header's 年度 takes the number alone (the table's 「2024年度」 is the number and its label).
    if (/^年度?$/.test(image) && /(?:^|[ \t\u3000"”」])年度[ \t\u3000]*[0-9]+$/.test(before)) {
        return { hint: `（年度只写数字，如 年度 ${/[0-9]+$/.exec(before)![0]}）`, repair: replace(`删去「${image}」`, '') };
    }
    const slip = inputSlip(image, before, offset);
    if (slip) return slip;
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
    // `"名称"：≥45场次 年度：≥40场次`: the value after 「：」 stands for both columns; two values are 实施周期 and 年度.
    const once = image === '年度' ? VALUE_ONCE.exec(before)?.indices?.[1] : undefined;
    if (once) {
        return {
            hint: '（「：」之后的值是实施周期与年度共用的；两者不同时写作「"名称" 实施周期：… 年度：…」）',
            repair: { title: '写作「实施周期：… 年度：…」', offset: lineStart + once[0], length: once[1] - once[0], newText: ' 实施周期：' }
        };
    }
    const date = unquotedDate(text, offset, before);
    if (date) return date;
    // Chinese text that is no keyword is read as a unit (UNIT): a value, a name or a text without its quotes.
    if (token.tokenType?.name !== 'UNIT') return NONE;
    const words = unquotedWordValue(text, offset, image, before);
    if (words) return words;
    if (/(?:^|[{｛}｝])[ \t\u3000]*$/.test(before) && /^[ \t\u3000]*[：:]/.test(text.slice(offset + image.length))) {
        return { hint: `（三级指标名称要加引号，如 "${image}"：）`, repair: replace(`加上引号：「"${image}"」`, `"${image}"`) };
    }
    // A value or a text: the quotes go round all of it, not round the word the parser stopped at.
    const whole = text.slice(offset, Math.max(offset + image.length, unquotedValueEnd(text, offset)));
    const quote: Repair | undefined = glued(text, offset + whole.length) ? undefined
        : { title: `加上引号：「${quoted(whole)}」`, offset, length: whole.length, newText: quoted(whole) };
    if (ROW_VALUE_PLACE.test(before)) return { hint: `（文字指标值要加引号，如 ${quoted(whole)}；可度量的值直接写，如 ≥45场次）`, ...quote && { repair: quote } };
    if (/[：:][ \t\u3000]*$/.test(before)) return { hint: `（文字要加引号，如 ${quoted(whole)}）`, ...quote && { repair: quote } };
    return NONE;
}

/**
 * 「不少于50篇//"说明"」: the unquoted value runs into 「//」 or 「/*」, which the lexer reads as part of its unit. Quotes
 * round the value would make the rest of the line a comment (and take its strings): no repair is certain there.
 */
function glued(text: string, end: number): boolean {
    return text.startsWith('//', end) || text.startsWith('/*', end);
}

/** A cell of a table: text without jxmb's quotes, braces or 「：」 (a line with any of them is jxmb, however spaced). */
const CELL = /^[^"“”「」{}｛｝：:]+$/;

/**
 * Cells copied from Excel (一级, 二级, 三级, 值, 值 between tabs): each cell is an error of its own, none of which says
 * what happened. Said when the line's first cell is a 一级 or 二级, or its 三级 is followed by a value (≥10场).
 */
function pastedRowAdvice(text: string, offset: number): SyntaxAdvice | undefined {
    const start = text.lastIndexOf('\n', offset - 1) + 1;
    if (offset - start > LOOK_BACK) return undefined;
    const end = text.indexOf('\n', offset);
    const line = text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
    if (line.length > LOOK_BACK * 2) return undefined;
    const cells = line.trim().split(/[ \u3000]*\t[\t \u3000]*/);
    if (cells.length < 2 || !cells.every(cell => CELL.test(cell))) return undefined;
    const [first, ...rest] = cells as [string, ...string[]];
    if (!level1ByName(first) && !level2ByName(first) && !rest.some(cell => OPERATOR.test(cell) || /^\d/.test(cell))) return undefined;
    return {
        hint: '（这一行像是从表格复制的单元格，以制表符分隔：整张表请用命令「jxmb: 从表格导入」或 jxmb import 导入；在这里逐行写作 "名称"：值）',
        ofLine: true
    };
}

/** A name followed by a separator where its 「：」 belongs (`"名称"；≥20场次`, an input method's slip). */
const NAME_THEN_SEPARATOR = new RegExp(String.raw`(?:^|[{｛}｝])[ \t\u3000]*${QUOTED}[ \t\u3000]*([；;，,])[ \t\u3000]*$`);
/** A 三级's 「：」 typed twice: `"名称"：：≥20场次`. */
const NAME_THEN_COLON = new RegExp(String.raw`${QUOTED}[ \t\u3000]*[：:][ \t\u3000]*$`);

/** Slips of an input method between a 三级's name and its value: a separator for the 「：」, the 「：」 twice. */
function inputSlip(image: string, before: string, offset: number): SyntaxAdvice | undefined {
    const separator = (OPERATOR.test(image) || /^\d/.test(image)) ? NAME_THEN_SEPARATOR.exec(before) : null;
    if (separator) {
        const at = offset - before.length + before.lastIndexOf(separator[1]!);
        return {
            hint: `（三级指标名称与指标值之间应为「：」，这里是「${separator[1]}」）`,
            repair: { title: `把「${separator[1]}」改为「：」`, offset: at, length: 1, newText: '：' }
        };
    }
    if (/^[：:]$/.test(image) && NAME_THEN_COLON.test(before)) {
        return { hint: '（「：」写了两次）', repair: { title: '删去多余的「：」', offset, length: image.length, newText: '' } };
    }
    return undefined;
}

/** A number, with the operator and unit the DSL reads, just after a 三级's 「：」 (95%, ≥2024年). */
const NUMBER_AFTER_COLON = new RegExp(String.raw`${QUOTED}[ \t\u3000]*[：:][ \t\u3000]*([≥≤≧≦<>＜＞=＝]*[0-9][0-9,.]*[^\s"“「{}｛｝;；,，]*)$`);

/**
 * 「不少于50篇」, 「95%及以上」 unquoted: the words of a quantity split into tokens the grammar cannot take (不少于 is
 * read as a unit, 及以上 after 95% as the next thing). The whole value goes in quotes, or becomes its symbol form.
 */
function unquotedWordValue(text: string, offset: number, image: string, before: string): SyntaxAdvice | undefined {
    const afterNumber = NUMBER_AFTER_COLON.exec(before)?.[1];
    const start = afterNumber ? offset - afterNumber.length : offset;
    if (!afterNumber && !VALUE_PLACE.test(before)) return undefined;
    const whole = (afterNumber ?? '') + text.slice(offset, Math.max(offset, unquotedValueEnd(text, offset)));
    if (!/[0-9]/.test(whole) || whole.length <= image.length && !afterNumber) return undefined;
    const symbols = structuredFormOf(whole, parseValue(whole));
    const instead = symbols ? `，或写成 ${symbols}` : '';
    const hint = `（文字指标值要整段加引号，如 "${whole}"${instead}）`;
    if (glued(text, start + whole.length)) return { hint };
    return { hint, repair: { title: `加上引号：「"${whole}"」`, offset: start, length: whole.length, newText: `"${whole}"` } };
}

/**
 * ≤2024年12月31日 unquoted: 2024年 is read as a number and its unit, and the parser stops at 12. The DSL's date is
 * 2024-12-31; a whole date (年月日) has one certain rewrite, a month alone (12月前: 12-01 or 12-31?) only the quotes.
 */
function unquotedDate(text: string, offset: number, before: string): SyntaxAdvice | undefined {
    const head = /([≥≤≧≦<>＜＞=＝]*)([0-9]{4})年$/.exec(before);
    if (!head || !VALUE_PLACE.test(before.slice(0, before.length - head[0].length))) return undefined;
    const rest = /^([0-9]{1,2})月(?:([0-9]{1,2})日)?(前|之前|以前)?/.exec(text.slice(offset, offset + 20));
    if (!rest) return undefined;
    const start = offset - head[0].length;
    const written = head[0] + rest[0];
    if (!rest[2]) {
        const lastDay = new Date(Date.UTC(Number(head[2]), Number(rest[1]), 0)).getUTCDate();
        return { hint: `（日期写作 YYYY-MM-DD，如 ≤${head[2]}-${rest[1]!.padStart(2, '0')}-${lastDay}；按原样保留就加引号，如 "${written}"）` };
    }
    const op = head[1] || (rest[3] ? '≤' : '');
    const date = `${op}${head[2]}-${rest[1]!.padStart(2, '0')}-${rest[2].padStart(2, '0')}`;
    return {
        hint: `（日期写作 ${date}，或整段加引号，如 "${written}"）`,
        repair: { title: `改为「${date}」`, offset: start, length: written.length, newText: date }
    };
}

/**
 * A lexing error at `offset`: a hyphen between two numbers is a range written with the wrong sign (45-50); full-width
 * digits (２０, an input method's) are no number to the DSL; a character nobody sees is deleted.
 */
export function lexingErrorAdvice(text: string, offset: number): SyntaxAdvice {
    // Control characters are left to the lexing message, which shows their code and the length of their run: a run of
    // them is more often a pasted binary than a character carried in with a copied text.
    const hidden = invisibleRuns(text.slice(offset, offset + 40))[0];
    if (hidden?.index === 0 && !isControl(hidden.text[0]!)) {
        return { hint: '，多半是复制粘贴时带入的，删去即可', repair: { title: `删去不可见字符：${invisibleNames(hidden.text).join('、')}`, offset, length: hidden.text.length, newText: '' } };
    }
    const unclosed = unclosedQuoteAdvice(text, offset);
    if (unclosed) return unclosed;
    const wide = /^[０-９][０-９．，]*/.exec(text.slice(offset, offset + 40))?.[0];
    if (wide) {
        const narrow = wide.replace(/[０-９．，]/g, c => c === '．' ? '.' : c === '，' ? ',' : String.fromCharCode(c.charCodeAt(0) - 0xfee0));
        return { hint: `：数字要用半角，写作 ${narrow}`, repair: { title: `改为半角数字「${narrow}」`, offset, length: wide.length, newText: narrow } };
    }
    if (text[offset] !== '-' || !/\d/.test(text[offset - 1] ?? '') || !/\d/.test(text[offset + 1] ?? '')) return NONE;
    return { hint: '：区间写作「下限～上限」，如 45～50场次', repair: { title: '把「-」改为区间号「～」', offset, length: 1, newText: '～' } };
}

const CLOSING: Record<string, string> = { '"': '"', '“': '”', '「': '」' };

/**
 * A 三级's text value whose closing quote is not typed yet (`"名称"：“提升`): the string cannot go on into the next
 * row, so it ends with its line. Only a value: a 备注 may span lines, and a name closed so would still lack its value.
 */
function unclosedQuoteAdvice(text: string, offset: number): SyntaxAdvice | undefined {
    const closing = CLOSING[text[offset] ?? ''];
    if (!closing) return undefined;
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    if (offset - lineStart > LOOK_BACK) return undefined;
    const before = text.slice(lineStart, offset);
    if (!VALUE_PLACE.test(before)) return undefined;
    const lineEnd = text.indexOf('\n', offset);
    const rest = text.slice(offset + 1, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
    const content = rest.replace(/[ \t\u3000]+$/, '');
    if (content === '' || content.length > LOOK_BACK || /["“”「」\\]|\/\/|\/\*/.test(content)) return undefined;
    return { hint: '', repair: { title: `在行尾补上「${closing}」`, offset: offset + 1 + content.length, length: 0, newText: closing } };
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
