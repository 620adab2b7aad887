import type { Dirent, Stats } from 'node:fs';
import { lstat, open, readdir, readlink, realpath, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { decodeText } from '../import/decode.js';
import { tableTextFormat } from '../import/table-text.js';
import { decodeUtf16WithoutBom, readUtf16, utf32Message, type Utf16Order } from '../text-encoding.js';
import { isFileAt, nearestUp, sharedFsReason, systemErrorSentence } from './fs-reasons.js';

/** A problem with an input file itself (not its content): reported as one line, never as a stack trace. */
export class InputError extends Error {
    constructor(readonly file: string, message: string) {
        super(message);
    }
}

/**
 * Reads a source file as text. UTF-8 (with or without BOM) and UTF-16 (with a BOM, or recognised without one) are
 * read, unless cut short or damaged (half a character); anything else gets a message that says what the file seems to be, because GBK files from
 * Windows are common in this field.
 */
export async function readSourceText(file: string): Promise<string> {
    const leftover = leftoverMessage(file);
    if (leftover) throw new InputError(file, leftover);
    let bytes: Buffer;
    try {
        bytes = await readLimited(file, MAX_SOURCE_BYTES, size => new InputError(file, tooLargeMessage(size)));
    } catch (error) {
        if (error instanceof InputError) throw error;
        throw new InputError(file, describeFsError(error));
    }
    const text = decodeSource(file, bytes);
    // A table given where a .jxmb was expected (jxmb check 表.txt): one line saying so, not a syntax error per cell.
    if (extname(file).toLowerCase() !== '.jxmb' && tableTextFormat(text) !== null) throw new InputError(file, TABLE_TEXT_HINT);
    return text;
}

/**
 * A file's bytes, its size checked before reading: a wrong file of gigabytes is refused without being read.
 * `tooLarge` makes the error for a larger file (size null: a device or pipe that did not say, read up to the limit).
 */
export async function readLimited(file: string, limit: number, tooLarge: (size: number | null) => Error): Promise<Buffer> {
    const info = await stat(file);
    if (info.isFile() && info.size > limit) throw tooLarge(info.size);
    const bytes = await readAtMost(file, limit);
    if (bytes === null) throw tooLarge(null);
    return bytes;
}

/**
 * The largest .jxmb read: real declarations are 10–40 KB, and 10,000 三级 indicators 1.7 MB. The editor is the
 * bound, not the CLI: in the language server a 4 MB file (24,000 三级) takes 2.4 s to its diagnostics and 450 MB after
 * a few edits, a 9.5 MB one 5.1 s and 1 GB.
 */
export const MAX_SOURCE_BYTES = 4 * 1024 * 1024;

export const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** A size for a too-large message: the file's, or "more than the limit" where a device or pipe did not say. */
export const sizeOver = (size: number | null, limit: number) => size === null ? `超过 ${megabytes(limit)}` : megabytes(size);

/** Why a source of `size` bytes is not read (null: more than the limit, from a device or pipe that did not say). */
export function tooLargeMessage(size: number | null): string {
    return `文件过大（${sizeOver(size, MAX_SOURCE_BYTES)}）：`
        + `.jxmb 文件不能超过 ${megabytes(MAX_SOURCE_BYTES)}（申报表通常不到 1 MB）。请确认选对了文件，或拆分为多个文件。`;
}

function checkSourceSize(file: string, size: number | null): void {
    if (size === null || size > MAX_SOURCE_BYTES) throw new InputError(file, tooLargeMessage(size));
}

/**
 * The bytes of a file, or null when it holds more than `limit`: read in pieces, so that a pipe (`<(…)`) works and a
 * device that never ends (/dev/zero) or a file that grows is stopped at the limit.
 */
export async function readAtMost(file: string, limit: number): Promise<Buffer | null> {
    const handle = await open(file, 'r');
    try {
        const chunks: Buffer[] = [];
        let total = 0;
        for (;;) {
            const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - total));
            const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
            if (bytesRead === 0) return Buffer.concat(chunks, total);
            chunks.push(chunk.subarray(0, bytesRead));
            total += bytesRead;
            if (total > limit) return null;
        }
    } finally {
        await handle.close();
    }
}

// .xlsx and .docx are zip files: a table given to check where a .jxmb was expected.
export const isZip = (bytes: Uint8Array): boolean => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
const TABLE_ADVICE = '用 jxmb import 导入为 .jxmb，或用 jxmb check --report 报告.html 直接审核表格。';
const TABLE_HINT = `它像是 Excel 或 Word 表格（.xlsx、.docx）：${TABLE_ADVICE}`;
const TABLE_TEXT_HINT = `这是表格的文本（制表符分隔，或从 PDF 提取），不是 .jxmb 申报表：${TABLE_ADVICE}`;

/** A text a user wrote (`what`: a .jxmb, or a jxmb.yaml), in whichever of UTF-8 and UTF-16 their editor saved it. */
export function decodeSource(file: string, bytes: Uint8Array, what = '.jxmb 文本'): string {
    checkSourceSize(file, bytes.length);
    const utf32 = utf32Message(bytes, notUtf8Or16('UTF-32', '请在编辑器中另存为 UTF-8 后重试。'));
    if (utf32 !== null) throw new InputError(file, utf32);
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16WithBom(file, 'utf-16le', bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16WithBom(file, 'utf-16be', bytes.subarray(2));
    if (bytes.subarray(0, 8192).includes(0)) {
        const utf16 = decodeUtf16WithoutBom(bytes);
        if (utf16 === null) throw new InputError(file, `这是二进制文件，不是 ${what}。${isZip(bytes) && what === '.jxmb 文本' ? TABLE_HINT : ''}`);
        if (utf16.broken !== null) throw new InputError(file, utf16.broken);
        return utf16.text;
    }
    try {
        const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    } catch {
        throw new InputError(file, notUtf8(`第 ${firstInvalidUtf8(bytes)} 字节起无法解码`, '请在编辑器中另存为 UTF-8 后重试。'));
    }
}

/** UTF-16 after its byte order mark; cut short or damaged, it is refused as without a mark. */
function utf16WithBom(file: string, order: Utf16Order, body: Uint8Array): string {
    const { text, broken } = readUtf16(body, order);
    if (broken !== null) throw new InputError(file, broken);
    return text;
}

/** A text in an encoding that is named by its byte order mark and is not read: which, and what to do. */
const notUtf8Or16 = (encoding: string, advice: string) => `文件是 ${encoding} 编码，不是 UTF-8 或 UTF-16。${advice}`;

/** A text in another encoding than UTF-8: `where` its decoding failed, and what to do. */
const notUtf8 = (where: string, advice: string) => `文件不是 UTF-8 编码（${where}，可能是 GBK/GB18030）。${advice}`;

/**
 * A file the editor opened as UTF-8 though it is not: VS Code shows the bytes it could not decode as 「�」 (U+FFFD).
 * Saving it as shown would lose them, so the advice is to reopen it in its encoding, then save it as UTF-8.
 */
export const openedNotUtf8Message = notUtf8('按 UTF-8 打开后自此处起显示为「�」',
    '请用命令「通过编码重新打开」（Reopen with Encoding）选 GBK，文字显示正常后再用「通过编码保存」（Save with Encoding）选 UTF-8。');

function firstInvalidUtf8(bytes: Uint8Array): number {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let low = 0;
    let high = bytes.length;
    // Binary search for the longest valid prefix; a cut inside a multi-byte character is also invalid, so step back.
    while (low < high) {
        const mid = (low + high + 1) >> 1;
        try {
            decoder.decode(bytes.subarray(0, mid));
            low = mid;
        } catch {
            high = mid - 1;
        }
    }
    return low + 1;
}

export function describeFsError(error: unknown): string {
    const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
    const shared = sharedFsReason(code, path);
    if (shared) return `${shared}。`;
    switch (code) {
        case 'ENOENT': return '文件或文件夹不存在。';
        case 'EACCES': case 'EPERM': return '没有读取权限。';
        case 'EISDIR': return '这是文件夹，不是文件。';
        // 表.jxmb/x.jxmb: the file used as a folder is named.
        case 'ENOTDIR': {
            const file = path === undefined ? undefined : nearestUp(path, isFileAt);
            return file === undefined ? '路径中有一段是文件，不是文件夹。' : `路径中的「${file}」是文件，不是文件夹。`;
        }
        // A socket, or a device with no driver behind it: opening it fails.
        case 'ENXIO': return '这是套接字或设备，不是可以读取的文件。';
        default: return `${systemErrorSentence(error)}${readAgain(error)}`;
    }
}

/** After a code without its own words: what the user may try (an error without a code ends its own sentence). */
const readAgain = (error: unknown) => `${typeof (error as NodeJS.ErrnoException)?.code === 'string' ? '：' : '。'}请重试；仍不行时，请检查文件所在的磁盘或网络共享。`;

/** The tables a review reads beside .jxmb files (review.ts); text files only when they hold a table. */
export const TABLE_EXTENSIONS = ['.xlsx', '.docx', '.txt', '.tsv'];

/** A unit's files packed into one archive: a review lists it, to be unpacked and reviewed. */
const ARCHIVE_EXTENSIONS = ['.zip', '.rar', '.7z'];

/**
 * What units also send as their table: old Office and WPS files (.xls, .doc, .et, .wps), a macro workbook (.xlsm), a
 * PDF, an archive. A review lists each — read by its content where it can be (an .xlsm, a workbook renamed .xls),
 * otherwise with what to do — rather than passing over a submission in silence. Not named where a folder has nothing
 * to review.
 */
export const OTHER_TABLE_EXTENSIONS = ['.xls', '.xlsm', '.doc', '.et', '.wps', '.pdf', ...ARCHIVE_EXTENSIONS];

/** Why an archive is not reviewed (null for another file): its files are not unpacked here. */
export function archiveMessage(file: string): string | null {
    const extension = extname(file).toLowerCase();
    return ARCHIVE_EXTENSIONS.includes(extension) ? `这是压缩包（${extension}），未检查其中的文件：请先解压，再审核解压出的文件夹。` : null;
}

/**
 * Files an office program or a Mac leaves beside the real ones, hidden from their owner: the lock file Excel, WPS or
 * Word keeps while a file is open (~$表.xlsx: a few bytes, the name of who opened it), and the AppleDouble file macOS
 * writes on a foreign disk or into a zip (._表.xlsx). Neither is a declaration: a folder's are passed over without a
 * word, as the file manager hides them; one named on the command line gets this message.
 */
export function leftoverMessage(file: string): string | null {
    const name = basename(file);
    if (name.startsWith('~$')) {
        const what = extname(name).toLowerCase() === '.docx' ? 'Word/WPS 打开文档' : 'Excel/WPS 打开工作簿';
        return `这是 ${what}时留下的锁定文件，不是表格：请检查去掉开头「~$」的同名文件。`;
    }
    if (name.startsWith('._')) return '这是 macOS 复制文件时留下的附属文件（._ 开头），不是表格：请检查去掉开头「._」的同名文件。';
    return null;
}

/**
 * Expands the command line's files and folders into .jxmb files (folders recursively, sorted for stable output). Each
 * file once, by its real path: a file named twice, or again inside a folder also named, or through a link, is read
 * once and counted once. In a folder, a link to a file is read as the file; a link to a folder is not followed (it may
 * lead back up, or anywhere); a link to nothing, a loop of links, a named pipe, a socket or a device with a wanted name
 * is a problem with its reason, not a file silently left out.
 * `tables`: the tables in the folders that `extensions` leave out (check reads only .jxmb), so that check can say
 * they were not checked instead of passing over them in silence.
 */
export async function collectSources(paths: string[], extensions = ['.jxmb']): Promise<{ files: string[]; problems: InputError[]; tables: string[] }> {
    const found: string[] = [];
    const tables: string[] = [];
    const problems: InputError[] = [];
    for (const path of paths) {
        let info;
        try {
            info = await stat(path);
        } catch (error) {
            problems.push(new InputError(path, await describeMissing(path, error)));
            continue;
        }
        if (info.isDirectory()) {
            const before = problems.length;
            const aside: string[] = [];
            const inside = await walk(path, extensions, problems, aside);
            const folderTables = await tablesAmong(aside);
            if (inside.length === 0 && problems.length === before) {
                const only = folderTables.length > 0 ? `，只有 ${tablesPhrase(folderTables)}：${TABLE_ADVICE}` : '。';
                problems.push(new InputError(path, `文件夹中没有 ${extensions.filter(e => !OTHER_TABLE_EXTENSIONS.includes(e)).join('/')} 文件${only}`));
            } else {
                // A folder of tables only has said so in its problem, with the advice; not a second time in the note.
                tables.push(...folderTables);
            }
            found.push(...inside);
        } else {
            found.push(path);
        }
    }
    const reported = new Set<string>();
    return {
        files: await onceEach(found), tables: await onceEach(tables),
        problems: problems.filter(p => !reported.has(p.file) && reported.add(p.file))
    };
}

/** 「3 个表格（.xlsx、.txt）」: how many, and of which kinds. */
const tablesPhrase = (tables: string[]) =>
    `${tables.length} 个表格（${TABLE_EXTENSIONS.filter(ext => tables.some(t => extname(t).toLowerCase() === ext)).join('、')}）`;

/** The line check writes when it passed over tables in the folders it was given (null: there were none). */
export function tablesNotChecked(tables: string[]): string | null {
    return tables.length === 0 ? null : `另有 ${tablesPhrase(tables)}未检查：${TABLE_ADVICE}`;
}

/** The files that the importer would read as tables: every .xlsx and .docx; a text file only if it holds a table. */
async function tablesAmong(files: string[]): Promise<string[]> {
    const tables: string[] = [];
    for (const file of files) {
        if (!['.txt', '.tsv'].includes(extname(file).toLowerCase()) || await isTableText(file)) tables.push(file);
    }
    return tables;
}

/**
 * A text file the importer would read as a table (notes, a readme, an unreadable file: not). Read up to a .jxmb's
 * limit: a table's text is far smaller, and a larger file is not read whole just to be mentioned.
 */
async function isTableText(file: string): Promise<boolean> {
    try {
        const bytes = await readAtMost(file, MAX_SOURCE_BYTES);
        return bytes !== null && tableTextFormat(decodeText(bytes).text) !== null;
    } catch {
        return false;
    }
}

/** The real path of an existing file or folder (its own path if that fails). */
const realOf = (path: string) => realpath(path).catch(() => resolve(path));

/** `files` without a second path to a file already in it (the first path named is kept). */
async function onceEach(files: string[]): Promise<string[]> {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const file of files) {
        const real = await realOf(file);
        if (seen.has(real)) continue;
        seen.add(real);
        out.push(file);
    }
    return out;
}

/**
 * Why a file found in a folder (not named by the user) is not read: it is a named pipe, a socket or a device, which
 * opening would wait on (a pipe without a writer) or read without end. Null for a file or a folder.
 */
export function notRegularFile(entry: Dirent | Stats): string | null {
    if (entry.isFile() || entry.isDirectory()) return null;
    const kind = entry.isFIFO() ? '命名管道' : entry.isSocket() ? '套接字' : entry.isCharacterDevice() ? '字符设备'
        : entry.isBlockDevice() ? '块设备' : '特殊文件';
    return `不是普通文件（${kind}），未读取。`;
}

/**
 * A file or folder named in another encoding than UTF-8, most often a zip from a Chinese Windows (names in GBK)
 * unpacked on Linux: it is there, but cannot be opened by the name the system gives back.
 */
const notUtf8Name = (folder: boolean) => `${folder ? '文件夹' : '文件'}名不是 UTF-8 编码（常见于在中文 Windows 上压缩、用 GBK 记录文件名的 zip），`
    + `无法按名称打开${folder ? '，其中的文件未检查' : ''}：请解压时指定编码（unzip -O GBK）或把文件名转为 UTF-8（convmv -f gbk -t utf8）。`;

/** Why `path` cannot be opened: for a link to nothing, the link and where it points, not a bare 「不存在」. */
export async function describeMissing(path: string, error: unknown): Promise<string> {
    if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') {
        const target = await readlink(path).catch(() => null);
        if (target !== null) return `这是一个链接，它指向的「${target}」不存在。`;
    }
    return describeFsError(error);
}

/**
 * The files below `dir`; a folder that cannot be listed is a problem of its own, and the others are still read.
 * `aside` gets the files with a table's extension that `extensions` leave out.
 */
async function walk(dir: string, extensions: string[], problems: InputError[], aside: string[]): Promise<string[]> {
    let entries;
    try {
        entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
        problems.push(new InputError(dir, describeFsError(error)));
        return [];
    }
    const result: string[] = [];
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        if (leftoverMessage(entry.name)) continue;
        const path = join(dir, entry.name);
        const extension = extname(entry.name).toLowerCase();
        const wanted = extensions.includes(extension);
        // A name in bytes that are not UTF-8 comes back with U+FFFD in their place, and nothing opens it by that name.
        if (entry.name.includes('\uFFFD') && (wanted || entry.isDirectory()) && !await lstat(path).catch(() => null)) {
            problems.push(new InputError(path, notUtf8Name(entry.isDirectory())));
            continue;
        }
        // What the entry is, from the listing or (for a link) from stat: never by opening it, which waits for a
        // writer forever on a named pipe.
        let kind: Dirent | Stats = entry;
        if (entry.isSymbolicLink()) {
            try {
                kind = await stat(path);
            } catch (error) {
                if (wanted) problems.push(new InputError(path, await describeMissing(path, error)));
                continue;
            }
        }
        if (kind.isDirectory()) {
            if (kind === entry && entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
                result.push(...await walk(path, extensions, problems, aside));
            }
        } else if (kind.isFile()) {
            if (wanted) result.push(path);
            else if (TABLE_EXTENSIONS.includes(extension)) aside.push(path);
        } else if (wanted) {
            problems.push(new InputError(path, notRegularFile(kind)!));
        }
    }
    return result;
}
