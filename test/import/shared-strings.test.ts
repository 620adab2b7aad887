import { describe, expect, test } from 'vitest';
import { stringsUsedBy } from '../../language/import/shared-strings.js';
import { chunks } from './helpers.js';

// The shared strings kept when a sheet too large to read is left out (shared-strings.ts): the texts the sheets read
// use, each at its index, the others emptied in place and those after the last one used left out — wherever the
// inflated chunks happen to cut the XML.


const strings = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="6" uniqueCount="6">'
    + '<si><t>明细甲</t></si><si><t>部门名称</t></si><si/><si><r><rPr><b/></rPr><t>绩效</t></r><r><t>指标</t></r></si><si><t>明细乙</t></si><si><t xml:space="preserve"> 明细丙 </t></si></sst>';
// The table uses strings 1 and 3 (rich text); the ledger, not read, used 0, 4 and 5.
const table = '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" s="2"><v>0</v></c></row>'
    + '<row r="2"><c r="A2" s="1" t="s"><v>3</v></c><c r="B2" t="str"><f>A1</f><v>4</v></c><c r="C2" t="s"/></row></sheetData></worksheet>';
const kept = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="6" uniqueCount="6">'
    + '<si><t></t></si><si><t>部门名称</t></si><si><t></t></si><si><r><rPr><b/></rPr><t>绩效</t></r><r><t>指标</t></r></si></sst>';

describe('the shared strings of the sheets read', () => {
    const used = async (stringCuts: number[], sheets: Array<AsyncIterable<Buffer>>) => (await stringsUsedBy(chunks(strings, stringCuts), sheets)).toString('utf8');

    test('those used at their index, the ones before emptied, those after left out; a number or formula result is no string index', async () => {
        expect(await used([], [chunks(table, [])])).toBe(kept);
        // the table in two sheets: what either uses
        const [first, second] = table.split('<row r="2">');
        expect(await used([], [chunks(first + '</sheetData>', []), chunks('<sheetData><row r="2">' + second, [])])).toBe(kept);
    });

    test('the same wherever the chunks are cut (inside a tag, a string, a character)', async () => {
        for (let cut = 1; cut < Buffer.byteLength(table); cut++) expect(await used([], [chunks(table, [cut])]), `sheet cut at ${cut}`).toBe(kept);
        for (let cut = 1; cut < Buffer.byteLength(strings); cut++) expect(await used([cut], [chunks(table, [])]), `strings cut at ${cut}`).toBe(kept);
    });

    test('sheets that use no string: none kept', async () => {
        expect(await used([], [])).toBe(kept.replace(/<si>.*<\/sst>$/, '</sst>'));
    });
});
