import { describe, expect, test } from 'vitest';
import { MessageFraming } from '../../language/lsp/stdio-transport.js';
import { frame } from './server-process.js';

// The server's stdin arrives in pieces of any size: which messages are passed on must not depend on where they fall.

const good = (id: number) => ({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { text: '中文 Content-Length: 5 }' } });
const lost = JSON.stringify({ jsonrpc: '2.0', id: 'lost', method: 'textDocument/hover', params: { a: { b: 1 } } });
const size = Buffer.byteLength(lost);
const input = Buffer.concat([
    frame(good(1)), frame(lost, size - 10), frame(good(2)), frame(lost, size + 10), frame(good(3)), frame(lost, size + 1000), frame(good(4)),
    Buffer.from(`Content-Type: application/json\r\n\r\n${lost}`), frame(good(5)), Buffer.from('hello\r\n\r\n'), frame(good(6)),
    Buffer.from('Content-Length: abc\r\n\r\n{}'), frame(good(7)), frame(good(8))
]);

/** The ids of the messages passed on when `input` comes in pieces of `piece` bytes. */
async function passedOn(piece: number): Promise<unknown[]> {
    const framing = new MessageFraming();
    const ids: unknown[] = [];
    framing.on('data', (message: Buffer) => {
        const text = message.toString();
        ids.push((JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as { id: unknown }).id);
    });
    for (let at = 0; at < input.length; at += piece) framing.write(input.subarray(at, at + piece));
    await new Promise(resolve => { framing.on('end', resolve); framing.end(); });
    return ids;
}

describe('stdin cut into messages', () => {
    test('every well-framed message is passed on whole, the wrongly framed ones not, however the bytes arrive', async () => {
        for (const piece of [1, 2, 7, 13, 64, 1000, input.length]) expect(await passedOn(piece), `${piece} bytes at a time`).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    });
});
