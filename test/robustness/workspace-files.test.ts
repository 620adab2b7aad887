import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DidCloseTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { CompileRequest } from '../../language/lsp/protocol-request.js';
import { gbk, utf16 } from '../helpers/encodings.js';
import { LspSession } from '../helpers/lsp-client.js';
import { runJxmb } from '../helpers/run-cli.js';
import { readSample } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';

// VS Code opens a folder of submissions; among the tables are files named .jxmb that are not UTF-8 text: a binary
// file, a GBK file saved on Windows, a 5 MB file (the limit is 4 MB), UTF-32 without a BOM, UTF-16 whose last byte
// was cut off, UTF-32 cut short (not a multiple of 4 bytes), UTF-16 with half a character (a lone surrogate). The server reads the folder unasked. Each such file gets one finding that says why it cannot be read
// (the CLI's words), not thousands of "unrecognised character" findings, and the readable files are checked as usual.
// Opened in the editor (VS Code decodes GBK), the file is checked; opened as UTF-8, its 「�」 get the one finding; a
// text over the size limit opened in the editor is not parsed either.

const dir = useTempDir('jxmb-ws-files-');
const sample = readSample('000-nansha-kexie.jxmb');
const MB = 1024 * 1024;
const files = {
    good: 'good.jxmb', utf16: 'utf16.jxmb', utf16NoBom: 'utf16-nobom.jxmb', binary: 'binary.jxmb', gbk: 'gbk.jxmb', huge: 'huge.jxmb',
    utf32NoBom: 'utf32-nobom.jxmb', utf16Cut: 'utf16-cut.jxmb', linked: 'linked.jxmb', pipe: 'pipe.jxmb',
    dangling: 'dangling.jxmb', utf32Cut: 'utf32-cut.jxmb', utf16Half: 'utf16-half.jxmb'
} as const;
/** A text of about 5 MB: over the 4 MB limit. */
const fiveMb = `${sample}\n`.repeat(Math.ceil(5 * MB / Buffer.byteLength(sample)));
const uri = (name: string) => pathToFileURL(dir.at('ws', name)).toString();
let session: LspSession;

beforeAll(async () => {
    dir.file(`ws/${files.good}`, sample);
    dir.file(`ws/${files.utf16}`, utf16(sample, 'le'));
    dir.file(`ws/${files.utf16NoBom}`, utf16(sample, 'be').subarray(2));
    dir.file(`ws/${files.binary}`, Buffer.from(Array.from({ length: 65_536 }, (_, i) => (i * 7919 + 13) % 256)));
    dir.file(`ws/${files.gbk}`, gbk(sample));
    dir.file(`ws/${files.huge}`, fiveMb);
    dir.file(`ws/${files.utf32NoBom}`, Buffer.concat(Array.from(sample, c => {
        const unit = Buffer.alloc(4);
        unit.writeUInt32BE(c.codePointAt(0)!);
        return unit;
    })));
    // The last byte lost, as when a copy stops.
    dir.file(`ws/${files.utf16Cut}`, utf16(sample, 'le').subarray(2, -1));
    dir.file(`ws/${files.utf32Cut}`, Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), ...Array.from(sample, c => {
        const unit = Buffer.alloc(4);
        unit.writeUInt32LE(c.codePointAt(0)!);
        return unit;
    })]).subarray(0, -2));
    // An emoji in a comment that lost its second half.
    dir.file(`ws/${files.utf16Half}`, utf16(`// 备注\ud83d完\n${sample}`, 'le'));
    // A table kept elsewhere, linked into the folder; a named pipe with a table's name.
    dir.file('elsewhere/table.jxmb', sample);
    symlinkSync(dir.at('elsewhere', 'table.jxmb'), dir.at('ws', files.linked));
    execFileSync('mkfifo', [dir.at('ws', files.pipe)]);
    symlinkSync(dir.at('elsewhere', 'moved.jxmb'), dir.at('ws', files.dangling));
    session = await LspSession.start({ workspaceFolder: pathToFileURL(dir.at('ws')).toString(), settings: { jxmb: { severity: {} } } });
    // Every file of the folder published once, unasked.
    for (let waited = 0; new Set(session.published.map(p => p.uri)).size < Object.keys(files).length && waited < 60_000; waited += 200) {
        await new Promise(resolve => setTimeout(resolve, 200));
    }
}, 120_000);
afterAll(async () => { await session?.stop(); });

const last = (name: string) => session.published.filter(p => p.uri === uri(name)).at(-1)!.diagnostics;
/** What `jxmb check` says about the file (its one line on standard error). */
const cliSays = (name: string) => runJxmb(['check', dir.at('ws', name)]).stderr;
/** What 导出 answers for an opened document: refused, with its message. */
async function refusedExport(documentUri: string): Promise<string | undefined> {
    const exported = await session.connection.sendRequest(CompileRequest, { uri: documentUri, target: 'flat' }) as { ok: boolean; message?: string };
    expect(exported).toMatchObject({ ok: false });
    return exported.message;
}
/** The opened document's text replaced by the sample (version 2): its findings, once checked. */
async function replacedBySample(documentUri: string): Promise<unknown> {
    const checked = session.diagnostics(documentUri, 2);
    await session.replace(documentUri, sample, 2);
    return (await checked).diagnostics;
}

describe('files of the opened folder that are not UTF-8 text', () => {
    test.each([
        ['binary', files.binary, '二进制'],
        ['GBK', files.gbk, '另存为 UTF-8'],
        ['too large (5 MB)', files.huge, '文件过大（5.0 MB）：.jxmb 文件不能超过 4.0 MB'],
        ['UTF-32 (no BOM)', files.utf32NoBom, '文件是 UTF-32 编码'],
        ['cut-short UTF-16 (no BOM)', files.utf16Cut, '文件是 UTF-16 编码，但少了最后一个字节'],
        ['cut-short UTF-32', files.utf32Cut, '文件是 UTF-32 编码（不能读取，须另存为 UTF-8），而且字节数不是 4 的倍数：文件在末尾'],
        ['UTF-16 with half a character', files.utf16Half, '文件是 UTF-16 编码，但第 1 行第 6 列处只有半个字符']
    ])('a %s file: one finding at 1:1 with the reason jxmb check gives', (_, name, reason) => {
        const diagnostics = last(name);
        expect(diagnostics).toHaveLength(1);
        expect(diagnostics[0]).toMatchObject({ code: 'file/unreadable', severity: 1, range: { start: { line: 0, character: 0 } } });
        expect(diagnostics[0]!.message).toContain(reason);
        expect(cliSays(name)).toContain(diagnostics[0]!.message);
    });

    test('UTF-16 with a BOM, UTF-16 without one and UTF-8 are read: the same findings for the same text', () => {
        const good = last(files.good);
        expect(good.length).toBeGreaterThan(0);
        expect(good.some(d => d.code === 'file/unreadable')).toBe(false);
        expect(last(files.utf16)).toEqual(good);
        expect(last(files.utf16NoBom)).toEqual(good);
    });

    test('a link to a table kept elsewhere is checked as the table; a named pipe with a table\'s name gets one finding, in the words of jxmb check on the folder', () => {
        expect(last(files.linked)).toEqual(last(files.good));
        const pipe = last(files.pipe);
        expect(pipe).toHaveLength(1);
        expect(pipe[0]).toMatchObject({ code: 'file/unreadable', severity: 1, message: '不是普通文件（命名管道），未读取。' });
        expect(runJxmb(['check', dir.at('ws')]).stderr).toContain(`${files.pipe}: ${pipe[0]!.message}`);
    });

    test('a link to a table that is gone: one finding saying where it points, as jxmb check says it', () => {
        const dangling = last(files.dangling);
        expect(dangling).toHaveLength(1);
        expect(dangling[0]).toMatchObject({ code: 'file/unreadable', message: `这是一个链接，它指向的「${dir.at('elsewhere', 'moved.jxmb')}」不存在。` });
        expect(runJxmb(['check', dir.at('ws')]).stderr).toContain(`${files.dangling}: ${dangling[0]!.message}`);
    });

    test('a 5 MB text opened in the editor: one finding, nothing to export; made small, it is checked', async () => {
        const big = uri('opened-big.jxmb');
        const opened = await session.openChecked(big, fiveMb);
        expect(opened.diagnostics.map(d => d.code)).toEqual(['file/unreadable']);
        expect(opened.diagnostics[0]!.message).toContain('文件过大');
        expect(await refusedExport(big)).toContain('文件过大');
        expect(await replacedBySample(big)).toEqual(last(files.good));
    });

    test('the GBK file opened as UTF-8 (VS Code shows 「�」 for what it cannot decode): one finding at the first, nothing to export', async () => {
        const opened = uri('opened-as-utf8.jxmb');
        const garbled = new TextDecoder('utf-8').decode(gbk(sample));
        const first = garbled.split('\n').findIndex(line => line.includes('\uFFFD'));
        const { diagnostics } = await session.openChecked(opened, garbled);
        expect(diagnostics).toHaveLength(1);
        expect(diagnostics[0]).toMatchObject({
            code: 'file/unreadable', severity: 1,
            range: { start: { line: first, character: garbled.split('\n')[first]!.indexOf('\uFFFD') } }
        });
        // The words of the unopened file's finding, with what to do in the editor.
        expect(diagnostics[0]!.message).toMatch(/^文件不是 UTF-8 编码（.*可能是 GBK\/GB18030）。.*「通过编码重新打开」.*GBK.*「通过编码保存」.*UTF-8/);
        expect(await refusedExport(opened)).toContain('文件不是 UTF-8 编码');
        // Reopened as GBK, it is checked as its text.
        expect(await replacedBySample(opened)).toEqual(last(files.good));
        // An untitled text with a pasted 「�」 is checked as it is: there is no file to reopen.
        const untitled = await session.openChecked('untitled:Untitled-1', sample.replace('科学技术协会', '科学技术协会\uFFFD'));
        expect(untitled.diagnostics).toEqual(last(files.good));
        // Nor is a file saved as UTF-8 that holds one: the 「�」 is its text, not bytes the editor could not read.
        const withMark = sample.replace('科学技术协会', '科学技术协会\uFFFD');
        dir.file('ws-utf8/marked.jxmb', withMark);
        const marked = await session.openChecked(pathToFileURL(dir.at('ws-utf8', 'marked.jxmb')).toString(), withMark);
        expect(marked.diagnostics).toEqual(last(files.good));
    });

    test('the GBK file opened in the editor (decoded by VS Code) is checked as its text', async () => {
        const opened = await session.openChecked(uri(files.gbk), sample);
        expect(opened.diagnostics).toEqual(last(files.good));
        // Closed again, the file on disk is what counts.
        await session.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uri(files.gbk) } });
        await expect.poll(() => last(files.gbk).map(d => d.code), { timeout: 20_000 }).toEqual(['file/unreadable']);
    });
});
