import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { runJxmb } from '../helpers/run-cli.js';
import { readSample, seedsDir } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';

// A text saved as UTF-32 with its byte order mark (FF FE 00 00): check read the mark as UTF-16's and reported a
// zero after every character, two hundred 「无法识别的字符」, and import called it a binary file. Both now name the
// encoding and say what to do, as for GBK.

const { file } = useTempDir('jxmb-utf32-');

/** UTF-32LE with its BOM. */
const utf32 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), ...Array.from(text, c => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(c.codePointAt(0)!);
    return b;
})]);

test('check of a .jxmb in UTF-32: one line naming the encoding, exit 2', () => {
    const path = file('u32.jxmb', utf32(readSample('000-nansha-kexie.jxmb')));
    const r = runJxmb(['check', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${path}: 文件是 UTF-32 编码，不是 UTF-8 或 UTF-16。请在编辑器中另存为 UTF-8 后重试。\n`);
});

test('import of a table in UTF-32: named, exit 2, nothing written', () => {
    const table = readFileSync(join(seedsDir, '001_661c37ddd0e7a460.txt'), 'utf8');
    const path = file('u32.txt', utf32(table));
    const r = runJxmb(['import', path]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${path}: 文件是 UTF-32 编码，不是 UTF-8、UTF-16 或 GBK：请另存为 UTF-8 后再导入。未写入任何文件。\n`);
});
