// Several tables one after another on one sheet or in one text file (two 部门整体 pasted into one file): each is a
// declaration of its own. Read as one, the second unit's tasks and indicators would join the first unit's table.
import { filled, type SourceCell, type SourceTable } from './source.js';
import { compact } from './cells.js';
import { departmentSection, indicatorHeading, looksLikeTitle, projectHeading } from './vocabulary.js';
import { yearOfCaption } from './year.js';

const isHeader = (cells: readonly SourceCell[]) => cells.some(cell => indicatorHeading(cell.text) === 'level3')
    || (cells.some(cell => projectHeading(cell.text) === 'name') && cells.some(cell => projectHeading(cell.text) === 'indicators'));
const isUnitRow = (cells: readonly SourceCell[]) => cells.length > 0 && departmentSection(cells[0]!.text) === 'unit';
/**
 * A row of the caption above a table: its title, and the 「年度：2024」 that compile writes under a title naming no year,
 * each in one cell or filled across the cells of its merged range.
 */
const isTitleRow = (cells: readonly SourceCell[]) => cells.length > 0
    && cells.every(cell => compact(cell.text) === compact(cells[0]!.text))
    && (looksLikeTitle(cells[0]!.text) || yearOfCaption(cells[0]!.text) !== null);

const unitText = (cells: readonly SourceCell[]) => compact(cells.map(cell => cell.text).join(''));

/**
 * The 部门名称 row repeats the current table's, and no 基本信息 or 预算 follows before the next header: the title and
 * 部门名称 printed again on the next page, not a table of its own.
 */
function repeatsUnit(rows: readonly SourceCell[][], i: number, unit: string | null): boolean {
    if (unit === null || unitText(rows[i]!) !== unit) return false;
    for (const cells of rows.slice(i + 1)) {
        if (isHeader(cells)) return true;
        const section = cells.length > 0 ? departmentSection(cells[0]!.text) : null;
        if (section === 'basicInfo' || section === 'budget') return false;
    }
    return false;
}

/**
 * A table starts again at a 部门名称 row (or the title row just above it) once the rows so far had a table's header,
 * provided a header follows it: a title repeated after a page break, with no 部门名称 and header of its own, does not,
 * nor a title and 部门名称 repeated after a page break above the continued table.
 */
export function splitTables(table: SourceTable): SourceTable[] {
    const rows = table.rows.map(filled);
    const starts = [0];
    let headerSeen = false;
    let unit: string | null = null;
    for (let i = 0; i < rows.length; i++) {
        if (isUnitRow(rows[i]!) && unit === null) unit = unitText(rows[i]!);
        if (headerSeen && isUnitRow(rows[i]!) && !repeatsUnit(rows, i, unit) && rows.slice(i + 1).some(isHeader)) {
            unit = unitText(rows[i]!);
            let start = i;
            for (let j = i - 1; j > starts.at(-1)! && (rows[j]!.length === 0 || isTitleRow(rows[j]!)); j--) if (rows[j]!.length > 0) start = j;
            starts.push(start);
            headerSeen = false;
        }
        if (isHeader(rows[i]!)) headerSeen = true;
    }
    if (starts.length === 1) return [table];
    // The reader's notes stay with the first part: they are about the file as read, not one table.
    return starts.map((start, k) => ({ ...table, rows: table.rows.slice(start, starts[k + 1] ?? table.rows.length), notes: k === 0 ? table.notes : undefined }));
}
