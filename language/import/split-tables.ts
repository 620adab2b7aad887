// Several tables one after another on one sheet or in one text file (two 部门整体 pasted into one file): each is a
// declaration of its own. Read as one, the second unit's tasks and indicators would join the first unit's table.
import { filled, type SourceCell, type SourceTable } from './source.js';
import { departmentSection, indicatorHeading, looksLikeTitle, projectHeading } from './vocabulary.js';

const isHeader = (cells: readonly SourceCell[]) => cells.some(cell => indicatorHeading(cell.text) === 'level3')
    || (cells.some(cell => projectHeading(cell.text) === 'name') && cells.some(cell => projectHeading(cell.text) === 'indicators'));
const isUnitRow = (cells: readonly SourceCell[]) => cells.length > 0 && departmentSection(cells[0]!.text) === 'unit';
const isTitleRow = (cells: readonly SourceCell[]) => cells.length === 1 && looksLikeTitle(cells[0]!.text);

/**
 * A table starts again at a 部门名称 row (or the title row just above it) once the rows so far had a table's header,
 * provided a header follows it: a title repeated after a page break, with no 部门名称 and header of its own, does not.
 */
export function splitTables(table: SourceTable): SourceTable[] {
    const rows = table.rows.map(filled);
    const starts = [0];
    let headerSeen = false;
    for (let i = 0; i < rows.length; i++) {
        if (headerSeen && isUnitRow(rows[i]!) && rows.slice(i + 1).some(isHeader)) {
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
