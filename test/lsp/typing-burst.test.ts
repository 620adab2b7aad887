import { pathToFileURL } from 'node:url';
import { afterEach, expect, test } from 'vitest';
import { DidChangeTextDocumentNotification, DocumentSymbolRequest, type DocumentSymbol } from 'vscode-languageserver-protocol/node';
import { typingEdits } from '../../bench/typing.mjs';
import { LspSession } from '../helpers/lsp-client.js';
import { readSample } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';

// Keys arriving faster than the server builds (key repeat, a fast typist, a slow machine) are read before the next
// build, which takes the editor's latest text (document-update-handler.ts). What a person must still see: a request
// sent right after the keys answers for the text as typed, and the last findings are those of the last version,
// the same as for that text opened fresh.

const dir = useTempDir('jxmb-burst-');
let session: LspSession | undefined;
afterEach(async () => { await session?.stop(); session = undefined; });

const names = (symbols: DocumentSymbol[]): string[] => symbols.flatMap(s => [s.name, ...names(s.children ?? [])]);
const position = (text: string, offset: number) => {
    const before = text.slice(0, offset);
    return { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
};

test('a line typed key by key, every key sent at once: answers and findings are those of the text as typed', async () => {
    const sample = readSample('000-nansha-kexie.jxmb');
    const uri = pathToFileURL(dir.at('typed.jxmb')).toString();
    session = await LspSession.start({ settings: { jxmb: { severity: {} } } });
    await session.openChecked(uri, sample);
    // A new 三级 typed at the start of the line after the first 数量指标 heading, with a vague value to be found.
    const at = sample.indexOf('\n', sample.indexOf('数量指标 {')) + 1;
    let text = sample;
    let version = 1;
    const sent: Array<Promise<void>> = [];
    for (const edit of typingEdits(at, '                "新增科普培训场次"："显著提升"\n')) {
        const range = { start: position(text, edit.at), end: position(text, edit.at + edit.remove) };
        text = text.slice(0, edit.at) + edit.insert + text.slice(edit.at + edit.remove);
        sent.push(session.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: ++version }, contentChanges: [{ range, text: edit.insert }] }));
    }
    expect(version).toBeGreaterThan(30);
    const last = session.diagnostics(uri, version, 60_000);
    await Promise.all(sent);
    const outline = await session.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }) as DocumentSymbol[];
    expect(names(outline)).toContain('新增科普培训场次');
    const typed = await last;
    expect(typed.version).toBe(version);
    const fresh = await session.openChecked(pathToFileURL(dir.at('fresh.jxmb')).toString(), text);
    const summary = (d: typeof typed) => d.diagnostics.map(x => `${x.range.start.line}:${x.range.start.character} ${String(x.code)} ${x.message}`);
    expect(summary(typed)).toEqual(summary(fresh));
    expect(summary(typed).some(line => line.includes('measurability/vague-value') && line.includes('新增科普培训场次'))).toBe(true);
}, 90_000);
