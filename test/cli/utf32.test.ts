import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { renderXlsx } from '../../language/compile/xlsx.js';
import { compiled } from '../import/helpers.js';
import { runJxmb } from '../helpers/run-cli.js';
import { readSample, seedsDir } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';

// A text saved as UTF-32 with its byte order mark (FF FE 00 00): check read the mark as UTF-16's and reported a
// zero after every character, two hundred 「无法识别的字符」, and import called it a binary file. Both now name the
// encoding and say what to do, as for GBK. Without the mark (UTF-32LE or BE), both called it a binary file: it gets
// the same line now, and binary files (a workbook, a PNG, random bytes, NULs) and UTF-16 text are not taken for it.

const { file } = useTempDir('jxmb-utf32-');

/** UTF-32LE with its BOM. */
const utf32 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32NoBom(text, 'le')]);

/** UTF-32 without a BOM, in either byte order. */
function utf32NoBom(text: string, order: 'le' | 'be'): Buffer {
    return Buffer.concat(Array.from(text, c => {
        const b = Buffer.alloc(4);
        if (order === 'le') b.writeUInt32LE(c.codePointAt(0)!);
        else b.writeUInt32BE(c.codePointAt(0)!);
        return b;
    }));
}

const CHECK_UTF32 = '文件是 UTF-32 编码，不是 UTF-8 或 UTF-16。请在编辑器中另存为 UTF-8 后重试。';

test('check of a .jxmb in UTF-32: one line naming the encoding, exit 2', () => {
    const path = file('u32.jxmb', utf32(readSample('000-nansha-kexie.jxmb')));
    const r = runJxmb(['check', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${path}: ${CHECK_UTF32}\n`);
});

test('import of a table in UTF-32: named, exit 2, nothing written', () => {
    const table = readFileSync(join(seedsDir, '001_661c37ddd0e7a460.txt'), 'utf8');
    const path = file('u32.txt', utf32(table));
    const r = runJxmb(['import', path]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${path}: 文件是 UTF-32 编码，不是 UTF-8、UTF-16 或 GBK：请另存为 UTF-8 后再导入。未写入任何文件。\n`);
});

test.each(['le', 'be'] as const)('check of a .jxmb in UTF-32%s without a BOM: the same line as with one, not 「二进制文件」', order => {
    const path = file(`u32-${order}.jxmb`, utf32NoBom(readSample('000-nansha-kexie.jxmb'), order));
    const r = runJxmb(['check', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${path}: ${CHECK_UTF32}\n`);
});

test.each(['le', 'be'] as const)('import of a table in UTF-32%s without a BOM: named as with one, nothing written', order => {
    const table = readFileSync(join(seedsDir, '001_661c37ddd0e7a460.txt'), 'utf8');
    const path = file(`u32-${order}.txt`, utf32NoBom(table, order));
    const r = runJxmb(['import', path]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${path}: 文件是 UTF-32 编码，不是 UTF-8、UTF-16 或 GBK：请另存为 UTF-8 后再导入。未写入任何文件。\n`);
});

test('binary files are still binary, and UTF-16 text is read, not taken for UTF-32', async () => {
    let seed = 7;
    const random = Buffer.from(Array.from({ length: 65_536 }, () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) >>> 23));
    // Signature, IHDR of a 1×1 image, then zeros: a length of whole 4-byte units, as UTF-32 has.
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001080200000090775308', 'hex'), Buffer.alloc(31)]);
    const binaries = {
        'workbook.jxmb': await renderXlsx(await compiled(readSample('001-zhanjiang-kexie.jxmb'))),
        'image.jxmb': png,
        'random.jxmb': random,
        'nuls.jxmb': Buffer.alloc(4096)
    };
    const paths = Object.entries(binaries).map(([name, bytes]) => file(name, bytes));
    // UTF-16LE without a BOM of one digit per line: four bytes at a time, 「1」 and a line break make U+A0031.
    const digits = file('digits-utf16.jxmb', Buffer.from(Array.from({ length: 500 }, (_, i) => `${i % 10}\n`).join(''), 'utf16le'));
    const r = runJxmb(['check', ...paths, digits]);
    expect(r.code).toBe(2);
    for (const path of paths) expect(r.stderr).toContain(`${path}: 这是二进制文件，不是 .jxmb 文本。`);
    expect(r.stderr).not.toContain('UTF-32');
    // Read as the text it is: its syntax errors, no line about the file.
    expect(r.stderr).not.toContain(`${digits}:`);
    expect(r.stdout).toContain(`${digits}:1:1 error`);
});
