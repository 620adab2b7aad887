import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { DidChangeConfigurationNotification, type Diagnostic, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { generateTypicalFile } from '../../bench/generate.mjs';
import { CompileRequest } from '../../language/lsp/protocol-request.js';
import { LspSession } from '../helpers/lsp-client.js';
import { runJxmb } from '../helpers/run-cli.js';
import { modelOf } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';

// A reviewer opens a folder of submitted tables in VS Code with one of them in the editor. That file is checked
// first; every other file of the folder is still checked and shown once in the Problems panel, with the findings
// `jxmb check` reports for it, also while the reviewer edits during the load.

const FILES = 200;
const dir = useTempDir('jxmb-ws-order-');
const uris: string[] = [];
/** `line:column code` of each finding of `jxmb check`, by file URI. */
const checked = new Map<string, string[]>();
const settings = { jxmb: { severity: {}, costModel: 'legacy' } };

beforeAll(() => {
    for (let i = 0; i < FILES; i++) {
        uris.push(pathToFileURL(dir.file(`ws/t${String(i).padStart(3, '0')}.jxmb`, generateTypicalFile(i + 1).text)).toString());
    }
    // The reviewer's report of the same folder.
    runJxmb(['check', dir.at('ws'), '--report', dir.at('report.json')]);
    const report = JSON.parse(readFileSync(dir.at('report.json'), 'utf8')) as { files: Array<{ file: string; findings: Array<{ code: string; place: { line: number; column: number } }> }> };
    for (const file of report.files) {
        checked.set(pathToFileURL(file.file).toString(), file.findings.map(f => `${f.place.line}:${f.place.column} ${f.code}`));
    }
    expect(checked.size).toBe(FILES);
}, 120_000);

let session: LspSession | undefined;
afterEach(async () => { await session?.stop(); session = undefined; });

const keys = (diagnostics: Diagnostic[]) => diagnostics.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)}`).sort();
const publishedFiles = () => new Set(session!.published.map(p => p.uri)).size;
const timesPublished = (uri: string) => session!.published.filter(p => p.uri === uri).length;
const lastOf = (uri: string): PublishDiagnosticsParams => session!.published.filter(p => p.uri === uri).at(-1)!;

/** Waits until every file was published and no build is left: `jxmb/compile` answers after all queued builds. */
async function everyFilePublished(opened: string): Promise<void> {
    await expect.poll(publishedFiles, { timeout: 150_000, interval: 200 }).toBe(FILES);
    await session!.connection.sendRequest(CompileRequest, { uri: opened, target: 'flat' });
}

function expectOthersAsChecked(opened: string): void {
    expect(checked.get(opened)!.length).toBeGreaterThan(0);
    for (const uri of uris.filter(u => u !== opened)) {
        expect(timesPublished(uri), uri).toBe(1);
        expect(keys(lastOf(uri).diagnostics), uri).toEqual([...checked.get(uri)!].sort());
    }
}

describe('a workspace folder of many tables', () => {
    test('the file opened with the folder is published before most others, then every file once as jxmb check finds', async () => {
        const opened = uris[FILES / 2]!;
        // Opened before the server may check anything, as VS Code opens it right after start-up: the server has the
        // settings only after the open. (Sent as soon as the server started, the open came after the first 99 files
        // were published when this process was held up for a second under load.)
        let answer = () => undefined as void;
        const held = new Promise<void>(resolve => { answer = resolve; });
        session = await LspSession.start({ workspaceFolder: pathToFileURL(dir.at('ws')).toString(), settings, settingsHeld: held });
        await session.open(opened, readFileSync(new URL(opened), 'utf8'));
        answer();
        // VS Code's client announces the settings it was asked for: when that comes during the load, the files checked
        // so far were checked and published again.
        await expect.poll(publishedFiles, { timeout: 150_000, interval: 20 }).toBeGreaterThan(5);
        await session.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
        await everyFilePublished(opened);

        const firsts = [...new Set(session.published.map(p => p.uri))];
        expect(firsts.indexOf(opened)).toBeLessThan(FILES / 10);
        expect(timesPublished(opened)).toBe(1);
        expect(keys(lastOf(opened).diagnostics)).toEqual([...checked.get(opened)!].sort());
        expectOthersAsChecked(opened);
        // The load took longer than a moment: VS Code showed its progress, counting up to the whole folder, then ended it.
        await expect.poll(() => session!.progress.at(-1)?.kind, { timeout: 10_000 }).toBe('end');
        const [begin, ...rest] = session.progress;
        expect(begin).toMatchObject({ kind: 'begin', title: '检查文件夹中的申报表' });
        const counts = [begin, ...rest.slice(0, -1)].map(p => /^(\d+)\/(\d+)$/.exec((p as { message?: string }).message ?? ''));
        expect(counts.every(c => c?.[2] === String(FILES))).toBe(true);
        const done = counts.map(c => Number(c![1]));
        expect(done).toEqual([...done].sort((a, b) => a - b));
        expect(rest.slice(0, -1).every(p => p.kind === 'report')).toBe(true);
    }, 240_000);

    test('edits while the folder loads lose no file and show each file once, the edited one with its last text', async () => {
        const opened = uris[7]!;
        const text = readFileSync(new URL(opened), 'utf8');
        // The edit alternates between the file and the file with a broken declaration added (other findings).
        const broken = `${text}\n部门整体 "测试单位" 年度 2024 {\n    预算 { 基本支出 "一百" }\n}\n`;
        session = await LspSession.start({ workspaceFolder: pathToFileURL(dir.at('ws')).toString(), settings });
        await session.open(opened, text);
        let version = 1;
        while (publishedFiles() < FILES && version < 2000) {
            await new Promise(resolve => setTimeout(resolve, 2 + (version % 7) * 3));
            version++;
            await session.replace(opened, version % 2 ? text : broken, version);
        }
        if (version % 2) await session.replace(opened, broken, ++version);
        await everyFilePublished(opened);

        expect(version).toBeGreaterThan(5);
        const expected = keys((await modelOf(broken)).diagnostics);
        expect(expected).not.toEqual([...checked.get(opened)!].sort());
        expect(keys(lastOf(opened).diagnostics)).toEqual(expected);
        expectOthersAsChecked(opened);
    }, 240_000);
});
