// A multi-cursor edit in the 2,000-indicator file: N cursors type one character, sent as VS Code sends it (one
// didChange, a change per cursor, the last in the text first). Prints the time from the didChange to the diagnostics
// of that version, for each run, and the median. --ascending sends the first cursor's change first, each range in the
// text the changes before it left (as some other editors do).
//   node bench/multi-cursor.mjs [--cursors 5000] [--size 2000] [--runs 3] [--ascending] [--dist <dir with server.cjs>]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DidChangeTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { generateDeclaration } from './generate.mjs';
import { LspServer, positionAt } from './lsp.mjs';
import { summarize } from './stats.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i === -1 || i + 1 >= args.length ? fallback : args[i + 1];
};
const cursors = Number(option('cursors', 5000));
const size = Number(option('size', 2000));
const runs = Number(option('runs', 3));
const ascending = args.includes('--ascending');
const serverPath = join(option('dist', join(root, 'dist')), 'server.cjs');

/** Cursors inside strings: after each opening quote and before each closing one, the first `count` of them. */
function cursorOffsets(text, count) {
    const quotes = [...text.matchAll(/"/g)].map(m => m.index);
    return quotes.slice(0, count).map((at, i) => (i % 2 === 0 ? at + 1 : at));
}

const { text } = generateDeclaration(size, size);
const offsets = cursorOffsets(text, cursors);
/** The changes first to last: a cursor's character moves the later cursors of its line one to the right. */
function fromFirstToLast(at) {
    let line = -1;
    let before = 0;
    const starts = [0, ...[...text.matchAll(/\n/g)].map(m => m.index + 1)];
    let l = 0;
    return at.map(offset => {
        while (l + 1 < starts.length && starts[l + 1] <= offset) l++;
        before = l === line ? before + 1 : 0;
        line = l;
        const position = { line: l, character: offset - starts[l] + before };
        return { range: { start: position, end: position }, rangeLength: 0, text: '新' };
    });
}

const work = mkdtempSync(join(os.tmpdir(), 'jxmb-multi-cursor-'));
const times = [];
try {
    for (let run = 0; run < runs; run++) {
        const server = new LspServer([serverPath, '--stdio'], { settings: { jxmb: { severity: {}, costModel: 'legacy' } }, rootUri: pathToFileURL(work).href, name: 'jxmb' });
        try {
            await server.initialize();
            const uri = pathToFileURL(join(work, `申报-${run}.jxmb`)).href;
            await server.open(uri, 'jxmb', text, 120_000);
            const contentChanges = ascending ? fromFirstToLast(offsets) : offsets.map(at => ({ range: { start: positionAt(text, at), end: positionAt(text, at) }, rangeLength: 0, text: '新' })).reverse();
            const next = server.nextDiagnostics(uri, 120_000, 2);
            const start = performance.now();
            await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges });
            const { at } = await next;
            times.push(Math.round(at - start));
        } finally {
            await server.stop();
        }
    }
} finally {
    rmSync(work, { recursive: true, force: true });
}
console.log(`${offsets.length} cursors${ascending ? ' (first to last)' : ''} typing one character in the ${size}-indicator file → diagnostics: ${times.join(', ')} ms (median ${summarize(times).median} ms; ${serverPath})`);

