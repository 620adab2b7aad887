import type ExcelJS from 'exceljs';
import type { DeclarationFile } from './model.js';
import { gridsOf, wrappedLines, type CellKind, type Grid, type GridCell } from './sheet.js';

// The official tables as an .xlsx workbook, one worksheet per declaration. The layout comes from sheet.ts; this
// module only draws it: fonts, borders, number formats, row heights and the A4 print setup.

export const AMOUNT_FORMAT = '#,##0.00';
export const COUNT_FORMAT = '0';

const FONT = '宋体';
const BODY_SIZE = 10;
/** points per wrapped line at 10 pt, plus a little air above and below */
const LINE_HEIGHT = 13.5;
const ROW_PADDING = 4;
/** Excel refuses rows taller than 409 pt; a taller cell is spread over several merged rows instead (see below). */
const MAX_ROW_HEIGHT = 409;
const HEADER_FILL = 'FFF2F2F2';

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const allBorders = { top: thin, left: thin, bottom: thin, right: thin };

/** Excel's limit on the characters of one cell: a longer text makes Excel report the workbook as damaged. */
export const MAX_CELL_CHARACTERS = 32_767;

/** The model holds a text that no cell of a workbook can: the workbook is not written. */
export class XlsxLimitError extends Error {}

/** The workbook bytes; exceljs hands back a Node Buffer (a Uint8Array). */
export async function renderXlsx(model: DeclarationFile): Promise<Buffer> {
    // Loaded on the first export: the server and the CLI start without evaluating exceljs.
    const { default: Excel } = await import('exceljs');
    const workbook = new Excel.Workbook();
    workbook.creator = 'jxmb';
    const grids = gridsOf(model).map(xmlSafeGrid);
    const long = overlongCell(grids);
    if (long) throw new XlsxLimitError(overlongCellMessage(long));
    grids.forEach(grid => drawGrid(workbook, grid));
    // Excel refuses to open a workbook without a sheet; a file with no declaration still gets one, saying so.
    if (workbook.worksheets.length === 0) workbook.addWorksheet('空').getCell(1, 1).value = '（此文件没有申报表）';
    return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The noncharacters U+FFFE and U+FFFF, which XML cannot hold: one in a cell made a workbook Excel
 * reports as damaged. They stand for no character and show as nothing; they go, as exceljs drops control characters.
 */
const NOT_XML = /[\ufffe\uffff]/g;
const xmlSafe = (text: string) => text.replace(NOT_XML, '');

function xmlSafeGrid(grid: Grid): Grid {
    return {
        ...grid,
        title: xmlSafe(grid.title),
        caption: grid.caption && { left: xmlSafe(grid.caption.left), right: xmlSafe(grid.caption.right) },
        cells: grid.cells.map(cell => typeof cell.value === 'string' ? { ...cell, value: xmlSafe(cell.value) } : cell)
    };
}

/** A text of the workbook longer than a cell holds, and the sheet it would stand on. */
export interface OverlongCell {
    sheet: string;
    text: string;
}

/** Every text of the workbook longer than a cell holds, in the order the sheets show them. */
export function overlongCells(grids: readonly Grid[]): OverlongCell[] {
    return grids.flatMap(grid => [grid.title, grid.caption?.left ?? '', ...grid.cells.map(cell => typeof cell.value === 'string' ? cell.value : '')]
        .filter(text => text.length > MAX_CELL_CHARACTERS)
        .map(text => ({ sheet: grid.sheetName, text })));
}

export function overlongCell(grids: readonly Grid[]): OverlongCell | null {
    return overlongCells(grids)[0] ?? null;
}

export function overlongCellMessage({ sheet, text }: OverlongCell): string {
    const count = (n: number) => n.toLocaleString('en-US');
    return `「${sheet}」中以「${text.slice(0, 16).replace(/\s+/g, ' ')}」开头的一段文字有 ${count(text.length)} 个字符，`
        + `超过 Excel 单元格的上限 ${count(MAX_CELL_CHARACTERS)} 个字符：请缩短这段文字，或导出为 html、md。`;
}

/** The 年度 cell (sheet.ts) stands in the caption row (项目支出) or on a row of its own under the title (部门整体). */
function drawGrid(workbook: ExcelJS.Workbook, grid: Grid): void {
    const { year } = grid;
    const columns = grid.widths.length;
    const preamble = grid.caption || year ? 2 : 1;
    const heights = rowHeights(grid);
    // Physical rows per grid row: 1, or more when the row is taller than Excel allows (long 绩效指标 strings).
    const spread = heights.map(h => Math.max(1, Math.ceil(h / MAX_ROW_HEIGHT)));
    const firstRow: number[] = [];
    let next = preamble + 1;
    for (const n of spread) {
        firstRow.push(next);
        next += n;
    }
    const lastRow = (gridRow: number) => firstRow[gridRow]! + spread[gridRow]! - 1;

    const sheet = workbook.addWorksheet(grid.sheetName, {
        pageSetup: {
            paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
            horizontalCentered: true,
            margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
            // 项目支出 repeats its column headers; 部门整体 has none at the top, so its title and the row under it
            // (部门名称, or the 年度 cell when there is one) repeat.
            printTitlesRow: grid.headRows > 0 ? `${preamble + 1}:${preamble + grid.headRows}` : '1:2'
        },
        headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
        views: grid.headRows > 0 ? [{ state: 'frozen', xSplit: 0, ySplit: preamble + grid.headRows }] : []
    });
    sheet.columns = grid.widths.map(width => ({ width }));

    const merge = mergerOf(sheet);
    merge(1, 1, 1, columns);
    const title = sheet.getCell(1, 1);
    title.value = grid.title;
    title.font = { name: FONT, size: 16, bold: true };
    title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    sheet.getRow(1).height = 32;
    const captionCell = (col: number, value: string, horizontal: 'left' | 'center' | 'right') => {
        const cell = sheet.getCell(2, col);
        cell.value = value;
        cell.font = { name: FONT, size: BODY_SIZE };
        cell.alignment = { horizontal, vertical: 'middle' };
    };
    if (grid.caption) {
        // 部门名称 on the left, the 年度 cell (if any) in the next-to-last column, 单位 on the right.
        merge(2, 1, 2, columns - (year ? 2 : 1));
        captionCell(1, grid.caption.left, 'left');
        if (year) captionCell(columns - 1, year, 'center');
        captionCell(columns, grid.caption.right, 'right');
        sheet.getRow(2).height = 20;
    } else if (year) {
        merge(2, 1, 2, columns);
        captionCell(1, year, 'center');
        sheet.getRow(2).height = 20;
    }

    heights.forEach((h, i) => {
        for (let r = firstRow[i]!; r <= lastRow(i); r++) sheet.getRow(r).height = h / spread[i]!;
    });

    for (const cell of grid.cells) {
        const top = firstRow[cell.row]!;
        const bottom = lastRow(cell.row + cell.rowSpan - 1);
        const left = cell.col + 1;
        const right = cell.col + cell.colSpan;
        // Every cell of a merged range gets the border, or Excel draws the range with gaps.
        for (let r = top; r <= bottom; r++) {
            for (let c = left; c <= right; c++) sheet.getCell(r, c).border = allBorders;
        }
        if (bottom > top || right > left) merge(top, left, bottom, right);
        styleCell(sheet.getCell(top, left), cell);
    }
}

/**
 * Merges ranges of `sheet` as `sheet.mergeCells` does, in time linear in the cells merged: ExcelJS checks each new
 * range against every range merged before (a table of 8,000 任务 took 15 s to write). The cells already in a range
 * are kept here instead, and ExcelJS merges each range against an empty list of earlier ones.
 */
function mergerOf(sheet: ExcelJS.Worksheet): (top: number, left: number, bottom: number, right: number) => void {
    const taken = new Set<string>();
    const internal = sheet as unknown as { _merges?: Record<string, unknown> };
    return (top, left, bottom, right) => {
        for (let r = top; r <= bottom; r++) {
            for (let c = left; c <= right; c++) {
                const key = `${r}:${c}`;
                // ExcelJS's own refusal, for the same overlap (sheet.ts lays out cells that never overlap).
                if (taken.has(key)) throw new Error('Cannot merge already merged cells');
                taken.add(key);
            }
        }
        const earlier = internal._merges;
        if (earlier === null || typeof earlier !== 'object') return sheet.mergeCells(top, left, bottom, right);
        internal._merges = {};
        try {
            sheet.mergeCells(top, left, bottom, right);
        } finally {
            internal._merges = Object.assign(earlier, internal._merges);
        }
    };
}

function styleCell(target: ExcelJS.Cell, cell: GridCell): void {
    if (cell.value !== null && cell.value !== '') target.value = cell.value;
    target.font = { name: FONT, size: BODY_SIZE, bold: isBold(cell.kind) };
    target.alignment = { ...alignmentOf(cell.kind), vertical: 'middle', wrapText: true, ...(cell.indent ? { indent: cell.indent } : {}) };
    if (cell.kind === 'amount') target.numFmt = AMOUNT_FORMAT;
    if (cell.kind === 'count') target.numFmt = COUNT_FORMAT;
    if (cell.kind === 'header') target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
}

function isBold(kind: CellKind): boolean {
    return kind === 'label' || kind === 'header' || kind === 'strong';
}

function alignmentOf(kind: CellKind): Partial<ExcelJS.Alignment> {
    switch (kind) {
        case 'label': case 'header': case 'category': case 'item': return { horizontal: 'center' };
        case 'amount': case 'count': return { horizontal: 'right' };
        default: return { horizontal: 'left' };
    }
}

/**
 * Row heights from the wrapped text, since neither exceljs nor Excel measures them on opening. Cells spanning
 * several rows (一级/二级, block labels) are short and left out; a label taller than its one row raises the row.
 */
function rowHeights(grid: Grid): number[] {
    const lines = new Array<number>(grid.rows).fill(1);
    for (const cell of grid.cells) {
        if (cell.rowSpan !== 1 || cell.value === null) continue;
        const width = grid.widths.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0);
        const text = typeof cell.value === 'number' ? String(cell.value) : cell.value;
        // Bold labels are a little wider; indentation eats three characters per level.
        const usable = width - (cell.indent ?? 0) * 3 - (isBold(cell.kind) ? 1 : 0);
        lines[cell.row] = Math.max(lines[cell.row]!, wrappedLines(text, usable));
    }
    return lines.map(n => n * LINE_HEIGHT + ROW_PADDING);
}
