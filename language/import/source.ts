// The common shape every reader produces: a table as rows of cells, each cell remembering where it was in the
// original file. Recognisers work on this only, so that text, .xlsx and .docx are read by the same rules, and the
// report can name the place of any cell that could not be placed.

export interface SourceCell {
    /** the cell's text as read (trimmed); '' for an empty cell */
    text: string;
    /** the cell held a number (an .xlsx amount): its value, so no formatting detour is needed */
    number?: number;
    /** where a person finds the cell in the original: 「第12行第3列」, 「部门整体!B7」 (as the review's findings and Excel write it), 「第40–44行」 */
    where: string;
    /** logical position in the table, 0-based */
    row: number;
    col: number;
    /** formatting hints (.xlsx): the project's own workbook marks unit rows bold and projects indented */
    bold?: boolean;
    indent?: number;
    /**
     * The cell lies in a merged range (.xlsx) other than at its first cell: the range (E16:F16). Its text and number
     * are the range's, as the table shows them; the recognisers tell such a copy from a value typed twice.
     */
    merge?: string;
    /** the cell holds something read as blank (an Excel error value, a formula without its result), said in a note */
    readAsBlank?: true;
    /** the same place, structured: for a reviewer's report that names the cell to open (Sheet1!D14) */
    place?: SourcePlace;
}

/**
 * A place in the original file, by the file's own coordinates: a worksheet cell (.xlsx), a table cell or a paragraph
 * (.docx, 1-based as Word shows them), a line and tab-separated field, or a run of lines (text). The shape is part of
 * the review report's contract (schemas/review-report.schema.json).
 */
export type SourcePlace =
    | { kind: 'sheet-cell'; sheet: string; cell: string }
    | { kind: 'table-cell'; table: number; row: number; column: number }
    | { kind: 'paragraph'; paragraph: number }
    | { kind: 'line'; line: number; endLine?: number; field?: number };

export type SourceFormat = 'tsv' | 'pdf-text' | 'xlsx' | 'docx';

export interface SourceTable {
    /** worksheet name, or null */
    name: string | null;
    rows: SourceCell[][];
    /**
     * The text came out of an extraction (PDF or a web page copied as text), which inserts layout whitespace inside
     * cells (RULES §6.3); spreadsheet and Word cells are taken as typed.
     */
    extracted: boolean;
    /** what the reader had to guess while building the rows (PDF text), for the report */
    notes?: Array<{ where: string; message: string }>;
    /** the sheet was too large to read (no rows): what makes it so (limits.ts sheetSizeExcess) */
    unread?: string;
}

export const formatNames: Record<SourceFormat, string> = {
    tsv: '制表符分隔文本',
    'pdf-text': 'PDF 提取文本（按行折断）',
    xlsx: 'Excel 工作簿',
    docx: 'Word 文档'
};

export function isEmptyCell(cell: SourceCell | undefined): boolean {
    return !cell || (cell.text === '' && cell.number === undefined);
}

/** The cell repeats its merged range's first cell (see SourceCell.merge). */
export function isMergeCopy(cell: SourceCell | undefined): boolean {
    return cell?.merge !== undefined;
}

/** The non-empty cells of a row, in column order. */
export function filled(row: readonly SourceCell[]): SourceCell[] {
    return row.filter(cell => !isEmptyCell(cell));
}

/** A place spanning several cells or lines: 「第40行」 or 「第40–44行」 for text, the first cell's place otherwise. */
export function lineSpan(first: number, last: number): string {
    return first === last ? `第${first}行` : `第${first}–${last}行`;
}

/**
 * A worksheet cell as Excel writes a reference to it (部门整体!D14, 'My Sheet'!D14). Excel quotes a sheet name that is
 * not a plain word — spaces, punctuation such as 「!」, a leading digit — and one that would read as a cell reference
 * (A1, XFD100 or R1C1, R, C3): unquoted, 'A1'!B2 would send Go To to another cell.
 */
export function sheetCellText(sheet: string, cell: string): string {
    const plain = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(sheet) && !/^[a-z]{1,3}\d+$/i.test(sheet) && !/^(?:r\d*)?(?:c\d*)?$/i.test(sheet);
    return `${plain ? sheet : `'${sheet.replace(/'/g, "''")}'`}!${cell}`;
}
