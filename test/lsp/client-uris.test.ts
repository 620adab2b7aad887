import { fork } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
    CodeActionRequest, CompletionRequest, createProtocolConnection, DidCloseTextDocumentNotification, DidOpenTextDocumentNotification,
    DocumentFormattingRequest, DocumentSymbolRequest, FoldingRangeRequest, HoverRequest, InitializedNotification, InitializeRequest,
    IPCMessageReader, IPCMessageWriter, PublishDiagnosticsNotification, ShutdownRequest, WorkspaceSymbolRequest, type CodeAction, type Hover,
    type Location, type Message, type NotificationMessage, type PublishDiagnosticsParams, type ResponseMessage, type TextDocumentEdit, type TextEdit, type WorkspaceSymbol
} from 'vscode-languageserver-protocol/node';
import { ClientUris } from '../../language/lsp/client-uris.js';
import { LspSession, serverPath } from '../helpers/lsp-client.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { tableWithFixes } from '../helpers/fixture-texts.js';
import { applyTextEdits } from './format-helpers.js';

// An editor other than VS Code may name a document by a URI that vscode-uri writes otherwise: Chinese folder and file
// names not percent-encoded, a Windows drive as `C:`. Its diagnostics and quick-fixes came back under Langium's form
// of the URI (`%E5%B7%A5…`, `c%3A`), which such an editor does not take for its document: no squiggles, no fix.
// The server answers with the client's own spelling of each document it opened.

const text = tableWithFixes;

/** Langium's form of a URI: what the server answered with before. */
const encoded = (uri: string) => uri.replace(/[^\x20-\x7e]/gu, c => encodeURIComponent(c)).replace(/^file:\/\/\/([A-Z]):/u, (_, d: string) => `file:///${d.toLowerCase()}%3A`);

/**
 * The next diagnostics published for the document under either spelling of its URI (within 20 s). With `findings`,
 * an empty list under Langium's form does not count: the server clears there what the folder's load showed.
 */
async function firstPublished(session: LspSession, uri: string, findings = false): Promise<PublishDiagnosticsParams | undefined> {
    const from = session.published.length;
    const counts = (p: PublishDiagnosticsParams) => p.uri === uri || (p.uri === encoded(uri) && (!findings || p.diagnostics.length > 0));
    for (let waited = 0; waited < 20_000; waited += 20) {
        const found = session.published.slice(from).find(counts);
        if (found) return found;
        await new Promise(resolve => setTimeout(resolve, 20));
    }
    return undefined;
}

const close = (session: LspSession, uri: string) => session.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });

describe('a document opened under a URI that Langium spells otherwise', () => {
    let session: LspSession;
    beforeAll(async () => { session = await LspSession.start(); });
    afterAll(async () => { await session?.stop(); });

    for (const uri of ['file:///tmp/jxmb-client-uri-test/工作/表.jxmb', 'file:///C:/jxmb-client-uri-test/表.jxmb']) {
        test(`${uri}: diagnostics and the quick-fix's edit name the document as the client does`, async () => {
            expect(encoded(uri)).not.toBe(uri);
            const published = firstPublished(session, uri, true);
            await session.open(uri, text);
            const { uri: named, diagnostics } = (await published)!;
            expect.soft(named).toBe(uri);

            const empty = diagnostics.find(d => d.code === 'hierarchy/empty-level2')!;
            expect(empty).toBeDefined();
            const actions = await session.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: empty.range, context: { diagnostics: [empty] } }) as CodeAction[];
            expect(actions.length).toBeGreaterThan(0);
            for (const action of actions) {
                expect(action.edit?.changes).toBeUndefined();
                expect.soft((action.edit!.documentChanges as TextDocumentEdit[]).map(change => change.textDocument.uri)).toEqual([uri]);
            }

            const edited = firstPublished(session, uri, true);
            await session.replace(uri, text.replace('"培训人数"', '"培训人数"：≥100人次'), 2);
            expect.soft((await edited)?.uri).toBe(uri);

            // Closed (no file on disk): its findings are cleared where the client keeps them.
            const cleared = firstPublished(session, uri);
            await close(session, uri);
            expect(await cleared).toEqual({ uri, diagnostics: [] });
        });
    }

    test('hover, completion, formatting, outline, folding and Ctrl+T answer for the client\'s spelling', async () => {
        const uri = 'file:///tmp/jxmb-client-uri-test/请求/申报表.jxmb';
        const messy = text.replace('"举办活动场次"：≥45场次', '"举办活动场次"：   ≥45场次');
        await session.open(uri, messy);
        const hover = await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 3, character: 15 } }) as Hover | null;
        expect((hover?.contents as { value: string } | undefined)?.value).toContain('二级指标 11 数量指标');

        // After 「质量指标 { }」, in the 产出指标 block: its 二级.
        const completion = await session.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 7, character: 20 } });
        const items = Array.isArray(completion) ? completion : completion?.items ?? [];
        expect(items.map(item => item.label)).toContain('时效指标');

        const edits = await session.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
        expect(applyTextEdits(messy, edits ?? [])).toBe(text);

        const symbols = await session.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
        expect(symbols?.length).toBeGreaterThan(0);
        const folds = await session.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
        expect(folds?.length).toBeGreaterThan(0);

        const found = await session.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '举办活动场次' }) as WorkspaceSymbol[];
        expect(found.map(symbol => (symbol.location as Location).uri)).toContain(uri);
    });
});

describe('the messages to the client', () => {
    test('a WorkspaceEdit\'s changes are keyed by the client\'s URI, in a copy: the server\'s own objects stay as they were', async () => {
        const clientUris = new ClientUris();
        const sent: Message[] = [];
        const writer = clientUris.writing({ write: async message => { sent.push(message); }, onError: () => ({ dispose() {} }), onClose: () => ({ dispose() {} }), end() {}, dispose() {} });
        const raw = 'file:///D:/文件/表.jxmb';
        const langiums = 'file:///d%3A/%E6%96%87%E4%BB%B6/%E8%A1%A8.jxmb';
        const other = 'file:///tmp/other.jxmb';
        const didOpen: NotificationMessage = { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: raw, languageId: 'jxmb', version: 1, text: '' } } };
        clientUris.reading({ handleMessage: (message, next) => next(message) }).handleMessage(didOpen, () => undefined);

        const edit: Record<string, TextEdit[]> = { [langiums]: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '：' }], [other]: [] };
        const action = { title: '插入「：」', edit: { changes: edit } };
        await writer.write({ jsonrpc: '2.0', id: 1, result: [action] } as ResponseMessage);
        const changes = ((sent[0] as ResponseMessage).result as Array<typeof action>)[0]!.edit.changes;
        expect(Object.keys(changes).sort()).toEqual([other, raw].sort());
        expect(changes[raw]).toEqual(edit[langiums]);
        expect(changes[other]).toBe(edit[other]);
        expect(action.edit.changes).toBe(edit);
        expect(Object.keys(edit)).toEqual([langiums, other]);
    });
});

describe('over IPC, as VS Code\'s client starts the server', () => {
    test('diagnostics come under the client\'s spelling', async () => {
        const child = fork(serverPath, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
        const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
        const published: PublishDiagnosticsParams[] = [];
        connection.onNotification(PublishDiagnosticsNotification.type, params => { published.push(params); });
        connection.listen();
        try {
            await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
            await connection.sendNotification(InitializedNotification.type, {});
            const uri = 'file:///tmp/jxmb-client-uri-test/进程间/表.jxmb';
            await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'jxmb', version: 1, text } });
            await expect.poll(() => published.map(p => p.uri), { timeout: 20_000 }).toEqual([uri]);
            await connection.sendRequest(ShutdownRequest.type);
        } finally {
            connection.dispose();
            child.kill();
        }
    });
});

describe('a file of the folder', () => {
    const dir = useTempDir('jxmb-client-uri-');
    let session: LspSession | undefined;
    afterEach(async () => { await session?.stop(); session = undefined; });

    test('is published under Langium\'s form until the client opens it under its own, and again once it is closed', async () => {
        const path = dir.file('ws/工作/表.jxmb', text);
        const onDisk = pathToFileURL(path).toString();
        const raw = `file://${path}`;
        expect(onDisk).toBe(encoded(raw));
        session = await LspSession.start({ workspaceFolder: pathToFileURL(dir.at('ws')).toString(), settings: { jxmb: { severity: {} } } });
        // (published unasked as the folder loads, which may be before start() returns: looked for, not waited for)
        await expect.poll(() => session!.published.some(p => p.uri === onDisk), { timeout: 20_000 }).toBe(true);
        const loaded = session.published.find(p => p.uri === onDisk)!;
        expect(loaded.diagnostics.length).toBeGreaterThan(0);

        const opened = firstPublished(session, raw, true);
        await session.open(raw, text);
        expect.soft((await opened)?.uri).toBe(raw);
        // The findings shown under Langium's form as the folder loaded are cleared: the client would show them twice.
        expect.soft(session.published.filter(p => p.uri === onDisk).at(-1)?.diagnostics).toEqual([]);

        const reread = session.diagnostics(onDisk);
        await close(session, raw);
        expect((await reread).diagnostics).toEqual(loaded.diagnostics);
        expect(session.published.filter(p => p.uri === raw).at(-1)?.diagnostics).toEqual([]);
    }, 60_000);
});
