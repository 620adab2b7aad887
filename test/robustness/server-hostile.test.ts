import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
    CancellationTokenSource, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification, DidOpenTextDocumentNotification,
    LSPErrorCodes, ResponseError, type CompletionList
} from 'vscode-languageserver-protocol/node';
import { LspSession } from '../helpers/lsp-client.js';
import { useTempDir } from '../helpers/temp-dir.js';

// The real language server (`npm run build` first) and a client that misbehaves: requests for documents it never
// opened or already closed, positions outside the text, malformed parameters, cancellations, notifications out of
// order. Every request is answered — a result or a JSON-RPC error, never an error disguised as a result — and the
// server then still serves a good document correctly.

const dir = 'file:///tmp/jxmb-robustness-lsp';
const temp = useTempDir('jxmb-hostile-');
const broken = '部门整体 "测试单位" {\n    预算 { 基本支出 "一百" }\n}\n';
const good = '部门整体 "测试单位" 年度 2024 {\n    绩效指标 {  }\n}\n';

type Outcome = { result: unknown } | { error: number };

/** The answer to a request, or a failure when none comes: a server that stops answering is not serving. */
async function answer(session: LspSession, method: string, params: unknown, token?: CancellationTokenSource): Promise<Outcome> {
    // (a token argument that is undefined would be sent as a second, positional parameter)
    const request = token ? session.connection.sendRequest(method, params, token.token) : session.connection.sendRequest(method, params);
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${method}: no answer within 20 s`)), 20_000));
    try {
        return { result: await Promise.race([request, timeout]) };
    } catch (error) {
        if (error instanceof ResponseError) return { error: error.code };
        throw error;
    }
}

/** A result must have the shape of the request's result: an error object (`{ code }`) sent as a result is a bug. */
function expectWellFormed(outcome: Outcome): void {
    if ('result' in outcome && outcome.result !== null && typeof outcome.result === 'object' && !Array.isArray(outcome.result)) {
        expect(Object.keys(outcome.result)).not.toEqual(['code']);
    }
}

const position = (line: number, character: number) => ({ line, character });
const at = (uri: string, line = 0, character = 0) => ({ textDocument: { uri }, position: position(line, character) });

/** The document requests an editor sends, for `uri`. */
function editorRequests(uri: string): Array<[string, unknown]> {
    const range = { start: position(0, 0), end: position(0, 5) };
    return [
        ['textDocument/completion', at(uri)],
        ['textDocument/hover', at(uri)],
        ['textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } }],
        ['textDocument/rangeFormatting', { textDocument: { uri }, range, options: { tabSize: 4, insertSpaces: true } }],
        ['textDocument/documentSymbol', { textDocument: { uri } }],
        ['textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } }],
        ['textDocument/foldingRange', { textDocument: { uri } }],
        ['textDocument/semanticTokens/full', { textDocument: { uri } }],
        ['textDocument/definition', at(uri)],
        ['textDocument/documentHighlight', at(uri)],
        ['textDocument/references', { ...at(uri), context: { includeDeclaration: true } }],
        ['textDocument/prepareRename', at(uri)],
        ['textDocument/rename', { ...at(uri), newName: '新名称' }],
        // (not offered, but answered by Langium: a hostile client may still ask)
        ['textDocument/prepareCallHierarchy', at(uri)],
        ['callHierarchy/incomingCalls', { item: { name: '任务', kind: 5, uri, range, selectionRange: range } }]
    ];
}

describe('a misbehaving client', () => {
    let session: LspSession;
    let stderr = '';
    beforeAll(async () => {
        session = await LspSession.start();
        session.process.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    });
    afterAll(async () => { await session?.stop(); });

    test('requests for a document never opened: an error or nothing, never an error as a result', async () => {
        for (const [method, params] of editorRequests(`${dir}/never-opened.jxmb`)) {
            const outcome = await answer(session, method, params);
            expectWellFormed(outcome);
            if ('error' in outcome) expect(outcome.error, method).toBe(LSPErrorCodes.ServerCancelled);
        }
        for (const method of ['jxmb/summary', 'jxmb/compile', 'jxmb/draftTargets']) {
            const outcome = await answer(session, method, { uri: `${dir}/never-opened.jxmb`, target: 'json' });
            expect(outcome, method).toEqual(method === 'jxmb/summary' ? { result: null } : { result: { ok: false, message: expect.stringContaining('没有打开') } });
        }
    });

    test('requests for a closed document are answered', async () => {
        const uri = `${dir}/closed.jxmb`;
        await session.openChecked(uri, good);
        await session.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
        for (const [method, params] of editorRequests(uri)) expectWellFormed(await answer(session, method, params));
    });

    test('positions outside the text, and ranges turned around', async () => {
        const uri = `${dir}/positions.jxmb`;
        await session.openChecked(uri, good);
        for (const [line, character] of [[1_000_000, 5], [-1, -7], [0, 1e9], [2, 4.5], [Number.MAX_SAFE_INTEGER, 0]] as const) {
            const completion = await answer(session, 'textDocument/completion', at(uri, line, character));
            expectWellFormed(completion);
            expect('result' in completion, `completion at ${line}:${character}`).toBe(true);
            expectWellFormed(await answer(session, 'textDocument/hover', at(uri, line, character)));
            expectWellFormed(await answer(session, 'jxmb/draftTargets', { uri, position: position(line, character) }));
        }
        const backwards = { start: position(9, 0), end: position(0, 0) };
        expect(await answer(session, 'textDocument/rangeFormatting', { textDocument: { uri }, range: backwards, options: { tabSize: 4, insertSpaces: true } }))
            .toEqual({ result: expect.any(Array) });
        const farDiagnostic = { range: { start: position(70, 0), end: position(70, 3) }, message: '?', code: 'value/missing', data: { code: 'value/missing' } };
        expectWellFormed(await answer(session, 'textDocument/codeAction', { textDocument: { uri }, range: backwards, context: { diagnostics: [farDiagnostic] } }));
    });

    test('malformed parameters: an answer, not silence', async () => {
        const uri = `${dir}/positions.jxmb`;
        const malformed: Array<[string, unknown]> = [
            ['textDocument/completion', { textDocument: { uri } }],
            ['textDocument/completion', { textDocument: { uri: 42 }, position: position(0, 0) }],
            ['textDocument/completion', { textDocument: { uri: '::not a uri::' }, position: position(0, 0) }],
            ['textDocument/hover', { textDocument: { uri }, position: { line: 'a', character: null } }],
            ['textDocument/formatting', { textDocument: { uri } }],
            ['textDocument/codeAction', { textDocument: { uri }, range: null, context: {} }],
            ['jxmb/summary', {}],
            ['jxmb/compile', { uri, target: 'pdf' }],
            ['jxmb/compile', {}],
            ['jxmb/import', { fileName: 'a.xlsx', base64: '!!!' }],
            ['jxmb/import', {}],
            ['jxmb/draft', { uri, index: 99 }],
            ['jxmb/draftEdit', { uri, index: -1, proposals: 'x' }],
            ['jxmb/compile', null],
            ['jxmb/draftTargets', null],
            ['jxmb/draftTarget', { uri, index: '__proto__' }],
            ['jxmb/draft', { uri, index: 0, proposals: [null] }],
            ['jxmb/draftEdit', { uri, index: 0, proposals: [{ name: 5 }] }],
            ['jxmb/no-such-request', {}]
        ];
        for (const [method, params] of malformed) expectWellFormed(await answer(session, method, params));
        // jxmb's own requests answer a malformed call as they answer a user's mistake: a result, explained in Chinese.
        for (const [method, params] of malformed.filter(([method]) => method.startsWith('jxmb/') && method !== 'jxmb/no-such-request')) {
            const outcome = await answer(session, method, params);
            expect('result' in outcome, method).toBe(true);
            const result = (outcome as { result: { ok?: boolean; message?: string } | null }).result;
            if (result?.ok === false) expect(result.message, method).toMatch(/[\u4e00-\u9fff]/);
        }
    });

    test('notifications out of order: changes to unopened documents, a second open, versions going back', async () => {
        const uri = `${dir}/order.jxmb`;
        await session.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: `${dir}/unopened.jxmb`, version: 3 }, contentChanges: [{ text: good }] });
        await session.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: `${dir}/unopened.jxmb` } });
        await session.open(uri, broken, 5);
        await session.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'jxmb', version: 6, text: good } });
        // (version 6's diagnostics may come after this wait begins: they are not the answer to version 2)
        const published = session.diagnostics(uri, 2, 20_000, true);
        await session.replace(uri, broken, 2);
        expect((await published).diagnostics.map(d => d.code)).toContain('parsing-error');
    });

    test('cancellations: the request ends as cancelled or with its full answer', async () => {
        const uri = `${dir}/cancel.jxmb`;
        const many = good.replace('绩效指标 {  }', `绩效指标 { 产出指标 { 数量指标 {\n${Array.from({ length: 2000 }, (_, i) => `        "举办活动场次${i}"：≥${i}场次`).join('\n')}\n    } } }`);
        await session.open(uri, many, 1);
        let cancelled = 0;
        for (let version = 2; version < 8; version++) {
            // An edit, then requests cancelled at once: they meet a build in progress.
            await session.replace(uri, many.replace('场次1"', `场次1${version}"`), version);
            const sources = [new CancellationTokenSource(), new CancellationTokenSource(), new CancellationTokenSource()];
            const pending = [
                answer(session, 'textDocument/completion', at(uri, 3, 10), sources[0]),
                answer(session, 'textDocument/hover', at(uri, 3, 10), sources[1]),
                answer(session, 'jxmb/summary', { uri }, sources[2])
            ];
            sources.forEach(source => source.cancel());
            for (const outcome of await Promise.all(pending)) {
                expectWellFormed(outcome);
                if ('error' in outcome) expect([LSPErrorCodes.RequestCancelled, LSPErrorCodes.ServerCancelled]).toContain(outcome.error);
                cancelled += 'error' in outcome ? 1 : 0;
            }
        }
        // (the requests meet the build, so most of them do end cancelled: the test exercises what it claims)
        expect(cancelled).toBeGreaterThan(0);
        // A cancellation for a request that does not exist, or already ended, is ignored.
        await session.connection.sendNotification('$/cancelRequest', { id: 987_654 });
        await session.connection.sendNotification('$/cancelRequest', { id: 'no-such-id' });
        const summary = await answer(session, 'jxmb/summary', { uri });
        expect(summary).toMatchObject({ result: { indicators: 2000 } });
    }, 120_000);

    // Rows pasted from a spreadsheet, name and value apart without `：`: one error per row in one list. The parser's
    // recovery went one stack frame deeper per error; ≈ 2,700 rows overflowed the stack and killed the server.
    test('3,000 errors in one list of 三级指标: syntax findings at their places, completion there, the server alive', async () => {
        const uri = `${dir}/pasted-rows.jxmb`;
        const rows = Array.from({ length: 3000 }, (_, i) => `            "举办活动场次${i}" ≥${i + 1}场次\n`).join('');
        const text = `部门整体 "测试单位" 年度 2024 {\n    绩效指标 { 产出指标 { 数量指标 {\n${rows}    } } }\n}\n`;
        const { diagnostics } = await session.openChecked(uri, text);
        const syntax = diagnostics.filter(d => d.code === 'parsing-error');
        expect(syntax[0].range.start).toEqual(position(2, 22)); // at the `≥` where `：` was due
        expect(syntax.length).toBeGreaterThan(100);
        const completion = await answer(session, 'textDocument/completion', at(uri, 2500, 12));
        expect(completion).toHaveProperty('result');
        expect(session.process.exitCode).toBeNull();
    }, 120_000);

    // A client whose file types are set wrong opens a file of another language: its build asked for services the
    // server does not have, and the uncaught failure ended the server. It is not the server's: as if never opened.
    // A file of any name that the client says is jxmb (VS Code's 「更改语言模式」) is one.
    test('a document of another language opened: ignored as never opened, the server goes on', async () => {
        const uri = `${dir}/notes.txt`;
        await session.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'plaintext', version: 1, text: good } });
        await session.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: position(0, 0), end: position(0, 0) }, text: ' ' }] });
        for (const [method, params] of editorRequests(uri)) {
            const outcome = await answer(session, method, params);
            expectWellFormed(outcome);
            if ('error' in outcome) expect(outcome.error, method).toBe(LSPErrorCodes.ServerCancelled);
        }
        expect(await answer(session, 'jxmb/summary', { uri })).toEqual({ result: null });
        await session.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });

        // Closed (or its language mode changed back), the file on disk is not jxmb: its findings are cleared. Read
        // again from disk as a .jxmb is, it asked for those services and ended the server.
        const said = pathToFileURL(temp.file('notes-in-jxmb.txt', broken)).toString();
        expect((await session.openChecked(said, broken)).diagnostics.map(d => d.code)).toContain('parsing-error');
        const cleared = session.diagnostics(said);
        await session.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: said } });
        expect((await cleared).diagnostics).toEqual([]);
        expect((await session.openChecked(`${dir}/after-notes.jxmb`, broken)).diagnostics.map(d => d.code)).toContain('parsing-error');
        expect(session.process.exitCode).toBeNull();
    });

    // No cross-references, nothing to rename: F2 on a task's name gave an edit that dropped its quotes.
    test('F2 on a quoted name: no rename that breaks the text', async () => {
        const uri = `${dir}/rename.jxmb`;
        await session.openChecked(uri, '部门整体 "测试单位" 年度 2024 {\n    任务 "科普活动经费" { }\n}\n');
        const prepared = await answer(session, 'textDocument/prepareRename', at(uri, 1, 10));
        const renamed = await answer(session, 'textDocument/rename', { ...at(uri, 1, 10), newName: '新任务' });
        for (const outcome of [prepared, renamed]) expect('error' in outcome || outcome.result === null).toBe(true);
    });

    test('and then still serves: correct diagnostics and completion for a good document', async () => {
        const uri = `${dir}/after.jxmb`;
        const { diagnostics } = await session.openChecked(uri, broken);
        expect(diagnostics.filter(d => d.severity === 1).map(d => [d.code, d.range.start])).toEqual([['parsing-error', position(1, 14)]]);

        const fixed = session.diagnostics(uri, 2);
        await session.replace(uri, good, 2);
        expect((await fixed).diagnostics.filter(d => d.severity === 1)).toEqual([]);
        const completion = await answer(session, 'textDocument/completion', at(uri, 1, 11));
        expect(completion).toMatchObject({ result: { items: expect.any(Array) } });
        const labels = ((completion as { result: CompletionList }).result.items).map(item => item.label);
        expect(labels).toEqual(expect.arrayContaining(['产出指标', '效益指标', '满意度指标']));

        expect(session.process.exitCode).toBeNull();
        expect(stderr).not.toMatch(/\n\s+at \S|FATAL|Uncaught/);
    });
});
