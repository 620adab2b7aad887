import { extname } from 'node:path';
import type { Connection } from 'vscode-languageserver';
import { YEAR_MAX, YEAR_MIN } from '../compile/value-limits.js';
import { oneLine } from '../domain/one-line.js';
import { EDITOR_ADVICE } from '../import/advice.js';
import { ImportError } from '../import/errors.js';
import { importBytes, renderImport, summaryLine } from '../import/import.js';
import { importTooLarge, MAX_IMPORT_BYTES } from '../import/limits.js';
import { formatReportEntry, unplacedCount } from '../import/report.js';
import { ImportRequest, type ImportParams, type ImportResponse } from './protocol-request.js';
import { onEditorRequest } from './document-request.js';

// `jxmb/import`: the editor's 从表格导入 runs the same importer as `jxmb import`. The client reads the file (any file
// system VS Code knows) and sends its bytes; the server answers with the .jxmb text and the report, writing nothing.

/**
 * Why the 年度 sent (jxmb.defaultYear) cannot be written, if it cannot: 99999, -5, 2024.5 or "2024" failed deep in
 * the importer with the generic 「请求的参数不完整」 and a schema error in the log.
 */
function yearProblem(year: unknown): string | undefined {
    if (year === undefined || year === null) return undefined;
    if (typeof year === 'number' && Number.isInteger(year) && year >= YEAR_MIN && year <= YEAR_MAX) return undefined;
    const shown = typeof year === 'number' ? String(year) : oneLine(JSON.stringify(year) ?? String(year), 40);
    return `导入用的年度 ${shown} 不正确：年度须为 ${YEAR_MIN}–${YEAR_MAX} 的整数。请检查设置 jxmb.defaultYear。`;
}

export function registerImportRequest(connection: Connection): void {
    onEditorRequest(connection, ImportRequest, async (params: ImportParams): Promise<ImportResponse> => {
        if (typeof params?.fileName !== 'string' || typeof params.base64 !== 'string') return { ok: false, message: '导入请求不完整：缺少文件名或文件内容。' };
        const year = yearProblem(params.year);
        if (year) return { ok: false, message: year };
        try {
            // The import's own limit and message, before the text is decoded into a second copy of the file.
            const size = Math.floor(params.base64.length * 3 / 4);
            if (size > MAX_IMPORT_BYTES) throw importTooLarge(size);
            const bytes = Buffer.from(params.base64, 'base64');
            // jxmb.defaultYear fills a missing 年度 and never overrides the table's; the messages name editor commands.
            const result = await importBytes(bytes, { extension: extname(params.fileName), advice: EDITOR_ADVICE, ...(params.year === undefined || params.year === null ? {} : { defaultYear: params.year }) });
            return {
                ok: true,
                text: renderImport(result, params.fileName),
                report: result.report.map(entry => formatReportEntry(params.fileName, entry)),
                unplaced: unplacedCount(result.report),
                summary: summaryLine(result),
                yearless: result.yearless
            };
        } catch (error) {
            if (error instanceof ImportError) return { ok: false, message: `${params.fileName}：${error.message}` };
            throw error;
        }
    });
}
