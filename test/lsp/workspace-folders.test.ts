import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, expect, test } from 'vitest';
import {
    CompletionRequest, DidChangeWorkspaceFoldersNotification, DidCloseTextDocumentNotification, DocumentSymbolRequest, WorkspaceSymbolRequest, type CompletionItem, type PublishDiagnosticsParams, type WorkspaceSymbol
} from 'vscode-languageserver-protocol';
import { LspSession } from '../helpers/lsp-client.js';
import { modelOf } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { cursorIn, labels, positionAt } from './completion-helpers.js';

// A folder added to or removed from a multi-root workspace while VS Code runs (「将文件夹添加到工作区」, 「从工作区中删除
// 文件夹」): an added folder's tables are checked and their names offered at once, a removed one's findings leave the
// Problems panel, except those of a file still open in the editor.

const dir = useTempDir('jxmb-ws-folders-');
const settings = { jxmb: { severity: {}, costModel: 'legacy' } };
const table = (unit: string, name: string) =>
    `部门整体 "${unit}" 年度 2024 {\n    预算 { 基本支出 "一百" }\n    绩效指标 { 满意度指标 { 服务对象满意度指标 { "${name}"：≥90% } } }\n}\n`;
/** A table of the added folder: a syntax error and two warnings, and an indicator name no library has. */
const addedText = table('新加单位', '学员结业考核满意度');
const openText = table('打开单位', '展馆讲解服务满意度');
const uri = (path: string) => pathToFileURL(path).toString();
const folder = (path: string) => ({ uri: uri(path), name: path });
const keys = (diagnostics: PublishDiagnosticsParams['diagnostics']) =>
    diagnostics.map(d => `${d.range.start.line}:${d.range.start.character} ${String(d.code)}`).sort();

let session: LspSession | undefined;
afterEach(async () => { await session?.stop(); session = undefined; });

/** Sets up `name`/first and `name`/added; starts the server on the first (or on both) and waits for its load. */
async function start(name: string, both = false): Promise<{ first: string; added: string; aUri: string; bUri: string }> {
    const first = dir.at(name, 'first');
    const added = dir.at(name, 'added');
    const aUri = uri(dir.file(`${name}/first/a.jxmb`, table('第一单位', '服务对象满意度')));
    const bUri = uri(dir.file(`${name}/added/units/b.jxmb`, addedText));
    session = await LspSession.start({ workspaceFolder: both ? [uri(first), uri(added)] : uri(first), settings });
    await expect.poll(() => session!.published.some(p => p.uri === aUri), { timeout: 20_000 }).toBe(true);
    if (both) await expect.poll(() => session!.published.some(p => p.uri === bUri), { timeout: 20_000 }).toBe(true);
    return { first, added, aUri, bUri };
}

async function changeFolders(added: string[], removed: string[]): Promise<void> {
    await session!.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: added.map(folder), removed: removed.map(folder) } });
}

const lastPublished = (uri: string) => session!.published.filter(p => p.uri === uri).at(-1);

async function symbols(query: string): Promise<WorkspaceSymbol[]> {
    return (await session!.connection.sendRequest(WorkspaceSymbolRequest.type, { query }) ?? []) as WorkspaceSymbol[];
}

/** The names completion offers in an empty 服务对象满意度指标 of a new file of the first folder. */
async function satisfactionNames(first: string, name: string): Promise<string[]> {
    const { text, offset } = cursorIn('部门整体 "第一单位" 年度 2024 {\n    绩效指标 { 满意度指标 { 服务对象满意度指标 { | } } }\n}\n');
    const at = uri(join(first, `${name}.jxmb`));
    writeFileSync(fileURLToPath(at), text);
    await session!.open(at, text);
    const result = await session!.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: at }, position: positionAt(text, offset) });
    return labels((Array.isArray(result) ? result : result?.items ?? []) as CompletionItem[]);
}

test('the server asks to be told when workspace folders change', async () => {
    await start('capability');
    expect(session!.initializeResult?.capabilities.workspace?.workspaceFolders).toMatchObject({ supported: true, changeNotifications: true });
});

test('a folder added is checked as at start-up, and its names are offered by completion and workspace symbols', async () => {
    const { first, added, bUri } = await start('add');
    expect(session!.published.some(p => p.uri === bUri)).toBe(false);
    expect(await satisfactionNames(first, 'before')).not.toContain('学员结业考核满意度');
    await changeFolders([added], []);
    await expect.poll(() => lastPublished(bUri)?.diagnostics.length ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
    const expected = keys((await modelOf(addedText)).diagnostics);
    expect(expected).toContain('1:14 parsing-error');
    expect(keys(lastPublished(bUri)!.diagnostics)).toEqual(expected);
    expect((await symbols('结业考核')).map(s => s.location.uri)).toContain(bUri);
    expect(await satisfactionNames(first, 'after')).toContain('学员结业考核满意度');
});

test('a folder removed: its closed files lose their findings and names, a file of it open in the editor keeps them', async () => {
    const { first, added, aUri, bUri } = await start('remove', true);
    const openUri = uri(dir.file('remove/added/open.jxmb', openText));
    const opened = await session!.openChecked(openUri, openText);
    const openKeys = keys((await modelOf(openText)).diagnostics);
    expect(keys(opened.diagnostics)).toEqual(openKeys);
    expect(await satisfactionNames(first, 'before')).toContain('学员结业考核满意度');
    await changeFolders([], [added]);
    await expect.poll(() => lastPublished(bUri)?.diagnostics.length, { timeout: 20_000 }).toBe(0);
    expect(await satisfactionNames(first, 'after')).not.toContain('学员结业考核满意度');
    const found = (await symbols('满意度')).map(s => s.location.uri);
    expect(found).not.toContain(bUri);
    expect(found).toContain(openUri);
    expect(found).toContain(aUri);
    // The open file is still checked and answered; the first folder's file keeps its findings.
    expect(keys(lastPublished(openUri)!.diagnostics)).toEqual(openKeys);
    expect(lastPublished(aUri)!.diagnostics.length).toBeGreaterThan(0);
    expect(await session!.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: openUri } })).not.toEqual([]);
    const edited = session!.diagnostics(openUri, 2);
    await session!.replace(openUri, openText.replace('"一百"', '100'), 2);
    expect(keys((await edited).diagnostics)).toEqual(openKeys.filter(key => !key.includes('parsing-error')));
});

test('a file of a removed folder, closed later, loses its findings; a closed file of the workspace is read again from disk', async () => {
    const { added, aUri } = await start('close', true);
    const openUri = uri(dir.file('close/added/open.jxmb', openText));
    await session!.openChecked(openUri, openText);
    await changeFolders([], [added]);
    const cleared = session!.diagnostics(openUri);
    await session!.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: openUri } });
    expect((await cleared).diagnostics).toEqual([]);
    expect((await symbols('展馆讲解')).map(s => s.location.uri)).not.toContain(openUri);
    // A file that stays in the workspace is kept as before.
    const aText = table('第一单位', '服务对象满意度');
    await session!.openChecked(aUri, aText);
    const reread = session!.diagnostics(aUri);
    await session!.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: aUri } });
    expect(keys((await reread).diagnostics)).toEqual(keys((await modelOf(aText)).diagnostics));
});

test('a folder removed that another workspace folder holds keeps its files and their findings', async () => {
    const { first, aUri } = await start('nested');
    const inner = uri(dir.file('nested/first/inner/c.jxmb', addedText));
    await changeFolders([join(first, 'inner')], []);
    await expect.poll(() => lastPublished(inner)?.diagnostics.length ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
    const before = session!.published.length;
    await changeFolders([], [join(first, 'inner')]);
    // Let the removal settle: nothing is cleared.
    expect(await session!.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '结业考核' })).toEqual(expect.arrayContaining([expect.objectContaining({ location: expect.objectContaining({ uri: inner }) })]));
    expect(session!.published.slice(before).filter(p => p.uri === inner || p.uri === aUri).every(p => p.diagnostics.length > 0)).toBe(true);
    expect(lastPublished(inner)!.diagnostics.length).toBeGreaterThan(0);
});

test('a folder added that does not exist or is a file is told by its path; removing such folders is quiet, and the server keeps serving', async () => {
    const { first, added, bUri } = await start('odd');
    const missing = dir.at('no-such-folder');
    const file = dir.file('not-a-folder.jxmb', addedText);
    await changeFolders([missing, file], []);
    await expect.poll(() => session!.messages.map(m => m.message).sort(), { timeout: 20_000 }).toEqual([
        `无法读取文件夹 ${missing}：文件或文件夹不存在。`,
        `无法读取文件夹 ${file}：这是文件，不是文件夹。`
    ].sort());
    await changeFolders([], [missing, file]);
    await changeFolders([added], []);
    await expect.poll(() => lastPublished(bUri)?.diagnostics.length ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await satisfactionNames(first, 'after')).toContain('学员结业考核满意度');
    expect(session!.messages).toHaveLength(2);
    expect(session!.published.some(p => p.uri === uri(file))).toBe(false);
});

const codes = (p: PublishDiagnosticsParams | undefined) => (p?.diagnostics ?? []).map(d => String(d.code));

test('an added folder\'s jxmb.yaml applies to its tables; removed and added again, its jxmb.yaml is read anew', async () => {
    const { added, bUri } = await start('config');
    const config = dir.file('config/added/jxmb.yaml', 'severity:\n  hierarchy/missing-output: off\n');
    await changeFolders([added], []);
    await expect.poll(() => codes(lastPublished(bUri)), { timeout: 20_000 }).toContain('hierarchy/missing-benefit');
    expect(codes(lastPublished(bUri))).not.toContain('hierarchy/missing-output');
    await changeFolders([], [added]);
    await expect.poll(() => lastPublished(bUri)?.diagnostics.length, { timeout: 20_000 }).toBe(0);
    // Changed while outside the workspace: no file watcher told the server.
    dir.file('config/added/jxmb.yaml', 'severity:\n  hierarchy/missing-benefit: off\n');
    await changeFolders([added], []);
    await expect.poll(() => codes(lastPublished(bUri)), { timeout: 20_000 }).toContain('hierarchy/missing-output');
    expect(codes(lastPublished(bUri))).not.toContain('hierarchy/missing-benefit');
    expect(session!.published.some(p => p.uri === uri(config) && p.diagnostics.length > 0)).toBe(false);
});

test('a removed folder\'s jxmb.yaml that cannot be used loses its finding', async () => {
    const { added, bUri } = await start('badconfig');
    const config = uri(dir.file('badconfig/added/jxmb.yaml', 'severity:\n  hierarchy/missing-output: loud\n'));
    await changeFolders([added], []);
    await expect.poll(() => codes(lastPublished(config)), { timeout: 20_000 }).toEqual(['config/invalid']);
    await changeFolders([], [added]);
    await expect.poll(() => lastPublished(config)?.diagnostics.length, { timeout: 20_000 }).toBe(0);
    expect(lastPublished(bUri)?.diagnostics).toEqual([]);
});
