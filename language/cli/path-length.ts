import { sep } from 'node:path';

// The system refuses a name of a file or folder, or a whole path, that is too long (ENAMETOOLONG), counted in bytes
// of UTF-8: a file named after a project's full title (85 汉字 make 255 bytes) meets it sooner than one expects. The
// message says which is too long, by how much, and the limit, instead of the system's code.

/** The longest name of a file or folder, in bytes (ext4, XFS, Btrfs, APFS, NTFS). */
export const NAME_MAX = 255;
/** The longest whole path the system takes, in bytes (PATH_MAX less the NUL that ends it; macOS has 1024). */
export const PATH_MAX = process.platform === 'darwin' ? 1023 : 4095;

const bytes = (text: string) => Buffer.byteLength(text);

/** A long name as shown in a message: its start (the whole path is already on the line). */
function shownName(name: string): string {
    const chars = Array.from(name);
    return chars.length > 24 ? `${chars.slice(0, 20).join('')}…` : name;
}

const nameLimit = (name: string) => `超过了文件或文件夹名称的上限 ${NAME_MAX} 字节${/[^\x00-\x7f]/.test(name) ? '（一个汉字占 3 字节）' : ''}`;

/**
 * Why the system would refuse `path` for its length, or null. `suffix`: what is added to the file's name for its temp
 * file (written first, then renamed): a name that fits only without it is told to be shortened.
 */
export function pathTooLong(path: string, suffix = ''): string | null {
    const names = path.split(sep);
    const last = names.length - 1;
    for (const [i, name] of names.entries()) {
        if (bytes(name) > NAME_MAX) return `名称「${shownName(name)}」有 ${bytes(name)} 字节，${nameLimit(name)}`;
        if (i === last && bytes(name + suffix) > NAME_MAX) {
            return `文件名有 ${bytes(name)} 字节，写入时先写成加了后缀「${suffix}」的临时文件，那就${nameLimit(name)}：请把文件名缩短一些`;
        }
    }
    const limit = `超过了系统对整个路径的上限 ${PATH_MAX} 字节`;
    if (bytes(path) > PATH_MAX) return `路径有 ${bytes(path)} 字节，${limit}`;
    if (bytes(path + suffix) > PATH_MAX) return `路径有 ${bytes(path)} 字节，写入时先写成加了后缀「${suffix}」的临时文件，那就${limit}：请把路径缩短一些`;
    return null;
}

/**
 * Why the system said ENAMETOOLONG for `path` (the error's own path): as pathTooLong, or, where neither limit is
 * passed (a file system with shorter names, links that lead to a longer path), that this one does not take it.
 */
export function describeTooLong(path: string | undefined): string {
    if (path !== undefined) {
        const known = pathTooLong(path);
        if (known) return known;
        const longest = Math.max(...path.split(sep).map(bytes));
        return `路径过长，这里的文件系统不接受（路径有 ${bytes(path)} 字节，其中最长的名称有 ${longest} 字节）`;
    }
    return '路径过长，这里的文件系统不接受';
}
