import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LSPErrorCodes, StreamMessageReader, type ResponseMessage } from 'vscode-languageserver-protocol/node';
import { LspSession } from '../helpers/lsp-client.js';

// Typing sends a completion (and hover, and format-on-save a formatting) per key, each cancelling the one before.
// A request cancelled while it waited for its turn is answered as cancelled, not computed in full: 300 chained
// completions were all computed, one after the other, while the user waited for the last.

const uri = 'file:///tmp/jxmb-cancelled/a.jxmb';
const rows = Array.from({ length: 300 }, (_, i) => `            "举办活动场次${i}"：≥${i + 1}场次\n`).join('');
const text = `部门整体 "测试单位" 年度 2024 {\n    绩效指标 { 产出指标 { 数量指标 {\n${rows}    } } }\n}\n`;

/** A JSON-RPC message as it goes over stdio. */
const framed = (message: object) => {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
};

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
        // In one write: the server has every request and cancellation before it answers the first. Sent one by one
        // (one message per turn of this process's event loop), how many met their cancellation in time depended on
        // how fast the server answered compared with this process: a test process held up under load let the server
        // answer most of them (3 ms between requests: 0 of 99 hovers cancelled).
        const id = (i: number) => `${method}#${i}`;
        const answers = new Map<string, ResponseMessage>();
        const reader = new StreamMessageReader(session.process.stdout!);
        let listening: { dispose(): void } | undefined;
        const answered = new Promise<void>(resolve => {
            listening = reader.listen(message => {
                const { id: answering } = message as ResponseMessage;
                if (typeof answering !== 'string' || !answering.startsWith(`${method}#`)) return;
                answers.set(answering, message as ResponseMessage);
                if (answers.size === 100) resolve();
            });
        });
        const burst = Array.from({ length: 100 }, (_, i) => [
            framed({ jsonrpc: '2.0', id: id(i), method, params: params(i) }),
            ...i > 0 ? [framed({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: id(i - 1) } })] : []
        ]).flat();
        session.process.stdin!.write(Buffer.concat(burst));
        await answered;
        listening?.dispose();
        reader.dispose();
        const outcomes = Array.from({ length: 100 }, (_, i) => answers.get(id(i))!);
        const cancelled = outcomes.filter(o => o.error?.code === LSPErrorCodes.RequestCancelled).length;
        expect(cancelled).toBeGreaterThan(50);
        expect(outcomes.filter(o => o.error && o.error.code !== LSPErrorCodes.RequestCancelled)).toEqual([]);
        expect(outcomes.at(-1)).toHaveProperty('result');
    });
});
