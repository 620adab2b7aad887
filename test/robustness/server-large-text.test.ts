import { afterEach, describe, expect, test } from 'vitest';
import { DidOpenTextDocumentNotification, type CompletionList } from 'vscode-languageserver-protocol/node';
import { readSample } from '../helpers/samples.js';
import { startServer, type ServerProcess } from './server-process.js';

// Texts an editor can hold but the server does not check, or checks with a flood of errors: every request still
// gets its answer, and the server stays within a small office PC's memory.

const options = { tabSize: 4, insertSpaces: true };
/** The test's server, stopped after it. */
let running: ServerProcess | undefined;
afterEach(() => { running?.stop(); running = undefined; });

/** A new server, initialized, its heap bounded to `heapMegabytes` where given. */
async function started(heapMegabytes?: number): Promise<ServerProcess> {
    running = startServer(heapMegabytes ? [`--max-old-space-size=${heapMegabytes}`] : []);
    await running.initialize();
    return running;
}

/** The server still runs, and never ran out of memory on the way. */
function expectAlive(s: ServerProcess): void {
    expect(s.child.exitCode).toBeNull();
    expect(s.stderr()).not.toMatch(/heap out of memory/);
}

async function open(s: ServerProcess, uri: string, text: string) {
    const published = s.diagnostics(uri);
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'jxmb', version: 1, text } });
    return (await published).diagnostics;
}

describe('a document over the size limit (refused as 「文件过大」)', () => {
    // Formatting and completion lexed the refused text again: 5 MB of `{` took 2.3 GB and seconds, 5 MB of NUL a minute.
    test('formatting and completion answer with nothing, in a 256 MB heap', async () => {
        const server = await started(256);
        const uri = 'file:///tmp/jxmb-large/braces.jxmb';
        const diagnostics = await open(server, uri, '{'.repeat(5_000_000));
        expect(diagnostics.map(d => d.message)).toEqual([expect.stringMatching(/^文件过大（4\.8 MB）/)]);
        expect(await server.answer('textDocument/formatting', { textDocument: { uri }, options })).toEqual([]);
        const completion = await server.answer('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 5 } }) as CompletionList;
        expect(completion.items).toEqual([]);
        expect(await server.answer('textDocument/rangeFormatting', {
            textDocument: { uri }, options, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } }
        })).toEqual([]);
        expectAlive(server);
    }, 120_000);
});

describe('a text under the size limit that is not jxmb (1 MB of `{`)', () => {
    // Formatting lexed the whole text again and completion lexed it and parsed it up to the cursor: ≈ 1 GB more
    // for 3.9 MB, and a heap overflow for 1 MB in a 160 MB heap. The parse's own tokens (≈ 100 B each) are the bound.
    test('its finding, then formatting and completion answer with nothing, in a 160 MB heap', async () => {
        const server = await started(160);
        const uri = 'file:///tmp/jxmb-large/braces-under-limit.jxmb';
        const diagnostics = await open(server, uri, '{'.repeat(1_000_000));
        expect(diagnostics.map(d => d.message)).toEqual(['语法错误：此处应为 文件结尾，却是 「{」。', expect.stringMatching(/^文件中没有申报表/)]);
        expect(await server.answer('textDocument/formatting', { textDocument: { uri }, options })).toEqual([]);
        for (const character of [3, 500_000, 1_000_000]) {
            const completion = await server.answer('textDocument/completion', { textDocument: { uri }, position: { line: 0, character } }) as CompletionList;
            expect(completion.items).toEqual([]);
        }
        expectAlive(server);
    }, 120_000);
});

describe('a declaration after 1 MB of `{` pasted before it', () => {
    // Completion in the declaration parsed and lexed the megabyte before it on every request: ≈ 350 MB more and
    // 1–2 s each (bench/NOTES.md). It reads the declaration only, as in the declaration alone.
    test('completion in its 数量指标 offers the names, in a 160 MB heap', async () => {
        const server = await started(160);
        const uri = 'file:///tmp/jxmb-large/braces-then-declaration.jxmb';
        const sample = readSample('tutorial.jxmb');
        await open(server, uri, `${'{'.repeat(1_000_000)}\n${sample}`);
        const line = 1 + sample.slice(0, sample.indexOf('数量指标 {\n')).split('\n').length;
        for (let i = 0; i < 3; i++) {
            const completion = await server.answer('textDocument/completion', { textDocument: { uri }, position: { line, character: 12 } }) as CompletionList;
            expect(completion.items.map(item => item.detail)).toContain('数量指标 · 指标库（共性指标库示例）');
        }
        expectAlive(server);
    }, 120_000);
});

describe('a text with hundreds of thousands of lexer errors', () => {
    // Math.min(...lines) over 400,000 error lines overflowed the call stack: an internal error instead of formatting.
    test('formatting answers with no edits and says where the first syntax error is', async () => {
        const server = await started();
        const uri = 'file:///tmp/jxmb-large/comments.jxmb';
        await open(server, uri, '/*'.repeat(400_000));
        expect(await server.answer('textDocument/formatting', { textDocument: { uri }, options })).toEqual([]);
        await expect.poll(() => server.logs).toContain('第 1 行有语法错误：含语法错误的申报表不作格式化，改正后再格式化。');
        expect(server.logs.join('\n')).not.toMatch(/Maximum call stack/);
    }, 120_000);
});
