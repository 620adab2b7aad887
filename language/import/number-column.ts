// A 序号 column a user put before the official layout (1, 2, 3 … in front of every row). The layouts' first column
// holds labels (部门名称, 基本信息, 绩效指标 …) or project names, never bare numbers, so a first column of nothing
// but numbers is that: without it the table reads as the official one. Kept, it made every row a shifted one.
import type { SourceCell, SourceTable } from './source.js';
import { compact } from './cells.js';

const SEQUENCE = /^(?:\d{1,5}|序号)$/;

/**
 * The table without its leading 序号 column (the cells of the others move one column left, the same objects, so
 * the report still finds them), and the column's cells; none when the first column is not one.
 */
export function withoutNumberColumn(table: SourceTable): { table: SourceTable; numbers: SourceCell[] } {
    const numbers = table.rows.map(row => row[0]).filter((cell): cell is SourceCell => cell !== undefined && cell.text.trim() !== '');
    const numbered = numbers.length >= 3 && numbers.every(cell => cell.col === 0 && SEQUENCE.test(compact(cell.text)));
    if (!numbered || !table.rows.some(row => row.slice(1).some(cell => cell.text.trim() !== ''))) return { table, numbers: [] };
    const rows = table.rows.map(row => row.filter(cell => cell.col !== 0));
    for (const cell of rows.flat()) cell.col -= 1;
    return { table: { ...table, rows }, numbers };
}
