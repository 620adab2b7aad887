import { MODEL_VERSION, type Declaration, type DeclarationFile } from '../compile/model.js';
import { printModel } from '../compile/print-jxmb.js';
import { assertValidModel } from '../compile/schema.js';
import { CLI_ADVICE, type ImportAdvice } from './advice.js';
import { decodeText, type TextEncodingName } from './decode.js';
import { recogniseDepartment, type RecogniserContext } from './department.js';
import { readDocx } from './docx-table.js';
import { ImportError } from './errors.js';
import { readThroughInvisible } from './hidden-chars.js';
import { splitTables } from './split-tables.js';
import { withoutNumberColumn } from './number-column.js';
import { tableKind } from './kind.js';
import { readPdfDepartment } from './pdf-department.js';
import { checkImportedSize, checkImportSize, checkTextLines, sheetPassedOver, sheetTooLarge } from './limits.js';
import { Origins } from './origins.js';
import { Placement, type ReportEntry } from './placement.js';
import { recogniseProject } from './project.js';
import { formatReportEntry, unplacedCount } from './report.js';
import { sniffInput } from './sniff.js';
import { filled, formatNames, isEmptyCell, type SourceCell, type SourceFormat, type SourceTable } from './source.js';
import { isDeclarationText, tableTextFormat } from './table-text.js';
import { readTsv } from './tsv-table.js';
import { readXlsx } from './xlsx-table.js';
import { decideYear } from './year.js';
import { checkPackage, KIND } from './zip-package.js';

// Import: bytes → tables of cells (one reader per input form) → one recogniser per table kind → the canonical
// model, checked against the schema, and the report of everything that could not be placed. readTables is exported
// for the tests that check, independently of the ledger, that every cell reached the model or the report.

/**
 * Cells of a sheet that holds no table, listed one by one in the report and the .jxmb's header: up to as many as a
 * large official table has. A sheet with more is a ledger, said once.
 */
const MAX_LISTED_CELLS = 2_000;

export interface ImportOptions {
    /** 年度 to write whatever the table states (jxmb import --year) */
    year?: number;
    /** 年度 to write when the table states none (the editor's jxmb.defaultYear) */
    defaultYear?: number;
    /** the file's extension, only to tell a damaged .xlsx from a damaged .docx */
    extension?: string;
    /** how the messages say to go on: the CLI's words unless the caller is the editor */
    advice?: ImportAdvice;
}

export interface ImportResult {
    model: DeclarationFile;
    report: ReportEntry[];
    format: SourceFormat;
    encoding: TextEncodingName | null;
    /** the source cell of each model piece (origins.ts) */
    origins: Origins;
    /** how many declarations come from a table that states no 年度 */
    yearless: number;
}

export async function importBytes(bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
    const advice = options.advice ?? CLI_ADVICE;
    const { tables, format, encoding } = await readTables(bytes, options.extension, advice);
    const placement = new Placement();
    readThroughInvisible(tables, placement);
    const origins = new Origins();
    const declarations: Declaration[] = [];
    let yearless = 0;
    const ignored: SourceTable[] = [];
    const unread = tables.filter(table => table.unread !== undefined);
    for (const whole of tables.filter(table => table.unread === undefined).flatMap(splitTables)) {
        const { table, numbers } = withoutNumberColumn(whole);
        const kind = tableKind(table);
        if (!kind) {
            // Not imported: its 序号 column (a ledger's) is said nothing of, its cells go with the rest.
            ignored.push(whole);
            continue;
        }
        leaveOutNumbers(numbers, placement);
        const ctx: RecogniserContext = { placement, extracted: table.extracted, origins };
        for (const note of table.notes ?? []) placement.note(note.where, note.message);
        const declaration = kind === 'department' ? recogniseDepartment(table, ctx) : recogniseProject(table, ctx);
        const year = decideYear(declaration, table, placement, { given: options.year, fallback: options.defaultYear, advice: advice.year }, origins);
        declaration.year = year.year;
        if (!year.stated) yearless++;
        origins.set(declaration, '', (origins.get(declaration, 'unit') ?? origins.get(declaration, 'title'))?.cell ?? table.rows.flatMap(row => filled(row))[0]);
        if (!declaration.unit) placement.note(table.name ? `工作表「${table.name}」` : '表头', '没有找到「部门名称」：部门名称留空。');
        declarations.push(declaration);
    }
    if (declarations.length === 0) {
        // The sheet too large to read may be the table meant: its size is what the user must hear of.
        if (unread[0]) throw sheetTooLarge(unread[0].unread!);
        const office = format === 'xlsx' || format === 'docx' ? null : officeName(options.extension);
        if (office) throw new ImportError(`文件不是 ${office}（不是 zip 压缩包）；按文本读取，也没有找到「绩效指标」表头或「项目名称（资金使用单位）…绩效指标」表头。`);
        // Nothing in any sheet: a missing 绩效指标 header would send the user looking for a header in a blank file.
        if (tables.every(table => table.rows.every(row => row.every(cell => isEmptyCell(cell) && !cell.readAsBlank)))) {
            if (format === 'docx') throw new ImportError('Word 文档是空的：其中没有任何文字。请确认选对了文件。');
            const names = tables.map(table => `「${table.name ?? ''}」`).join('');
            const where = tables.length === 0 ? '其中没有工作表' : `工作表${names}中${tables.length > 1 ? '都' : ''}没有任何内容`;
            if (format === 'xlsx') throw new ImportError(`工作簿是空的：${where}。请确认选对了文件。`);
        }
        throw new ImportError('没有找到部门整体预算绩效目标申报表或项目支出绩效目标表：表中缺少「绩效指标」表头（一级指标、二级指标、三级指标）或「项目名称（资金使用单位）…绩效指标」表头。');
    }
    for (const table of unread) placement.note(`工作表「${table.name}」`, sheetPassedOver(table.unread!));
    for (const table of ignored) {
        const what = `工作表「${table.name ?? ''}」不是部门整体或项目支出绩效目标表，未导入`;
        // A hidden sheet's tab is not there to find in Excel: its note goes with the cells reported.
        for (const note of table.notes ?? []) if (note.where === `工作表「${table.name ?? ''}」`) placement.note(note.where, note.message);
        const cells = table.rows.flat().filter(cell => !isEmptyCell(cell));
        if (cells.length <= MAX_LISTED_CELLS) {
            for (const cell of cells) placement.unplaced(cell, what);
            continue;
        }
        // A ledger kept beside the table (明细, 数据源): its cells, listed one by one, would bury the declaration.
        placement.use(...cells);
        placement.note(`工作表「${table.name ?? ''}」`, `${what}；其中有内容的单元格 ${cells.length.toLocaleString('en-US')} 个，过多，未逐一列出。`);
    }
    const model: DeclarationFile = { version: MODEL_VERSION, declarations };
    assertValidModel(model);
    const result: ImportResult = { model, report: placement.finish(tables), format, encoding, origins, yearless };
    // Measured with the source's name left out of the header (it is not known here): a few bytes per unplaced cell.
    checkImportedSize(Buffer.byteLength(renderImport(result, '')), unplacedCount(result.report));
    return result;
}

/** The 序号 column a user put before the table: left out, with a note where the column starts. */
function leaveOutNumbers(numbers: readonly SourceCell[], placement: Placement): void {
    if (numbers.length === 0) return;
    placement.use(...numbers);
    placement.note(numbers[0]!.where, `第一列是序号（${numbers.length} 个），不属于官方表格：已略去，其余各列按官方表格读取。`);
}

export async function readTables(bytes: Uint8Array, extension?: string, advice = CLI_ADVICE): Promise<{ tables: SourceTable[]; format: SourceFormat; encoding: TextEncodingName | null }> {
    checkImportSize(bytes);
    // By the bytes, not the name: a workbook saved or renamed as 表.jxmb is imported (check sends it here).
    switch (sniffInput(bytes, extension)) {
        case 'xlsx': return { tables: await readXlsx(bytes, await checkPackage(bytes, 'xlsx')), format: 'xlsx', encoding: null };
        case 'docx': return { tables: [await readDocx(bytes, await checkPackage(bytes, 'docx'))], format: 'docx', encoding: null };
        case 'text': {
            refuseDeclaration(extension, advice);
            const { text, encoding } = decodeText(bytes);
            if (text.trim() === '') throw new ImportError('文件是空的（没有任何文字）。');
            checkTextLines(text);
            if (isDeclarationText(text)) {
                throw new ImportError(`文件内容已是 .jxmb 申报表文本，不是表格，不必导入：${advice.declarationText}`);
            }
            const format = tableTextFormat(text);
            if (format === 'tsv') return { tables: [readTsv(text)], format, encoding };
            if (format === 'pdf-text') return { tables: [readPdfDepartment(text)], format, encoding };
            const office = officeName(extension);
            if (office) throw new ImportError(`文件不是 ${office}（不是 zip 压缩包），按文本读取也没有找到表格。`);
            throw new ImportError('没有找到表格：文本既不是制表符分隔的表格，也不像从 PDF 提取的部门整体申报表。');
        }
    }
}

/** A .jxmb's text read as a table would come out mangled (it looks like PDF text): it needs no import. */
function refuseDeclaration(extension: string | undefined, advice: ImportAdvice): void {
    if (extension?.toLowerCase() === '.jxmb') {
        throw new ImportError(`这已是 .jxmb 文件，不必导入：${advice.declarationFile}`);
    }
}

/** The .jxmb text: a header naming the source and listing what could not be placed, then the printed model. */
export function renderImport(result: ImportResult, source: string): string {
    const how = formatNames[result.format] + (result.encoding ? `，${result.encoding}` : '');
    const unplaced = result.report.filter(entry => entry.kind === 'unplaced');
    const header = [`// 导入自：${oneLine(source)}（${how}），由 jxmb import 生成。`];
    if (unplaced.length > 0) {
        header.push(`// 有 ${unplaced.length} 个单元格未能放入模型，原文如下（导入报告中也有）：`);
        for (const entry of unplaced) header.push(`//   ${formatReportEntry(oneLine(source), entry)}`);
    }
    return header.join('\n') + '\n' + printModel(result.model);
}

export function summaryLine(result: ImportResult): string {
    const count = (kind: Declaration['kind']) => result.model.declarations.filter(d => d.kind === kind).length;
    return `导入完成：部门整体 ${count('department')} 份，项目支出 ${count('project')} 份；未能放入的单元格 ${unplacedCount(result.report)} 个。`;
}

/** Excel 工作簿 / Word 文档 when the file's name says it is one (the bytes may say otherwise). */
function officeName(extension = ''): string | null {
    const ext = extension.toLowerCase();
    return ext === '.xlsx' || ext === '.xlsm' ? KIND.xlsx.name : ext === '.docx' ? KIND.docx.name : null;
}

const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ');
