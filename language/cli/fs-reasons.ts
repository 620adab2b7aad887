import { lstatSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { getSystemErrorMap } from 'node:util';
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
        // The system or the disk lacks something for a moment, or the operation was stopped half-way: again may work.
        case 'EAGAIN': return '系统暂时无法完成这项操作（资源暂时不可用）：请稍后重试';
        case 'EINTR': return '操作被系统中断：请重试';
        case 'ECANCELED': return '操作被系统取消：请重试';
        case 'ENOMEM': return '内存不足：请关闭一些程序后重试';
        case 'EOVERFLOW': return '文件太大，超出了系统这样读写时能表示的大小';
        case 'EBADF': return '文件在读写过程中失效（可能被其他程序关闭、移动或删除）：请重试';
        // A drive taken out (a USB drive pulled), or a device that is not there any more.
        case 'ENODEV': return '文件所在的设备不存在或已移除（如 U 盘已拔出）：请确认设备已连接后重试';
        // Network shares, phones (MTP) and some special file systems lack an operation a local disk has.
        case 'ENOSYS': case 'ENOTSUP': case 'EOPNOTSUPP':
            return '这里的文件系统不支持这项操作（常见于网络共享、手机或特殊的磁盘）：请改用本地磁盘上的文件夹';
        // A network share (SMB, NFS) whose host, network or connection failed: the share is at fault, not the file.
        case 'EHOSTDOWN': return '网络共享所在的主机已关机或没有响应：请确认它已开机、网络已连接后重试';
        case 'EHOSTUNREACH': return '无法到达网络共享所在的主机：请检查网络连接后重试';
        case 'ENETUNREACH': case 'ENETDOWN': return '网络不可用，无法访问网络共享：请检查网络连接后重试';
        case 'ECONNREFUSED': return '网络共享所在的服务器拒绝了连接：请确认共享仍可访问后重试';
        case 'ECONNRESET': case 'ECONNABORTED': case 'ENOTCONN': case 'EPIPE':
            return '与网络共享的连接中断了：请检查网络后重试';
        // libuv's word for a Windows error it has no name for: cloud-synced placeholders and security software give it.
        case 'UNKNOWN': return '系统报告了未知错误：请重试；若文件在网络共享或云盘同步文件夹中，可先复制到本地磁盘';
        default: return undefined;
    }
}

/**
 * A system error none of the describing functions names, as a sentence: its code and, where Node knows the code, the
 * system's own description (「系统报告错误 ESHUTDOWN（cannot send after transport endpoint shutdown）」); an error
 * without a code, by its own words. Never a bare code. No final 「。」.
 */
export function systemErrorSentence(error: unknown): string {
    const { code, message } = (error ?? {}) as NodeJS.ErrnoException;
    if (typeof code === 'string' && code !== '') {
        const description = systemDescription(code);
        return `系统报告错误 ${code}${description ? `（${description}）` : ''}`;
    }
    const words = typeof message === 'string' && message !== '' ? message : String(error);
    return `系统报告：${words.replace(/\s+/g, ' ').trim()}`;
}

/** The system's description of `code` as Node's map of errors has it (English), or undefined. */
function systemDescription(code: string): string | undefined {
    for (const [name, description] of getSystemErrorMap().values()) if (name === code) return description;
    return undefined;
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
