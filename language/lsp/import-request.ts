import { extname } from 'node:path';
import type { Connection } from 'vscode-languageserver';
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
            const result = await importBytes(bytes, { extension: extname(params.fileName), ...(params.year === undefined ? {} : { year: params.year }) });
            return {
                ok: true,
                text: renderImport(result, params.fileName),
                report: result.report.map(entry => formatReportEntry(params.fileName, entry)),
                unplaced: unplacedCount(result.report),
                summary: summaryLine(result)
            };
        } catch (error) {
            if (error instanceof ImportError) return { ok: false, message: `${params.fileName}：${error.message}` };
            throw error;
        }
    });
}
