import { posix } from 'node:path';
import { sheetSizeExcess } from './limits.js';
import { eachPiece, ROW_START, SHARED_STRINGS, stringsUsedBy } from './shared-strings.js';
import { partChunks, readPart, type ZipPart } from './zip-package.js';
import { replaceParts } from './zip-rewrite.js';
import { decodeEntities } from './xml-entities.js';

// Each worksheet's used range, read from its XML before exceljs loads the workbook. exceljs builds every cell as
// objects (and every cell of a merged range: a 1 KB workbook merging B2:B1048576 exhausted 512 MB), so a sheet
// past the limits must be left out before it is loaded, not after. The XML is inflated in chunks and scanned for
// the row and cell references only, in bounded memory whatever the sheet's size.
// The range is the rows and columns that hold something (a value, a formula): a 61-row table with borders drawn down
// to row 100,000 is a 61-row table, one with a note in column XFD or in row 1,048,576 is a table of its columns (rows)
// and that one (xlsx-table reads a run of empty columns, or of empty rows, as one). What only formatting reaches past
// the range — empty formatted cells, the part of a merged range beyond it (it would only repeat its first cell) — is
// taken out of the sheet before exceljs loads it, which would otherwise build each of those cells.

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;
// <row …>, <c …>, <mergeCell …>, and the cell's content <v>, <is>, <f>, with or without a namespace prefix; the
// tag's attributes up to its '>'.
const TAG = /<(?:[A-Za-z_][\w.-]*:)?(row|c|mergeCell|v|is|f)(?=[\s/>])([^>]*)/g;
/** A start tag longer than this is no row or cell tag (those are short): it is not carried over to the next chunk. */
const MAX_TAG = 64 * 1024;

export interface Extent {
    /** the last row number with a cell that holds something, as Excel numbers rows */
    rows: number;
    /** the rows read up to `rows`: those with such a cell or in a merged range kept, a run of others as one */
    rowsRead: number;
    /** the last column number of such a cell */
    lastColumn: number;
    /** the columns read up to lastColumn: those with such a cell or in a merged range kept, a run of others as one */
    columns: number;
    /** formatting reaches past the range (empty cells, merged ranges), or lies in a run of empty columns */
    padded: boolean;
}

/** A sheet in place of one too large to read: exceljs loads it as empty, without a cell of the original. */
const UNREAD_SHEET = Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>', 'utf8');

export interface CheckedWorksheets {
    /** the package to load: the same bytes, or the sheets without what only formatting reaches, the unread ones empty */
    bytes: Uint8Array;
    /** sheet name → what makes it too large to read (limits.ts sheetSizeExcess): the importer decides what to say */
    unread: Map<string, string>;
}

/**
 * Each worksheet's extent, in bounded memory. A sheet past the limits is not read — a ledger of 100,000 rows (明细)
 * often sits beside the table sheet — but emptied, and its texts taken out of the shared strings, so that exceljs
 * never builds them; a part that cannot be read is left to exceljs.
 */
export async function checkWorksheets(bytes: Uint8Array, parts: ReadonlyMap<string, ZipPart>): Promise<CheckedWorksheets> {
    const names = sheetNames(bytes, parts);
    const trimmed = new Map<string, Buffer>();
    const unread = new Map<string, string>();
    const read: ZipPart[] = [];
    for (const part of parts.values()) {
        if (!WORKSHEET.test(part.name)) continue;
        const extent = await worksheetExtent(partChunks(bytes, part));
        const name = names.get(part.name) ?? part.name;
        const excess = sheetSizeExcess(name, extent.rowsRead, extent.columns);
        if (excess) {
            unread.set(name, excess);
            trimmed.set(part.name, UNREAD_SHEET);
        } else {
            read.push(part);
            if (extent.padded) trimmed.set(part.name, await withoutEmptyCells(partChunks(bytes, part), extent));
        }
    }
    const strings = parts.get(SHARED_STRINGS);
    if (unread.size > 0 && strings) trimmed.set(strings.name, await stringsUsedBy(partChunks(bytes, strings), read.map(part => partChunks(bytes, part))));
    return { bytes: trimmed.size > 0 ? replaceParts(bytes, parts, trimmed) : bytes, unread };
}

export async function worksheetExtent(chunks: AsyncIterable<Buffer>): Promise<Extent> {
    let rows = 0;
    let row = 0;
    let column = 0;
    /** the cell tag just read is open (not <c/>) and nothing in it was seen yet */
    let cellOpen = false;
    /** columns holding something: 1 at their number */
    let used: Uint8Array = new Uint8Array(64);
    /** rows holding something: 1 at their number */
    let usedRows: Uint8Array = new Uint8Array(256);
    /** the last row and column of any row or cell tag, with something in it or not */
    let lastRow = 0;
    let lastTagColumn = 0;
    let emptyCells = 0;
    const merges: Range[] = [];
    let carry = '';
    const scan = (text: string) => {
        for (const [, tag, attributes] of text.matchAll(TAG)) {
            if (tag === 'row') {
                if (cellOpen) emptyCells++;
                cellOpen = false;
                row = Number(attribute(attributes!, 'r') ?? row + 1) || row + 1;
                column = 0;
                lastRow = Math.max(lastRow, row);
            } else if (tag === 'c') {
                if (cellOpen) emptyCells++;
                const reference = cellReference(attribute(attributes!, 'r'));
                column = reference?.column ?? column + 1;
                cellOpen = !attributes!.endsWith('/');
                if (!cellOpen) emptyCells++;
                lastTagColumn = Math.max(lastTagColumn, column);
            } else if (tag !== 'mergeCell') {
                if (cellOpen) {
                    rows = Math.max(rows, row);
                    if (column >= used.length) used = grown(used, column);
                    used[column] = 1;
                    if (row >= usedRows.length) usedRows = grown(usedRows, row);
                    usedRows[row] = 1;
                }
                cellOpen = false;
            } else {
                if (cellOpen) emptyCells++;
                cellOpen = false;
                const range = rangeReference(attribute(attributes!, 'ref'));
                if (range) merges.push(range);
            }
        }
    };
    for await (const chunk of chunks) {
        const text = carry + chunk.toString('latin1');
        // A tag cut by the chunk's end is scanned with the next chunk.
        const open = text.lastIndexOf('<');
        const cut = open >= 0 && text.indexOf('>', open) < 0 ? open : text.length;
        scan(text.slice(0, cut));
        carry = text.length - cut <= MAX_TAG ? text.slice(cut) : '';
    }
    scan(carry);
    const lastColumn = Math.max(0, used.lastIndexOf(1));
    // The merged ranges as they are loaded (cut to the range): their columns are read, each cell of them a copy.
    const mergedColumns = new Int32Array(lastColumn + 2);
    const mergedRows = new Int32Array(rows + 2);
    let mergesCut = false;
    for (const range of merges) {
        const kept = keptPart(range, rows, lastColumn);
        if (!kept || kept.lastRow !== range.lastRow || kept.lastColumn !== range.lastColumn) mergesCut = true;
        if (!kept) continue;
        mergedColumns[kept.column]!++;
        mergedColumns[kept.lastColumn + 1]!--;
        mergedRows[kept.row]!++;
        mergedRows[kept.lastRow + 1]!--;
    }
    const columns = linesRead(used, mergedColumns, lastColumn);
    const padded = lastRow > rows || lastTagColumn > lastColumn || mergesCut || (emptyCells > 0 && columns < lastColumn);
    return { rows, rowsRead: linesRead(usedRows, mergedRows, rows), lastColumn, columns, padded };
}

/**
 * How many of the rows (or columns) 1…last are read: those holding something (`used`) or in a merged range (`merged`:
 * +1 where a range starts, −1 after it ends), and one of each run of others — as xlsx-table reads them.
 */
function linesRead(used: Uint8Array, merged: Int32Array, last: number): number {
    let read = 0;
    let inMerge = 0;
    let gap = false;
    for (let i = 1; i <= last; i++) {
        inMerge += merged[i]!;
        if (used[i] || inMerge > 0) {
            read++;
            gap = false;
        } else if (!gap) {
            read++;
            gap = true;
        }
    }
    return read;
}

/** The bytes with room for index `at`. */
function grown(bytes: Uint8Array, at: number): Uint8Array {
    const larger = new Uint8Array(Math.max(at + 1, bytes.length * 2));
    larger.set(bytes);
    return larger;
}

interface Range {
    row: number;
    column: number;
    lastRow: number;
    lastColumn: number;
}

/** The part of a merged range within the rows and columns that hold something; undefined when none is (or one cell). */
function keptPart(range: Range, rows: number, columns: number): Range | undefined {
    const kept = { ...range, lastRow: Math.min(range.lastRow, rows), lastColumn: Math.min(range.lastColumn, columns) };
    if (kept.row > kept.lastRow || kept.column > kept.lastColumn) return undefined;
    if (kept.row === kept.lastRow && kept.column === kept.lastColumn) return undefined;
    return kept;
}

// A cell with a reference and nothing in it: <c r="A9" s="1"/> or <c r="A9" s="1"></c>; then a row left with no cell.
// Elements without a reference stay: the cells and rows after them are numbered by their place.
const EMPTY_CELL = /<((?:[A-Za-z_][\w.-]*:)?)c\s[^>]*?\br\s*=\s*["'][^>]*?(?:\/>|>\s*<\/\1c>)/g;
const EMPTY_ROW = /<((?:[A-Za-z_][\w.-]*:)?)row\s[^>]*?\br\s*=\s*["'][^>]*?(?:\/>|>\s*<\/\1row>)/g;
const MERGE = /<((?:[A-Za-z_][\w.-]*:)?)mergeCell\b([^>]*?)(?:\/>|>\s*<\/\1mergeCell>)/g;

/**
 * The worksheet's XML without its empty cells and rows, and with its merged ranges cut to the extent (those outside
 * it, or cut to one cell, taken out): a piece of whole rows at a time.
 */
export async function withoutEmptyCells(chunks: AsyncIterable<Buffer>, extent: Pick<Extent, 'rows' | 'lastColumn'>): Promise<Buffer> {
    const out: Buffer[] = [];
    const merge = (whole: string, prefix: string, attributes: string) => {
        const range = rangeReference(attribute(attributes, 'ref'));
        if (!range) return whole;
        const kept = keptPart(range, extent.rows, extent.lastColumn);
        return kept ? `<${prefix}mergeCell ref="${columnName(kept.column)}${kept.row}:${columnName(kept.lastColumn)}${kept.lastRow}"/>` : '';
    };
    const emit = (text: string) => out.push(Buffer.from(text.replace(EMPTY_CELL, '').replace(EMPTY_ROW, '').replace(MERGE, merge), 'latin1'));
    // Up to the last row's start: no element is cut.
    await eachPiece(chunks, ROW_START, emit);
    return Buffer.concat(out);
}

const attributePatterns = new Map<string, RegExp>();

/** An attribute's value in a start tag's attributes (the text after the tag's name). */
export function attribute(attributes: string, name: string): string | undefined {
    let pattern = attributePatterns.get(name);
    if (!pattern) attributePatterns.set(name, pattern = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(["'])(.*?)\\1`));
    return pattern.exec(attributes)?.[2];
}

/** 「XFD100」, 「$B$2」 → column and row numbers (1-based); undefined for anything else. */
function cellReference(text: string | undefined): { column: number; row: number } | undefined {
    const match = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(text?.trim() ?? '');
    if (!match) return undefined;
    let column = 0;
    for (const letter of match[1]!.toUpperCase()) column = column * 26 + letter.charCodeAt(0) - 64;
    return { column, row: Number(match[2]) };
}

/** 「B9:$C$30」 → its first and last rows and columns; undefined for anything else. */
function rangeReference(text: string | undefined): Range | undefined {
    const [first, last = first] = (text ?? '').split(':');
    const from = cellReference(first);
    const to = cellReference(last);
    if (!from || !to) return undefined;
    return {
        row: Math.min(from.row, to.row), column: Math.min(from.column, to.column),
        lastRow: Math.max(from.row, to.row), lastColumn: Math.max(from.column, to.column)
    };
}

/** 1 → A, 27 → AA. */
export function columnName(column: number): string {
    let name = '';
    for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + (n - 1) % 26) + name;
    return name;
}

/** Worksheet part → the sheet's name (xl/workbook.xml and its relationships), for the messages. */
export function sheetNames(bytes: Uint8Array, parts: ReadonlyMap<string, ZipPart>): Map<string, string> {
    const names = new Map<string, string>();
    const text = (name: string) => {
        const part = parts.get(name);
        return part ? readPart(bytes, part)?.toString('utf8') ?? '' : '';
    };
    const targets = new Map<string, string>();
    for (const [tag] of text('xl/_rels/workbook.xml.rels').matchAll(/<(?:[\w.-]+:)?Relationship\b[^>]*>/g)) {
        const id = attribute(tag.slice(1), 'Id');
        const target = attribute(tag.slice(1), 'Target');
        if (id && target) targets.set(id, target.startsWith('/') ? posix.normalize(target.slice(1)) : posix.join('xl', target));
    }
    for (const [tag] of text('xl/workbook.xml').matchAll(/<(?:[\w.-]+:)?sheet\b[^>]*>/g)) {
        const name = attribute(tag.slice(1), 'name');
        const id = /\s[\w.-]+:id\s*=\s*(["'])(.*?)\1/.exec(tag)?.[2];
        const target = id === undefined ? undefined : targets.get(id);
        if (name !== undefined && target) names.set(target, decodeEntities(name));
    }
    return names;
}

