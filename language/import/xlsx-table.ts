import type ExcelJS from 'exceljs';
import { ImportError } from './errors.js';
import { checkSheetSize } from './limits.js';
import { sheetCellText, type SourceCell, type SourceTable } from './source.js';
import { contentOf } from './xlsx-cell.js';
import { emptyResultsIn } from './xlsx-empty-results.js';
import { checkWorksheets, columnName } from './worksheet-extent.js';
import type { ZipPart } from './zip-package.js';

// .xlsx → one table per worksheet. A merged range reads as the table shows it: each of its cells holds the range's
// value (one value for 实施周期 and 年度, one 三级 name for two rows), the cells after the first marked with the
// range (SourceCell.merge) so that the recognisers read a label or a tall row once and say where a merge decided a
// value (filled-merges.ts). A range unmerged and filled has its value in every cell too, unmarked: the recognisers
// tell those copies by the table's structure.

/** `parts`: the package's directory, already checked (zip-package.ts checkPackage). */
export async function readXlsx(bytes: Uint8Array, parts: ReadonlyMap<string, ZipPart>): Promise<SourceTable[]> {
    const { bytes: sheets, unread } = await checkWorksheets(bytes, parts);
    // Loaded on the first .xlsx import: the server and the CLI start without evaluating exceljs.
    const { default: Excel } = await import('exceljs');
    const workbook = new Excel.Workbook();
    try {
        // Data validations are not read: exceljs expands each range to one entry per cell (a whole sheet never ends).
        await workbook.xlsx.load(Buffer.from(sheets.buffer, sheets.byteOffset, sheets.byteLength) as unknown as ExcelJS.Buffer, { ignoreNodes: ['dataValidations'] });
    } catch (error) {
        // exceljs's own words (「Cannot set properties of undefined」) tell a user nothing: what it means for the file does.
        throw new ImportError('无法读取 .xlsx 工作簿：文件已损坏或不完整，或其内部结构无法解析。请在 Excel 中打开，另存为 .xlsx 后再导入。', { cause: error });
    }
    const emptyResult = emptyResultsIn(bytes, parts);
    const tables = workbook.worksheets.map(sheet => unread.has(sheet.name) ? unreadTable(sheet.name, unread.get(sheet.name)!) : sheetTable(sheet, emptyResult));
    // A sheet exceljs named otherwise (a workbook.xml it reads differently) is still said to be unread.
    for (const [name, excess] of unread) if (!tables.some(table => table.name === name)) tables.push(unreadTable(name, excess));
    return tables;
}

function unreadTable(name: string, excess: string): SourceTable {
    return { name, rows: [], extracted: false, unread: excess };
}

function sheetTable(sheet: ExcelJS.Worksheet, emptyResult: (sheet: string, address: string) => boolean): SourceTable {
    const rows: SourceCell[][] = [];
    const notes: Array<{ where: string; message: string }> = [];
    const sheetRows = readRows(sheet);
    const columns = readColumns(sheet, sheetRows);
    checkSheetSize(sheet.name, sheetRows.length, columns.length);
    const merges = mergedRanges(sheet);
    for (const [index, r] of sheetRows.entries()) {
        const row: SourceCell[] = [];
        // findCell, not getCell: a position the file has no cell for stays empty without exceljs building one.
        const sheetRow = sheet.findRow(r);
        for (const [col, c] of columns.entries()) {
            const cell = sheetRow?.findCell(c);
            const address = cell?.address ?? columnName(c) + r;
            const base: SourceCell = { text: '', where: sheetCellText(sheet.name, address), row: index, col, place: { kind: 'sheet-cell', sheet: sheet.name, cell: address } };
            if (cell) {
                const master = cell.isMerged ? cell.master : cell;
                const { note, ...content } = contentOf(master, () => emptyResult(sheet.name, master.address));
                Object.assign(base, content, styleOf(master));
                if (master.address !== cell.address) base.merge = merges.get(master.address) ?? master.address;
                else if (note) notes.push({ where: base.where, message: note });
                if (note && base.text === '' && base.number === undefined) base.readAsBlank = true;
            }
            row.push(base);
        }
        // What Excel hides is read all the same (it may be an old version of a row): the report says so.
        const shown = row.find(cell => cell.text !== '' || cell.number !== undefined);
        if (sheetRow?.hidden && shown) notes.push({ where: shown.where, message: `第 ${r} 行在 Excel 中是隐藏的：其内容也已读取，请核对是否应当导入。` });
        rows.push(row);
    }
    notes.unshift(...hiddenColumnNotes(sheet, columns, rows));
    if (sheet.state !== 'visible' && rows.some(row => row.some(cell => cell.text !== '' || cell.number !== undefined))) {
        notes.unshift({ where: `工作表「${sheet.name}」`, message: '此工作表在 Excel 中是隐藏的：其内容也已读取，请核对是否应当导入。' });
    }
    return { name: sheet.name, rows, extracted: false, notes };
}

/** A hidden column with content: read as the hidden rows are, and said at its first filled cell. */
function hiddenColumnNotes(sheet: ExcelJS.Worksheet, columns: readonly number[], rows: readonly SourceCell[][]): Array<{ where: string; message: string }> {
    // `columns` (not getColumn): only the columns the file describes, none built for the asking.
    const described = (sheet.columns ?? []) as Array<Partial<ExcelJS.Column> | undefined>;
    const notes: Array<{ where: string; message: string }> = [];
    for (const [col, c] of columns.entries()) {
        if (!described[c - 1]?.hidden) continue;
        const shown = rows.map(row => row[col]!).find(cell => cell.merge === undefined && (cell.text !== '' || cell.number !== undefined));
        if (shown) notes.push({ where: shown.where, message: `第 ${columnName(c)} 列在 Excel 中是隐藏的：其内容也已读取，请核对是否应当导入。` });
    }
    return notes;
}

/**
 * The rows to read, by number: those with a cell that holds something (a merged range's cells hold its value), and of
 * each run of others its first one. A note in row 1,048,576 under a table of 60 rows reads as a table of 62 rows; a
 * run of empty rows still parts what it parted. exceljs keeps only the rows the file has, so this never visits the
 * million rows between.
 */
function readRows(sheet: ExcelJS.Worksheet): number[] {
    const used: number[] = [];
    sheet.eachRow(row => { used.push(row.number); });
    return withGaps(used, used.at(-1) ?? 0);
}

/** The columns to read, as the rows: a note in column XFD beside six columns reads as eight columns, not 16,384. */
function readColumns(sheet: ExcelJS.Worksheet, rows: readonly number[]): number[] {
    const used = new Set<number>();
    for (const r of rows) sheet.findRow(r)?.eachCell(cell => { used.add(Number(cell.col)); });
    return withGaps([...used].sort((a, b) => a - b), sheet.columnCount);
}

/** 1…last: the numbers `used` (ascending) and, of each run of the others, its first one. */
function withGaps(used: readonly number[], last: number): number[] {
    const read: number[] = [];
    let next = 1;
    for (const n of used) {
        if (n > next) read.push(next);
        read.push(n);
        next = n + 1;
    }
    if (last >= next) read.push(next);
    return read;
}

/** Each merged range by its first cell: E16 → E16:F16. exceljs keeps them in a field it does not type. */
function mergedRanges(sheet: ExcelJS.Worksheet): Map<string, string> {
    const ranges = (sheet as unknown as { _merges?: Record<string, { tl: string; br: string }> })._merges ?? {};
    return new Map(Object.entries(ranges).map(([first, range]) => [first, `${range.tl}:${range.br}`]));
}

function styleOf(cell: ExcelJS.Cell): Pick<SourceCell, 'bold' | 'indent'> {
    const style: Pick<SourceCell, 'bold' | 'indent'> = {};
    if (cell.font?.bold) style.bold = true;
    if (cell.alignment?.indent) style.indent = cell.alignment.indent;
    return style;
}
