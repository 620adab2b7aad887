import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { DidCloseTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { LspSession } from '../helpers/lsp-client.js';
import { readSample } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';

// A person edits a table, breaks it, and closes it without saving: the Problems panel then shows the file as it is
// on disk, not the discarded text. An untitled document closed leaves nothing behind.

const dir = useTempDir('jxmb-close-');
const sample = readSample('000-nansha-kexie.jxmb');
const broken = `${sample}\n部门整体 "测试单位" {\n    预算 { 基本支出 "一百" }\n}\n`;
let session: LspSession | undefined;
afterEach(async () => { await session?.stop(); session = undefined; });

const codes = (diagnostics: Array<{ code?: unknown }>) => diagnostics.map(d => String(d.code));
const close = (uri: string) => session!.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });

describe('closing a document', () => {
    test('closed without saving, a file of the folder shows its findings on disk again', async () => {
        const uri = pathToFileURL(dir.file('ws/t.jxmb', sample)).toString();
        session = await LspSession.start({ workspaceFolder: pathToFileURL(dir.at('ws')).toString(), settings: { jxmb: { severity: {} } } });
        // Published unasked as the folder loads.
        for (let waited = 0; !session.published.some(p => p.uri === uri) && waited < 30_000; waited += 100) {
            await new Promise(resolve => setTimeout(resolve, 100));
        }
        const onDisk = codes(session.published.find(p => p.uri === uri)?.diagnostics ?? []);
        expect(onDisk.length).toBeGreaterThan(0);
        expect(onDisk).not.toContain('parsing-error');

        expect(codes((await session.openChecked(uri, broken)).diagnostics)).toContain('parsing-error');
        const afterClose = session.diagnostics(uri);
        await close(uri);
        expect(codes((await afterClose).diagnostics)).toEqual(onDisk);
    }, 60_000);

    test('an untitled document closed has its findings cleared', async () => {
        session = await LspSession.start({ settings: { jxmb: { severity: {} } } });
        const uri = 'untitled:Untitled-1';
        expect(codes((await session.openChecked(uri, broken)).diagnostics)).toContain('parsing-error');
        const afterClose = session.diagnostics(uri);
        await close(uri);
        expect((await afterClose).diagnostics).toEqual([]);
    }, 60_000);
});
