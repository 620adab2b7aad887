import { pathToFileURL } from 'node:url';
import { afterEach, expect, test } from 'vitest';
import { DidChangeTextDocumentNotification, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { LspSession } from '../helpers/lsp-client.js';
import { readSample } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';

// A multi-cursor edit (every occurrence of a word selected, then typed over) reaches the server as one didChange with
// a change per cursor, from the last in the text to the first as VS Code sends them (lsp/content-changes.ts applies
// them in one pass). The findings must be those of the same text opened fresh.

const dir = useTempDir('jxmb-multi-cursor-');
let session: LspSession | undefined;
afterEach(async () => { await session?.stop(); session = undefined; });

const position = (text: string, offset: number) => {
    const before = text.slice(0, offset);
    return { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
};
const summary = (d: PublishDiagnosticsParams) => d.diagnostics.map(x => `${x.range.start.line}:${x.range.start.character} ${String(x.code)} ${x.message}`);

test('every 科普 typed over at once (several cursors on a line), then a character at the start of every 三级 name, and taken back: the findings of the text opened fresh', async () => {
    const sample = readSample('000-nansha-kexie.jxmb');
    const uri = pathToFileURL(dir.at('edited.jxmb')).toString();
    session = await LspSession.start({ settings: { jxmb: { severity: {} } } });
    await session.openChecked(uri, sample);
    let text = sample;
    let version = 1;
    const send = async (edits: Array<{ at: number; remove: number; insert: string }>, firstToLast = false) => {
        // VS Code's order: the last cursor first, each range in the text as it was before the batch. Other editors send
        // the first first, each range in the text the changes before it left.
        const ordered = [...edits].sort((a, b) => firstToLast ? a.at - b.at : b.at - a.at);
        let shift = 0;
        const contentChanges = ordered.map(e => {
            const at = e.at + shift;
            const change = { range: { start: position(text, at), end: position(text, at + e.remove) }, rangeLength: e.remove, text: e.insert };
            text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
            if (firstToLast) shift += e.insert.length - e.remove;
            return change;
        });
        await session!.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: ++version }, contentChanges });
        return session!.diagnostics(uri, version, 60_000);
    };
    const occurrences = (pattern: RegExp) => [...text.matchAll(pattern)].map(m => m.index);
    const sameAsFresh = async (edited: PublishDiagnosticsParams, name: string) => {
        expect(edited.version).toBe(version);
        expect(summary(edited)).toEqual(summary(await session!.openChecked(pathToFileURL(dir.at(name)).toString(), text)));
    };

    const words = occurrences(/科普/g);
    expect(words.length).toBeGreaterThan(30);
    await sameAsFresh(await send(words.map(at => ({ at, remove: 2, insert: '科学普及' }))), 'fresh-1.jxmb');
    expect(text).not.toContain('科普');

    // A vague word typed into every 三级 name: one cursor a line, after the name's opening quote.
    const names = occurrences(/^\s*"/gm).map(at => text.indexOf('"', at) + 1);
    expect(names.length).toBeGreaterThan(20);
    await sameAsFresh(await send(names.map(at => ({ at, remove: 0, insert: '新' }))), 'fresh-2.jxmb');

    // And taken back, sent from the first cursor to the last.
    const typed = names.map((at, i) => at + i);
    await sameAsFresh(await send(typed.map(at => ({ at, remove: 1, insert: '' })), true), 'fresh-3.jxmb');
    expect(text).toBe(sample.replaceAll('科普', '科学普及'));
}, 90_000);
