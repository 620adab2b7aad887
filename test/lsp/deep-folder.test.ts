import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, expect, test } from 'vitest';
import { LspSession } from '../helpers/lsp-client.js';
import { runJxmb } from '../helpers/run-cli.js';
import { readSample } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';

// VS Code opens a folder that holds folders nested so deep that the whole path of the deepest is over the system's
// 4095 bytes (made by a tool working in relative paths, or unpacked from an archive). That folder cannot be listed:
// the server said 「无法读取（ENAMETOOLONG）」. It now says the path is too long, by how much, as `jxmb check` of the
// folder says it, and the folder's other files are still checked.

const dir = useTempDir('jxmb-deep-folder-');
/** 20 folders of 203 bytes: made from inside the workspace folder, where the relative path is under the limit. */
const nested = Array.from({ length: 20 }, (_, i) => `${String(i).padStart(2, '0')}${'层'.repeat(67)}`);

// Node's rm does not reach past the limit either; rm(1) does, and runs before the temp folder's own removal.
afterAll(() => { execFileSync('rm', ['-rf', nested[0]!], { cwd: dir.at('ws') }); });

let session: LspSession | undefined;
afterEach(async () => { await session?.stop(); session = undefined; });

test('a folder whose whole path is over 4095 bytes is told as too long, in the words of jxmb check; the others are checked', async () => {
    const a = pathToFileURL(dir.file('ws/a.jxmb', readSample('000-nansha-kexie.jxmb'))).toString();
    execFileSync('mkdir', ['-p', join(...nested)], { cwd: dir.at('ws') });
    const whole = dir.at('ws', ...nested);
    expect(Buffer.byteLength(whole)).toBeGreaterThan(4095);
    // The first folder down the line that the system refuses to list.
    const depth = nested.findIndex((_, i) => Buffer.byteLength(dir.at('ws', ...nested.slice(0, i + 1))) > 4095) + 1;
    const refused = dir.at('ws', ...nested.slice(0, depth));
    const why = `路径有 ${Buffer.byteLength(refused)} 字节，超过了系统对整个路径的上限 4095 字节。`;

    session = await LspSession.start({ workspaceFolder: pathToFileURL(dir.at('ws')).toString(), settings: { jxmb: { severity: {} } } });
    await expect.poll(() => session!.published.find(p => p.uri === a)?.diagnostics.length ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => session!.messages.map(m => m.message), { timeout: 20_000 }).toEqual([`无法读取文件夹 ${join(...nested.slice(0, depth))}：${why}`]);

    const cli = runJxmb(['check', dir.at('ws')]);
    expect(cli.stderr).toContain(`${refused}: ${why}`);
    expect(cli.stderr).not.toContain('ENAMETOOLONG');
    expect(cli.code).toBe(2);
}, 60_000);
