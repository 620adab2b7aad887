import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { LspSession } from '../helpers/lsp-client.js';

// Typing sends a completion (and hover, and format-on-save a formatting) per key, each cancelling the one before.
// A request cancelled while it waited for its turn is answered as cancelled, not computed in full: 300 chained
// completions were all computed, one after the other, while the user waited for the last.

const uri = 'file:///tmp/jxmb-cancelled/a.jxmb';
const rows = Array.from({ length: 300 }, (_, i) => `            "举办活动场次${i}"：≥${i + 1}场次\n`).join('');
const text = `部门整体 "测试单位" 年度 2024 {\n    绩效指标 { 产出指标 { 数量指标 {\n${rows}    } } }\n}\n`;

describe('requests cancelled while they wait', () => {
    let session: LspSession;
    beforeAll(async () => {
        session = await LspSession.start();
        await session.openChecked(uri, text);
    });
    afterAll(async () => { await session?.stop(); });

    const requests: Array<[string, (i: number) => unknown]> = [
        ['textDocument/completion', i => ({ textDocument: { uri }, position: { line: 2 + i, character: 14 } })],
        ['textDocument/hover', i => ({ textDocument: { uri }, position: { line: 2 + i, character: 14 } })],
        ['textDocument/formatting', () => ({ textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } })]
    ];

    test.each(requests)('%s: 100 sent at once, each cancelled by the next — the cancelled ones end as cancelled, the last is answered', async (method, params) => {
        const sources = Array.from({ length: 100 }, () => new CancellationTokenSource());
        const pending = sources.map((source, i) => {
            const answer = session.connection.sendRequest(method, params(i), source.token)
                .then(result => ({ result }), (error: unknown) => {
                    if (error instanceof ResponseError) return { error: error.code };
                    throw error;
                });
            if (i > 0) sources[i - 1]!.cancel();
            return answer;
        });
        const outcomes = await Promise.all(pending);
        const cancelled = outcomes.filter(o => 'error' in o && o.error === LSPErrorCodes.RequestCancelled).length;
        // (each one waits for the one before it, so most meet their cancellation before they start)
        expect(cancelled).toBeGreaterThan(50);
        expect(outcomes.filter(o => 'error' in o && o.error !== LSPErrorCodes.RequestCancelled)).toEqual([]);
        expect(outcomes.at(-1)).toHaveProperty('result');
    });
});
