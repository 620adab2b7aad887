import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';
import type { DeclarationFile } from '../../language/compile/model.js';
import { importBytes, renderImport, type ImportOptions, type ImportResult } from '../../language/import/import.js';
import { amountOf } from '../../language/import/cells.js';
import type { ReportEntry } from '../../language/import/placement.js';
import { readPart, zipDirectory } from '../../language/import/zip-package.js';
import { writeZip } from '../../language/import/zip-rewrite.js';
import type { SourceCell, SourceTable } from '../../language/import/source.js';
import {
    budgetField, indicatorHeading, isBudgetHeading, level1Label, level2Label, projectHeading, taskHeading
} from '../../language/import/vocabulary.js';
import { modelOf } from '../helpers/samples.js';

/** A report without the note that the table names no 年度, for tests of tables made without one. */
export function withoutYearNote(report: readonly ReportEntry[]): ReportEntry[] {
    return report.filter(entry => !(entry.kind === 'note' && entry.message.includes('未写入年度')));
}

/** Imports a file's bytes. */
export async function importFile(path: string, options: ImportOptions = {}): Promise<ImportResult> {
    return importBytes(readFileSync(path), options);
}

/**
 * Differences between two canonical models as `path: a → b` lines, '' when equal. Values are compared as JSON;
 * a key absent on one side and present on the other is a difference too (absent ≠ null in the model).
 */
export function modelDifferences(actual: unknown, expected: unknown, path = ''): string[] {
    if (JSON.stringify(actual) === JSON.stringify(expected)) return [];
    const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
    if (Array.isArray(actual) && Array.isArray(expected)) {
        if (actual.length !== expected.length) return [`${path}: ${actual.length} 项 → 应为 ${expected.length} 项`];
        return actual.flatMap((item, i) => modelDifferences(item, expected[i], `${path}[${i}]`));
    }
    if (isObject(actual) && isObject(expected) && !Array.isArray(actual) && !Array.isArray(expected)) {
        const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
        return keys.flatMap(key => {
            if (!(key in actual)) return [`${path}.${key}: (无) → 应为 ${short(expected[key])}`];
            if (!(key in expected)) return [`${path}.${key}: ${short(actual[key])} → 应为 (无)`];
            return modelDifferences(actual[key], expected[key], `${path}.${key}`);
        });
    }
    return [`${path}: ${short(actual)} → 应为 ${short(expected)}`];
}

function short(value: unknown): string {
    const text = JSON.stringify(value) ?? 'undefined';
    return text.length > 120 ? text.slice(0, 117) + '…' : text;
}

/** The model a .jxmb text compiles to (the printed import must parse back to the imported model). */
export async function compiled(text: string): Promise<DeclarationFile> {
    return (await modelOf(text)).model;
}

/** Import, print, parse: the printed .jxmb must give back exactly the imported model. */
export async function printedModel(result: ImportResult): Promise<DeclarationFile> {
    return compiled(renderImport(result, 'test'));
}

// ── a minimal zip writer, for .docx files built in the tests (no dependency needed) ─────────────────────────────

/**
 * A zip archive of the given files, deflated: enough for OOXML readers (mammoth, exceljs). `declaredSizes` writes
 * another uncompressed size into the headers than the part has (a zip bomb's directory may lie either way).
 */
export function zip(files: Record<string, string | Uint8Array>, declaredSizes: Record<string, number> = {}): Buffer {
    return writeZip(Object.entries(files).map(([name, content]) => {
        const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
        return { name, method: 8, crc: crc32(data), size: declaredSizes[name] ?? data.length, data: deflateRawSync(data) };
    }));
}

export function unzip(bytes: Uint8Array): Record<string, Buffer> {
    const parts: Record<string, Buffer> = {};
    for (const part of zipDirectory(bytes)?.values() ?? []) parts[part.name] = readPart(bytes, part)!;
    return parts;
}

// ── .xlsx ──────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * A minimal .xlsx of the given worksheets (name → the XML inside <worksheet>, such as <sheetData>…</sheetData>), as
 * exceljs and Excel read it: for sheets too large or too odd to build with exceljs in a test.
 */
export function xlsx(sheets: Record<string, string>): Buffer {
    const names = Object.keys(sheets);
    const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    return zip({
        '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${names.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
        '_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
        'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="${main}" xmlns:r="${rel}"><sheets>${names.map((name, i) => `<sheet name="${xmlEscape(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
        'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
        ...Object.fromEntries(Object.values(sheets).map((body, i) => [`xl/worksheets/sheet${i + 1}.xml`, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="${main}" xmlns:r="${rel}">${body}</worksheet>`]))
    });
}

/**
 * The workbook (one compiled by jxmb) with a ledger after its sheets, as budget units keep one beside their tables
 * (明细, 数据源): a sheet 明细 of ledgerSheet's rows, its texts in the shared strings after the table's, as Excel saves
 * them — built without exceljs building its cells in the test.
 */
export function withLedger(workbook: Uint8Array, rows: number, unique = false): Buffer {
    const parts = unzip(workbook);
    const text = (part: string) => parts[part]!.toString('utf8');
    const n = Object.keys(parts).filter(part => /^xl\/worksheets\/sheet\d+\.xml$/.test(part)).length + 1;
    const sst = text('xl/sharedStrings.xml');
    const strings: string[] = [];
    const indices = new Map<string, number>();
    const first = sst.match(/<si>/g)?.length ?? 0;
    const body = ledgerSheet(rows, (ref, value) => {
        let index = indices.get(value);
        if (index === undefined) indices.set(value, index = first + strings.push(value) - 1);
        return `<c r="${ref}" t="s"><v>${index}</v></c>`;
    }, unique);
    return zip({
        ...parts,
        '[Content_Types].xml': text('[Content_Types].xml').replace('</Types>', `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`),
        'xl/workbook.xml': text('xl/workbook.xml').replace('</sheets>', `<sheet name="明细" sheetId="${n + 100}" r:id="rIdLedger"/></sheets>`),
        'xl/_rels/workbook.xml.rels': text('xl/_rels/workbook.xml.rels').replace('</Relationships>', `<Relationship Id="rIdLedger" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${n}.xml"/></Relationships>`),
        'xl/sharedStrings.xml': sst.replace('</sst>', `${strings.map(s => `<si><t>${xmlEscape(s)}</t></si>`).join('')}</sst>`),
        [`xl/worksheets/sheet${n}.xml`]: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${body}</worksheet>`
    });
}

/**
 * <sheetData> of a ledger: a header row, then `rows` − 1 rows of ten columns — numbers, dates, codes, and a text of
 * its own in each row (`unique`: each text its own). `text` writes a text cell (inline, unless given).
 */
export function ledgerSheet(rows: number, text = (ref: string, value: string) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`, unique = false): string {
    const columns = 'ABCDEFGHIJ';
    const header = ['序号', '日期', '凭证号', '科目编码', '科目名称', '单位', '摘要', '借方金额', '贷方金额', '余额'];
    const lines = [`<row r="1">${header.map((h, c) => text(`${columns[c]}1`, h)).join('')}</row>`];
    for (let r = 2; r <= rows; r++) {
        const own = unique ? `-${r}` : '';
        const values: Array<string | number> = [r - 1, `2024-${String(r % 12 + 1).padStart(2, '0')}-01${own}`, `记-${r}`, `30201${r % 8}${own}`, `办公费${own}`, `某某单位${own}`, `支付办公费（第${r}笔）`, r % 1000 / 100, 0, r % 5000 / 100];
        lines.push(`<row r="${r}">${values.map((v, c) => typeof v === 'number' ? `<c r="${columns[c]}${r}"><v>${v}</v></c>` : text(`${columns[c]}${r}`, v)).join('')}</row>`);
    }
    return `<sheetData>${lines.join('')}</sheetData>`;
}

// ── .docx ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** A table cell of a test document: text (lines become paragraphs), with optional horizontal and vertical merges. */
export interface DocxCell {
    text?: string;
    /** gridSpan: the cell covers this many columns */
    span?: number;
    /** vMerge: 'start' opens a vertical merge, 'continue' is a cell covered by the one above */
    merge?: 'start' | 'continue';
    /** the cell's content as WordprocessingML, instead of `text` (fields, revisions, a nested table) */
    xml?: string;
    /** no cell: grid columns the row skips here, first in the row w:gridBefore, last in it w:gridAfter */
    skip?: number;
}

const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const paragraph = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${xmlEscape(text)}</w:t></w:r></w:p>`;

/** A minimal .docx: paragraphs before the table, then one table; no rows, no table (Word has no table without a row). */
export function docx(before: string[], rows: DocxCell[][]): Buffer {
    const cell = (c: DocxCell) => {
        const props = (c.span && c.span > 1 ? `<w:gridSpan w:val="${c.span}"/>` : '')
            + (c.merge === 'start' ? '<w:vMerge w:val="restart"/>' : c.merge === 'continue' ? '<w:vMerge/>' : '');
        const body = c.xml ?? ((c.text ?? '').split('\n').map(paragraph).join('') || '<w:p/>');
        return `<w:tc><w:tcPr>${props}</w:tcPr>${body}</w:tc>`;
    };
    const columns = Math.max(0, ...rows.map(r => r.reduce((n, c) => n + (c.skip ?? c.span ?? 1), 0)));
    const row = (r: DocxCell[]) => {
        const before = r[0]?.skip ? `<w:gridBefore w:val="${r[0].skip}"/>` : '';
        const after = r.length > 1 && r.at(-1)!.skip ? `<w:gridAfter w:val="${r.at(-1)!.skip}"/>` : '';
        const props = before || after ? `<w:trPr>${before}${after}</w:trPr>` : '';
        return `<w:tr>${props}${r.filter(c => !c.skip).map(cell).join('')}</w:tr>`;
    };
    const table = rows.length === 0 ? '' : `<w:tbl><w:tblGrid>${'<w:gridCol w:w="1500"/>'.repeat(columns)}</w:tblGrid>`
        + rows.map(row).join('') + '</w:tbl>';
    const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${before.map(paragraph).join('')}${table}</w:body></w:document>`;
    return zip({
        '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
        '_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
        'word/document.xml': document
    });
}

// ── nothing lost, checked without the ledger ────────────────────────────────────────────────────────────────────

const squash = (text: string) => text.replace(/<\/?p>/gi, '').replace(/[\s\u3000]+/g, '').replace(/[＞]/g, '>').replace(/[＜]/g, '<');

/** Every string in a model (names, texts, values), and every number, as one searchable text. */
function modelText(model: DeclarationFile): { text: string; numbers: Set<number> } {
    const strings: string[] = [];
    const numbers = new Set<number>();
    const walk = (value: unknown): void => {
        if (typeof value === 'string') strings.push(value);
        else if (typeof value === 'number') numbers.add(value);
        else if (Array.isArray(value)) value.forEach(walk);
        else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk(model);
    return { text: squash(strings.join('\u0001')), numbers };
}

/**
 * The cells of the source tables that are in neither the model nor the report (nor layout words of the official
 * tables): should be none. `skip` leaves out cells checked another way (the 项目支出 绩效指标 strings, whose items
 * become the model's structure).
 */
export function lostCells(tables: readonly SourceTable[], result: ImportResult, skip: (cell: SourceCell) => boolean = () => false): string[] {
    const { text, numbers } = modelText(result.model);
    const report = squash(result.report.map(entry => entry.text ?? '').join('\u0001'));
    const lost: string[] = [];
    for (const cell of tables.flatMap(table => table.rows.flat())) {
        if ((cell.text === '' && cell.number === undefined) || skip(cell)) continue;
        const amount = amountOf(cell);
        if (typeof amount === 'number' && numbers.has(amount)) continue;
        // 「部门名称：X」, 「备注:X」: the label is layout, X must be found.
        const own = squash(cell.text).replace(/^(?:部门名称|备注)[:：]/, '').replace(/^#+/, '');
        if (own === '' || isLayoutWord(cell.text) || text.includes(own) || report.includes(own)) continue;
        lost.push(`${cell.where}: ${cell.text}`);
    }
    return lost;
}

function isLayoutWord(text: string): boolean {
    const c = squash(text);
    return ['部门名称', '基本信息', '预算整体情况', '总体绩效目标', '年度重点工作任务', '绩效指标', '备注'].includes(c) || /^其他需完成的任务/.test(c) || isBudgetHeading(c) || taskHeading(c) !== null || indicatorHeading(c) !== null
        || projectHeading(c) !== null || /^单位[:：]万元$/.test(c)
        || level1Label(c) !== null || level2Label(c) !== null || c === '合计' || /^基本信息|财政供养人员数|下属二级单位数/.test(c)
        || budgetField(c) !== null;
}

export type Cells = Record<string, ExcelJS.CellValue | { value: ExcelJS.CellValue; numFmt: string }>;

/** A 部门整体 sheet with one task (amount in D3) and indicators in rows 5–7; `cells` overwrites cells by address. */
export async function departmentSheet(cells: Cells = {}, extra?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('部门整体');
    const rows: ExcelJS.CellValue[][] = [
        ['部门名称', '示例区科学技术协会'],
        ['年度重点工作任务', '名称', '主要实施内容', '拟投入的资金（万元）', '期望达到的目标（概述）'],
        [null, '科普活动', '组织科普志愿活动。', 80, '科普受益2万人次。'],
        ['绩效指标', '一级指标', '二级指标', '三级指标', '实施周期指标值', '年度指标值'],
        [null, '产出指标', '数量指标', '组织科普志愿活动场次', '≥20场次', '≥20场次'],
        [null, null, '时效指标', '完成时间', '2024-12-31', '2024-12-31'],
        [null, '效益指标', '社会效益指标', '主流媒体报道次数', '≥20次', '≥20次']
    ];
    rows.forEach((row, r) => row.forEach((value, c) => { if (value !== null) sheet.getCell(r + 1, c + 1).value = value; }));
    for (const [address, content] of Object.entries(cells)) {
        const cell = sheet.getCell(address);
        if (content !== null && typeof content === 'object' && 'numFmt' in content) Object.assign(cell, content);
        else cell.value = content;
    }
    extra?.(sheet);
    return Buffer.from(await book.xlsx.writeBuffer());
}

/** `text` as the inflated chunks of a zip part arrive, cut at `cuts` (byte offsets). */
export async function* chunks(text: string, cuts: number[]): AsyncGenerator<Buffer> {
    const bytes = Buffer.from(text, 'utf8');
    let from = 0;
    for (const cut of [...cuts, bytes.length]) {
        yield bytes.subarray(from, cut);
        from = cut;
    }
}
