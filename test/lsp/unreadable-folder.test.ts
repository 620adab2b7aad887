import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, expect, test } from 'vitest';
import { LspSession, serverPath } from '../helpers/lsp-client.js';
import { modelOf } from '../helpers/samples.js';

// VS Code opens a folder with a sub-folder the user may not read (another unit's, mode 000). The server says so once,
// in the words of `jxmb check`, and still checks every file it can read.

const root = mkdtempSync(join(tmpdir(), 'jxmb-ws-unreadable-'));
const ws = join(root, 'ws');
const locked = join(ws, 'units', 'locked');
const text = '部门整体 "测试单位" 年度 2024 {\n    预算 { 基本支出 "一百" }\n}\n';
mkdirSync(locked, { recursive: true });
writeFileSync(join(ws, 'a.jxmb'), text);
writeFileSync(join(locked, 'b.jxmb'), text);
chmodSync(locked, 0o000);
// Root may list any folder: its test runs the server as nobody, who may read the rest (mkdtemp made root 0700).
chmodSync(root, 0o755);
const NOBODY = { uid: 65534, gid: 65534 };
const serverUser = process.getuid?.() === 0 ? NOBODY : undefined;
const why = lockedOutOrWhyNot();

afterAll(() => {
    chmodSync(locked, 0o755);
    rmSync(root, { recursive: true, force: true });
});

/** Undefined when the server's user cannot list the locked folder; otherwise why this test cannot make it so. */
function lockedOutOrWhyNot(): string | undefined {
    if (!serverUser) {
        try {
            accessSync(locked, constants.R_OK);
            return 'this user may read a folder of mode 000';
        } catch {
            return undefined;
        }
    }
    // nobody must also reach the server's bundle (a clone under a 0700 home would not let it start at all).
    const script = 'const fs = require("node:fs"); try { fs.accessSync(process.argv[2], fs.constants.R_OK) } catch { process.exit(3) } fs.readdirSync(process.argv[1])';
    const listed = spawnSync(process.execPath, ['-e', script, locked, serverPath], { ...serverUser });
    if (listed.error) return `cannot run a process as nobody: ${listed.error.message}`;
    if (listed.status === 3) return `nobody may not read ${serverPath}`;
    return listed.status === 0 ? 'nobody may read a folder of mode 000' : undefined;
}

const settings = { jxmb: { severity: {}, costModel: 'legacy' } };
const uriOf = (...parts: string[]) => pathToFileURL(join(ws, ...parts)).toString();
const keys = (diagnostics: Array<{ range: { start: { line: number; character: number } }; code?: string | number }>) =>
    diagnostics.map(d => `${d.range.start.line}:${d.range.start.character} ${String(d.code)}`).sort();

let session: LspSession | undefined;
afterEach(async () => { await session?.stop(); session = undefined; });

async function expectReadableFileChecked(uri: string): Promise<void> {
    await expect.poll(() => session!.published.some(p => p.uri === uri), { timeout: 20_000 }).toBe(true);
    const expected = keys((await modelOf(text)).diagnostics);
    expect(expected.length).toBeGreaterThan(0);
    expect(keys(session!.published.filter(p => p.uri === uri).at(-1)!.diagnostics)).toEqual(expected);
}

/** What the server showed, after the load had time to show more. */
async function messagesAfterLoad(): Promise<string[]> {
    await expect.poll(() => session!.messages.length, { timeout: 20_000 }).toBeGreaterThan(0);
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(session!.messages.every(m => m.type === 2)).toBe(true); // MessageType.Warning
    return session!.messages.map(m => m.message);
}

test.skipIf(why)(`a folder that cannot be listed is told once by its path in the workspace; the others are checked${why ? ` (skipped: ${why})` : ''}`, async () => {
    session = await LspSession.start({ workspaceFolder: pathToFileURL(ws).toString(), settings, user: serverUser });
    await expectReadableFileChecked(uriOf('a.jxmb'));
    expect(await messagesAfterLoad()).toEqual([`无法读取文件夹 ${join('units', 'locked')}：没有读取权限。`]);
    expect(session.published.some(p => p.uri === uriOf('units', 'locked', 'b.jxmb'))).toBe(false);
});

test.skipIf(why)('a workspace folder inside another lists the unreadable folder twice: it is told once', async () => {
    session = await LspSession.start({ workspaceFolder: [pathToFileURL(ws).toString(), pathToFileURL(join(ws, 'units')).toString()], settings, user: serverUser });
    await expectReadableFileChecked(uriOf('a.jxmb'));
    expect(await messagesAfterLoad()).toEqual([`无法读取文件夹 ${join('units', 'locked')}：没有读取权限。`]);
});
