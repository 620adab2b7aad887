import type { Placement } from './placement.js';
import { filled, isEmptyCell, type SourceCell } from './source.js';

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
    const width = Math.max(row.length, above.length);
    for (let c = 0; c < width; c++) if (!sameContent(row[c], above[c])) return false;
    return true;
}

/** Places a repeated row's cells (they are the row above's, already read) and says so. */
export function skipRepeatedRow(row: readonly SourceCell[], placement: Placement): void {
    const cells = filled(row);
    placement.use(...cells);
    placement.note(cells[0]!.where, '这一行与上一行逐格相同（合并单元格取消合并后逐行填充，或一行跨了几行）：按同一行读取一次。');
}

/**
 * The cells without the copies of a merged cell filled across: a cell holding what the cell just left of it holds is
 * its copy, unless `own` says its column is a field of its own (a header's columns: 名称 and 主要实施内容 may say the
 * same). The copies are placed: their text is the original's.
 */
export function withoutCopiesAcross(cells: readonly SourceCell[], placement: Placement, own: (col: number) => boolean = () => false): SourceCell[] {
    const kept: SourceCell[] = [];
    cells.forEach((cell, i) => {
        const left = cells[i - 1];
        const copy = left !== undefined && left.col === cell.col - 1 && sameContent(cell, left) && !own(cell.col);
        if (copy) placement.use(cell);
        else kept.push(cell);
    });
    return kept;
}
