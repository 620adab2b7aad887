import { MARK_TEXT } from './docx-places.js';
import type { SourceCell, SourceTable } from './source.js';
import { decodeEntities } from './xml-entities.js';

// The HTML that mammoth makes of a .docx → one row stream: every paragraph outside a table is a row of one cell
// (titles, 「部门名称：…」, 「单位：万元」), every table row a row of cells laid out on the table's grid with
// rowspan/colspan: a merged cell reads as the table shows it, each slot it covers holding its text, the slots after the
// first marked with the range (SourceCell.merge), as for .xlsx. Paragraphs inside a cell are joined
// with line breaks; a table inside a cell becomes lines of the cell, one per row, with a note (the official tables
// have one level). mammoth's HTML is regular (no attributes but spans, entities escaped), so a tokenizer suffices.
// The marks docx-table.ts put in the text (docx-places.ts) are taken out, each with the cell or paragraph it was in.
// A table of one cell holding tables is a frame drawn around the page's content: what it holds is read as if it stood
// outside it, its tables as tables (frameTags). So is a table of one column (each row one cell) holding tables: the
// frame's title in a row above the table's (项目支出绩效目标申报表), read as the title paragraph above a table is.

interface OpenCell {
    text: string[];
    paragraph: string;
    rowSpan: number;
    colSpan: number;
    /** where it starts on the table's grid */
    gridRow: number;
    col: number;
}

const cellText = (cell: OpenCell) => [...cell.text, cell.paragraph].map(s => s.trim()).filter(Boolean).join('\n');

/** 第2–3行第5列: the slots a merged cell covers, as the report names a Word table's cells. */
function spanLabel(table: number, cell: OpenCell): string {
    const range = (first: number, count: number) => count > 1 ? `${first}–${first + count - 1}` : `${first}`;
    return `表${table} 第${range(cell.gridRow + 1, cell.rowSpan)}行第${range(cell.col + 1, cell.colSpan)}列`;
}

/** A table inside a cell, while it is read: its rows' cell texts (deeper tables flattened into them). */
interface NestedTable {
    rows: string[][];
}

/** The nested table's rows as lines, each row's cells apart by a space. */
const nestedLines = (nested: NestedTable) =>
    nested.rows.map(row => row.map(text => text.replace(/\s+/g, ' ').trim()).filter(Boolean).join(' ')).filter(Boolean).join('\n');

/**
 * The tags (by their index among `tokens`) that open and close the frames: tables outside any table, of one cell in
 * each row, which hold a table; each with whether its frame has more than one row.
 */
function frameTags(tokens: readonly string[]): Map<number, boolean> {
    const frames = new Map<number, boolean>();
    let depth = 0;
    let own: number[] = [];
    let rows = 0;
    let rowCells = 0;
    let oneColumn = true;
    let holdsTable = false;
    tokens.forEach((token, i) => {
        const m = /^<(\/?)(table|tr|td|th)\b/i.exec(token);
        if (!m) return;
        const closing = m[1] === '/';
        const tag = m[2]!.toLowerCase();
        if (tag === 'table' && !closing && ++depth === 1) {
            own = [i];
            rows = 0;
            oneColumn = true;
            holdsTable = false;
        } else if (tag === 'table' && !closing && depth === 2) {
            holdsTable = true;
        } else if (tag === 'table' && closing) {
            if (depth-- === 1 && rows > 0 && oneColumn && holdsTable) for (const at of [...own, i]) frames.set(at, rows > 1);
        } else if (depth === 1) {
            own.push(i);
            if (!closing && tag === 'tr') {
                rows++;
                rowCells = 0;
            } else if (!closing) rowCells++;
            // A row of another count of cells (none: covered by a merged cell above) is no frame's.
            if (closing && tag === 'tr' && rowCells !== 1) oneColumn = false;
        }
    });
    return frames;
}

export function htmlTable(html: string): SourceTable & { marks: Map<number, string> } {
    const rows: SourceCell[][] = [];
    const marks = new Map<number, string>();
    /** marks in the paragraph outside tables not yet ended: it is named when it ends */
    let outsideMarks: number[] = [];
    const notes: Array<{ where: string; message: string }> = [];
    let nested: NestedTable | null = null;
    const addToNested = (text: string) => {
        const row = nested!.rows.at(-1) ?? (nested!.rows[0] = []);
        if (row.length === 0) row.push('');
        row[row.length - 1] += text;
    };
    let tableNo = 0;
    let depth = 0;
    // Grid state of the current (outermost) table.
    let occupied: OpenCell[][] = [];
    let gridRow = -1;
    let rowCells: Array<{ col: number; cell: OpenCell }> = [];
    let cell: OpenCell | null = null;
    let outside = '';
    let paragraphNo = 0;

    const flushOutside = () => {
        const text = outside.replace(/[ \t]+\n/g, '\n').trim();
        outside = '';
        if (!text) {
            // A paragraph that held nothing but marks (all its text hidden): named by the one before.
            for (const id of outsideMarks) marks.set(id, paragraphNo === 0 ? '正文开头' : `正文第${paragraphNo}段之后`);
            outsideMarks = [];
            return;
        }
        paragraphNo++;
        for (const id of outsideMarks) marks.set(id, `正文第${paragraphNo}段`);
        outsideMarks = [];
        rows.push([{ text, where: `正文第${paragraphNo}段`, row: rows.length, col: 0, place: { kind: 'paragraph', paragraph: paragraphNo } }]);
    };
    const endRow = () => {
        if (gridRow < 0) return;
        const width = Math.max(0, ...rowCells.map(c => c.col + c.cell.colSpan), occupied[gridRow]?.length ?? 0);
        const row: SourceCell[] = [];
        for (let col = 0; col < width; col++) {
            const covering = occupied[gridRow]?.[col];
            const text = covering ? cellText(covering) : '';
            const slot: SourceCell = { text, where: `表${tableNo} 第${gridRow + 1}行第${col + 1}列`, row: rows.length, col, place: { kind: 'table-cell', table: tableNo, row: gridRow + 1, column: col + 1 } };
            if (covering && (covering.gridRow !== gridRow || covering.col !== col)) slot.merge = spanLabel(tableNo, covering);
            row.push(slot);
        }
        rows.push(row);
        rowCells = [];
    };

    const tokens = html.match(/<[^>]*>|[^<]+/g) ?? [];
    const frames = frameTags(tokens);
    /** in a frame: of one cell, or of one column (other rows beside the table's) */
    let inFrame: 'cell' | 'column' | null = null;
    for (const [i, token] of tokens.entries()) {
        const frame = frames.get(i);
        if (frame !== undefined) {
            // The frame's cells end paragraphs as the page would.
            flushOutside();
            if (/^<table/i.test(token)) inFrame = frame ? 'column' : 'cell';
            else if (/^<\/table/i.test(token)) inFrame = null;
            continue;
        }
        if (!token.startsWith('<')) {
            const text = decodeEntities(token).replace(MARK_TEXT, (_, id: string) => {
                if (cell && depth >= 1) marks.set(Number(id), spanLabel(tableNo, cell));
                else if (depth >= 1) marks.set(Number(id), `表${tableNo}`);
                else outsideMarks.push(Number(id));
                return '';
            });
            if (nested) addToNested(text);
            else if (cell && depth >= 1) cell.paragraph += text;
            else outside += text;
            continue;
        }
        const m = /^<(\/?)([a-z0-9]+)([^>]*)>$/i.exec(token);
        if (!m) continue;
        const closing = m[1] === '/';
        const tag = m[2]!.toLowerCase();
        const attrs = m[3] ?? '';
        if (tag === 'table') {
            if (!closing && ++depth === 1) {
                flushOutside();
                tableNo++;
                occupied = [];
                gridRow = -1;
                if (inFrame === 'cell') notes.push({ where: `表${tableNo}`, message: '此表在一个只有一格的外层表格（版式边框）中：按此表读取，表格序号与行列均按此表计。' });
                else if (inFrame === 'column') {
                    notes.push({
                        where: `表${tableNo}`,
                        message: '此表在一个只有一列的外层表格（版式边框）中：按此表读取，表格序号与行列均按此表计；外层表格其他行的文字（如标题）按表格上下的段落读取。'
                    });
                }
            } else if (!closing && depth === 2 && cell) {
                nested = { rows: [] };
            } else if (closing && depth-- === 1) {
                endRow();
                gridRow = -1;
            } else if (closing && depth === 1 && cell && nested) {
                // The lines after what the cell held so far, each row of the inner table one line.
                cell.text.push(cell.paragraph, nestedLines(nested));
                cell.paragraph = '';
                notes.push({
                    where: spanLabel(tableNo, cell),
                    message: `此格中有一个表格（${nested.rows.length} 行）：jxmb 按一层表格读取，其中的文字已按行并入此格（同一行的各格以空格隔开），请与原表核对。`
                });
                nested = null;
            }
            continue;
        }
        if (depth > 1) {
            // Inside the inner table: its rows and cells (those of a table deeper still run on in its cell).
            if (!nested) continue;
            if (depth === 2 && tag === 'tr' && !closing) nested.rows.push([]);
            else if (depth === 2 && (tag === 'td' || tag === 'th') && !closing) (nested.rows.at(-1) ?? (nested.rows[0] = [])).push('');
            else if (tag === 'br' || (closing && /^(?:p|li|td|th|h[1-6])$/.test(tag))) addToNested(' ');
            continue;
        }
        if (depth === 1 && tag === 'tr' && !closing) {
            endRow();
            gridRow++;
        } else if (depth === 1 && (tag === 'td' || tag === 'th') && !closing) {
            const rowSpan = Number(/rowspan="(\d+)"/i.exec(attrs)?.[1] ?? 1);
            const colSpan = Number(/colspan="(\d+)"/i.exec(attrs)?.[1] ?? 1);
            const taken = (occupied[gridRow] ??= []);
            let col = 0;
            while (taken[col]) col++;
            cell = { text: [], paragraph: '', rowSpan, colSpan, gridRow, col };
            for (let r = gridRow; r < gridRow + rowSpan; r++) {
                const line = (occupied[r] ??= []);
                for (let c = col; c < col + colSpan; c++) line[c] = cell;
            }
            rowCells.push({ col, cell });
        } else if (depth === 1 && (tag === 'td' || tag === 'th') && closing) {
            cell = null;
        } else if (cell && depth === 1 && (tag === 'p' || tag === 'li' || /^h[1-6]$/.test(tag)) && closing) {
            cell.text.push(cell.paragraph);
            cell.paragraph = '';
        } else if (tag === 'br') {
            if (cell && depth === 1) cell.paragraph += '\n';
            else outside += '\n';
        } else if (depth === 0 && (tag === 'p' || tag === 'li' || /^h[1-6]$/.test(tag)) && closing) {
            flushOutside();
        }
    }
    flushOutside();
    return { name: null, rows, extracted: false, notes, marks };
}
