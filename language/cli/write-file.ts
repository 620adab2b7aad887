import { mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { isFileAt, nearestUp, sharedFsReason, systemErrorSentence } from './fs-reasons.js';
import { pathTooLong } from './path-length.js';
import { InputError } from './source-files.js';

/**
 * Writes an output file whole or not at all (temp file + rename), and never over a .jxmb source: that is the
 * user's text, and an output path pointing at it is a mistake worth stopping for. Every failure — the folder cannot
 * be made (a file stands where it should be), the disk is full, the name is a folder — is one line for the user.
 */
export async function writeOutput(path: string, content: string | Uint8Array): Promise<void> {
    const nul = nulInPath(path, '文件');
    if (nul) throw nul;
    if (extname(path).toLowerCase() === '.jxmb') {
        throw new InputError(path, '拒绝覆盖 .jxmb 源文件：请换一个输出路径。');
    }
    const suffix = `.${process.pid}.tmp`;
    // Before any folder is made: one made on the way to a path the system refuses would be left behind.
    const tooLong = pathTooLong(path, suffix);
    if (tooLong) throw new InputError(path, `无法写入：${tooLong}。`);
    const temp = `${path}${suffix}`;
    try {
        await makeFolders(dirname(path));
    } catch (error) {
        const folder = (error as NodeJS.ErrnoException).path ?? dirname(path);
        throw new InputError(path, `无法写入：${await describeWriteError(folder, error)}。`);
    }
    try {
        await writeFile(temp, content);
        await rename(temp, path);
    } catch (error) {
        // The temp file may not exist, or its folder may not (ENOTDIR): nothing to remove is no new problem.
        await rm(temp, { force: true }).catch(() => undefined);
        throw new InputError(path, `无法写入：${await describeWriteError(path, error)}。`);
    }
    await removeStaleTemps(path);
}

/**
 * Why `path` could not be written, found before long work (a review of minutes) instead of after it; undefined when
 * nothing stands in the way. The system is asked by doing what writeOutput does first — creating its temporary file
 * in the output's folder, or, where folders are to be made, an entry in the nearest one that exists — with an empty
 * file removed at once: access() is no answer, it says yes to root under /proc. In the output's folder the name is
 * writeOutput's temporary one, so that a run killed in between leaves what the next write removes (removeStaleTemps).
 */
export async function unwritableReason(path: string): Promise<string | undefined> {
    const suffix = `.${process.pid}.tmp`;
    const tooLong = pathTooLong(path, suffix);
    if (tooLong) return tooLong;
    // The first missing folder on the way (the write makes it), or the file itself when its folder is there.
    let first = path;
    while (!(await stat(dirname(first)).catch(() => null)) && dirname(dirname(first)) !== dirname(first)) first = dirname(first);
    const probe = first + suffix;
    try {
        await (await open(probe, 'wx')).close();
    } catch (error) {
        // Something of that name is there already: the probe cannot tell, the write will.
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
        return describeWriteError(first, error);
    }
    await rm(probe, { force: true }).catch(() => undefined);
    return undefined;
}

/**
 * The missing folders of `dir`, made one by one from the nearest existing one. Not `mkdir(dir, { recursive: true })`:
 * under /proc it never returns (Node 20 retries the ENOENT of a folder that exists), and one at a time the error names
 * the folder that could not be made.
 */
async function makeFolders(dir: string): Promise<void> {
    const missing: string[] = [];
    for (let at = dir; !(await stat(at).catch(() => null)) && dirname(at) !== at; at = dirname(at)) missing.unshift(at);
    for (const folder of missing) {
        await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
            if (error.code !== 'EEXIST') throw error;
        });
    }
}

/** How a NUL is shown in a message: as itself it shows as nothing, or ends the line where it is shown. */
const shownNul = (path: string) => path.replaceAll('\0', '␀');

/**
 * The system ends a path at a NUL character and Node refuses such a path (ERR_INVALID_ARG_VALUE, which said nothing to a
 * user): refused with the reason, before any work. Only a request from the editor or a file can carry one, not a
 * command line. `kind`: 文件 (written) or 文件夹 (read). Undefined for a path without one.
 */
export function nulInPath(path: string, kind: '文件' | '文件夹'): InputError | undefined {
    if (!path.includes('\0')) return undefined;
    return new InputError(shownNul(path), `路径中含有空字符（NUL，这里显示为 ␀），不是有效的${kind}路径${kind === '文件' ? '：请换一个输出路径' : ''}。`);
}

/**
 * A run killed while writing (kill -9, a closed terminal, a power cut) leaves its temp file beside the output:
 * `<name>.<pid>.tmp`, or `<name>.<pid>.<time>.tmp` from import. The next run that writes the same output removes
 * those whose process no longer exists; a running process's file is left alone. (`check` of a folder never reads
 * them: they do not end in .jxmb.)
 */
export async function removeStaleTemps(path: string): Promise<void> {
    const dir = dirname(path);
    const prefix = basename(path) + '.';
    let names: string[];
    try {
        names = await readdir(dir);
    } catch {
        return;
    }
    for (const name of names) {
        const pid = name.startsWith(prefix) ? /^(\d+)(?:\.\d+)?\.tmp$/.exec(name.slice(prefix.length))?.[1] : undefined;
        if (pid !== undefined && !isRunning(Number(pid))) await rm(join(dir, name), { force: true }).catch(() => undefined);
    }
}

/** Only "no such process" counts as gone: no permission to signal it (EPERM) means it runs. */
function isRunning(pid: number): boolean {
    if (!(pid > 0)) return true;
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code !== 'ESRCH';
    }
}

/**
 * Why `path` (a file, or a folder being made) could not be written, naming what stands in the way (the missing folder,
 * the file where a folder should be, the folder that takes nothing new): the system's code (ENOENT, EISDIR) means
 * nothing to a user.
 */
export async function describeWriteError(path: string, error: unknown): Promise<string> {
    const code = (error as NodeJS.ErrnoException)?.code;
    const folder = dirname(path);
    const shared = sharedFsReason(code, code === 'ENAMETOOLONG' ? (error as NodeJS.ErrnoException).path ?? path : path);
    if (shared) return shared;
    switch (code) {
        case 'ENOENT': return await isFolder(folder)
            // The folder is there and still "does not exist" for a new name: /proc and the like.
            ? `文件夹「${folder}」中不能建立新的文件或文件夹（它是系统的特殊文件夹），请换一个输出路径`
            : `文件夹「${folder}」不存在，请先建立它或换一个输出路径`;
        case 'EEXIST': case 'ENOTDIR': {
            const blocker = nearestUp(folder, isFileAt);
            return blocker ? `路径中的「${blocker}」是文件，不是文件夹` : '路径中有一个同名的文件，而这里需要文件夹';
        }
        case 'EISDIR': return '这里已有同名的文件夹，不能写成文件';
        case 'EACCES': return `没有在文件夹「${folder}」中写入的权限，请换一个输出路径`;
        // Not only permissions: on Windows a file set read-only or held open by another program; on Linux an immutable
        // file; on macOS a folder the system protects.
        case 'EPERM': return `系统不允许写入：文件可能设为只读、正被其他程序（如 Excel、WPS）打开，或没有在文件夹「${folder}」中写入的权限。请关闭打开它的程序，或换一个输出路径`;
        case 'EROFS': return `文件夹「${folder}」所在的磁盘是只读的，请换一个输出路径`;
        case 'ENOSPC': return '磁盘已满';
        case 'ETXTBSY': return '这个文件是正在运行的程序，不能写入：请换一个输出路径';
        // The finished temporary file is moved onto the output: across disks (a mount inside the folder) it cannot be.
        case 'EXDEV': return '写好的临时文件不能移到这里（它们在不同的磁盘上）：请换一个输出路径';
        case 'ENOTEMPTY': return '这里已有同名的文件夹（其中还有文件），不能写成文件';
        default: return `${systemErrorSentence(error)}${typeof code === 'string' ? '：' : '。'}请重试，或换一个输出路径`;
    }
}

/** Whether a folder stands at `path` (a link to one too); false when nothing does. */
export async function isFolder(path: string): Promise<boolean> {
    return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}
