import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { ImportError } from './errors.js';
import { megabytes } from '../cli/source-files.js';

// An .xlsx or .docx is a zip of XML parts. Before exceljs or mammoth inflate it whole, its central directory is read
// here: a package whose parts inflate to hundreds of megabytes (a zip bomb: 200 MB of one repeated character packs
// into 200 KB) is refused, and so is a zip that is no workbook or document at all. Each part is also inflated once
// and counted against its declared size, so a directory that understates a size cannot get past the check.

/** All parts of a package together, inflated: the official tables are well under 1 MB. */
export const MAX_PACKAGE_BYTES = 100 * 1024 * 1024;

const ADVICE = '请确认选对了文件。';

export type PackageKind = 'xlsx' | 'docx';

export interface ZipPart {
    name: string;
    method: number;
    compressedSize: number;
    size: number;
    /** where the part's local header starts */
    offset: number;
    /** the CRC-32 of the inflated content, as the directory gives it */
    crc: number;
}

export const KIND = {
    xlsx: { name: 'Excel 工作簿', short: '工作簿', main: 'xl/workbook.xml' },
    docx: { name: 'Word 文档', short: '文档', main: 'word/document.xml' }
} as const;

/** The package's parts, checked; throws an ImportError naming what is wrong. */
export async function checkPackage(bytes: Uint8Array, kind: PackageKind): Promise<Map<string, ZipPart>> {
    const { name, short, main } = KIND[kind];
    const parts = zipDirectory(bytes);
    if (!parts) throw new ImportError(`无法读取 .${kind} ${short}：文件已损坏或不完整（找不到完整的 zip 目录）。`);
    if (!parts.has(main)) throw new ImportError(`文件不是 ${name}：这是 zip 压缩包，但其中没有 ${main}。`);
    let total = 0;
    for (const part of parts.values()) {
        total += part.size;
        if (total > MAX_PACKAGE_BYTES) {
            throw new ImportError(`${name}解压后过大：各部件解压后合计超过可导入的上限 ${megabytes(MAX_PACKAGE_BYTES)}（正式的申报表不到 1 MB）。这可能是损坏或恶意构造的文件（zip 炸弹），${ADVICE}`);
        }
    }
    for (const part of parts.values()) {
        if (await inflatesOver(bytes, part)) {
            throw new ImportError(`${name}已损坏或是恶意构造的：部件 ${part.name} 解压后大于压缩包目录中登记的 ${part.size.toLocaleString('en-US')} 字节。${ADVICE}`);
        }
    }
    return parts;
}

/** A part's content, inflated (the package must have passed checkPackage). */
export function readPart(bytes: Uint8Array, part: ZipPart): Buffer | null {
    const data = partData(bytes, part);
    if (!data) return null;
    if (part.method === 0) return data;
    if (part.method !== 8) return null;
    try {
        return inflateRawSync(data, { maxOutputLength: Math.max(1, part.size) });
    } catch {
        return null;
    }
}

const CHUNK = 64 * 1024;

/**
 * A part's content, inflated a chunk at a time: for reading a part of any size in bounded memory (the package must
 * have passed checkPackage). Damaged or unknown data ends the chunks early; the reader that loads it reports it.
 */
export async function* partChunks(bytes: Uint8Array, part: ZipPart): AsyncGenerator<Buffer> {
    const data = partData(bytes, part);
    if (!data) return;
    if (part.method === 0) {
        for (let i = 0; i < data.length; i += CHUNK) yield data.subarray(i, i + CHUNK);
        return;
    }
    if (part.method !== 8) return;
    const inflater = createInflateRaw({ chunkSize: CHUNK });
    inflater.end(data);
    try {
        for await (const chunk of inflater) yield chunk as Buffer;
    } catch {
        // damaged: as far as it went
    } finally {
        inflater.destroy();
    }
}

/** Parts up to this size are inflated at once; larger ones a chunk at a time, so the check never holds one whole. */
const WHOLE_PART_BYTES = 1024 * 1024;

/** Whether the part inflates beyond its declared size; damaged or unknown data is left to the reader to report. */
async function inflatesOver(bytes: Uint8Array, part: ZipPart): Promise<boolean> {
    if (part.size > WHOLE_PART_BYTES && part.method === 8) {
        let total = 0;
        for await (const chunk of partChunks(bytes, part)) {
            total += chunk.length;
            if (total > part.size) return true;
        }
        return false;
    }
    const data = partData(bytes, part);
    if (!data) return false;
    if (part.method === 0) return data.length > part.size;
    if (part.method !== 8) return false;
    try {
        // One byte more than declared: a larger output proves the size was understated.
        return inflateRawSync(data, { maxOutputLength: part.size + 1 }).length > part.size;
    } catch (error) {
        return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    }
}

export function partData(bytes: Uint8Array, part: ZipPart): Buffer | null {
    const buf = asBuffer(bytes);
    if (part.offset + 30 > buf.length || buf.readUInt32LE(part.offset) !== 0x04034b50) return null;
    const start = part.offset + 30 + buf.readUInt16LE(part.offset + 26) + buf.readUInt16LE(part.offset + 28);
    const end = start + part.compressedSize;
    return end <= buf.length ? buf.subarray(start, end) : null;
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The central directory (name → part), or null when the bytes are no readable zip. Zip64 sizes are read too. */
export function zipDirectory(bytes: Uint8Array): Map<string, ZipPart> | null {
    const buf = asBuffer(bytes);
    const eocd = findEndOfDirectory(buf);
    if (eocd < 0) return null;
    let count = buf.readUInt16LE(eocd + 10);
    let position = buf.readUInt32LE(eocd + 16);
    const locator = eocd - 20;
    if (locator >= 0 && buf.readUInt32LE(locator) === 0x07064b50) {
        const record = Number(buf.readBigUInt64LE(locator + 8));
        if (record + 56 > buf.length || buf.readUInt32LE(record) !== 0x06064b50) return null;
        count = Number(buf.readBigUInt64LE(record + 32));
        position = Number(buf.readBigUInt64LE(record + 48));
    }
    const parts = new Map<string, ZipPart>();
    for (let i = 0; i < count; i++) {
        if (position + 46 > buf.length || buf.readUInt32LE(position) !== 0x02014b50) return null;
        const nameLength = buf.readUInt16LE(position + 28);
        const extraLength = buf.readUInt16LE(position + 30);
        const commentLength = buf.readUInt16LE(position + 32);
        const end = position + 46 + nameLength + extraLength + commentLength;
        if (end > buf.length) return null;
        const part: ZipPart = {
            name: buf.toString('utf8', position + 46, position + 46 + nameLength),
            method: buf.readUInt16LE(position + 10),
            compressedSize: buf.readUInt32LE(position + 20),
            size: buf.readUInt32LE(position + 24),
            offset: buf.readUInt32LE(position + 42),
            crc: buf.readUInt32LE(position + 16)
        };
        readZip64(buf.subarray(position + 46 + nameLength, position + 46 + nameLength + extraLength), part);
        parts.set(part.name, part);
        position = end;
    }
    return parts;
}

function findEndOfDirectory(buf: Buffer): number {
    // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
    for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
        if (buf.readUInt32LE(i) === 0x06054b50) return i;
    }
    return -1;
}

/** Zip64 extra field: the 64-bit values of those fields that hold 0xFFFFFFFF, in this order. */
function readZip64(extra: Buffer, part: ZipPart): void {
    for (let i = 0; i + 4 <= extra.length;) {
        const id = extra.readUInt16LE(i);
        const length = extra.readUInt16LE(i + 2);
        if (id === 0x0001) {
            let at = i + 4;
            const next = () => {
                if (at + 8 > i + 4 + length || at + 8 > extra.length) return undefined;
                const value = Number(extra.readBigUInt64LE(at));
                at += 8;
                return value;
            };
            if (part.size === 0xffffffff) part.size = next() ?? part.size;
            if (part.compressedSize === 0xffffffff) part.compressedSize = next() ?? part.compressedSize;
            if (part.offset === 0xffffffff) part.offset = next() ?? part.offset;
            return;
        }
        i += 4 + length;
    }
}
