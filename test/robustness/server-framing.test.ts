import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { frame, startServer, type ServerProcess } from './server-process.js';

// Over stdio each message is framed by its Content-Length header. A client that gets one wrong (a length counted in
// characters instead of UTF-8 bytes, a header written twice, a stray line): that message is lost, the ones after it
// are answered. vscode-jsonrpc's reader read the rest of a message cut short as the next header and lost every later
// message; a length too long made it wait for the next messages' bytes as the body's rest.

const uri = 'file:///tmp/jxmb-framing/a.jxmb';
const text = '部门整体 "测试单位" 年度 2024 {\n    任务 "科普活动" {\n        主要实施内容 "举办科普讲座不少于10场次"\n    }\n}\n';
const lost = JSON.stringify({ jsonrpc: '2.0', id: 'lost', method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: 1, character: 9 } } });
const size = Buffer.byteLength(lost);

const broken: Array<[string, Buffer | string]> = [
    ['a Content-Length shorter than the body', frame(lost, size - 10)],
    ['a Content-Length that ends the body after a closing brace', frame(lost, size - 1)],
    ['a Content-Length longer than the body', frame(lost, size + 10)],
    ['a Content-Length far longer than all that follows', frame(lost, size + 1_000_000)],
    ['a header without Content-Length', `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${lost}`],
    ['a Content-Length that is no number', `Content-Length: 十\r\n\r\n${lost}`],
    ['a line that is no header', 'hello\r\n\r\n']
];

describe('a message framed wrongly over stdio', () => {
    let server: ServerProcess;
    let symbols: unknown;
    beforeEach(async () => {
        server = startServer();
        await server.initialize();
        await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'jxmb', version: 1, text } });
        symbols = await server.answer('textDocument/documentSymbol', { textDocument: { uri } });
        expect(JSON.stringify(symbols)).toContain('科普活动');
    });
    afterEach(() => server?.stop());

    // (a time limit: on failure the answer never comes)
    test.each(broken)('%s: the next request is answered, nothing in the log', async (_, bytes) => {
        server.child.stdin!.write(bytes);
        expect(await server.answer('textDocument/documentSymbol', { textDocument: { uri } })).toEqual(symbols);
        expect(await server.answer('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 9 } })).toMatchObject({ contents: expect.anything() });
        expect(server.logs).toEqual([]);
        expect(server.stderr()).toBe('');
    }, 30_000);
});
