import { link, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathTooLong } from '../cli/path-length.js';
import { describeWriteError, isFolder } from '../cli/write-file.js';
import { ImportError } from './errors.js';

// Writes the imported .jxmb whole or not at all: into a temporary file next to the target, then moved into place.
// Without --force an existing file is never replaced — the move is a hard link, which fails if the name is taken,
// so not even a file created in the meantime is overwritten.

export async function writeImported(path: string, text: string, force: boolean): Promise<void> {
    if (await isFolder(path)) throw new ImportError(folderMessage(path));
    if (!force && await exists(path)) throw new ImportError(`输出文件 ${path} 已存在：未覆盖（要覆盖请加 --force）。`);
    const suffix = `.${process.pid}.${Date.now()}.tmp`;
    const tooLong = pathTooLong(path, suffix);
    if (tooLong) throw new ImportError(`无法写入 ${path}：${tooLong}。`);
    const temp = `${path}${suffix}`;
    try {
        await writeFile(temp, text, { flag: 'wx' });
        if (force) {
            await rename(temp, path);
        } else {
            await linkOrMove(temp, path);
        }
    } catch (error) {
        // Its folder may be no folder (ENOTDIR): then there is no temp file to remove, and no new problem.
        await rm(temp, { force: true }).catch(() => undefined);
        if (error instanceof ImportError) throw error;
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw new ImportError(`输出文件 ${path} 已存在：未覆盖（要覆盖请加 --force）。`);
        throw new ImportError(`无法写入 ${path}：${await describeWriteError(path, error)}。`);
    }
}

/** Some file systems (FAT, certain network shares) have no hard links: there, check once more and move. */
async function linkOrMove(temp: string, path: string): Promise<void> {
    try {
        await link(temp, path);
        await rm(temp, { force: true });
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw error;
        if (await exists(path)) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
        await rename(temp, path);
    }
}

/** -o naming a folder: import writes one file, it does not fill a folder as compile does. */
export function folderMessage(path: string): string {
    return `${path} 是文件夹，不是文件：-o 须给出要写入的 .jxmb 文件，例如「${join(path, '导入.jxmb')}」。`;
}

async function exists(path: string): Promise<boolean> {
    try {
        await stat(path);
        return true;
    } catch {
        return false;
    }
}
