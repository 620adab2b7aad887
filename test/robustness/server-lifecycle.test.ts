import { existsSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { DidOpenTextDocumentNotification, ErrorCodes } from 'vscode-languageserver-protocol/node';
import { generateTypicalFile } from '../../bench/generate.mjs';
import { useTempDir } from '../helpers/temp-dir.js';
import { startServer, type ServerProcess } from './server-process.js';

// The server's life at its edges: requests before the client said who it is or after it asked the server to shut
// down, and a client that goes away.

const text = '部门整体 "测试单位" 年度 2024 {\n    绩效指标 {  }\n}\n';
const temp = useTempDir('jxmb-lifecycle-');
let server: ServerProcess | undefined;
afterEach(() => { server?.stop(); server = undefined; });

describe('before initialize', () => {
    test('jxmb/… requests are refused as ServerNotInitialized, and do nothing; after initialize they are answered', async () => {
        server = startServer();
        temp.file('表.jxmb', text);
        const report = temp.at('审核报告.html');
        expect(await server.answer('jxmb/review', { folder: temp.at(), report })).toEqual({ error: ErrorCodes.ServerNotInitialized });
        expect(await server.answer('jxmb/summary', { uri: 'file:///tmp/never.jxmb' })).toEqual({ error: ErrorCodes.ServerNotInitialized });
        expect(existsSync(report)).toBe(false);

        await server.initialize();
        expect(await server.answer('jxmb/summary', { uri: 'file:///tmp/never.jxmb' })).toBeNull();
        expect(await server.answer('jxmb/review', { folder: temp.at(), report })).toMatchObject({ ok: true });
        expect(existsSync(report)).toBe(true);
    });

    // Hover, outline, completion … waited for a workspace that comes only with initialize: a client that sent them
    // first got no answer at all (LSP: ServerNotInitialized).
    test('the editor\'s requests are refused as ServerNotInitialized, not left unanswered; after initialize they are answered', async () => {
        server = startServer();
        const uri = 'file:///tmp/jxmb-lifecycle/early.jxmb';
        const requests: Array<[string, unknown]> = [
            ['textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }],
            ['textDocument/documentSymbol', { textDocument: { uri } }],
            ['textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 0 } }],
            ['workspace/symbol', { query: '测试' }]
        ];
        for (const [method, params] of requests) expect(await server.answer(method, params), method).toEqual({ error: ErrorCodes.ServerNotInitialized });

        await server.initialize();
        const published = server.diagnostics(uri);
        await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'jxmb', version: 1, text } });
        await published;
        expect(await server.answer('textDocument/documentSymbol', { textDocument: { uri } })).toEqual([expect.objectContaining({ name: expect.stringContaining('测试单位') })]);
        expect(await server.answer('workspace/symbol', { query: '测试' })).toEqual(expect.arrayContaining([expect.objectContaining({ name: expect.stringContaining('测试单位') })]));
    });
});

describe('shutdown', () => {
    // LSP: a request after shutdown is an error (InvalidRequest). The server went on serving: a jxmb/compile sent
    // after it compiled the table while the client was already ending the server.
    test('during a large build: answered; later requests refused as InvalidRequest; exit then ends with status 0', async () => {
        server = startServer();
        await server.initialize();
        const uri = 'file:///tmp/jxmb-lifecycle/large.jxmb';
        const large = Array.from({ length: 20 }, (_, i) => generateTypicalFile(i + 1).text).join('\n');
        await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'jxmb', version: 1, text: large } });
        const outline = server.answer('textDocument/documentSymbol', { textDocument: { uri } });
        expect(await server.answer('shutdown', undefined)).toBeNull();
        for (const [method, params] of [['textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 1 } }], ['jxmb/compile', { uri, target: 'json' }], ['shutdown', undefined]] as const) {
            expect(await server.answer(method, params), method).toEqual({ error: ErrorCodes.InvalidRequest });
        }
        // (the request sent before shutdown is answered)
        expect(await outline).toEqual(expect.any(Array));
        await server.connection.sendNotification('exit');
        expect(await server.exited).toBe(0);
        expect(server.stderr()).toBe('');
    }, 60_000);
});

describe('a client that goes away', () => {
    // Its end of the server's output closed: the next diagnostics could not be sent, and Node printed an uncaught
    // 「ConnectionError: Connection is closed」 with its stack.
    test('the server ends without a stack trace on stderr', async () => {
        server = startServer();
        await server.initialize();
        server.child.stdout!.destroy();
        await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
            textDocument: { uri: 'file:///tmp/jxmb-lifecycle/gone.jxmb', languageId: 'jxmb', version: 1, text }
        });
        expect([0, 1]).toContain(await server.exited);
        expect(server.stderr()).toBe('');
    });
});
