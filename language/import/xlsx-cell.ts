import type ExcelJS from 'exceljs';
import { ImportError } from './errors.js';
import { excelPrecision, renderDate, renderNumber } from './number-format.js';
import { sheetCellText, type SourceCell } from './source.js';

// One .xlsx cell → its text as the sheet shows it, its number when it holds one (amounts read the number), and a
// note when what is read is not what the sheet shows (an error value, a formula without its result, a number format
// this cannot render).

export interface CellContent extends Pick<SourceCell, 'text' | 'number'> {
    note?: string;
}

type FormulaValue = ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue;

/** `emptyResult`: whether the sheet's XML saved the formula's result as the empty string (xlsx-empty-results.ts). */
export function contentOf(cell: ExcelJS.Cell, emptyResult: () => boolean = () => false): CellContent {
    const value = cell.value;
    if (value === null || value === undefined) return { text: '' };
    if (typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
        // From the cell, not its value: exceljs's value leaves out a saved result that is falsy (0, "", FALSE).
        const result = (cell.result as FormulaValue['result'] | undefined) ?? (value as FormulaValue).result;
        const formula = 'formula' in value && value.formula ? `「=${value.formula}」` : '';
        if (result === undefined || result === null) {
            // =IF(…,""): Excel shows an empty cell, and so it is read (exceljs leaves the empty result out).
            if (emptyResult()) return { text: '' };
            // A workbook written by a program and never recalculated in Excel: jxmb does not evaluate formulas.
            return { text: '', note: `此格是公式${formula}，文件中没有保存它的计算结果：按空白读取。请在 Excel 中打开此文件并保存（Excel 会算出结果），再导入。` };
        }
        if (typeof result === 'object' && 'error' in result) {
            return { text: '', note: `此格是公式${formula}，结果是 Excel 错误值 ${result.error}：按空白读取。请在 Excel 中修正公式后再导入。` };
        }
        return valueContent(result, cell);
    }
    return valueContent(value, cell);
}

function valueContent(value: unknown, cell: ExcelJS.Cell): CellContent {
    if (typeof value === 'number') return numberContent(excelPrecision(value), cell.numFmt);
    if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
    if (value instanceof Date) return dateContent(value, cell);
    if (value !== null && typeof value === 'object' && 'error' in value) {
        return { text: '', note: `此格是 Excel 错误值 ${String(value.error)}（公式出错）：按空白读取。请在 Excel 中修正公式后再导入。` };
    }
    // A hyperlink's text is a rich text when the link is formatted (its runs joined, as the cell shows them), or a number.
    if (value !== null && typeof value === 'object' && 'hyperlink' in value) {
        const shown = (value as { text?: unknown }).text;
        return shown === undefined || shown === null ? { text: '' } : valueContent(shown, cell);
    }
    const text = textOf(value);
    if (text !== null) return { text: text.trim() };
    return { text: '', note: '此格的内容无法识别为文字或数字：按空白读取。请在 Excel 中核对此格。' };
}

/** A string, a rich text's runs joined, or null: never 「[object Object]」. */
function textOf(value: unknown): string | null {
    if (typeof value === 'string') return value;
    if (value !== null && typeof value === 'object' && 'richText' in value && Array.isArray(value.richText)) {
        return value.richText.map((run: { text?: unknown }) => (typeof run.text === 'string' ? run.text : '')).join('');
    }
    return null;
}

/**
 * A number as the sheet shows it: 45 in 「"≥"0"场次"」 reads ≥45场次, 0.95 in 「0%」 95%. The number stays for amounts
 * (money is read by its number, not its formatting); a percentage is no amount and keeps none.
 */
function numberContent(value: number, format: string | undefined): CellContent {
    if (!format || /^(?:general|@)$/i.test(format)) return { text: String(value), number: value };
    const shown = renderNumber(value, format);
    if (!shown) return { text: String(value), number: value, note: `此格的数字格式「${format}」在 Excel 中显示的文字与数值不同，无法照样换算：按数值 ${value} 读取，请核对。` };
    if (shown.percent) return { text: shown.text };
    if (!shown.scaled) return { text: shown.text, number: value };
    return {
        text: shown.text, number: value,
        note: `此格显示为「${shown.text}」，是数字格式「${format}」把数值 ${value} 按千缩小后的样子：作为金额按数值 ${value} 读取，作为指标值按显示的文字读取，请核对。`
    };
}

/**
 * A date cell as yyyy-mm-dd, or the text the sheet shows when its format says more (「2024年12月31日前」). exceljs turns
 * a number in a date-formatted cell that is no date (238970000, an amount in a wrongly formatted cell) into an
 * Invalid Date and drops the number: a message at its place, never a crash.
 */
function dateContent(date: Date, cell: ExcelJS.Cell): CellContent {
    if (Number.isNaN(date.getTime())) {
        throw new ImportError(`${sheetCellText(cell.worksheet.name, cell.address)} 设为日期格式，但其数值不是可用的日期：请把该单元格改为数值或文本格式。`);
    }
    const iso = date.toISOString().slice(0, 10);
    const shown = cell.numFmt ? renderDate(date, cell.numFmt) : 'iso';
    if (shown === 'iso') return { text: iso };
    if (shown) return { text: shown.text };
    return { text: iso, note: `此格的日期格式「${cell.numFmt}」在 Excel 中显示的文字与此不同，无法照样换算：按日期 ${iso} 读取，请核对。` };
}
