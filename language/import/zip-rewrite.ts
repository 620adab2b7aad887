import { partData, type ZipPart } from './zip-package.js';

// A package with some parts replaced: the worksheets trimmed of their formatted empty cells (worksheet-extent.ts), so
// that exceljs, which builds every cell it finds, loads only what the table holds. The other parts keep their
// compressed bytes; the replaced ones are stored. Enough of the zip format for exceljs's reader, no more (no zip64:
// a package past MAX_PACKAGE_BYTES never gets here).

export function replaceParts(bytes: Uint8Array, parts: ReadonlyMap<string, ZipPart>, replaced: ReadonlyMap<string, Buffer>): Buffer {
    const entries: ZipEntry[] = [];
    for (const part of parts.values()) {
        const own = replaced.get(part.name);
        const data = own ?? partData(bytes, part);
        if (!data) continue;
        entries.push(own
            ? { name: part.name, method: 0, crc: crc32(own), size: own.length, data }
            : { name: part.name, method: part.method, crc: part.crc, size: part.size, data });
    }
    return writeZip(entries);
}

/** A part as it is written: `data` compressed by `method` (0 stored, 8 deflated), `crc` and `size` of the part itself. */
export interface ZipEntry {
    name: string;
    method: number;
    crc: number;
    size: number;
    data: Uint8Array;
}

/** A zip archive of the entries, names in UTF-8, with its central directory. */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
    const locals: Uint8Array[] = [];
    const centrals: Buffer[] = [];
    let offset = 0;
    for (const entry of entries) {
        const name = Buffer.from(entry.name, 'utf8');
        const local = Buffer.alloc(30);
        local.writeUInt32LE(0x04034b50, 0);
        local.writeUInt16LE(20, 4);
        local.writeUInt16LE(0x0800, 6); // UTF-8 names
        local.writeUInt16LE(entry.method, 8);
        local.writeUInt32LE(entry.crc, 14);
        local.writeUInt32LE(entry.data.length, 18);
        local.writeUInt32LE(entry.size, 22);
        local.writeUInt16LE(name.length, 26);
        const central = Buffer.alloc(46);
        central.writeUInt32LE(0x02014b50, 0);
        central.writeUInt16LE(20, 4);
        central.writeUInt16LE(20, 6);
        central.writeUInt16LE(0x0800, 8);
        central.writeUInt16LE(entry.method, 10);
        central.writeUInt32LE(entry.crc, 16);
        central.writeUInt32LE(entry.data.length, 20);
        central.writeUInt32LE(entry.size, 24);
        central.writeUInt16LE(name.length, 28);
        central.writeUInt32LE(offset, 42);
        locals.push(local, name, entry.data);
        centrals.push(central, name);
        offset += local.length + name.length + entry.data.length;
    }
    const directory = Buffer.concat(centrals);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...locals, directory, end]);
}

// node:zlib's crc32 needs Node 20.15; the editor's Node may be older.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
});

export function crc32(data: Uint8Array): number {
    let crc = 0xffffffff;
    for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
}
