import { sheetCellText, type SourcePlace } from '../import/source.js';

// A place in an original file as a reviewer types it into the program that opens the file: Excel's own reference
// (部门整体!D14, 'My Sheet'!D14), the table cell or paragraph of a Word document, the line (and tab field) of a text.

export function sourcePlaceText(place: SourcePlace): string {
    switch (place.kind) {
        case 'sheet-cell': return sheetCellText(place.sheet, place.cell);
        case 'table-cell': return `表${place.table} 第${place.row}行第${place.column}列`;
        case 'paragraph': return `正文第${place.paragraph}段`;
        case 'line':
            if (place.endLine !== undefined && place.endLine !== place.line) return `第${place.line}–${place.endLine}行`;
            return place.field !== undefined ? `第${place.line}行第${place.field}列` : `第${place.line}行`;
    }
}

/** When nothing in the original maps to a finding: the line of the .jxmb that `jxmb import` would write. */
export function generatedPlaceText(line: number): string {
    return `（导入后第 ${line} 行）`;
}
