import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { DepartmentDeclaration } from '../../language/compile/model.js';
import { renderXlsx } from '../../language/compile/xlsx.js';
import { importBytes } from '../../language/import/import.js';
import { modelOf, readSample, seedOf } from '../helpers/samples.js';
import { ledgerSheet, modelDifferences, withLedger, xlsx, zip } from './helpers.js';

// Inputs far beyond the official tables: long tables still import, and the same everywhere (linear readers); a
// .docx over the row limit, a zip bomb, a zip that is no Office package, an import whose .jxmb would be too large
// to check are refused with a message. (Through the CLI in a bounded heap: oversize-cli.test.ts.)

const seed = readFileSync(seedOf('001-zhanjiang-kexie.jxmb')!, 'utf8');
const N = 20_000;
const extraRows = (n: number) => Array.from({ length: n }, (_, i) => `\t\t指标${i}\t≥1个`);
const department = async (text: string) => {
    const result = await importBytes(Buffer.from(text, 'utf8'));
    return { result, d: result.model.declarations[0] as DepartmentDeclaration };
};

describe('a 20,000-row tab-separated table (seed 001 plus rows)', () => {
    test('rows in the 绩效指标 block: each one an indicator of the last 二级 block, the rest as without them', async () => {
        const lines = seed.split('\n');
        const at = lines.findIndex(line => line.startsWith('备注'));
        const withRows = (n: number) => [...lines.slice(0, at), ...extraRows(n), ...lines.slice(at)].join('\n');
        const one = await department(withRows(1));
        const many = await department(withRows(N));
        // The model with N rows is the model with one, its last block holding N indicators like the first.
        const lastBlock = (d: DepartmentDeclaration) => d.indicators[0]!.groups.at(-1)!.blocks.at(-1)!;
        const template = lastBlock(one.d).indicators.at(-1)!;
        expect(template.name).toBe('指标0');
        const expected = structuredClone(one.d);
        lastBlock(expected).indicators.push(...extraRows(N).slice(1).map((_, i) => ({ ...template, name: `指标${i + 1}` })));
        expect(modelDifferences(many.d, expected)).toEqual([]);
        expect(many.result.report).toEqual(one.result.report);
    });

    test('rows under 备注: each one a line of the remark, the rest as without them', async () => {
        const base = await department(seed);
        const many = await department(seed.replace(/\n?$/, '\n') + extraRows(N).join('\n'));
        const expected = structuredClone(base.d);
        expected.remark = [base.d.remark, ...extraRows(N).map((_, i) => `指标${i}\n≥1个`)].filter(Boolean).join('\n');
        expect(modelDifferences(many.d, expected)).toEqual([]);
        expect(many.d.remark!.split('\n')).toHaveLength((base.d.remark ? base.d.remark.split('\n').length : 0) + 2 * N);
    });
});

describe('an import whose .jxmb would be larger than jxmb check and the editor read (4 MB)', () => {
    const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
    const header = ['项目名称（资金使用单位）', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标'];
    const projects = `<sheetData><row r="1">${header.map((text, c) => cell(`${'ABCDEFG'[c]}1`, text)).join('')}</row>`
        + `<row r="2">${cell('A2', '科普活动')}<c r="B2"><v>1.5</v></c><c r="C2"><v>1.5</v></c>${cell('F2', '完成科普工作')}${cell('G2', '1、1-产出指标；11-数量指标；举办活动场次；实施周期指标值:≥5场次；年度指标值:≥5场次。')}</row></sheetData>`;
    /** A sheet of `rows` × 5 cells that is no 绩效目标表, each cell `text` and its number. */
    const other = (rows: number, text = '数据') => `<sheetData>${Array.from({ length: rows }, (_, i) => `<row r="${i + 1}">${[...'ABCDE'].map(c => cell(`${c}${i + 1}`, `${text}${i}`)).join('')}</row>`).join('')}</sheetData>`;

    test('a project table beside a sheet of 2,000 other cells with long texts: each one listed, refused with the cells counted', async () => {
        const fits = await importBytes(xlsx({ 项目支出: projects, 明细: other(400) }));
        expect(fits.model.declarations).toHaveLength(1);
        expect(fits.report.filter(entry => entry.kind === 'unplaced')).toHaveLength(2_000);
        await expect(importBytes(xlsx({ 项目支出: projects, 明细: other(400, '说明'.repeat(1_000)) }))).rejects.toThrow(
            /^导入结果过大：生成的 \.jxmb 达 \d+\.\d MB，其中 2,000 个未能放入的单元格逐一列在文件开头，超过 \.jxmb 文件的上限 4\.0 MB（申报表通常不到 1 MB）。请确认选对了文件，或把表格拆分后分别导入。$/
        );
    });

    test('a project table beside a sheet of 40,000 other cells (a ledger): imported, the sheet noted once instead of each cell', async () => {
        const result = await importBytes(xlsx({ 项目支出: projects, 明细: other(8_000) }));
        expect(result.model.declarations).toHaveLength(1);
        expect(result.report.filter(entry => entry.where.startsWith('工作表「明细」'))).toEqual([{
            kind: 'note', where: '工作表「明细」',
            message: '工作表「明细」不是部门整体或项目支出绩效目标表，未导入；其中有内容的单元格 40,000 个，过多，未逐一列出。'
        }]);
        // With a 序号 column before it: nothing said of the column, which belongs to no table imported.
        const numbered = other(8_000).replace(/<c r="([A-E])(\d+)"/g, (_, c: string, r: string) => `<c r="${String.fromCharCode(c.charCodeAt(0) + 1)}${r}"`)
            .replace(/<row r="(\d+)">/g, (row, r: string) => `${row}<c r="A${r}"><v>${r}</v></c>`);
        const withNumbers = await importBytes(xlsx({ 项目支出: projects, 明细: numbered }));
        expect(withNumbers.report.filter(entry => entry.where.startsWith('工作表「明细」')).map(entry => entry.message)).toEqual([
            '工作表「明细」不是部门整体或项目支出绩效目标表，未导入；其中有内容的单元格 48,000 个，过多，未逐一列出。'
        ]);
    });
});

describe('a table sheet beside a sheet past the limits (a ledger of 50,001 rows × 10 columns)', () => {
    const ledger = ledgerSheet(50_001);
    const passedOver = '工作表「明细」有 50,001 行，超过可导入的上限 50,000 行：此工作表没有读取，其内容未导入。';

    test('the table is imported as without the ledger, and one note names the ledger passed over', async () => {
        const plain = await renderXlsx((await modelOf(readSample('000-nansha-kexie.jxmb'))).model);
        const alone = await importBytes(plain);
        const beside = await importBytes(withLedger(plain, 50_001));
        expect(modelDifferences(beside.model, alone.model)).toEqual([]);
        expect(beside.report).toEqual([...alone.report, { kind: 'note', where: '工作表「明细」', message: passedOver }]);
    });

    test('the ledger beside sheets that hold no table: refused by its size, as a workbook of the ledger alone', async () => {
        const refusal = '工作表「明细」有 50,001 行，超过可导入的上限 50,000 行。请确认选对了文件，或把表格拆分后分别导入。';
        await expect(importBytes(xlsx({ 明细: ledger }))).rejects.toThrow(refusal);
        const withNotes = xlsx({ 说明: '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>填表说明</t></is></c></row></sheetData>', 明细: ledger });
        await expect(importBytes(withNotes)).rejects.toThrow(refusal);
    });
});

/** A .docx whose one table has `rows` rows of one cell. */
function docxOfRows(rows: number): Buffer {
    const row = '<w:tr><w:trPr><w:trHeight w:val="300"/></w:trPr><w:tc><w:p><w:r><w:t>绩效指标</w:t></w:r></w:p></w:tc></w:tr>';
    return zip({
        '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        'word/document.xml': `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl>${row.repeat(rows)}</w:tbl></w:body></w:document>`
    });
}

describe('row limit of a .docx table', () => {
    test('50,001 rows: refused like a worksheet or a text of that many rows', async () => {
        await expect(importBytes(docxOfRows(50_001))).rejects.toThrow(
            'Word 文档的表格有 50,001 行，超过可导入的上限 50,000 行。请确认选对了文件，或把表格拆分后分别导入。'
        );
    });
});

describe('zip packages checked before they are unpacked', () => {
    const workbook = '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>';
    const strings = (n: number) => `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${'a'.repeat(n)}</t></si></sst>`;

    test('a part declared to inflate to 200 MB (a zip bomb): refused', async () => {
        const bomb = zip({ 'xl/workbook.xml': workbook, 'xl/sharedStrings.xml': strings(1000) }, { 'xl/sharedStrings.xml': 200 * 1024 * 1024 });
        expect(bomb.length).toBeLessThan(2000);
        await expect(importBytes(bomb, { extension: '.xlsx' })).rejects.toThrow(/^Excel 工作簿解压后过大：各部件解压后合计超过可导入的上限 100\.0 MB/);
    });

    test('a part that inflates to more than its directory says: refused, not inflated whole', async () => {
        const bomb = zip({ 'xl/workbook.xml': workbook, 'xl/sharedStrings.xml': strings(8 * 1024 * 1024) }, { 'xl/sharedStrings.xml': 1024 });
        expect(bomb.length).toBeLessThan(100_000);
        await expect(importBytes(bomb, { extension: '.xlsx' })).rejects.toThrow('部件 xl/sharedStrings.xml 解压后大于压缩包目录中登记的 1,024 字节');
    });

    test('a part declared large that inflates to more still: refused as it is counted, a chunk at a time', async () => {
        const bomb = zip({ 'xl/workbook.xml': workbook, 'xl/sharedStrings.xml': strings(8 * 1024 * 1024) }, { 'xl/sharedStrings.xml': 2 * 1024 * 1024 });
        await expect(importBytes(bomb, { extension: '.xlsx' })).rejects.toThrow('部件 xl/sharedStrings.xml 解压后大于压缩包目录中登记的 2,097,152 字节');
    });

    test('the same package with honest sizes gets past the check (to the workbook reader)', async () => {
        const honest = zip({ 'xl/workbook.xml': workbook, 'xl/sharedStrings.xml': strings(1000) });
        // read by the workbook reader: a workbook without sheets (<sheets/>), said to be empty
        await expect(importBytes(honest, { extension: '.xlsx' })).rejects.toThrow(/^工作簿是空的：其中没有工作表。/);
    });

    test.each([
        ['.xlsx', '文件不是 Excel 工作簿：这是 zip 压缩包，但其中没有 xl/workbook.xml。'],
        ['.docx', '文件不是 Word 文档：这是 zip 压缩包，但其中没有 word/document.xml。']
    ])('a plain zip renamed to %s: not a workbook or document', async (extension, message) => {
        await expect(importBytes(zip({ 'readme.txt': '你好' }), { extension })).rejects.toThrow(message);
    });

    test.each([
        ['.xlsx', /^文件不是 Excel 工作簿（不是 zip 压缩包）/],
        ['.docx', /^文件不是 Word 文档（不是 zip 压缩包）/]
    ])('a text file named %s that holds no table: not a workbook or document', async (extension, message) => {
        await expect(importBytes(Buffer.from('这是一封信。\n没有表格。\n'), { extension })).rejects.toThrow(message);
        await expect(importBytes(Buffer.from('姓名\t年龄\n张三\t30\n'), { extension })).rejects.toThrow(message);
    });

    test('a zip cut short (no central directory): damaged, not a table without headers', async () => {
        const whole = zip({ 'xl/workbook.xml': workbook, 'xl/sharedStrings.xml': strings(1000) });
        await expect(importBytes(whole.subarray(0, whole.length - 30), { extension: '.xlsx' })).rejects.toThrow('无法读取 .xlsx 工作簿：文件已损坏或不完整');
    });
});
