import { lstatSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { describeTooLong } from './path-length.js';

// What the system says about a path, said the same way whether the path was being read or written (source-files.ts
// and write-file.ts add their own cases): the system's code (ELOOP, EMFILE) means nothing to a user.

/** Why `path` could not be used, for the codes that read and write share; undefined for the others. No final 「。」. */
export function sharedFsReason(code: string | undefined, path: string | undefined): string | undefined {
    switch (code) {
        case 'ENAMETOOLONG': return describeTooLong(path);
        // Links that lead back to themselves (a → b → a), or too many links in a row: the link is named.
        case 'ELOOP': {
            const link = path === undefined ? undefined : nearestUp(path, isLinkLoop);
            return link === undefined || link === trimmed(path!)
                ? '这是一个链接，它经过的链接绕成了循环，没有指向任何文件'
                : `路径中的「${link}」是一个链接，它经过的链接绕成了循环，没有指向任何文件夹`;
        }
        case 'EMFILE': case 'ENFILE': return '同时打开的文件太多，超过了系统的上限：请关闭一些程序后重试';
        case 'EIO': return '磁盘读写出错（输入/输出错误）：磁盘、U 盘或网络共享可能有问题';
        case 'EBUSY': return '文件或文件夹正被其他程序占用：请关闭它后重试';
        case 'EDQUOT': return '磁盘配额已用完';
        // FAT32 (most USB drives) holds a file of at most 4 GB, and refuses : * ? " < > | in a name.
        case 'EFBIG': return '文件太大，超过了这里的文件系统允许的大小（U 盘常用的 FAT32 每个文件最多 4 GB）';
        case 'EINVAL': return '名称中有这里的文件系统不接受的字符（如 U 盘上的 : * ? " < > |），或路径无效';
        case 'ESTALE': return '网络共享上的这个文件已失效（在别处被移动或删除）：请重新打开文件夹后重试';
        case 'ETIMEDOUT': return '访问网络共享超时：请检查网络后重试';
        default: return undefined;
    }
}

/** `path` without the slashes that end it (「表.jxmb/」 is 「表.jxmb」 used as a folder). */
const trimmed = (path: string) => path.replace(/(?<=.)[\\/]+$/, '');

/** `path` or the nearest folder above it for which `is` holds. */
export function nearestUp(path: string, is: (at: string) => boolean): string | undefined {
    for (let at = trimmed(path); ; at = dirname(at)) {
        if (is(at)) return at;
        if (dirname(at) === at) return undefined;
    }
}

/** A link itself (not a path through one) that leads round in a loop. */
function isLinkLoop(at: string): boolean {
    try {
        if (!lstatSync(at).isSymbolicLink()) return false;
    } catch {
        return false;
    }
    try {
        statSync(at);
        return false;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'ELOOP';
    }
}

/** Whether a file (not a folder) stands at `at`. */
export function isFileAt(at: string): boolean {
    try {
        return !statSync(at).isDirectory();
    } catch {
        return false;
    }
}
