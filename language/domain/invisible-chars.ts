// Characters a reader of a table cannot see, kept in names and texts when they are typed, pasted from a web page or
// imported: two names that look the same then differ (duplicate checks, completion, the finance system's matching),
// and a direction control makes a text read otherwise than it is written (U+202E before 「次场54≥」 shows it as ≥45场次).
//
// The set: every format character a Chinese table has no use for —
// - soft hyphen U+00AD: shown only where a line breaks, which a cell's text never decides;
// - zero-width space, non-joiner and joiner U+200B–U+200D, word joiner and the invisible operators U+2060–U+2064,
//   zero-width no-break space U+FEFF (a byte order mark inside a text);
// - direction marks, embeddings, overrides and isolates: U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069;
// - tag characters U+E0000–U+E007F: invisible letters that can carry a hidden text (to a language model, say);
// - control characters U+0000–U+001F and U+007F–U+009F but the tab and the line ends a text may hold, and the
//   noncharacters U+FFFE, U+FFFF: pasted from a terminal or a web form (ESC, BEL, NEL), shown as nothing or a box, and
//   an .xlsx cannot hold them (XML 1.0): compiling drops them, so the workbook's text differs from the declaration's.
// Left out, because they change what is shown or belong to a script's spelling: variation selectors (U+FE00–U+FE0F,
// U+E0100–U+E01EF choose the glyph of a Han character or an emoji), the Mongolian vowel separator U+180E and the
// combining grapheme joiner U+034F; and the spaces (U+00A0, U+3000 …), the line and paragraph separators, which show
// as space or a break.

const NAMES: Readonly<Record<number, string>> = {
    0x00ad: '软连字符',
    0x061c: '阿拉伯字母标记',
    0x200b: '零宽空格',
    0x200c: '零宽不连字',
    0x200d: '零宽连字',
    0x200e: '从左到右标记',
    0x200f: '从右到左标记',
    0x202a: '从左到右嵌入',
    0x202b: '从右到左嵌入',
    0x202c: '方向格式结束',
    0x202d: '从左到右覆盖',
    0x202e: '从右到左覆盖',
    0x2060: '词连接符',
    0x2061: '不可见函数符',
    0x2062: '不可见乘号',
    0x2063: '不可见分隔符',
    0x2064: '不可见加号',
    0x2066: '从左到右隔离',
    0x2067: '从右到左隔离',
    0x2068: '首强隔离',
    0x2069: '隔离结束',
    0xfeff: '零宽不换行空格',
    0x0000: '空字符',
    0x0007: '响铃符',
    0x0008: '退格符',
    0x000b: '垂直制表符',
    0x000c: '换页符',
    0x001b: '转义符',
    0x007f: '删除符',
    0x0085: '下一行符',
    0xfffe: '非字符',
    0xffff: '非字符'
};

const CONTROL = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufffe\\uffff';
const CLASS = CONTROL + '\\u00ad\\u061c\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff\\u{e0000}-\\u{e007f}';
/** One invisible character (a tag character is a surrogate pair: two UTF-16 units). */
const ONE = new RegExp(`[${CLASS}]`, 'u');
/** Runs of them, for finding each place once. */
const RUNS = new RegExp(`[${CLASS}]+`, 'gu');
const CONTROLS = new RegExp(`[${CONTROL}]`, 'u');
const DIRECTION = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
// What of the set changes what a comment shows: direction controls turn the line around (the comment's own text, and
// after a /* … */ the code on the same line: "Trojan Source"), tag characters hide a text in it. A zero-width space or
// a soft hyphen in a comment changes nothing anybody reads or anything the checks compare.
const SHOWN_OTHERWISE = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u{e0000}-\u{e007f}]+/gu;

export function hasInvisible(text: string): boolean {
    return ONE.test(text);
}

export function withoutInvisible(text: string): string {
    return text.replace(RUNS, '');
}

/** Whether the character changes the order in which the text around it is shown. */
export function isDirectionControl(char: string): boolean {
    return DIRECTION.test(char);
}

export interface InvisibleRun {
    /** offset in UTF-16 units */
    index: number;
    text: string;
}

/** Whether the character is a control character or a noncharacter, which an .xlsx cannot hold. */
export function isControl(char: string): boolean {
    return CONTROLS.test(char);
}

/** Each run of invisible characters, in order. */
export function invisibleRuns(text: string): InvisibleRun[] {
    return [...text.matchAll(RUNS)].map(m => ({ index: m.index, text: m[0] }));
}

/** Each run of the characters that make a comment show otherwise than it is written, in order. */
export function commentRuns(text: string): InvisibleRun[] {
    return [...text.matchAll(SHOWN_OTHERWISE)].map(m => ({ index: m.index, text: m[0] }));
}

/** U+200B */
export function codePointLabel(char: string): string {
    return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** 「零宽空格 U+200B」 */
export function invisibleName(char: string): string {
    const code = char.codePointAt(0)!;
    const name = NAMES[code] ?? (code >= 0xe0000 ? '标签字符' : isControl(char) ? '控制字符' : '不可见字符');
    return `${name} ${codePointLabel(char)}`;
}

/** The kinds of invisible characters in a text, each named once, in the order they first stand: 「零宽空格 U+200B、…」. */
export function invisibleNames(text: string): string[] {
    return runNames(invisibleRuns(text));
}

/** The kinds of characters in the runs, each named once, in order. */
export function runNames(runs: readonly InvisibleRun[]): string[] {
    const names: string[] = [];
    for (const run of runs) {
        for (const char of run.text) {
            const name = invisibleName(char);
            if (!names.includes(name)) names.push(name);
        }
    }
    return names;
}

/**
 * The text with each invisible character shown as 〈U+200B〉: for messages and reports, where the character itself
 * would hide again or, a direction control, turn the rest of the line around.
 */
export function markInvisible(text: string): string {
    return text.replace(RUNS, run => [...run].map(char => `〈${codePointLabel(char)}〉`).join(''));
}
