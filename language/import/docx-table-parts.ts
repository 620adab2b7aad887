import { isOn, saysOn, type TablePart, type TableStyle, TABLE_PARTS } from './docx-styles.js';

// Which parts of its table style a cell takes (ECMA-376 Part 1 §17.7.6, §17.4.56): the whole table, and the conditional
// formats the table's look (w:tblLook; a row's own, w:tblPrEx, for its cells) applies where the cell stands — the first
// row (and the header rows repeated under it, w:tblHeader), the last row, the first and last column, a corner where such
// a row and column meet, and banded rows and columns of the style's band size (any size from 1; Word writes 1 to 3),
// counted from the first row and column that take no other format.
// A cell's position is its row among the table's rows and its place among the row's cells, as Word keeps a table (a
// row of cells, the grid only where they stand): a row's first cell is the first column and its last the last column
// though the row skips grid columns before or after them (w:gridBefore, w:gridAfter: docx-grid.ts fills them in only
// after this is read), a cell merged across columns (w:gridSpan) is one cell, a cell merged with the one above
// (w:vMerge) is one of its row's cells. A look in the table style itself (w:style/w:tblPr/w:tblLook) is not read: Word
// does not allow it there (Microsoft's note on §17.7.6.4), and a table with no look of its own takes Word's 04A0.
// Word's own record of the result (w:cnfStyle on rows, cells, paragraphs) is not read: the standard calls it an
// optimization (§17.3.1.8, §17.4.8), Word computes it again, and documents written by other programs have none or a
// stale one.

/** The conditional formats a table's look applies. */
export interface TableLook {
    firstRow: boolean;
    lastRow: boolean;
    firstColumn: boolean;
    lastColumn: boolean;
    rowBands: boolean;
    columnBands: boolean;
}

/** A table's rows: how many cells each has, and how many rows head it (the first and the header rows under it). */
export interface TableShape {
    cells: number[];
    headerRows: number;
}

const LOOK_ATTRIBUTES = ['firstRow', 'lastRow', 'firstColumn', 'lastColumn', 'noHBand', 'noVBand']
    .map(name => new RegExp(`\\bw:${name}\\s*=\\s*["']([^"']*)["']`));
const LOOK_BITMASK = /\bw:val\s*=\s*["']([0-9A-Fa-f]{1,4})["']/;

/** The look of a bitmask: 0020 first row, 0040 last row, 0080 first column, 0100 last column, 0200 no banded rows, 0400 no banded columns. */
const bitmaskLook = (bits: number): TableLook => ({
    firstRow: (bits & 0x20) !== 0, lastRow: (bits & 0x40) !== 0, firstColumn: (bits & 0x80) !== 0, lastColumn: (bits & 0x100) !== 0,
    rowBands: (bits & 0x200) === 0, columnBands: (bits & 0x400) === 0
});

/** Word's look for a table that has none (Microsoft's note on §17.4.56): first row, first column, banded rows (04A0). */
export const WORD_LOOK = bitmaskLook(0x04a0);

/**
 * The look a w:tblLook tag says. Word reads its attributes, each on unless it says off, and only when it has none the
 * older bitmask (w:val).
 */
export function tableLook(tag: string): TableLook {
    const attributes = LOOK_ATTRIBUTES.map(attribute => attribute.exec(tag)?.[1]);
    if (attributes.some(value => value !== undefined)) {
        const [firstRow, lastRow, firstColumn, lastColumn, noHBand, noVBand] = attributes.map(saysOn);
        return { firstRow: firstRow!, lastRow: lastRow!, firstColumn: firstColumn!, lastColumn: lastColumn!, rowBands: !noHBand, columnBands: !noVBand };
    }
    return bitmaskLook(parseInt(LOOK_BITMASK.exec(tag)?.[1] ?? '0', 16));
}

/** Where a table starts or ends, a row or a cell starts, a row repeats as a header or a former row formatting is. */
const SHAPE_TAGS = /<w:(?:tbl|tr|tc|tblHeader)(?=[\s>/])[^<>]*>|<\/w:tbl>|<\/?w:trPrChange(?=[\s>/])[^<>]*>/g;

/** The shape of each table in the document, by where its tag starts; a table within a cell has its own. */
export function tableShapes(xml: string): Map<number, TableShape> {
    const shapes = new Map<number, TableShape>();
    const open: TableShape[] = [];
    let formerRow = false;
    for (const tag of xml.matchAll(SHAPE_TAGS)) {
        const [text] = tag;
        const table = open.at(-1);
        if (text === '</w:tbl>') open.pop();
        else if (text.startsWith('<w:trPrChange')) formerRow = !text.endsWith('/>');
        else if (text.startsWith('</w:trPrChange')) formerRow = false;
        else if (text.startsWith('<w:tblHeader')) {
            // A header row right under those heading the table heads it too; a former row formatting's no longer applies.
            if (table && !formerRow && table.cells.length === table.headerRows + 1 && isOn(text)) table.headerRows++;
        } else if (text.startsWith('<w:tbl')) {
            const shape: TableShape = { cells: [], headerRows: 1 };
            shapes.set(tag.index, shape);
            if (!text.endsWith('/>')) open.push(shape);
        } else if (text.startsWith('<w:tr')) table?.cells.push(0);
        else if (table?.cells.length) table.cells[table.cells.length - 1]!++;
    }
    return shapes;
}

/** Whether any table style formats a part other than the whole table (then the tables' shapes are needed). */
export const hasConditionalFormats = (styles: ReadonlyMap<string, TableStyle>) =>
    [...styles.values()].some(style => [...style.parts.keys()].some(part => part !== 'wholeTable'));

/**
 * What the table style says of hiding the cell `cell` of the row `row` (from 0): the last part it takes that says
 * something, in Word's order (TABLE_PARTS); undefined when none does.
 */
export function cellHiding(style: TableStyle, look: TableLook, shape: TableShape | undefined, row: number, cell: number): boolean | undefined {
    const parts = new Set<TablePart>(['wholeTable']);
    const cells = shape?.cells[row];
    if (shape && cells !== undefined) {
        const { headerRows } = shape;
        const firstRow = look.firstRow && row < headerRows;
        const lastRow = look.lastRow && row === shape.cells.length - 1;
        const firstColumn = look.firstColumn && cell === 0;
        const lastColumn = look.lastColumn && cell === cells - 1;
        const add = (part: TablePart, applies: boolean) => applies && parts.add(part);
        // Bands are counted from the first row (column) below (after) the header rows (first column) the look formats.
        if (look.rowBands && style.rowBand > 0 && !firstRow && !lastRow) {
            parts.add(Math.floor((row - (look.firstRow ? headerRows : 0)) / style.rowBand) % 2 === 0 ? 'band1Horz' : 'band2Horz');
        }
        if (look.columnBands && style.columnBand > 0 && !firstColumn && !lastColumn) {
            parts.add(Math.floor((cell - (look.firstColumn ? 1 : 0)) / style.columnBand) % 2 === 0 ? 'band1Vert' : 'band2Vert');
        }
        add('firstCol', firstColumn);
        add('lastCol', lastColumn);
        add('firstRow', firstRow);
        add('lastRow', lastRow);
        add('nwCell', firstRow && firstColumn);
        add('neCell', firstRow && lastColumn);
        add('swCell', lastRow && firstColumn);
        add('seCell', lastRow && lastColumn);
    }
    let said: boolean | undefined;
    for (const part of TABLE_PARTS) said = (parts.has(part) ? style.parts.get(part) : undefined) ?? said;
    return said;
}
