import type { Cell } from '../compile/model.js';
import { amountOf, compact } from './cells.js';
import type { Placement } from './placement.js';
import type { SourceCell } from './source.js';

// An amount cell → the model's Cell. The .jxmb form writes amounts as non-negative numbers with two decimals
// (万元, RULES §1A R5); a cell that cannot be written so keeps its original text in the report.

export function readAmount(cell: SourceCell | undefined, placement: Placement, what: string): Cell {
    const value = amountOf(cell);
    if (value === null) return null;
    if (value === undefined || value < 0 || !Number.isFinite(value)) {
        placement.unplaced(cell!, value === undefined
            ? `「${what}」应为金额，此格却是文字：按空白单元格处理`
            : value < 0 ? `「${what}」为负数，.jxmb 的金额不能为负：按空白单元格处理`
            : `「${what}」位数太多，不是可用的金额：按空白单元格处理`);
        return null;
    }
    placement.use(cell);
    const rounded = Math.round(value * 100) / 100;
    if (rounded !== value) placement.note(cell!.where, `「${what}」${value} 超过两位小数，.jxmb 按万元两位小数写作 ${rounded.toFixed(2)}。`);
    return rounded;
}

/** A count (基本信息): a non-negative whole number. */
export function readCount(cell: SourceCell | undefined, placement: Placement, what: string): Cell {
    // Typed with the unit its label gives (财政供养人员数（人） 498人, 下属二级单位数（个） 3个).
    const counted = cell && cell.number === undefined ? /^(\d+)[人个]$/.exec(compact(cell.text).normalize('NFKC')) : null;
    const value = counted ? Number(counted[1]) : amountOf(cell);
    if (value === null) return null;
    if (value === undefined || value < 0 || !Number.isInteger(value)) {
        placement.unplaced(cell!, `「${what}」应为非负整数：按空白单元格处理`);
        return null;
    }
    placement.use(cell);
    return value;
}
