import { hasInvisible, invisibleNames, isDirectionControl, withoutInvisible } from '../domain/invisible-chars.js';
import { compact, isAmountText } from './cells.js';
import type { Placement } from './placement.js';
import type { SourceTable } from './source.js';
import { structuredForm } from './values.js';
import {
    basicInfoField, budgetField, departmentSection, indicatorHeading, isBudgetHeading, level1Label, level2Label, projectHeading,
    taskHeading, unitCaptionNote
} from './vocabulary.js';

// Cells holding characters nobody sees (domain/invisible-chars.ts). A name or text keeps them, as the unit typed it:
// the reviewer gets the value the table holds, and the check text/invisible-char shows each at its cell. A cell that
// reads as one word of the form (基本支出, 数量指标), one amount or one value form (≥45场次) has no place for them —
// the .jxmb writes a label or a number — and would otherwise not be recognised at all: it is read without them, with
// a note at the cell, since a direction control shows the cell otherwise in Excel or Word (238.97 as 79.832).

/** A word the official layout prints, a number or a value form: read by its meaning, never kept as text. */
function readsAsWordOrNumber(text: string): boolean {
    const c = compact(text);
    const section = departmentSection(text);
    if (section) return !/[:：]./.test(c); // 「部门名称：X」, 「备注：X」 carry a text
    return isAmountText(text) || structuredForm(text.trim()) !== null || c === '合计' || unitCaptionNote(text) !== null
        || isBudgetHeading(text) || budgetField(text) !== null || basicInfoField(text) !== null || taskHeading(text) !== null
        || indicatorHeading(text) !== null || level1Label(text) !== null || level2Label(text) !== null || projectHeading(text) !== null;
}

export function readThroughInvisible(tables: readonly SourceTable[], placement: Placement): void {
    for (const cell of tables.flatMap(table => table.rows.flat())) {
        if (!hasInvisible(cell.text)) continue;
        const visible = withoutInvisible(cell.text).trim();
        if (visible !== '' && !readsAsWordOrNumber(visible)) continue;
        const names = invisibleNames(cell.text).join('、');
        const shown = Array.from(cell.text).some(isDirectionControl) ? '；其中的方向控制字符使此格在原表中显示的顺序与实际不同，请核对' : '';
        cell.text = visible;
        if (visible === '') cell.readAsBlank = true;
        // A merged range's other cells repeat its first: one note, at the first.
        if (cell.merge) continue;
        placement.note(cell.where, visible === ''
            ? `此格只有不可见字符（${names}）：按空白读取${shown}。`
            : `此格含不可见字符（${names}）：按「${visible}」读取，不计这些字符${shown}。`);
    }
}
