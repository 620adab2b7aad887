import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { rmSync } from 'node:fs';
import {
    DidChangeWatchedFilesNotification, DidCloseTextDocumentNotification, FileChangeType, DocumentSymbolRequest
} from 'vscode-languageserver-protocol/node';
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

    // The editor's text is the document as long as the editor has it open, whatever happens on disk.
    const outlineWithin = (uri: string, ms: number) => Promise.race([
        session!.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }),
        new Promise<'no answer'>(resolve => setTimeout(() => resolve('no answer'), ms))
    ]);

    test('a file deleted on disk while open (git checkout, rm) keeps its findings and is still served', async () => {
        const path = dir.file('ws2/gone.jxmb', sample);
        const uri = pathToFileURL(path).toString();
        session = await LspSession.start({ workspaceFolder: pathToFileURL(dir.at('ws2')).toString(), settings: { jxmb: { severity: {} } } });
        const open = codes((await session.openChecked(uri, broken)).diagnostics);
        rmSync(path);
        await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: FileChangeType.Deleted }] });
        expect(await outlineWithin(uri, 10_000)).toEqual(expect.arrayContaining([expect.objectContaining({ name: expect.stringContaining('南沙区科学技术协会') })]));
        expect(codes(session.published.filter(p => p.uri === uri).at(-1)!.diagnostics)).toEqual(open);
    }, 60_000);

    test('the folder of an open file deleted (a branch switch, mv of the folder): the open file is still served, its neighbour dropped', async () => {
        const path = dir.file('ws3/sub/open.jxmb', sample);
        const neighbour = pathToFileURL(dir.file('ws3/sub/closed.jxmb', broken)).toString();
        const uri = pathToFileURL(path).toString();
        session = await LspSession.start({ workspaceFolder: pathToFileURL(dir.at('ws3')).toString(), settings: { jxmb: { severity: {} } } });
        const open = codes((await session.openChecked(uri, broken)).diagnostics);
        for (let waited = 0; !session.published.some(p => p.uri === neighbour) && waited < 30_000; waited += 100) {
            await new Promise(resolve => setTimeout(resolve, 100));
        }
        expect(codes(session.published.filter(p => p.uri === neighbour).at(-1)!.diagnostics)).toContain('parsing-error');
        rmSync(dir.at('ws3/sub'), { recursive: true });
        await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(dir.at('ws3/sub')).toString(), type: FileChangeType.Deleted }] });
        // (the last publication, not the next: a re-check of the folder's load may still publish the file as it was)
        await expect.poll(() => session!.published.filter(p => p.uri === neighbour).at(-1)!.diagnostics, { timeout: 20_000 }).toEqual([]);
        expect(await outlineWithin(uri, 10_000)).toEqual(expect.arrayContaining([expect.objectContaining({ name: expect.stringContaining('南沙区科学技术协会') })]));
        expect(codes(session.published.filter(p => p.uri === uri).at(-1)!.diagnostics)).toEqual(open);
    }, 60_000);

    test('closed and opened again at once, a document that is not on disk is served', async () => {
        session = await LspSession.start({ settings: { jxmb: { severity: {} } } });
        const uri = pathToFileURL(dir.at('never-saved.jxmb')).toString();
        await session.openChecked(uri, sample);
        await close(uri);
        await session.open(uri, sample, 2);
        // (the close's look for the file on disk answers after the reopen: it must not drop the reopened document)
        await new Promise(resolve => setTimeout(resolve, 500));
        expect(await outlineWithin(uri, 10_000)).toEqual(expect.arrayContaining([expect.objectContaining({ name: expect.stringContaining('南沙区科学技术协会') })]));
        expect(session.published.filter(p => p.uri === uri).at(-1)!.diagnostics.length).toBeGreaterThan(0);
    }, 60_000);
});
