import { afterAll, beforeAll, expect, test } from 'vitest';
import { CodeActionRequest, type CodeAction, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver-protocol/node';
import { LspSession } from '../helpers/lsp-client.js';
import { readSample } from '../helpers/samples.js';

// The fill for seed 001's blank 市本级使用资金 through a real language server: diagnostic.data survives the trip
// to the client and back, and the fix replaces exactly the `空`.

let session: LspSession;
beforeAll(async () => { session = await LspSession.start(); });
afterAll(async () => { await session.stop(); });

test('seed 001: the language server offers to fill 市本级使用资金', async () => {
    const uri = 'file:///tmp/jxmb-budget-test/001.jxmb';
    const text = readSample('001-zhanjiang-kexie.jxmb');
    const missing = (await session.openChecked(uri, text)).diagnostics.find(d => d.code === 'budget/missing-amount');
    expect(missing).toBeDefined();
    const actions = await session.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri }, range: missing!.range, context: { diagnostics: [missing!] }
    }) as CodeAction[];
    const fill = actions.find(a => a.title.includes('815.58'));
    expect(fill?.title).toBe('填入「市本级使用资金」815.58（财政拨款+其他资金）');
    const [edit] = (fill!.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[];
    const line = text.split('\n')[edit!.range.start.line]!;
    expect(line.slice(edit!.range.start.character, edit!.range.end.character)).toBe('空');
    expect(edit!.newText).toBe('815.58');
});
