import { decodeEntities } from './xml-entities.js';

// A note on something mammoth leaves out (hidden text, deleted text) must name the cell it was in, as the report names
// cells: by the table's grid after merged cells are resolved, which only the HTML gives (html-table.ts). So the place is
// marked in the document's XML by a run of its own, whose text mammoth carries into the cell where the place was;
// html-table.ts takes each mark out of the text and says where it stood.

/** A mark's text: its number between two private-use characters, which no table of the official forms holds. */
export const MARK_TEXT = /\uE000(\d+)\uE001/g;

/** Hands out the marks of one document, each a plain run (no formatting, so mammoth writes it as bare text). */
export class PlaceMarks {
    private count = 0;

    /** A new mark: its number, and the run to stand in the XML where the place is. */
    add(): { id: number; run: string } {
        const id = this.count++;
        return { id, run: `<w:r><w:t>\uE000${id}\uE001</w:t></w:r>` };
    }
}

/** Where each mark stood, by its number: 「表1 第5行第6列」, 「正文第2段」. */
export type MarkPlaces = ReadonlyMap<number, string>;

const TEXT = /<w:(?:t|delText)\b[^>]*>([^<]*)<\/w:(?:t|delText)>/g;

/** The text of the runs in an XML fragment, typed or deleted. */
export function runsText(xml: string): string {
    return decodeEntities([...xml.matchAll(TEXT)].map(m => m[1]).join(''));
}

/** A text quoted in a note: trimmed, cut to `length` characters, with its length when cut. */
export function quoted(text: string, length: number): string {
    const chars = Array.from(text.trim());
    return chars.length > length ? `「${chars.slice(0, length).join('')}…」（${chars.length} 字）` : `「${chars.join('')}」`;
}
