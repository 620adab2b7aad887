import { quoted, runsText, type MarkPlaces, type PlaceMarks } from './docx-places.js';
import { element, hides, isOn, named, valueOf, vanish, withoutElement, type HiddenStyles, type TableStyle } from './docx-styles.js';
import { cellHiding, hasConditionalFormats, tableLook, tableShapes, WORD_LOOK, type TableLook, type TableShape } from './docx-table-parts.js';

// Hidden text: a run formatted 「隐藏」 (w:vanish in its own properties) is neither shown nor printed by Word as it
// opens, so the reviewer reading the table does not see it — but mammoth knows no such property and reads it like any
// other: a draft remark or a former value typed after the value would join it (≥12（原为≥10场）场). The cell is read
// as Word shows it, and a note at the cell quotes what was left out, so nothing is lost without a word. So is text
// hidden by its styles or the document defaults (docx-styles.ts), unless the run's own w:vanish turns hiding off.

/** Runs of hidden text side by side (split by Word's editing history) are one text; between them may stand these. */
const BETWEEN_RUNS = /^(?:\s|<w:(?:proofErr|bookmarkStart|bookmarkEnd)\b[^>]*\/>)*$/;
// A tag's pattern stops at 「<」: a document of many tags not closed is not searched on to a far 「>」 for each.
const RUN_TAG = /<w:r(?=[\s>/])[^<>]*?(\/?)>|<\/w:r>/g;
const VANISH = /<w:vanish\b[^<>]*>/g;
/** How far back a hidden run's start is looked for: its tag and properties before the w:vanish. */
const LOOK_BACK = 1000;
/** How far on a run's own properties are looked for (a former formatting among them included). */
const LOOK_AHEAD = 2000;
/**
 * Where a table or a paragraph starts or ends, names its style or a former formatting, a table or a row names its look,
 * a row, a cell or a run starts (<w:rPr>, <w:pPr>, <w:tblPr>, <w:trPr>, <w:tcPr>, <w:tblPrEx> are not).
 */
const STYLE_TAGS = /<w:(?:p|tbl|tr|tc)(?=[\s>/])[^<>]*>|<\/w:(?:p|tbl)>|<w:(?:pStyle|tblStyle|tblLook|pPrChange|tblPrChange|tblPrExChange)(?=[\s>/])[^<>]*>|<w:r(?=[\s>/])[^<>]*>/g;
const CHARACTER_STYLE = element('w:rStyle');
/** The quoted text is cut to so many characters. */
const QUOTE_LENGTH = 20;

export interface HiddenText {
    /** the mark standing where the text was (docx-places.ts) */
    mark: number;
    text: string;
}

export function mayHaveHiddenText(xml: Buffer, styles: HiddenStyles | null): boolean {
    return styles !== null || xml.includes('<w:vanish');
}

interface Run {
    start: number;
    end: number;
}

/** A table being read: its style and look, the cell reached, and what the style says of hiding there. */
interface Table {
    styled: boolean;
    style: TableStyle | undefined;
    /** its w:tblLook's, null when it had none (yet) or the first was a former formatting's */
    look: TableLook | null;
    looked: boolean;
    /** the row's own look (w:tblPrEx/w:tblLook, in place of the table's for its cells), null when it has none */
    rowLook: TableLook | null;
    rowLooked: boolean;
    shape: TableShape | undefined;
    row: number;
    cell: number;
    hidden: boolean | undefined;
}

/** The document's XML with each hidden run replaced by a mark, and the texts taken out (runs without text go unsaid). */
export function withoutHiddenText(xml: string, marks: PlaceMarks, styles: HiddenStyles | null = null): { xml: string; hidden: HiddenText[] } {
    const direct: Run[] = [];
    for (const vanish of xml.matchAll(VANISH)) {
        if (!isOn(vanish[0]) || (direct.at(-1)?.end ?? -1) > vanish.index) continue;
        const run = hiddenRun(xml, vanish.index);
        // No run after it ends either (a document cut short): not looked through again for each.
        if (run === 'no end') break;
        if (run) direct.push(run);
    }
    // Both in the document's order; a run within one taken out already (in its text box) goes with it.
    const runs: Run[] = [];
    for (const run of styles ? [...direct, ...styledRuns(xml, styles)].sort((a, b) => a.start - b.start) : direct) {
        if ((runs.at(-1)?.end ?? -1) <= run.start) runs.push(run);
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
 * The run whose own properties hold the w:vanish at `at` ('no end' when it has none), or null: one on a paragraph mark
 * (<w:pPr><w:rPr>) joins two paragraphs without hiding their text, one in a former formatting (w:rPrChange) no longer
 * applies, and a run with a field's marks or code (w:fldChar, w:instrText) is kept whole, lest the field lose its
 * beginning, end or meaning.
 */
function hiddenRun(xml: string, at: number): Run | 'no end' | null {
    // A run's start and properties are short: looked for in the characters just before, not back through the document.
    const from = Math.max(0, at - LOOK_BACK);
    const before = xml.slice(from, at);
    if (before.lastIndexOf('<w:rPrChange') > before.lastIndexOf('</w:rPrChange>')) return null;
    const properties = before.lastIndexOf('<w:rPr');
    const tagStart = before.lastIndexOf('<', properties - 1);
    if (properties <= 0 || tagStart < 0 || before.lastIndexOf('</w:rPr>') > properties) return null;
    const opening = /^<w:r(?:\s[^>]*)?>\s*$/.exec(before.slice(tagStart, properties));
    if (!opening) return null;
    const start = from + tagStart;
    const end = runEnd(xml, start + opening[0].length);
    if (end < 0) return 'no end';
    return holdsField(xml, start, end) ? null : { start, end };
}

/** The end of the run whose content starts at `inside`, past any run in a text box it holds; -1 when it has none. */
function runEnd(xml: string, inside: number): number {
    RUN_TAG.lastIndex = inside;
    let depth = 1;
    for (let tag = RUN_TAG.exec(xml); tag; tag = RUN_TAG.exec(xml)) {
        if (tag[0] === '</w:r>') depth--;
        else if (!tag[1]) depth++;
        if (depth === 0) return tag.index + tag[0].length;
    }
    return -1;
}

const holdsField = (xml: string, start: number, end: number) => /<w:(?:fldChar|instrText)\b/.test(xml.slice(start, end));

/**
 * The runs hidden by their styles or the document defaults (docx-styles.ts hides) — unless the run's own w:vanish says
 * (on: taken by withoutHiddenText already; off: shown). Tables and paragraphs are kept on stacks, a text box's
 * paragraphs within the run that holds them; a table's style says what it says at each cell (docx-table-parts.ts).
 */
function styledRuns(xml: string, styles: HiddenStyles): Run[] {
    const runs: Run[] = [];
    const tables: Table[] = [];
    const paragraphs: Array<{ styled: boolean; hidden: boolean | undefined; table: boolean | undefined }> = [];
    const shapes = hasConditionalFormats(styles.table) ? tableShapes(xml) : null;
    const { defaults } = styles;
    for (const tag of xml.matchAll(STYLE_TAGS)) {
        const [text] = tag;
        const table = tables.at(-1);
        const paragraph = paragraphs.at(-1);
        if (text === '</w:p>') paragraphs.pop();
        else if (text === '</w:tbl>') tables.pop();
        // The block's own style and look come first in its properties, a former formatting (one that no longer
        // applies) last: one after it is the former's.
        else if (text.startsWith('<w:pPrChange')) {
            if (paragraph) paragraph.styled = true;
        } else if (text.startsWith('<w:tblPrChange')) {
            if (table) table.styled = table.looked = true;
        } else if (text.startsWith('<w:tblPrExChange')) {
            if (table) table.rowLooked = true;
        } else if (text.startsWith('<w:pStyle')) {
            if (!paragraph || paragraph.styled) continue;
            paragraph.styled = true;
            paragraph.hidden = styles.paragraph.get(valueOf(text) ?? '');
        } else if (text.startsWith('<w:tblStyle')) {
            if (!table || table.styled) continue;
            table.styled = true;
            table.style = styles.table.get(valueOf(text) ?? '');
            table.hidden = table.style?.parts.get('wholeTable');
        } else if (text.startsWith('<w:tblLook')) {
            if (!table) continue;
            // After a row starts, before its first cell: the row's exception to the table's look (w:tblPrEx), which
            // says the conditional formats its cells take (ECMA-376 Part 1 §17.4.55). The standard does not say from
            // which row bands are then counted; the row's look is taken for its cells in all (cellHiding).
            if (table.row >= 0) {
                if (table.rowLooked || table.cell >= 0) continue;
                table.rowLooked = true;
                table.rowLook = tableLook(text);
            } else if (!table.looked) {
                table.looked = true;
                table.look = tableLook(text);
            }
        } else if (text.startsWith('<w:tbl')) {
            if (text.endsWith('/>')) continue;
            const style = styles.table.get(defaults.table ?? '');
            tables.push({ styled: false, style, look: null, looked: false, rowLook: null, rowLooked: false, shape: shapes?.get(tag.index), row: -1, cell: -1, hidden: style?.parts.get('wholeTable') });
        } else if (text.startsWith('<w:tr')) {
            if (table) Object.assign(table, { row: table.row + 1, cell: -1, rowLook: null, rowLooked: false });
        } else if (text.startsWith('<w:tc')) {
            if (!table?.style) continue;
            table.cell++;
            table.hidden = cellHiding(table.style, table.rowLook ?? table.look ?? WORD_LOOK, table.shape, table.row, table.cell);
        } else if (text.startsWith('<w:p')) {
            if (!text.endsWith('/>')) paragraphs.push({ styled: false, hidden: styles.paragraph.get(defaults.paragraph ?? ''), table: table?.hidden });
        } else if (!text.endsWith('/>') && (runs.at(-1)?.end ?? -1) <= tag.index) {
            const inside = tag.index + text.length;
            // A place mark (docx-places.ts) stays where it is.
            if (xml.startsWith('<w:t>\uE000', inside)) continue;
            const properties = ownProperties(xml, inside);
            if (vanish(properties) !== undefined) continue;
            const character = styles.character.get(named(properties, CHARACTER_STYLE) ?? defaults.character ?? '');
            if (!hides({ table: paragraph?.table, paragraph: paragraph?.hidden, character }, styles.documentDefault)) continue;
            const end = runEnd(xml, inside);
            // No run after it ends either (a document cut short): not looked through again for each.
            if (end < 0) break;
            if (!holdsField(xml, tag.index, end)) runs.push({ start: tag.index, end });
        }
    }
    return runs;
}

/** A run's properties (<w:rPr> right after its tag at `inside`), without a former formatting; '' when it has none. */
function ownProperties(xml: string, inside: number): string {
    const ahead = xml.slice(inside, inside + LOOK_AHEAD);
    const opening = /^\s*<w:rPr(?:\s[^>]*)?>/.exec(ahead);
    if (!opening) return '';
    let end = ahead.indexOf('</w:rPr>', opening[0].length);
    // A former formatting holds a <w:rPr> of its own: the run's properties end after it.
    const former = ahead.lastIndexOf('<w:rPrChange', end);
    if (former >= opening[0].length) {
        const formerEnd = ahead.indexOf('</w:rPrChange>', former);
        end = formerEnd < 0 ? -1 : ahead.indexOf('</w:rPr>', formerEnd);
    }
    return end < 0 ? '' : withoutElement(ahead.slice(opening[0].length, end), 'w:rPrChange');
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
