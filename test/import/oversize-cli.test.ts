import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderXlsx } from '../../language/compile/xlsx.js';
import { modelOf, readSample } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { expectOrderly, runBounded } from '../robustness/bounded-cli.js';
import { unzip, withLedger, xlsx, zip } from './helpers.js';

// Workbooks and documents far past the import's limits, through the built CLI (`npm run build` first) in a bounded
// heap: refused with a message naming the file, the sheet and the limit before exceljs or mammoth build them —
// so the process stays small — exit 2, nothing written; `check --report` says the same. A sheet whose only excess
// is a range that exceljs would expand (a data validation over the whole sheet) imports as without it.

const { at, file } = useTempDir('jxmb-oversize-');
/** The workbook never loaded: the CLI's own code and the package's directory (a loaded 400,000-row sheet: > 500 MB). */
const UNLOADED_PEAK_MB = 256;

const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** `jxmb import <path> -o …` into a folder of its own: the run, and what it left in the folder. */
async function importInto(path: string, name: string) {
    const out = at(`out-${name}`);
    mkdirSync(out, { recursive: true });
    const run = await runBounded(['import', path, '-o', join(out, 'x.jxmb')]);
    return { run, left: readdirSync(out) };
}

/** `jxmb check <path> --report …json`: the run and the one file's entry of the report. */
async function report(path: string, name: string) {
    const json = at(`report-${name}.json`);
    const run = await runBounded(['check', path, '--report', json]);
    const files = JSON.parse(readFileSync(json, 'utf8')).files as Array<{ status: string; reason?: string }>;
    return { run, entry: files[0] };
}

describe('an .xlsx past the limits: refused before it is loaded', () => {
    test('400,000 rows (a database export): the sheet and the limit named, exit 2, nothing written, memory low', async () => {
        const rows = Array.from({ length: 400_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`);
        const path = file('export.xlsx', xlsx({ 明细: `<sheetData>${rows.join('')}</sheetData>` }));
        const message = `${path}: 工作表「明细」有 400,000 行，超过可导入的上限 50,000 行。请确认选对了文件，或把表格拆分后分别导入。未写入任何文件。`;
        const { run, left } = await importInto(path, 'export');
        expectOrderly(run, 2);
        expect(run.stderr).toBe(message + '\n');
        expect(left).toEqual([]);
        expect(run.peakMb).toBeLessThan(UNLOADED_PEAK_MB);
        const checked = await report(path, 'export');
        expectOrderly(checked.run, 2);
        expect(checked.entry).toMatchObject({ status: 'failed', reason: '工作表「明细」有 400,000 行，超过可导入的上限 50,000 行。请确认选对了文件，或把表格拆分后分别导入。' });
        expect(checked.run.peakMb).toBeLessThan(UNLOADED_PEAK_MB);
    }, 60_000);

    test('a row with text in every column to XFD: refused by the rows and the columns that hold something', async () => {
        const sample = await sampleSheet();
        const full = Array.from({ length: 16_384 }, (_, c) => cell(`${letters(c + 1)}${sample.rows + 2}`, '备注')).join('');
        const path = file('full-row.xlsx', sample.with(`<row r="${sample.rows + 2}">${full}</row>`));
        const { run, left } = await importInto(path, 'full-row');
        expectOrderly(run, 2);
        expect(run.stderr).toContain(`${path}: 工作表「部门整体」有内容的范围达 ${sample.rows + 2} 行 × 16,384 列，超过可导入的上限 400,000 个单元格（空行、空列连续多个只计一个）。`);
        expect(left).toEqual([]);
        expect(run.peakMb).toBeLessThan(UNLOADED_PEAK_MB);
    }, 60_000);
});

describe('a table sheet beside a ledger past the limits (50,001 rows × 10 columns, as budget units keep 明细 beside 绩效目标表)', () => {
    test('import: the table imported as without the ledger, a note naming the ledger; --report reviews the table; memory as for the table alone', async () => {
        const plain = await renderXlsx((await modelOf(readSample('000-nansha-kexie.jxmb'))).model);
        // Every text of the ledger its own (300,000 shared strings): built, they would take some 90 MB.
        const path = file('ledger/with-ledger.xlsx', withLedger(plain, 50_001, true));
        const note = `${path}:工作表「明细」: 说明：工作表「明细」有 50,001 行，超过可导入的上限 50,000 行：此工作表没有读取，其内容未导入。`;
        const before = await runBounded(['import', file('plain-ledger.xlsx', plain)]);
        const after = await runBounded(['import', path]);
        expectOrderly(before, 0);
        expectOrderly(after, 0);
        const body = (stdout: string) => stdout.split('\n').slice(1).join('\n');
        expect(body(after.stdout)).toBe(body(before.stdout));
        expect(after.stderr.split('\n')).toContain(note);
        // The ledger's cells and texts are never built: what it costs is reading its XML past, a chunk at a time.
        expect(after.peakMb).toBeLessThan(before.peakMb + 50);
        const json = at('report-ledger.json');
        const checked = await runBounded(['check', at('ledger'), '--report', json]);
        expectOrderly(checked, 0);
        const [entry] = JSON.parse(readFileSync(json, 'utf8')).files as Array<{ status: string; errors: number; importReport: Array<{ where: string; message: string }> }>;
        expect(entry).toMatchObject({ status: 'checked', errors: 0 });
        expect(entry!.importReport).toContainEqual({ kind: 'note', where: '工作表「明细」', message: expect.stringContaining('此工作表没有读取') });
        expect(checked.peakMb).toBeLessThan(UNLOADED_PEAK_MB);
    }, 120_000);
});

/** 1 → A, 16384 → XFD. */
function letters(column: number): string {
    let name = '';
    for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + (n - 1) % 26) + name;
    return name;
}

/** Sample 000 compiled to .xlsx: its table's last row, and the package with more XML before </sheetData> and merged ranges added. */
async function sampleSheet() {
    const plain = await renderXlsx((await modelOf(readSample('000-nansha-kexie.jxmb'))).model);
    const parts = unzip(plain);
    const sheet = 'xl/worksheets/sheet1.xml';
    const xml = parts[sheet]!.toString('utf8');
    const rows = Math.max(...[...xml.matchAll(/<row r="(\d+)"/g)].map(m => Number(m[1])));
    expect(xml).toContain('</mergeCells>');
    const withXml = (sheetData: string, merges = '') => zip({
        ...parts, [sheet]: xml.replace('</sheetData>', `${sheetData}</sheetData>`).replace('</mergeCells>', `${merges}</mergeCells>`)
    });
    return { plain, rows, with: withXml };
}

describe('an .xlsx whose content is small, reaching far only by a stray note or by formatting', () => {
    const body = (stdout: string) => stdout.split('\n').filter(line => !line.startsWith('//')).join('\n');

    // A note where it is near (column H, two rows below the table) and far (column XFD, or the sheet's last row).
    test.each([
        ['in column XFD below the table: imported as the same note in column H', (rows: number) => [`H${rows + 2}`, `XFD${rows + 2}`]],
        ['in the sheet\'s last row (A1,048,576): imported as the same note two rows below the table', (rows: number) => [`A${rows + 2}`, 'A1048576']]
    ])('a note %s, memory low', async (_name, places) => {
        const sample = await sampleSheet();
        const note = (place: string) => sample.with(`<row r="${place.replace(/^[A-Z]+/, '')}">${cell(place, '已核对')}</row>`);
        const [nearPlace, farPlace] = places(sample.rows);
        const near = await runBounded(['import', file('note-near.xlsx', note(nearPlace!))]);
        const far = await runBounded(['import', file('note-far.xlsx', note(farPlace!))]);
        expectOrderly(near, 0);
        expectOrderly(far, 0);
        expect(body(far.stdout)).toBe(body(near.stdout));
        expect(body(far.stdout)).toContain('"已核对"');
        expect(far.peakMb).toBeLessThan(UNLOADED_PEAK_MB);
    }, 60_000);

    test('merged ranges to the sheet\'s last row and column (beside, below and across the table): imported as without them', async () => {
        const sample = await sampleSheet();
        const merges = `<mergeCell ref="B${sample.rows + 1}:B1048576"/><mergeCell ref="A${sample.rows + 3}:XFD1048576"/><mergeCell ref="Z1:XFD${sample.rows}"/>`;
        const before = await runBounded(['import', file('plain-merged.xlsx', sample.plain)]);
        const after = await runBounded(['import', file('merged.xlsx', sample.with('', merges))]);
        expectOrderly(before, 0);
        expectOrderly(after, 0);
        expect(body(after.stdout)).toBe(body(before.stdout));
        expect(body(after.stdout)).toContain('部门整体');
        expect(after.peakMb).toBeLessThan(UNLOADED_PEAK_MB);
    }, 60_000);
});

describe('an .xlsx within the limits', () => {
    test('a data validation over the whole sheet (select all, then 数据验证): imported exactly as without it', async () => {
        const plain = await renderXlsx((await modelOf(readSample('000-nansha-kexie.jxmb'))).model);
        const parts = unzip(plain);
        const sheet = 'xl/worksheets/sheet1.xml';
        const validation = '<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="A1:XFD1048576"><formula1>"是,否"</formula1></dataValidation></dataValidations>';
        // In the schema's order: after the merged ranges.
        const edited = parts[sheet]!.toString('utf8').replace('</mergeCells>', `</mergeCells>${validation}`);
        expect(edited).toContain(validation);
        const before = await runBounded(['import', file('plain.xlsx', plain)]);
        const after = await runBounded(['import', file('validated.xlsx', zip({ ...parts, [sheet]: edited }))]);
        expectOrderly(before, 0);
        expectOrderly(after, 0);
        const body = (stdout: string) => stdout.split('\n').slice(1).join('\n');
        expect(body(after.stdout)).toBe(body(before.stdout));
        expect(body(after.stdout)).toContain('部门整体');
    }, 60_000);
});

describe('an .xlsx formatted far past its table (borders or a fill drawn down the sheet)', () => {
    test.each([
        ['borders down to row 100,000 (6 columns)', 100_000, 6],
        ['a fill over A1:AX9000 (450,000 cells)', 9_000, 50]
    ])('%s: the empty formatted cells are not counted; imported exactly as without them, memory low', async (_, lastRow, columns) => {
        const plain = await renderXlsx((await modelOf(readSample('000-nansha-kexie.jxmb'))).model);
        const parts = unzip(plain);
        const sheet = 'xl/worksheets/sheet1.xml';
        const xml = parts[sheet]!.toString('utf8');
        const tableRows = Math.max(...[...xml.matchAll(/<row r="(\d+)"/g)].map(m => Number(m[1])));
        const letters = (c: number) => (c > 26 ? String.fromCharCode(64 + Math.floor((c - 1) / 26)) : '') + String.fromCharCode(65 + (c - 1) % 26);
        const padding: string[] = [];
        for (let r = tableRows + 1; r <= lastRow; r++) {
            padding.push(`<row r="${r}">${Array.from({ length: columns }, (_, c) => `<c r="${letters(c + 1)}${r}" s="1"/>`).join('')}</row>`);
        }
        const formatted = xml.replace('</sheetData>', `${padding.join('')}</sheetData>`);
        const before = await runBounded(['import', file(`plain-${lastRow}.xlsx`, plain)]);
        const after = await runBounded(['import', file(`formatted-${lastRow}.xlsx`, zip({ ...parts, [sheet]: formatted }))]);
        expectOrderly(before, 0);
        expectOrderly(after, 0);
        const body = (stdout: string) => stdout.split('\n').slice(1).join('\n');
        expect(body(after.stdout)).toBe(body(before.stdout));
        expect(body(after.stdout)).toContain('部门整体');
        expect(after.peakMb).toBeLessThan(UNLOADED_PEAK_MB);
    }, 120_000);
});

describe('a table whose .jxmb would be larger than jxmb check and the editor read', () => {
    test('1,500 projects with long texts: refused with the size of the result and the .jxmb limit, for import and --report', async () => {
        const goal = '完成年度科普工作任务，' + '组织开展科普宣传活动'.repeat(100);
        const header = ['项目名称（资金使用单位）', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标'];
        const rows = [`<row r="1">${header.map((text, c) => cell(`${'ABCDEFG'[c]}1`, text)).join('')}</row>`];
        for (let r = 2; r <= 1501; r++) {
            rows.push(`<row r="${r}">${cell(`A${r}`, `项目${r}`)}<c r="B${r}"><v>1.5</v></c><c r="C${r}"><v>1.5</v></c>${cell(`F${r}`, goal)}`
                + `${cell(`G${r}`, `1、1-产出指标；11-数量指标；举办活动场次；实施周期指标值:≥${r}场次；年度指标值:≥${r}场次。`)}</row>`);
        }
        const path = file('projects.xlsx', xlsx({ 项目支出: `<sheetData>${rows.join('')}</sheetData>` }));
        const reason = /^导入结果过大：生成的 \.jxmb 达 \d+\.\d MB，超过 \.jxmb 文件的上限 4\.0 MB（申报表通常不到 1 MB）。请确认选对了文件，或把表格拆分后分别导入。$/;
        const { run, left } = await importInto(path, 'projects');
        expectOrderly(run, 2);
        expect(run.stderr.startsWith(`${path}: `)).toBe(true);
        expect(run.stderr.slice(path.length + 2).replace(/未写入任何文件。\n$/, '')).toMatch(reason);
        expect(left).toEqual([]);
        const checked = await report(path, 'projects');
        expectOrderly(checked.run, 2);
        expect(checked.entry!.status).toBe('failed');
        expect(checked.entry!.reason).toMatch(reason);
    }, 60_000);
});

/** A minimal .docx of the given body XML. */
const docxOf = (body: string) => zip({
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`
});

describe('a .docx past the limits: refused before mammoth converts it', () => {
    test('400,000 paragraphs (a 1 MB file): exit 2, nothing written, memory low', async () => {
        const path = file('long.docx', docxOf(Array.from({ length: 400_000 }, (_, i) => `<w:p><w:r><w:t>第${i}段</w:t></w:r></w:p>`).join('')));
        const { run, left } = await importInto(path, 'long');
        expectOrderly(run, 2);
        expect(run.stderr).toBe(`${path}: Word 文档（表格行与段落）有 400,000 行，超过可导入的上限 50,000 行。请确认选对了文件，或把表格拆分后分别导入。未写入任何文件。\n`);
        expect(left).toEqual([]);
        expect(run.peakMb).toBeLessThan(UNLOADED_PEAK_MB);
    }, 60_000);

    test('a table of 8,000 rows × 4 cells (mammoth takes kilobytes per cell): refused by its cells and paragraphs', async () => {
        const row = (i: number) => `<w:tr>${[1, 2, 3, 4].map(c => `<w:tc><w:p><w:r><w:t>${i}-${c}</w:t></w:r></w:p></w:tc>`).join('')}</w:tr>`;
        const path = file('table.docx', docxOf(`<w:tbl>${Array.from({ length: 8_000 }, (_, i) => row(i)).join('')}</w:tbl>`));
        const { run, left } = await importInto(path, 'table');
        expectOrderly(run, 2);
        expect(run.stderr).toBe(`${path}: Word 文档有 32,000 个表格单元格和 32,000 个段落，合计超过可导入的上限 50,000 个。请确认选对了文件，或把表格拆分后分别导入。未写入任何文件。\n`);
        expect(left).toEqual([]);
        expect(run.peakMb).toBeLessThan(UNLOADED_PEAK_MB);
    }, 60_000);
});
