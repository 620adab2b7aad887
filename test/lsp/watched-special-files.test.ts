import { execFileSync } from 'node:child_process';
import { rmSync, symlinkSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterEach, expect, test } from 'vitest';
import { DidChangeWatchedFilesNotification, FileChangeType, type Diagnostic, type FileEvent } from 'vscode-languageserver-protocol/node';
import { LspSession } from '../helpers/lsp-client.js';
import { readSample } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';

// While a folder is open in the editor, a named pipe with a table's name appears in it (mkfifo, a tool's output
// channel), or a table is replaced by one, or a link to a table that is gone: each gets the one finding it gets when
// the folder is opened with it there (workspace-files.test.ts), instead of passing unseen. The pipe is never opened
// (reading it would wait for a writer for ever): the server goes on checking the folder's other files.

const dir = useTempDir('jxmb-watched-special-');
const sample = readSample('000-nansha-kexie.jxmb');
const PIPE = '不是普通文件（命名管道），未读取。';
let session: LspSession | undefined;
afterEach(async () => { await session?.stop(); session = undefined; });

const uri = (path: string) => pathToFileURL(path).toString();
const lastPublished = (at: string) => session!.published.filter(p => p.uri === at).at(-1);

/** Starts the server on `name` holding a.jxmb, and waits until that file is checked. */
async function start(name: string): Promise<string> {
    const a = uri(dir.file(`${name}/a.jxmb`, sample));
    session = await LspSession.start({ workspaceFolder: uri(dir.at(name)), settings: { jxmb: { severity: {} } } });
    await expect.poll(() => lastPublished(a)?.diagnostics.length ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
    return a;
}

async function told(changes: FileEvent[]): Promise<void> {
    await session!.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
}

/** The findings of `at` once the file is found unreadable (never, when it passes unseen). */
async function unreadable(at: string): Promise<Diagnostic[]> {
    await expect.poll(() => lastPublished(at)?.diagnostics.some(d => d.code === 'file/unreadable'), { timeout: 20_000 }).toBe(true);
    return lastPublished(at)!.diagnostics;
}

/** A table written later is still checked: the server did not hang on the pipe. */
async function stillChecks(name: string): Promise<void> {
    const later = uri(dir.file(`${name}/later.jxmb`, sample));
    await told([{ uri: later, type: FileChangeType.Created }]);
    await expect.poll(() => lastPublished(later)?.diagnostics.length ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
}

test('a named pipe with a table\'s name created in the open folder gets the finding it gets at folder load', async () => {
    await start('created');
    const pipe = dir.at('created', 'pipe.jxmb');
    execFileSync('mkfifo', [pipe]);
    await told([{ uri: uri(pipe), type: FileChangeType.Created }]);
    expect(await unreadable(uri(pipe))).toEqual([expect.objectContaining({ code: 'file/unreadable', message: PIPE })]);
    await stillChecks('created');
    // Removed, it leaves the Problems panel.
    rmSync(pipe);
    await told([{ uri: uri(pipe), type: FileChangeType.Deleted }]);
    await expect.poll(() => lastPublished(uri(pipe))?.diagnostics.length, { timeout: 20_000 }).toBe(0);
}, 60_000);

test.each<[string, FileChangeType[]]>([
    ['deleted and created', [FileChangeType.Deleted, FileChangeType.Created]],
    ['changed', [FileChangeType.Changed]]
])('a table of the open folder replaced by a named pipe (told as %s) gets that finding in place of its own', async (_, types) => {
    const name = `replaced-${types.length}`;
    const a = await start(name);
    rmSync(dir.at(name, 'a.jxmb'));
    execFileSync('mkfifo', [dir.at(name, 'a.jxmb')]);
    await told(types.map(type => ({ uri: a, type })));
    expect(await unreadable(a)).toEqual([expect.objectContaining({ code: 'file/unreadable', message: PIPE })]);
    await stillChecks(name);
}, 60_000);

test('a link to a table that is gone, created in the open folder, says where it points, as at folder load', async () => {
    await start('link');
    const link = dir.at('link', 'moved.jxmb');
    symlinkSync(dir.at('elsewhere', 'gone.jxmb'), link);
    await told([{ uri: uri(link), type: FileChangeType.Created }]);
    expect(await unreadable(uri(link))).toEqual([
        expect.objectContaining({ code: 'file/unreadable', message: `这是一个链接，它指向的「${dir.at('elsewhere', 'gone.jxmb')}」不存在。` })
    ]);
}, 60_000);
