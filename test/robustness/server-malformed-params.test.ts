import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, ErrorCodes, ResponseError, type CompletionList } from 'vscode-languageserver-protocol/node';
import { frame, startServer, type ServerProcess } from './server-process.js';

// Requests whose parameters are not what the extension sends (another client, an older extension): an answer the
// user can read, and nothing in the server's log — no stack trace, no internal English message.

const uri = 'file:///tmp/jxmb-malformed/a.jxmb';
const text = '部门整体 "测试单位" 年度 2024 {\n    任务 "科普活动" {\n        主要实施内容 "举办科普讲座不少于10场次"\n    }\n}\n';
const malformedRequest = '请求的参数不完整或不正确，无法处理：请更新 jxmb 扩展后重试。';
const malformedProposals = '起草请求不完整：指标提案应是一个列表，每项是一个完整的指标提案。';

describe('malformed parameters', () => {
    let server: ServerProcess;
    beforeAll(async () => {
        server = startServer();
        await server.initialize();
        const published = server.diagnostics(uri);
        await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'jxmb', version: 1, text } });
        await published;
    });
    afterAll(() => server?.stop());

    test('completion without a position: no items', async () => {
        for (const position of [null, 'x', { line: null, character: 0 }]) {
            const completion = await server.answer('textDocument/completion', { textDocument: { uri }, position }) as CompletionList;
            expect(completion.items, JSON.stringify(position)).toEqual([]);
        }
    });

    test('proposals that are not proposals, a selection or a cursor that is not one: the Chinese failure', async () => {
        for (const proposals of [[null], [5], ['x'], [{}], [{ name: '场次', source: null }]]) {
            expect(await server.answer('jxmb/draft', { uri, index: 0, proposals }), JSON.stringify(proposals)).toEqual({ ok: false, message: malformedProposals });
            expect(await server.answer('jxmb/draftEdit', { uri, index: 0, proposals }), JSON.stringify(proposals)).toEqual({ ok: false, message: malformedProposals });
        }
        for (const method of ['jxmb/draftTarget', 'jxmb/draft', 'jxmb/draftEdit']) {
            expect(await server.answer(method, { uri, index: 0, proposals: [], selection: 'x' }), method).toEqual({ ok: false, message: malformedRequest });
        }
        expect(await server.answer('jxmb/draftTargets', { uri, position: 'x' })).toEqual({ ok: false, message: malformedRequest });
        // (the same requests, well formed, still work)
        expect(await server.answer('jxmb/draftTargets', { uri, position: { line: 1, character: 10 } })).toMatchObject({ ok: true, atCursor: 0 });
    });

    // jxmb.defaultYear is sent as `year`: one that is none failed in the importer's schema, answered 「请求的参数不完整」.
    test('jxmb/import with a 年度 that is none: says what a 年度 must be', async () => {
        const yearless = 'file:///tmp/jxmb-malformed/yearless.jxmb';
        const published = server.diagnostics(yearless);
        await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: yearless, languageId: 'jxmb', version: 1, text: text.replace(' 年度 2024', '') } });
        await published;
        const workbook = await server.answer('jxmb/compile', { uri: yearless, target: 'xlsx' }) as { ok: true; content: string };
        for (const [year, shown] of [[99999, '99999'], [-5, '-5'], [2024.5, '2024.5'], ['2024', '"2024"']] as const) {
            expect(await server.answer('jxmb/import', { fileName: '表.xlsx', base64: workbook.content, year }), shown)
                .toEqual({ ok: false, message: `导入用的年度 ${shown} 不正确：年度须为 1900–2200 的整数。请检查设置 jxmb.defaultYear。` });
        }
        expect(await server.answer('jxmb/import', { fileName: '表.xlsx', base64: workbook.content, year: 2025 })).toMatchObject({ ok: true, text: expect.stringContaining('年度 2025') });
        expect(await server.answer('jxmb/import', { fileName: '表.xlsx', base64: workbook.content, year: null })).toMatchObject({ ok: true, yearless: 1 });
    });

    // Notifications have no answer to carry a failure: vscode-jsonrpc logged the handler's English failure (「Notification
    // handler 'textDocument/didChange' failed with message: Cannot read properties of null」), and a change whose
    // second part was malformed had its first part applied to the text without a rebuild — the next edit of the
    // editor then landed on text the editor did not have.
    test('notifications that are not what LSP says: ignored, the document as it was, nothing in the log', async () => {
        const range = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });
        const version = { uri, version: 2 };
        const malformed: Array<[string, unknown]> = [
            ['textDocument/didChange', null], ['textDocument/didChange', undefined], ['textDocument/didChange', 'x'], ['textDocument/didChange', []],
            ['textDocument/didChange', { textDocument: version, contentChanges: null }],
            ['textDocument/didChange', { textDocument: { uri }, contentChanges: [{ text: '' }] }],
            ['textDocument/didChange', { textDocument: version, contentChanges: [{ range: range(0, 0, 0), text: '多余' }, { text: 5 }] }],
            ['textDocument/didChange', { textDocument: version, contentChanges: [{ range: null, text: '多余' }] }],
            ['textDocument/didChange', { textDocument: version, contentChanges: [{ range: { start: { line: 0.5, character: 0 }, end: { line: 1, character: 0 } }, text: '' }] }],
            ['textDocument/didOpen', null], ['textDocument/didOpen', { textDocument: { uri, text: null } }],
            ['textDocument/didClose', null], ['textDocument/didClose', {}], ['textDocument/didSave', null], ['textDocument/willSave', undefined],
            ['workspace/didChangeWatchedFiles', null], ['workspace/didChangeWatchedFiles', { changes: [null] }],
            ['workspace/didChangeConfiguration', null], ['$/setTrace', null], ['$/cancelRequest', null]
        ];
        for (const [method, params] of malformed) server.child.stdin!.write(frame({ jsonrpc: '2.0', method, params }));
        // (the editor's next edit, on the text it has: 科普活动 → 科普宣传)
        await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 3 }, contentChanges: [{ range: range(1, 8, 12), text: '科普宣传' }] });
        const edited = 'file:///tmp/jxmb-malformed/edited.jxmb';
        await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: edited, languageId: 'jxmb', version: 1, text: text.replace('科普活动', '科普宣传') } });
        const symbols = await server.answer('textDocument/documentSymbol', { textDocument: { uri } });
        expect(JSON.stringify(symbols)).toContain('科普宣传');
        expect(symbols).toEqual(await server.answer('textDocument/documentSymbol', { textDocument: { uri: edited } }));
        expect(server.logs).toEqual([]);
        expect(server.stderr()).toBe('');
    });

    // Standard requests read their parameters as LSP defines them: a hover without a textDocument, a range formatting
    // without a range, Ctrl+T with a query that is no text, a code action for diagnostics without a range failed in
    // their handler, answered as an internal error carrying its English message (「Request workspace/symbol failed
    // with message: Cannot read properties of null (reading 'replace')」), which the client shows in its log.
    test('standard requests whose parameters are not LSP\'s: refused as InvalidParams, in Chinese; the same requests well formed are answered', async () => {
        const range = { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } };
        const options = { tabSize: 4, insertSpaces: true };
        const malformed: Array<[string, unknown]> = [
            ['textDocument/hover', { position: { line: 1, character: 9 } }],
            ['textDocument/completion', { textDocument: null, position: { line: 1, character: 9 } }],
            ['textDocument/documentSymbol', { textDocument: { uri: 5 } }],
            ['textDocument/foldingRange', {}],
            ['textDocument/formatting', { textDocument: 'x', options }],
            ['textDocument/rangeFormatting', { textDocument: { uri }, options }],
            ['textDocument/rangeFormatting', { textDocument: { uri }, range: { start: null, end: range.end }, options }],
            ['textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: {} } }],
            ['textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [{ message: 'x', range: null }] } }],
            ['workspace/symbol', { query: null }],
            ['workspace/symbol', {}],
            ['callHierarchy/incomingCalls', { item: null }]
        ];
        for (const [method, params] of malformed) {
            const error = await server.connection.sendRequest(method, params).then(() => undefined, (e: ResponseError<unknown>) => e);
            expect(error, `${method} ${JSON.stringify(params)}`).toBeInstanceOf(ResponseError);
            expect([error!.code, error!.message], method).toEqual([ErrorCodes.InvalidParams, '请求的参数不符合 LSP 协议，未处理。']);
        }
        expect(await server.answer('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 9 } })).toMatchObject({ contents: expect.anything() });
        expect(await server.answer('textDocument/rangeFormatting', { textDocument: { uri }, range, options })).toEqual(expect.any(Array));
        expect(await server.answer('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } })).toEqual([]);
        expect(await server.answer('workspace/symbol', { query: '科普' })).toEqual(expect.arrayContaining([expect.objectContaining({ name: expect.stringContaining('科普') })]));
    });

    test('nothing of it reaches the log', async () => {
        // (a request after the others: their log messages, had there been any, arrived before its answer)
        await server.answer('jxmb/summary', { uri });
        expect(server.logs).toEqual([]);
        expect(server.stderr()).toBe('');
    });
});
