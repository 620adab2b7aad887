import type { Placement } from './placement.js';
import { filled, isEmptyCell, isMergeCopy, type SourceCell } from './source.js';

// Merged cells that were unmerged and filled (Excel's 取消合并 + 填充, common once a table has been sorted or
// copied): every cell of a former range holds the range's value. The recognisers read a merged range at its first
// cell and carry it over the empty cells below; filled, each copy reads as a value of its own (a task imported
// twice). A copy cannot be told by its text alone — two indicators may share a value, 总计 and 财政拨款 an amount,
// two 三级 a name — so the table's structure decides: a whole row repeated under a filled label column, a cell
// repeated across into a column that is no field of its own, and (in the recognisers) a 任务 or 项目 whose key
// cells repeat over contiguous rows.

/** The same cell content: equal text and number, or both empty. */
export function sameContent(a: SourceCell | undefined, b: SourceCell | undefined): boolean {
    if (isEmptyCell(a) || isEmptyCell(b)) return isEmptyCell(a) && isEmptyCell(b);
    return a!.text === b!.text && a!.number === b!.number;
}

/**
 * The row repeats the row above in every column, its first column included: one row of the table drawn over several
 * sheet rows (a tall row), unmerged and filled. The first column (the section label, the project name) must be
 * filled: read with its merged ranges, a table leaves it empty below a label, so two equal rows there are two
 * entries (an indicator written twice) and both stay.
 */
export function repeatsRow(row: readonly SourceCell[], above: readonly SourceCell[] | undefined): boolean {
    if (!above || isEmptyCell(row[0]) || filled(row).length === 0) return false;
    // Under a merged label, a row is the one above drawn taller only where all of it is merged: cells typed alike
    // there are an entry written twice.
    if (isMergeCopy(row[0]) && !filled(row).every(isMergeCopy)) return false;
    const width = Math.max(row.length, above.length);
    for (let c = 0; c < width; c++) if (!sameContent(row[c], above[c])) return false;
    return true;
}

/** Places a repeated row's cells (they are the row above's, already read) and says so. */
export function skipRepeatedRow(row: readonly SourceCell[], placement: Placement): void {
    const cells = filled(row);
    placement.use(...cells);
    // A row whose every cell is merged with the one above is that row drawn taller: nothing to decide, nothing to say.
    if (cells.every(isMergeCopy)) return;
    placement.note(cells[0]!.where, '这一行与上一行逐格相同（合并单元格取消合并后逐行填充，或一行跨了几行）：按同一行读取一次。');
}

/** Says that a merged range gave this cell its value (a 三级 name over two rows, one value for 实施周期 and 年度). */
export function noteMergedValue(cell: SourceCell | undefined, field: string, placement: Placement): void {
    if (!cell || !isMergeCopy(cell) || isEmptyCell(cell)) return;
    placement.note(cell.where, `${field}在合并单元格 ${cell.merge} 中：按合并的值「${cell.text || String(cell.number)}」读取。`);
}

/**
 * The cells without the copies of a merged cell filled across: a cell holding what the cell just left of it holds is
 * its copy, unless `own` says it is a field of its own (a header's columns: 名称 and 主要实施内容 may say the
 * same; a range merged over 实施周期 and 年度 gives both one value). The copies are placed: their text is the
 * original's.
 */
export function withoutCopiesAcross(cells: readonly SourceCell[], placement: Placement, own: (cell: SourceCell) => boolean = () => false): SourceCell[] {
    const kept: SourceCell[] = [];
    cells.forEach((cell, i) => {
        const left = cells[i - 1];
        const copy = left !== undefined && left.col === cell.col - 1 && sameContent(cell, left) && !own(cell);
        if (copy) placement.use(cell);
        else kept.push(cell);
    });
    return kept;
}
