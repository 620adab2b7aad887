import type { Connection } from 'vscode-languageserver';
import { describe, expect, test } from 'vitest';
import { registerImportRequest } from '../../language/lsp/import-request.js';
import type { ImportParams, ImportResponse } from '../../language/lsp/protocol-request.js';

// The editor's 从表格导入 (jxmb/import) refuses a file by the same limit and with the same message as `jxmb import`.

/** The server's jxmb/import handler, without a server: registered on a connection that only records it. */
function importHandler(): (params: ImportParams) => Promise<ImportResponse> {
    let handler: ((params: unknown, token: unknown) => Promise<ImportResponse>) | undefined;
    registerImportRequest({ onRequest: (_method: string, h: typeof handler) => { handler = h; } } as unknown as Connection);
    return params => handler!(params, { isCancellationRequested: false });
}

/** The base64 text of a file of `megabytes` MB (its bytes do not matter: the size is refused first). */
const base64Of = (megabytes: number) => 'A'.repeat(Math.round(megabytes * 1024 * 1024 / 3) * 4);

describe('jxmb/import: a file over the import limit', () => {
    test.each([21, 60])('%i MB: the import\'s message, naming the file, its size and the 20 MB limit', async megabytes => {
        const answer = await importHandler()({ fileName: '全库导出.xlsx', base64: base64Of(megabytes) });
        expect(answer).toEqual({
            ok: false,
            message: `全库导出.xlsx：文件过大（${megabytes}.0 MB）：可导入的表格文件不超过 20.0 MB。请确认选对了文件，或把表格拆分后分别导入。`
        });
    });
});
