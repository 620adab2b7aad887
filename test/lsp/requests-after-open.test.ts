import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DocumentSymbolRequest, FoldingRangeRequest } from 'vscode-languageserver-protocol/node';
import { generateTypicalFile } from '../../bench/generate.mjs';
import { LspSession } from '../helpers/lsp-client.js';
import { readSample } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';

// VS Code asks for the outline and the folding of a file the moment it opens it. While the server is busy (here:
// checking the opened folder's tables), the didOpen's build waits its turn; those requests must wait for it too and
// be answered, not refused with "no document" (VS Code does not ask again until the text changes: an empty outline).

const dir = useTempDir('jxmb-requests-after-open-');
const text = readSample('tutorial.jxmb');
let session: LspSession;

beforeAll(async () => {
    for (let i = 0; i < 150; i++) dir.file(`ws/t${i}.jxmb`, generateTypicalFile(i + 1).text);
    session = await LspSession.start({ workspaceFolder: pathToFileURL(dir.at('ws')).toString(), settings: { jxmb: { severity: {} } } });
}, 60_000);
afterAll(async () => { await session?.stop(); });

describe('requests right after didOpen, while the folder loads', () => {
    test('outline and folding are answered for each newly opened file', async () => {
        for (let i = 0; i < 8; i++) {
            const uri = pathToFileURL(dir.at(`elsewhere/opened-${i}.jxmb`)).toString();
            await session.open(uri, text);
            const [symbols, folds] = await Promise.all([
                session.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }),
                session.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } })
            ]);
            expect(symbols?.length, uri).toBe(2); // tutorial: one 部门整体, one 项目支出
            expect(folds?.length, uri).toBeGreaterThan(10);
        }
    }, 60_000);
});
