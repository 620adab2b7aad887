import type { IToken } from 'chevrotain';

// What a syntax error most likely means, read off the line it stands in. The parser reports where the text stops
// making sense, which is often a token after the mistake: a name alone is a 三级 without value, so a missing 「：」
// shows only at the value (「此处应为「}」，却是「≥」」). These hints say what to type; they are guesses, so each
// needs the line to say exactly that much.

const QUOTED = String.raw`(?:"(?:[^"\\\n]|\\.)*"|“[^”\n]*”|「[^」\n]*」)`;
/** The line so far ends with a quoted name: at the line's start or after a brace (`数量指标 { "名称" `). */
const NAME_ONLY = new RegExp(String.raw`(?:^|[{｛}｝])[ \t\u3000]*${QUOTED}[ \t\u3000]*$`);
/** The line so far ends with a 「：」 and nothing after it (a value was to follow). */
const COLON_AT_END = /[：:]\s*$/;
/** The line so far is a 三级 name and the place of its value: after 「：」, 实施周期 or 年度. */
const ROW_VALUE_PLACE = new RegExp(String.raw`(?:^|[{｛}｝])[ \t\u3000]*${QUOTED}[^"“「]*(?:[：:]|实施周期|年度)[ \t\u3000]*$`);
const STARTS_VALUE = /^(?:[≥≤≧≦<>＜＞=＝]|\d)/;
const RANGE_SIGN = /^[~～–]$/;
const LOOK_BACK = 400;

/** A hint in parentheses for the parser error at `token` of `text`, or ''. */
export function syntaxHint(text: string, token: IToken): string {
    const offset = token.startOffset;
    if (!Number.isInteger(offset) || offset < 0 || offset > text.length) return '';
    // The line before the token, at most LOOK_BACK characters of it (junk text has lines of a megabyte).
    const window = text.slice(Math.max(0, offset - LOOK_BACK), offset);
    const lineStart = offset - window.length + window.lastIndexOf('\n') + 1;
    const before = text.slice(lineStart, offset);
    const image = token.image ?? '';
    if (STARTS_VALUE.test(image) && NAME_ONLY.test(before)) return '（三级指标名称与指标值之间应有「：」）';
    if (RANGE_SIGN.test(image) && /\d[ \t\u3000]*$/.test(before)) return '（区间的两端都要写数字，如 90～95%）';
    if (/^[：:]$/.test(image) && NAME_ONLY.test(before) && COLON_AT_END.test(previousLine(text, lineStart))) {
        return '（上一行的「：」之后缺少指标值，这一行的名称被读成了它的值）';
    }
    // Chinese text that is no keyword is read as a unit (UNIT): a value, a name or a category, written wrong.
    if (token.tokenType?.name === 'UNIT') return wordHint(image, before, text.slice(offset + image.length));
    return '';
}

function wordHint(image: string, before: string, after: string): string {
    if (ROW_VALUE_PLACE.test(before)) return `（文字指标值要加引号，如 "${image}"；可度量的值直接写，如 ≥45场次）`;
    if (/[：:][ \t\u3000]*$/.test(before)) return `（文字要加引号，如 "${image}"）`;
    if (/(?:^|[{｛}｝])[ \t\u3000]*$/.test(before) && /^[ \t\u3000]*[：:]/.test(after)) {
        return `（三级指标名称要加引号，如 "${image}"：）`;
    }
    return '';
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
