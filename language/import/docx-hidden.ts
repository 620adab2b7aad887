import { quoted, runsText, type MarkPlaces, type PlaceMarks } from './docx-places.js';

// Hidden text: a run formatted 「隐藏」 (w:vanish in its own properties) is neither shown nor printed by Word as it
// opens, so the reviewer reading the table does not see it — but mammoth knows no such property and reads it like any
// other: a draft remark or a former value typed after the value would join it (≥12（原为≥10场）场). The cell is read
// as Word shows it, and a note at the cell quotes what was left out, so nothing is lost without a word.
// Hidden by a style (a character style with w:vanish, in styles.xml) is not looked at: the forms do not use one.

/** Runs of hidden text side by side (split by Word's editing history) are one text; between them may stand these. */
const BETWEEN_RUNS = /^(?:\s|<w:(?:proofErr|bookmarkStart|bookmarkEnd)\b[^>]*\/>)*$/;
const RUN_TAG = /<w:r(?=[\s>/])[^>]*?(\/?)>|<\/w:r>/g;
/** On, unless its value says off (w:val="0", "false", "off"). */
const VANISH = /<w:vanish\b([^>]*)>/g;
const OFF = /w:val\s*=\s*["'](?:0|false|off)["']/;
/** How far back a hidden run's start is looked for: its tag and properties before the w:vanish. */
const LOOK_BACK = 1000;
/** The quoted text is cut to so many characters. */
const QUOTE_LENGTH = 20;

export interface HiddenText {
    /** the mark standing where the text was (docx-places.ts) */
    mark: number;
    text: string;
}

export function mayHaveHiddenText(xml: Buffer): boolean {
    return xml.includes('<w:vanish');
}

/** The document's XML with each hidden run replaced by a mark, and the texts taken out (runs without text go unsaid). */
export function withoutHiddenText(xml: string, marks: PlaceMarks): { xml: string; hidden: HiddenText[] } {
    const runs: Array<{ start: number; end: number }> = [];
    for (const vanish of xml.matchAll(VANISH)) {
        if (OFF.test(vanish[1]!) || (runs.at(-1)?.end ?? -1) > vanish.index) continue;
        const run = hiddenRun(xml, vanish.index);
        if (run) runs.push(run);
    }
    const hidden: HiddenText[] = [];
    let out = '';
    let last = 0;
    for (const run of runs) {
        const text = runsText(xml.slice(run.start, run.end));
        const previous = hidden.at(-1);
        if (previous && BETWEEN_RUNS.test(xml.slice(last, run.start))) {
            previous.text += text;
            out += xml.slice(last, run.start);
        } else {
            const mark = marks.add();
            hidden.push({ mark: mark.id, text });
            out += xml.slice(last, run.start) + mark.run;
        }
        last = run.end;
    }
    return { xml: out + xml.slice(last), hidden: hidden.filter(h => h.text.trim() !== '') };
}

/**
 * The run whose own properties hold the w:vanish at `at`, or null: one on a paragraph mark (<w:pPr><w:rPr>) joins two
 * paragraphs without hiding their text, one in a former formatting (w:rPrChange) no longer applies, and a run with a
 * field's marks or code (w:fldChar, w:instrText) is kept whole, lest the field lose its beginning, end or meaning.
 */
function hiddenRun(xml: string, at: number): { start: number; end: number } | null {
    // A run's start and properties are short: looked for in the characters just before, not back through the document.
    const from = Math.max(0, at - LOOK_BACK);
    const before = xml.slice(from, at);
    if (before.lastIndexOf('<w:rPrChange') > before.lastIndexOf('</w:rPrChange>')) return null;
    const properties = before.lastIndexOf('<w:rPr');
    const tagStart = before.lastIndexOf('<', properties - 1);
    if (properties <= 0 || tagStart < 0 || before.lastIndexOf('</w:rPr>') > properties) return null;
    const opening = /^<w:r(?:\s[^>]*)?>\s*$/.exec(before.slice(tagStart, properties));
    if (!opening) return null;
    // The run's end, past any run in a text box it holds.
    RUN_TAG.lastIndex = from + tagStart + opening[0].length;
    let depth = 1;
    for (let tag = RUN_TAG.exec(xml); tag; tag = RUN_TAG.exec(xml)) {
        if (tag[0] === '</w:r>') depth--;
        else if (!tag[1]) depth++;
        if (depth === 0) {
            const end = tag.index + tag[0].length;
            return /<w:(?:fldChar|instrText)\b/.test(xml.slice(from + tagStart, end)) ? null : { start: from + tagStart, end };
        }
    }
    return null;
}

/** A note for each place with hidden text, several texts of one place in one note. */
export function hiddenTextNotes(hidden: readonly HiddenText[], places: MarkPlaces): Array<{ where: string; message: string }> {
    const byPlace = new Map<string, string[]>();
    for (const { mark, text } of hidden) {
        const where = places.get(mark);
        // Not found again: it stood where mammoth reads nothing (a deleted row).
        if (where === undefined) continue;
        const texts = byPlace.get(where) ?? [];
        byPlace.set(where, [...texts, quoted(text, QUOTE_LENGTH)]);
    }
    return [...byPlace].map(([where, texts]) => ({
        where,
        message: `${where.startsWith('正文') ? '此段' : '此格'}中有隐藏文字${texts.join('')}（Word 中默认不显示，也不打印）：按 Word 显示的内容读取，`
            + '未读入这些文字。如果应当读入，请在 Word 中取消其「隐藏」格式后再导入。'
    }));
}
