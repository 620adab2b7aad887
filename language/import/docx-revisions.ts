import { quoted, runsText, type MarkPlaces, type PlaceMarks } from './docx-places.js';

// Revisions a Word document still carries (track changes not yet accepted or rejected). mammoth reads such a document
// as if every revision were accepted: inserted and moved-to text read, deleted and moved-from text and deleted rows
// left out. The unit may not know the table it sent still holds revisions, nor which reading it gets: one note says
// so, naming the first cells that hold them and what was inserted or deleted there, so that they can be found, and
// accepted or rejected in Word first.

const MARK = /<w:(ins|del|moveFrom|moveTo|cellIns|cellDel)\b(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;
/** Places named in the note, and the revisions named at each, each text cut to so many characters. */
const PLACES = 5;
const PER_PLACE = 2;
const EXAMPLE_LENGTH = 20;

/** Whether the mark at `at` stands in a row's properties (<w:trPr>: short, so a look back of a few hundred characters will do). */
function inRowProperties(xml: string, at: number): boolean {
    const before = xml.slice(Math.max(0, at - 600), at);
    return before.lastIndexOf('<w:trPr') > before.lastIndexOf('</w:trPr>');
}

/** Whether the XML may hold revision marks (a cheap look before the XML is read as text). */
export function mayHaveRevisions(xml: Buffer): boolean {
    return xml.includes('<w:ins') || xml.includes('<w:del') || xml.includes('<w:move') || xml.includes('<w:cell');
}

export interface Revisions {
    inserted: number;
    deleted: number;
    /** table rows deleted */
    rows: number;
    /** paragraph marks, cells inserted or deleted */
    other: number;
    /** the revisions holding runs, each with the mark put after it (docx-places.ts) */
    marked: Array<{ mark: number; insertion: boolean; text: string }>;
}

/** The document's revisions, and its XML with a mark after each revision of runs; null when it has none. */
export function markRevisions(xml: string, marks: PlaceMarks): { xml: string; revisions: Revisions } | null {
    const revisions: Revisions = { inserted: 0, deleted: 0, rows: 0, other: 0, marked: [] };
    let out = '';
    let last = 0;
    for (const mark of xml.matchAll(MARK)) {
        const [, kind, empty] = mark;
        if (empty) {
            // On a row's properties: the whole row inserted or deleted; elsewhere a paragraph mark (paragraphs split or
            // joined) or a cell inserted or deleted.
            const inRow = inRowProperties(xml, mark.index);
            if (inRow && kind === 'del') revisions.rows++;
            else if (!inRow) revisions.other++;
            continue;
        }
        const close = xml.indexOf(`</w:${kind}>`, mark.index);
        const end = close < 0 ? xml.length : close + `</w:${kind}>`.length;
        const insertion = kind === 'ins' || kind === 'moveTo' || kind === 'cellIns';
        if (insertion) revisions.inserted++;
        else revisions.deleted++;
        const body = xml.slice(mark.index, end);
        // Only where runs may stand: a revision of runs is itself in a paragraph (one within another is marked by it).
        if (close < 0 || mark.index < last || !/<w:r[\s>]/.test(body)) continue;
        const place = marks.add();
        revisions.marked.push({ mark: place.id, insertion, text: runsText(body) });
        out += xml.slice(last, end) + place.run;
        last = end;
    }
    const { inserted, deleted, rows, other } = revisions;
    return inserted + deleted + rows + other === 0 ? null : { xml: out + xml.slice(last), revisions };
}

/** The note on the document's revisions. */
export function revisionNote(revisions: Revisions, places: MarkPlaces): string {
    const { inserted, deleted, rows, other } = revisions;
    const counts = [
        inserted > 0 ? `插入 ${inserted} 处` : '', deleted > 0 ? `删除 ${deleted} 处` : '', rows > 0 ? `删除表格行 ${rows} 行` : '',
        other > 0 ? `其他修订 ${other} 处` : ''
    ].filter(Boolean);
    // Each place once, in the document's order, with what was done there.
    const byPlace = new Map<string, string[]>();
    for (const { mark, insertion, text } of revisions.marked) {
        const where = places.get(mark);
        if (where === undefined) continue; // in what mammoth does not read (a deleted row)
        const examples = byPlace.get(where) ?? [];
        if (text.trim()) examples.push(`${insertion ? '插入' : '删除'}${quoted(text, EXAMPLE_LENGTH)}`);
        byPlace.set(where, examples);
    }
    const named = [...byPlace].slice(0, PLACES).map(([where, examples]) => examples.length === 0 ? where
        : `${where}（${examples.slice(0, PER_PLACE).join('，')}${examples.length > PER_PLACE ? '，等' : ''}）`);
    const located = named.length === 0 ? '' : `，位于${named.join('、')}${byPlace.size > PLACES ? `等 ${byPlace.size} 处` : ''}`;
    return `文档中有尚未接受或拒绝的修订（${counts.join('，')}）${located}：按全部接受后的文字读取——插入的文字读入，删除的文字不读。`
        + '如果修订尚未定稿，请先在 Word 中用「审阅 → 接受/拒绝」处理后再导入。';
}
