import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test, vi } from 'vitest';

// A sub-folder the user may not read (another unit's, mode 000) is one problem among the inputs: the other files
// are still checked. (Tests run as root here, for whom no folder is unreadable: listing it is made to fail.)
const root = mkdtempSync(join(tmpdir(), 'jxmb-unreadable-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

vi.mock('node:fs/promises', async original => {
    const fs = await original<typeof import('node:fs/promises')>();
    const readdir = (async (path: string, options?: unknown) => {
        if (String(path).endsWith('locked')) throw Object.assign(new Error(`EACCES: permission denied, scandir '${String(path)}'`), { code: 'EACCES' });
        return (fs.readdir as (p: string, o?: unknown) => Promise<unknown>)(path, options);
    }) as typeof fs.readdir;
    return { ...fs, readdir };
});

test('a folder that cannot be listed is reported in Chinese by its path; the readable files are still found', async () => {
    const { collectSources } = await import('../../language/cli/source-files.js');
    mkdirSync(join(root, 'locked'));
    writeFileSync(join(root, 'locked', 'b.jxmb'), '');
    writeFileSync(join(root, 'a.jxmb'), '');
    const { files, problems } = await collectSources([root]);
    expect(files).toEqual([join(root, 'a.jxmb')]);
    expect(problems.map(p => [p.file, p.message])).toEqual([[join(root, 'locked'), '没有读取权限。']]);
});
