import { extname } from 'node:path';
import type { Connection } from 'vscode-languageserver';
import { EDITOR_ADVICE } from '../import/advice.js';
import { ImportError } from '../import/errors.js';
import { importBytes, renderImport, summaryLine } from '../import/import.js';
import { importTooLarge, MAX_IMPORT_BYTES } from '../import/limits.js';
import { formatReportEntry, unplacedCount } from '../import/report.js';
import { ImportRequest, type ImportParams, type ImportResponse } from './protocol-request.js';
import { onEditorRequest } from './document-request.js';

// `jxmb/import`: the editor's 从表格导入 runs the same importer as `jxmb import`. The client reads the file (any file
// system VS Code knows) and sends its bytes; the server answers with the .jxmb text and the report, writing nothing.

export function registerImportRequest(connection: Connection): void {
    onEditorRequest(connection, ImportRequest, async (params: ImportParams): Promise<ImportResponse> => {
        if (typeof params?.fileName !== 'string' || typeof params.base64 !== 'string') return { ok: false, message: '导入请求不完整：缺少文件名或文件内容。' };
        try {
            // The import's own limit and message, before the text is decoded into a second copy of the file.
            const size = Math.floor(params.base64.length * 3 / 4);
            if (size > MAX_IMPORT_BYTES) throw importTooLarge(size);
            const bytes = Buffer.from(params.base64, 'base64');
            // jxmb.defaultYear fills a missing 年度 and never overrides the table's; the messages name editor commands.
            const result = await importBytes(bytes, { extension: extname(params.fileName), advice: EDITOR_ADVICE, ...(params.year === undefined ? {} : { defaultYear: params.year }) });
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
