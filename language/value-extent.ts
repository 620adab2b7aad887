// How far the 「加上引号」 repair of syntax-hints.ts reaches. The parser stops at the first word it cannot take
// (`不少于` of `不少于50篇`); quoting that word only, `"不少于"50篇`, still does not parse. A value or text written
// without quotes goes on to the end of what it stands for: the end of the line, a comment, a brace, the next quoted
// name; in a 三级 row also a separator (「；」, or a 「，」 that is not a thousands separator) and the 年度 column after
// the 实施周期 one.

const ROW_START = /^[ \t\u3000]*(?:[{｛}｝][ \t\u3000]*)*(?:"(?:[^"\\\n]|\\.)*"|“[^”\n]*”|「[^」\n]*」)/;
const ALWAYS_STOP = /\/\/|\/\*|[{｛}｝"“「\n\r]/g;
const ROW_STOP = /[;；]|[,，](?!\d)|(?<!\d)[,，]|[ \t\u3000]+年度(?![\u4e00-\u9fff])/g;

/** The end offset of the unquoted value that starts at `start` of `text` (trailing blanks left out). */
export function unquotedValueEnd(text: string, start: number): number {
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const inRow = ROW_START.test(text.slice(lineStart, start));
    let end = firstMatch(ALWAYS_STOP, text, start) ?? text.length;
    if (inRow) {
        // Only a stop before `end` counts: searched in the value and the character on either side (what the look-behind
        // and look-aheads read), not to the end of a text whose rows all lack a separator (once per broken row).
        const from = Math.max(0, start - 1);
        const stop = firstMatch(ROW_STOP, text.slice(from, end + 1), start - from);
        if (stop !== undefined) end = Math.min(end, from + stop);
    }
    while (end > start && /[ \t\u3000]/.test(text[end - 1]!)) end--;
    return end;
}

function firstMatch(pattern: RegExp, text: string, from: number): number | undefined {
    pattern.lastIndex = from;
    const match = pattern.exec(text);
    return match?.index;
}
