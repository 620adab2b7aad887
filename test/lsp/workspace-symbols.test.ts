import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SymbolKind, WorkspaceSymbolRequest, type WorkspaceSymbol } from 'vscode-languageserver-protocol';
import { LspSession } from '../helpers/lsp-client.js';
import { readSample } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';

// 「转到工作区中的符号」 (Ctrl+T) through the built server: the names of every .jxmb of the workspace, opened or not.

const folder = useTempDir('jxmb-wsym-');
let session: LspSession | undefined;
let tutorialUri = '';
let closedUri = '';

beforeAll(async () => {
    const tutorial = folder.file('tutorial.jxmb', readSample('tutorial.jxmb'));
    const closed = folder.file('sub/other.jxmb', '部门整体 "另一单位" 年度 2024 {\n    绩效指标 { 满意度指标 { 服务对象满意度指标 { "学员培训满意度"：≥90% } } }\n}\n');
    tutorialUri = pathToFileURL(tutorial).toString();
    closedUri = pathToFileURL(closed).toString();
    session = await LspSession.start({ workspaceFolder: pathToFileURL(folder.at()).toString() });
    await session.openChecked(tutorialUri, readSample('tutorial.jxmb'));
});
afterAll(async () => { await session?.stop(); });

async function query(text: string): Promise<WorkspaceSymbol[]> {
    return (await session!.connection.sendRequest(WorkspaceSymbolRequest.type, { query: text }) ?? []) as WorkspaceSymbol[];
}

test('a 三级 name is found by part of it, in the open file and in one not opened, at its name', async () => {
    // The workspace's other files are read after the open one.
    await expect.poll(async () => (await query('满意度')).some(s => s.location.uri === closedUri), { timeout: 20_000 }).toBe(true);
    const symbols = (await query('满意度')).filter(s => s.kind === SymbolKind.Property);
    const closed = symbols.find(s => s.location.uri === closedUri)!;
    expect(closed.name).toBe('学员培训满意度');
    expect('range' in closed.location && closed.location.range.start.line).toBe(1);
    expect(symbols.some(s => s.location.uri === tutorialUri)).toBe(true);
    expect(symbols.every(s => s.name.includes('满意度'))).toBe(true);
});

test('a unit is found by its name; category names and amount cells are not listed', async () => {
    const units = await query('示例区');
    expect(units.map(s => s.name)).toContain('部门整体 示例区科学技术协会');
    const all = await query('');
    expect(all.length).toBeGreaterThan(0);
    expect(all.map(s => s.name)).not.toContain('基本支出');
    expect(all.map(s => s.name)).not.toContain('服务对象满意度指标');
});
