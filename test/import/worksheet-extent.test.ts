import { describe, expect, test } from 'vitest';
import { withoutEmptyCells, worksheetExtent } from '../../language/import/worksheet-extent.js';
import { chunks } from './helpers.js';

// The used range of a worksheet read from its XML before exceljs loads it (worksheet-extent.ts): the last row and
// column that hold something (a value, a formula), wherever the inflated chunks happen to cut the tags; cells with
// formatting only do not count, and are taken out before exceljs loads the sheet, as are the parts of merged ranges
// past the values.


const sheet = '<?xml version="1.0"?><worksheet><dimension ref="A1:B2"/><cols><col min="1" max="3"/></cols><sheetData>'
    + '<row r="1" spans="1:2"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1</v></c></row>'
    + '<row r="7"><c r="XFD7" s="1"/></row>'
    // rows and cells without references follow the previous ones, as the format says
    + '<row><c><v>1</v></c><c><is><t>部门名称</t></is></c><c/></row>'
    + '</sheetData><mergeCells count="1"><mergeCell ref="B9:$C$30"/></mergeCells><rowBreaks count="1"><brk id="99999"/></rowBreaks></worksheet>';

describe('the used range of a worksheet, from its XML', () => {
    // Values in A1, B1 and (a row without a reference: row 8) A8, B8; a merged range B9:C30 below them holds nothing.
    test('rows and columns as numbered, rows and cells without references; not <dimension>, <cols>, <rowBreaks>', async () => {
        expect(await worksheetExtent(chunks(sheet, []))).toEqual({ rows: 8, rowsRead: 3, lastColumn: 2, columns: 2, padded: true });
        expect(await worksheetExtent(chunks(sheet.replace('<c/>', '<c><v>2</v></c>').replace('<c r="XFD7" s="1"/>', '').replace(/<mergeCells.*<\/mergeCells>/, ''), [])))
            .toEqual({ rows: 8, rowsRead: 3, lastColumn: 3, columns: 3, padded: false });
    });

    test('a merged range is read within the rows and columns that hold something: past them it only repeats its first cell', async () => {
        const withValue = (merge: string) => sheet.replace('B9:$C$30', merge).replace('</sheetData>', '<row r="30"><c r="C30"><v>5</v></c></row></sheetData>');
        // rows 1, 2–7 (one), 8 hold something; 9–30 are in the merged range
        expect(await worksheetExtent(chunks(withValue('B9:$C$30'), []))).toMatchObject({ rows: 30, rowsRead: 25, lastColumn: 3, columns: 3 });
        // across the whole sheet: cut to A1:C30, so every column up to C is read, and no row past 30
        expect(await worksheetExtent(chunks(withValue('A1:XFD1048576'), []))).toEqual({ rows: 30, rowsRead: 30, lastColumn: 3, columns: 3, padded: true });
        expect(await worksheetExtent(chunks(withValue('D1:XFD1048576'), []))).toEqual({ rows: 30, rowsRead: 5, lastColumn: 3, columns: 3, padded: true });
    });

    test('a formatted empty cell far out does not count; a value or a formula there does, the empty columns before it as one', async () => {
        expect(await worksheetExtent(chunks(sheet.replace('<c r="XFD7" s="1"/>', '<c r="XFD7" s="1"><v>1</v></c>'), []))).toEqual({ rows: 8, rowsRead: 4, lastColumn: 16384, columns: 4, padded: true });
        expect(await worksheetExtent(chunks(sheet.replace('<c r="XFD7" s="1"/>', '<c r="XFD7"><f>A1+1</f></c>'), []))).toMatchObject({ rows: 8, rowsRead: 4, lastColumn: 16384, columns: 4 });
        expect(await worksheetExtent(chunks(sheet.replace('<c r="XFD7" s="1"/>', '<c r="XFD7" s="1"></c>'), []))).toEqual({ rows: 8, rowsRead: 3, lastColumn: 2, columns: 2, padded: true });
    });

    test('a value in the last row of the sheet: the rows between read as one, as the empty columns', async () => {
        const far = sheet.replace('</sheetData>', '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>备注</t></is></c></row></sheetData>');
        // rows 1, 2–7 (one), 8, 9–30 (the merged range B9:C30, now within the rows), 31–1,048,575 (one), 1,048,576
        expect(await worksheetExtent(chunks(far, []))).toEqual({ rows: 1048576, rowsRead: 27, lastColumn: 2, columns: 2, padded: true });
    });

    test('the same wherever the chunks cut the tags', async () => {
        const length = Buffer.byteLength(sheet);
        for (let cut = 1; cut < length; cut++) {
            expect(await worksheetExtent(chunks(sheet, [cut])), `cut at ${cut}`).toEqual({ rows: 8, rowsRead: 3, lastColumn: 2, columns: 2, padded: true });
        }
        expect(await worksheetExtent(chunks(sheet, Array.from({ length: length - 1 }, (_, i) => i + 1)))).toEqual({ rows: 8, rowsRead: 3, lastColumn: 2, columns: 2, padded: true });
    });

    test('tags with a namespace prefix (<x:row>, as some generators write them)', async () => {
        const prefixed = sheet.replace(/<(\/?)(row|c|mergeCell|v|is)\b/g, '<$1x:$2');
        expect(await worksheetExtent(chunks(prefixed, [100, 200]))).toEqual({ rows: 8, rowsRead: 3, lastColumn: 2, columns: 2, padded: true });
    });
});

describe('a worksheet without its formatted empty cells', () => {
    const padded = sheet.replace('</sheetData>', '<row r="9" ht="20" customHeight="1"/><row r="10"><c r="A10" s="1"></c><c r="B10" s="2"/></row></sheetData>')
        .replace('<mergeCell ref="B9:$C$30"/>', '<mergeCell ref="A1:B1"/><mergeCell ref="A8:XFD1048576"/><mergeCell ref="B9:$C$30"/>');
    // the merged range past the values cut to them, the one outside them taken out
    const trimmed = sheet.replace('<row r="7"><c r="XFD7" s="1"/></row>', '')
        .replace('<mergeCell ref="B9:$C$30"/>', '<mergeCell ref="A1:B1"/><mergeCell ref="A8:B8"/>');
    const extent = { rows: 8, lastColumn: 2 };

    test('empty cells and the rows they leave empty are taken out, merged ranges cut; values, cells without references and the rest stay', async () => {
        expect((await withoutEmptyCells(chunks(padded, []), extent)).toString('utf8')).toBe(trimmed);
    });

    test('the same wherever the chunks cut the XML', async () => {
        const length = Buffer.byteLength(padded);
        for (let cut = 1; cut < length; cut += 7) {
            expect((await withoutEmptyCells(chunks(padded, [cut, Math.min(length, cut + 40)]), extent)).toString('utf8'), `cut at ${cut}`).toBe(trimmed);
        }
    });
});
