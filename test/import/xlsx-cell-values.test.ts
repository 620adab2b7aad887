import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { importBytes, renderImport } from '../../language/import/import.js';
import { departmentSheet } from './helpers.js';

// A cell of an .xlsx is read as the sheet shows it: a formatted hyperlink by its text, an Excel error value as blank
// with a note, a number through its number format (「"≥"0"场次"」 shows ≥45场次), a formula's floating leftover as
// Excel shows it. What the reader cannot show as Excel does is said at the cell. Hidden columns are said as hidden
// rows are; a password-protected workbook is named as such.

type Result = Awaited<ReturnType<typeof importBytes>>;

function department(result: Result) {
    const d = result.model.declarations[0]!;
    if (d.kind !== 'department') throw new Error('not a 部门整体 declaration');
    return d;
}

const taskAmount = (result: Result) => department(result).tasks[0]!.amount;
const indicatorNames = (result: Result) => department(result).indicators.flatMap(l => l.groups).flatMap(g => g.blocks).flatMap(b => b.indicators).map(i => i.name);
/** 实施周期 and 年度 of an indicator, as the printed .jxmb writes them. */
function values(result: Result, name: string): [string | undefined, string | undefined] {
    const indicator = department(result).indicators.flatMap(l => l.groups).flatMap(g => g.blocks).flatMap(b => b.indicators).find(i => i.name === name);
    return [indicator?.period?.text, indicator?.annual?.text];
}
const notes = (result: Result) => result.report.filter(e => e.kind === 'note' && !e.message.includes('未写入年度')).map(e => `${e.where} ${e.message}`);

describe('text cells', () => {
    test('a hyperlink whose text is formatted (rich text) reads as its text, never 「[object Object]」', async () => {
        const link = { text: { richText: [{ text: '主流媒体', font: { bold: true } }, { text: '报道次数' }] }, hyperlink: 'http://example.org/' };
        const result = await importBytes(await departmentSheet({ D7: link as unknown as ExcelJS.CellValue }));
        expect(indicatorNames(result)).toContain('主流媒体报道次数');
        expect(renderImport(result, 'test')).not.toContain('[object Object]');
    });

    test('an amount typed as text with 万元 after it, or in full-width digits, reads as the amount: nothing unplaced', async () => {
        for (const typed of ['176.70万元', '176.7 万元', '１７６．７０', '１７６．７万元']) {
            const result = await importBytes(await departmentSheet({ D3: typed }));
            expect(taskAmount(result), typed).toBe(176.7);
            expect(result.report.filter(e => e.kind === 'unplaced'), typed).toEqual([]);
        }
        const grouped = await importBytes(await departmentSheet({ D3: '1，234.50' }));
        expect(taskAmount(grouped)).toBe(1234.5);
    });

    test('an amount in another unit than 万元 (元) is not read as 万元: unplaced, at its cell', async () => {
        const result = await importBytes(await departmentSheet({ D3: '1767000元' }));
        expect(taskAmount(result)).toBeNull();
        expect(result.report.filter(e => e.kind === 'unplaced').map(e => e.where)).toEqual(['部门整体!D3']);
    });
});

describe('Excel error values', () => {
    test('an error value and a formula whose result is an error read as blank, each with a note at its cell', async () => {
        const result = await importBytes(await departmentSheet({
            D3: { formula: '80/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue,
            E7: { error: '#N/A' } as ExcelJS.CellErrorValue,
            F7: { formula: 'VLOOKUP("x",Z1:Z2,1,0)', result: { error: '#REF!' } } as ExcelJS.CellFormulaValue
        }));
        expect(taskAmount(result)).toBeNull();
        expect(values(result, '主流媒体报道次数')).toEqual([undefined, undefined]);
        expect(renderImport(result, 'test')).not.toMatch(/#N\/A|#REF!|#DIV\/0!/);
        expect(notes(result)).toEqual([
            '部门整体!D3 此格是公式「=80/0」，结果是 Excel 错误值 #DIV/0!：按空白读取。请在 Excel 中修正公式后再导入。',
            '部门整体!E7 此格是 Excel 错误值 #N/A（公式出错）：按空白读取。请在 Excel 中修正公式后再导入。',
            '部门整体!F7 此格是公式「=VLOOKUP("x",Z1:Z2,1,0)」，结果是 Excel 错误值 #REF!：按空白读取。请在 Excel 中修正公式后再导入。'
        ]);
    });
});

describe('number formats', () => {
    test('literal text in the format is read as the sheet shows it: ≥45场次, 20次, ≥210篇', async () => {
        const result = await importBytes(await departmentSheet({
            E5: { value: 45, numFmt: '"≥"0"场次"' },
            F5: { value: 45, numFmt: '≥0"场次"' },
            E7: { value: 20, numFmt: '0"次"' },
            F7: { value: 210, numFmt: '\\≥#,##0\\篇' }
        }));
        expect(values(result, '组织科普志愿活动场次')).toEqual(['≥45场次', '≥45场次']);
        expect(values(result, '主流媒体报道次数')).toEqual(['20次', '≥210篇']);
        expect(notes(result)).toEqual([]);
    });

    test('a date whose format adds a word keeps it (2024年12月31日前); one that only spells the date reads 2024-12-31', async () => {
        const date = new Date(Date.UTC(2024, 11, 31));
        const result = await importBytes(await departmentSheet({
            E6: { value: date, numFmt: 'yyyy"年"m"月"d"日前"' },
            F6: { value: date, numFmt: 'yyyy"年"m"月"d"日"' }
        }));
        expect(values(result, '完成时间')).toEqual(['2024年12月31日前', '2024-12-31']);
    });

    // 1,234.50 is a quantity, written without its thousands separator (the model's canonical number).
    test('digits, sections and percent as shown: 1,234.50, 减少3 and 100.00%', async () => {
        const result = await importBytes(await departmentSheet({
            E5: { value: 1234.5, numFmt: '#,##0.00' },
            F5: { value: -3, numFmt: '0;"减少"0' },
            E7: { value: 1, numFmt: '0.00%' },
            F7: { value: 0.5, numFmt: '[Red]0%' }
        }));
        expect(values(result, '组织科普志愿活动场次')).toEqual(['1234.50', '减少3']);
        expect(values(result, '主流媒体报道次数')).toEqual(['100.00%', '50%']);
    });

    test('an amount keeps its number whatever the format shows; a format scaling by 1,000 gets a note', async () => {
        const plain = await importBytes(await departmentSheet({ D3: { value: 80, numFmt: '0.00"万元"' } }));
        expect(taskAmount(plain)).toBe(80);
        expect(notes(plain)).toEqual([]);
        const scaled = await importBytes(await departmentSheet({ D3: { value: 1767000, numFmt: '#,##0.00,"万"' } }));
        expect(taskAmount(scaled)).toBe(1767000);
        expect(notes(scaled)).toEqual([
            '部门整体!D3 此格显示为「1,767.00万」，是数字格式「#,##0.00,"万"」把数值 1767000 按千缩小后的样子：作为金额按数值 1767000 读取，作为指标值按显示的文字读取，请核对。'
        ]);
    });

    test('a format this cannot render: the number, and a note quoting the format', async () => {
        const result = await importBytes(await departmentSheet({ E5: { value: 45, numFmt: '0.0E+00"场次"' } }));
        expect(values(result, '组织科普志愿活动场次')[0]).toBe('45');
        expect(notes(result)).toEqual([
            '部门整体!E5 此格的数字格式「0.0E+00"场次"」在 Excel 中显示的文字与数值不同，无法照样换算：按数值 45 读取，请核对。'
        ]);
    });
});

describe('floating leftovers of formulas', () => {
    test('238.97000000000003 reads as 238.97, as Excel shows it: no note about decimals', async () => {
        const result = await importBytes(await departmentSheet({
            D3: { formula: '0.1+238.87', result: 238.97000000000003 } as ExcelJS.CellFormulaValue,
            E5: { formula: '100.1+76.6', result: 176.7 + 1e-13 } as ExcelJS.CellFormulaValue
        }));
        expect(taskAmount(result)).toBe(238.97);
        expect(values(result, '组织科普志愿活动场次')[0]).toBe('176.7');
        expect(notes(result)).toEqual([]);
    });
});

describe('what Excel hides', () => {
    test('a hidden column holding content is read, with a note at its first filled cell', async () => {
        const result = await importBytes(await departmentSheet({}, sheet => {
            sheet.getColumn(7).hidden = true;
            sheet.getCell('G5').value = '上年：≥18场次';
        }));
        expect(notes(result)).toEqual(['部门整体!G5 第 G 列在 Excel 中是隐藏的：其内容也已读取，请核对是否应当导入。']);
    });

    test('a hidden empty column gets no note', async () => {
        const result = await importBytes(await departmentSheet({}, sheet => { sheet.getColumn(3).width = 30; sheet.getColumn(8).hidden = true; }));
        expect(notes(result)).toEqual([]);
    });
});

describe('a password-protected workbook', () => {
    /** What Excel saves: a compound file (D0 CF 11 E0 …) whose directory names the streams EncryptionInfo and EncryptedPackage. */
    function encryptedWorkbook(): Buffer {
        const file = Buffer.alloc(512 * 3);
        Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(file);
        file.writeUInt16LE(0x003e, 24);
        file.writeUInt16LE(3, 26);
        file.writeUInt16LE(0xfffe, 28);
        file.writeUInt16LE(9, 30);
        ['Root Entry', 'EncryptionInfo', 'EncryptedPackage'].forEach((name, i) => {
            const at = 1024 + i * 128;
            file.write(name, at, 'utf16le');
            file.writeUInt16LE((name.length + 1) * 2, at + 64);
        });
        return file;
    }

    test('is named as protected, with what to do, not as an old .xls', async () => {
        await expect(importBytes(encryptedWorkbook(), { extension: '.xlsx' })).rejects.toThrow(
            '此 .xlsx 有密码保护（已加密）：请在 Excel 中打开，取消密码后另存，再导入。');
    });

    test('an old .xls without it is still named as one', async () => {
        const old = encryptedWorkbook();
        old.fill(0, 1024);
        old.write('Workbook', 1024, 'utf16le');
        await expect(importBytes(old, { extension: '.xls' })).rejects.toThrow('这是旧版 Office 二进制格式（.xls 或 .doc）');
    });
});
