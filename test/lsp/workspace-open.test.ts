import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, expect, test } from 'vitest';
import { LspSession } from '../helpers/lsp-client.js';
import { modelOf, readSample } from '../helpers/samples.js';

// VS Code opens the file a person clicked while the server is still loading the workspace folder that holds it.
// Each finding must then be shown once: the status bar and the explorer count every published diagnostic.

let session: LspSession | undefined;
let folder: string | undefined;
afterEach(async () => {
    await session?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
});

test('a file opened while its workspace loads gets each diagnostic once', async () => {
    folder = mkdtempSync(join(tmpdir(), 'jxmb-ws-'));
    const text = readSample('000-nansha-kexie.jxmb');
    const file = join(folder, '000.jxmb');
    writeFileSync(file, text);
    writeFileSync(join(folder, 'broken.jxmb'), '部门整体 "测试单位" 年度 2024 {\n    预算 { 基本支出 "一百" }\n}\n');
    const uri = pathToFileURL(file).toString();
    session = await LspSession.start({ workspaceFolder: pathToFileURL(folder).toString(), settings: { jxmb: { severity: {}, costModel: 'legacy' } }, settingsDelayMs: 200 });
    await session.open(uri, text);
    // VS Code asks at once for what it shows around the text.
    const document = { textDocument: { uri } };
    const asked = ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/semanticTokens/full']
        .map(method => session!.connection.sendRequest(method, document).catch(() => undefined));
    asked.push(session.connection.sendRequest('textDocument/codeAction', { ...document, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }).catch(() => undefined));
    await Promise.all(asked);
    // Let every build that was started settle, then look at what the editor would show last.
    await expect.poll(() => session!.published.some(p => p.uri === uri), { timeout: 20_000 }).toBe(true);
    await new Promise(resolve => setTimeout(resolve, 3000));
    const last = session.published.filter(p => p.uri === uri).at(-1)!;
    const keys = last.diagnostics.map(d => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe((await modelOf(text)).diagnostics.length);
});
