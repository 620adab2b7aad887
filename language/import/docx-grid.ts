// A row of a Word table may skip grid columns at its start or end (w:gridBefore, w:gridAfter in its w:trPr): Word
// writes that when cells were deleted instead of merged, or a row was pasted from a narrower table. mammoth ignores
// both, so each cell of such a row came out that many columns to the left, under another column's header. An empty
// cell spanning the skipped columns is put in their place before mammoth reads the document.

/** Whether the document has rows that skip grid columns (a quick test before the rewrite). */
export const mayHaveSkippedColumns = (xml: Buffer) => xml.includes('w:gridBefore') || xml.includes('w:gridAfter');

/** Word's tables have at most 63 columns: a larger count is a broken or hostile file, not a wider table. */
const MAX_SKIPPED = 63;

/** The tags that say where a row and its properties start and end, what a row skips, and a former formatting. */
const ROW_TAGS = /<w:tr(?=[\s>/])[^<>]*>|<\/w:tr>|<\/w:trPr>|<\/?w:trPrChange(?=[\s>/])[^<>]*>|<w:grid(?:Before|After)(?=[\s>/])[^<>]*>/g;
const VAL = /\bw:val\s*=\s*["']\s*(\d+)\s*["']/;

interface OpenRow {
    before: number;
    after: number;
    /** where the cells start: after the row's properties (or its start tag, when it has none that skip) */
    cellsAt: number;
}

/** The document's XML with an empty cell wherever a row skips grid columns; rows of nested tables too. */
export function withSkippedColumnCells(xml: string): string {
    const rows: OpenRow[] = [];
    const insertions: Array<{ at: number; text: string }> = [];
    let former = false;
    for (const match of xml.matchAll(ROW_TAGS)) {
        const [tag] = match;
        const end = match.index + tag.length;
        const row = rows.at(-1);
        if (tag === '</w:tr>') {
            rows.pop();
            if (row && row.before > 0) insertions.push({ at: row.cellsAt, text: emptyCell(row.before) });
            if (row && row.after > 0) insertions.push({ at: match.index, text: emptyCell(row.after) });
        } else if (tag === '</w:trPr>') {
            if (row) row.cellsAt = end;
        } else if (tag.startsWith('<w:trPrChange')) {
            former = !tag.endsWith('/>');
        } else if (tag.startsWith('</w:trPrChange')) {
            former = false;
        } else if (tag.startsWith('<w:grid')) {
            // A former row formatting's (a tracked change) no longer applies.
            if (row && !former) row[tag.startsWith('<w:gridBefore') ? 'before' : 'after'] = Math.min(MAX_SKIPPED, Number(VAL.exec(tag)?.[1] ?? 0));
        } else if (!tag.endsWith('/>')) {
            rows.push({ before: 0, after: 0, cellsAt: end });
        }
    }
    insertions.sort((a, b) => a.at - b.at);
    const pieces: string[] = [];
    let from = 0;
    for (const { at, text } of insertions) {
        pieces.push(xml.slice(from, at), text);
        from = at;
    }
    pieces.push(xml.slice(from));
    return pieces.join('');
}

const emptyCell = (columns: number) => `<w:tc><w:tcPr>${columns > 1 ? `<w:gridSpan w:val="${columns}"/>` : ''}</w:tcPr><w:p/></w:tc>`;
