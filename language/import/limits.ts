import { MAX_SOURCE_BYTES, megabytes, sizeOver } from '../cli/source-files.js';
import { ImportError } from './errors.js';

// Limits that keep an import within bounded memory (the CLI runs in 512 MB of heap): the official tables are a few
// hundred rows and well under 1 MB, so these only stop a wrong file — a database export, a sheet with a stray cell at
// XFD1048576 — with a message instead of exhausting memory for minutes.

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_TABLE_ROWS = 50_000;
/** exceljs takes ≈ 300 MB for a million cells and the importer as much again: a dense 49,999 × 20 sheet exhausted 512 MB. */
export const MAX_SHEET_CELLS = 400_000;
/**
 * Table cells and paragraphs of a .docx together: mammoth takes 4–7 KB of memory for each (a 350 KB document of
 * 20,000 rows × 7 cells exhausted 512 MB); at this limit it stays under 400 MB.
 */
export const MAX_DOCUMENT_BLOCKS = 50_000;

const ADVICE = '请确认选对了文件，或把表格拆分后分别导入。';
const count = (n: number) => n.toLocaleString('en-US');
export function checkImportSize(bytes: Uint8Array): void {
    if (bytes.length > MAX_IMPORT_BYTES) throw importTooLarge(bytes.length);
}

/** `size` null: more than the limit, from a device or pipe that did not say its size. */
export function importTooLarge(size: number | null): ImportError {
    return new ImportError(`文件过大（${sizeOver(size, MAX_IMPORT_BYTES)}）：可导入的表格文件不超过 ${megabytes(MAX_IMPORT_BYTES)}。${ADVICE}`);
}

/**
 * What an import makes must be a .jxmb that `jxmb check`, `check --report` and the editor read: over their limit
 * (a 50,000-row sheet gave 20 MB, and `check --report` ran out of memory parsing it), the import is refused.
 */
export function checkImportedSize(bytes: number, unplaced: number): void {
    if (bytes <= MAX_SOURCE_BYTES) return;
    const cells = unplaced > 0 ? `，其中 ${count(unplaced)} 个未能放入的单元格逐一列在文件开头` : '';
    throw new ImportError(`导入结果过大：生成的 .jxmb 达 ${megabytes(bytes)}${cells}，超过 .jxmb 文件的上限 ${megabytes(MAX_SOURCE_BYTES)}（申报表通常不到 1 MB）。${ADVICE}`);
}

/** Before a text is split into cells. */
export function checkTextLines(text: string): void {
    let lines = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        if (++lines > MAX_TABLE_ROWS) throw new ImportError(`文本超过 ${count(MAX_TABLE_ROWS)} 行，超过可导入的上限。${ADVICE}`);
    }
}

/** `what` (工作表「部门整体」, Word 文档的表格) has more rows than any import may have. */
export function checkTableRows(what: string, rows: number): void {
    if (rows > MAX_TABLE_ROWS) {
        throw new ImportError(`${what}有 ${count(rows)} 行，超过可导入的上限 ${count(MAX_TABLE_ROWS)} 行。${ADVICE}`);
    }
}

/** Before mammoth reads a .docx: its table cells and its paragraphs (in cells or not), counted in its XML. */
export function checkDocumentBlocks(cells: number, paragraphs: number): void {
    if (cells + paragraphs > MAX_DOCUMENT_BLOCKS) {
        throw new ImportError(`Word 文档有 ${count(cells)} 个表格单元格和 ${count(paragraphs)} 个段落，合计超过可导入的上限 ${count(MAX_DOCUMENT_BLOCKS)} 个。${ADVICE}`);
    }
}

/**
 * Before a worksheet's cells are read: the rows up to the last one that holds something, by the columns read (those
 * that hold something, a run of empty ones as one; worksheet-extent.ts). The importer builds each of those cells.
 */
export function checkSheetSize(name: string, rows: number, columns: number): void {
    const excess = sheetSizeExcess(name, rows, columns);
    if (excess) throw sheetTooLarge(excess);
}

/** What makes a worksheet too large to read (「工作表「明细」有 100,000 行，超过可导入的上限 50,000 行」), or undefined. */
export function sheetSizeExcess(name: string, rows: number, columns: number): string | undefined {
    if (rows > MAX_TABLE_ROWS) return `工作表「${name}」有 ${count(rows)} 行，超过可导入的上限 ${count(MAX_TABLE_ROWS)} 行`;
    if (rows * columns > MAX_SHEET_CELLS) {
        return `工作表「${name}」有内容的范围达 ${count(rows)} 行 × ${count(columns)} 列，超过可导入的上限 ${count(MAX_SHEET_CELLS)} 个单元格（空行、空列连续多个只计一个）`;
    }
    return undefined;
}

/** The refusal for a workbook whose table may be the sheet too large to read. */
export function sheetTooLarge(excess: string): ImportError {
    return new ImportError(`${excess}。${ADVICE}`);
}

/** A sheet too large to read, passed over beside one that holds a table: the report says it was not read. */
export function sheetPassedOver(excess: string): string {
    return `${excess}：此工作表没有读取，其内容未导入。`;
}
