import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DocumentFormattingRequest, DocumentRangeFormattingRequest } from 'vscode-languageserver-protocol';
import { LspSession } from '../helpers/lsp-client.js';
import { readSample } from '../helpers/samples.js';
import { applyTextEdits, format, randomWhitespace } from './format-helpers.js';

// Formatting as an editor asks for it: the built server (dist/server.cjs, `npm run build`) over stdio.

describe('formatting through the language server', () => {
    let session: LspSession;
    beforeAll(async () => { session = await LspSession.start(); });
    afterAll(async () => { await session?.stop(); });

    const options = { tabSize: 4, insertSpaces: true };

    test('a messed-up sample comes back in the samples\' layout; formatting it again changes nothing', async () => {
        const sample = readSample('001-zhanjiang-kexie.jxmb');
        const messy = randomWhitespace(sample, 7);
        const uri = 'file:///tmp/jxmb-format-test/messy.jxmb';
        await session.openChecked(uri, messy);
        const edits = await session.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options });
        const formatted = applyTextEdits(messy, edits ?? []);
        expect(formatted).toBe(sample);

        const again = session.diagnostics(uri, 2);
        await session.replace(uri, formatted, 2);
        await again;
        expect(await session.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options })).toEqual([]);
    });

    test('range formatting answers, and broken text gets no edits but a message saying why', async () => {
        const uri = 'file:///tmp/jxmb-format-test/broken.jxmb';
        const broken = '部门整体 "甲" {\n  标题 "t\n   总体绩效目标 "g"\n}\n';
        await session.openChecked(uri, broken);
        const shown = session.messages.length;
        expect(await session.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options })).toEqual([]);
        await expect.poll(() => session.messages.slice(shown).map(m => m.message)).toEqual([expect.stringMatching(/^第 \d+ 行有语法错误：含语法错误的申报表不作格式化/)]);

        const clean = '部门整体 "甲" {\n  标题 "t"\n}\n';
        const again = session.diagnostics(uri, 2);
        await session.replace(uri, clean, 2);
        await again;
        const edits = await session.connection.sendRequest(DocumentRangeFormattingRequest.type, {
            textDocument: { uri }, options, range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }
        });
        expect(applyTextEdits(clean, edits ?? [])).toBe(await format(clean));
    });
});
