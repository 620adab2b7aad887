import { posix } from 'node:path';
import { checkSheetSize } from './limits.js';
import { partChunks, readPart, type ZipPart } from './zip-package.js';
import { replaceParts } from './zip-rewrite.js';

// Each worksheet's used range, read from its XML before exceljs loads the workbook. exceljs builds every cell as
// objects (and every cell of a merged range: a 1 KB workbook merging B2:B1048576 exhausted 512 MB), so a sheet
// past the limits must be refused before it is loaded, not after. The XML is inflated in chunks and scanned for
// the row and cell references only, in bounded memory whatever the sheet's size.
// The range counts the cells that hold something (a value, a formula) and the merged ranges: a 61-row table with
// borders drawn down to row 100,000 is a 61-row table. Its formatted empty cells are taken out of the sheet before
// exceljs loads it, which would otherwise build each of them.

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;
// <row …>, <c …>, <mergeCell …>, and the cell's content <v>, <is>, <f>, with or without a namespace prefix; the
// tag's attributes up to its '>'.
const TAG = /<(?:[A-Za-z_][\w.-]*:)?(row|c|mergeCell|v|is|f)(?=[\s/>])([^>]*)/g;
/** A start tag longer than this is no row or cell tag (those are short): it is not carried over to the next chunk. */
const MAX_TAG = 64 * 1024;

export interface Extent {
    /** the last row number with a cell that holds something, as Excel numbers rows */
    rows: number;
    /** the last column number of such a cell */
    columns: number;
    /** rows or cells that hold nothing (formatting only) reach past that */
    padded: boolean;
}

/**
 * Throws the limits' ImportError for the first worksheet past them; a part that cannot be read is left to exceljs.
 * Gives back the package to load: the same bytes, or the sheets without their empty cells.
 */
export async function checkWorksheets(bytes: Uint8Array, parts: ReadonlyMap<string, ZipPart>): Promise<Uint8Array> {
    const names = sheetNames(bytes, parts);
    const trimmed = new Map<string, Buffer>();
    for (const part of parts.values()) {
        if (!WORKSHEET.test(part.name)) continue;
        const { rows, columns, padded } = await worksheetExtent(partChunks(bytes, part));
        checkSheetSize(names.get(part.name) ?? part.name, rows, columns);
        if (padded) trimmed.set(part.name, await withoutEmptyCells(partChunks(bytes, part)));
    }
    return trimmed.size > 0 ? replaceParts(bytes, parts, trimmed) : bytes;
}

export async function worksheetExtent(chunks: AsyncIterable<Buffer>): Promise<Extent> {
    const extent: Extent = { rows: 0, columns: 0, padded: false };
    let row = 0;
    let column = 0;
    /** the cell tag just read is open (not <c/>) and nothing in it was seen yet */
    let cellOpen = false;
    /** the last row and column of any row or cell tag, with something in it or not */
    let lastRow = 0;
    let lastColumn = 0;
    let carry = '';
    const scan = (text: string) => {
        for (const [, tag, attributes] of text.matchAll(TAG)) {
            if (tag === 'row') {
                cellOpen = false;
                row = Number(attribute(attributes!, 'r') ?? row + 1) || row + 1;
                column = 0;
                lastRow = Math.max(lastRow, row);
            } else if (tag === 'c') {
                const reference = cellReference(attribute(attributes!, 'r'));
                column = reference?.column ?? column + 1;
                cellOpen = !attributes!.endsWith('/');
                lastColumn = Math.max(lastColumn, column);
            } else if (tag !== 'mergeCell') {
                if (cellOpen) {
                    extent.rows = Math.max(extent.rows, row);
                    extent.columns = Math.max(extent.columns, column);
                }
                cellOpen = false;
            } else {
                // exceljs creates every cell of a merged range.
                for (const corner of (attribute(attributes!, 'ref') ?? '').split(':')) {
                    const reference = cellReference(corner);
                    if (!reference) continue;
                    extent.rows = Math.max(extent.rows, reference.row);
                    extent.columns = Math.max(extent.columns, reference.column);
                }
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
    extent.padded = lastRow > extent.rows || lastColumn > extent.columns;
    return extent;
}

// A cell with a reference and nothing in it: <c r="A9" s="1"/> or <c r="A9" s="1"></c>; then a row left with no cell.
// Elements without a reference stay: the cells and rows after them are numbered by their place.
const EMPTY_CELL = /<((?:[A-Za-z_][\w.-]*:)?)c\s[^>]*?\br\s*=\s*["'][^>]*?(?:\/>|>\s*<\/\1c>)/g;
const EMPTY_ROW = /<((?:[A-Za-z_][\w.-]*:)?)row\s[^>]*?\br\s*=\s*["'][^>]*?(?:\/>|>\s*<\/\1row>)/g;
const ROW_START = /<(?:[A-Za-z_][\w.-]*:)?row[\s/>]/g;

/** The worksheet's XML without its empty cells and rows: a piece of whole rows at a time. */
export async function withoutEmptyCells(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
    const out: Buffer[] = [];
    const emit = (text: string) => out.push(Buffer.from(text.replace(EMPTY_CELL, '').replace(EMPTY_ROW, ''), 'latin1'));
    let carry = '';
    for await (const chunk of chunks) {
        const text = carry + chunk.toString('latin1');
        // Up to the last row's start: no element is cut.
        let cut = -1;
        for (const match of text.matchAll(ROW_START)) cut = match.index!;
        if (cut <= 0) {
            carry = text;
            continue;
        }
        emit(text.slice(0, cut));
        carry = text.slice(cut);
    }
    emit(carry);
    return Buffer.concat(out);
}

const attributePatterns = new Map<string, RegExp>();

function attribute(attributes: string, name: string): string | undefined {
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

/** Worksheet part → the sheet's name (xl/workbook.xml and its relationships), for the messages. */
function sheetNames(bytes: Uint8Array, parts: ReadonlyMap<string, ZipPart>): Map<string, string> {
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
        if (name !== undefined && target) names.set(target, decodeXml(name));
    }
    return names;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
    return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
        if (name[0] !== '#') return ENTITIES[name] ?? whole;
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
}
