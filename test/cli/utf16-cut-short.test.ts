import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { utf16 } from '../helpers/encodings.js';
import { runJxmb } from '../helpers/run-cli.js';
import { readSample, seedsDir } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';

// A UTF-16 text whose last byte was cut off (a copy or download that stopped): without a BOM, check and import called
// it a binary file; with one, check read it with a 「�」 at the end (an unexplained 「无法识别的字符」) and import said
// the file might be damaged. Now every reader names UTF-16, says the file is cut short and where its end is: reading
// the rest would let check pass, or compile and import write, a text that is not all of the user's.

const { file } = useTempDir('jxmb-utf16-cut-');
const sample = readSample('000-nansha-kexie.jxmb');
/** The sample ends with 「}」 and a line break: cut inside the break, the end is after the 「}」. */
const lines = sample.split('\n');
const place = `第 ${lines.length - 1} 行第 ${lines.at(-2)!.length + 1} 列`;
const cutShort = (where: string) => `文件是 UTF-16 编码，但少了最后一个字节（字节数为奇数）：文件在末尾${where}处被截断，`
    + '那里的字符不完整，后面的内容也可能缺失。请取回完整的文件，或在编辑器中打开它、核对末尾后另存为 UTF-8。';

test.each([
    ['LE without a BOM', utf16(sample, 'le').subarray(2)],
    ['BE without a BOM', utf16(sample, 'be').subarray(2)],
    ['LE with a BOM', utf16(sample, 'le')]
])('check of a .jxmb in UTF-16%s, last byte cut: one line naming UTF-16, the cut and its place, exit 2', (name, whole) => {
    const path = file(`cut-${name.replaceAll(' ', '-')}.jxmb`, whole.subarray(0, -1));
    const r = runJxmb(['check', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${path}: ${cutShort(place)}\n`);
    expect(r.stdout).toBe('检查了 0 个文件：0 个错误，0 个警告，0 条提示。\n');
    // Whole, the same bytes are read.
    expect(runJxmb(['check', file(`whole-${name.replaceAll(' ', '-')}.jxmb`, whole)]).stdout).not.toBe('');
});

test('compile of a cut-short UTF-16 .jxmb writes nothing', () => {
    const path = file('compile-cut.jxmb', utf16(sample, 'le').subarray(2, -1));
    const output = path.replace(/\.jxmb$/, '.json');
    const r = runJxmb(['compile', path, '--to', 'json', '-o', output]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(cutShort(place));
    expect(existsSync(output)).toBe(false);
});

test.each([
    ['without a BOM', (text: string) => utf16(text, 'le').subarray(2)],
    ['with a BOM', (text: string) => utf16(text, 'be')]
])('import of a table in UTF-16 %s, last byte cut: named, with its place; nothing written', (name, encode) => {
    const table = readFileSync(join(seedsDir, '001_661c37ddd0e7a460.txt'), 'utf8');
    // Cut in the middle of a Chinese character of the last row: no line break after it.
    const text = table.trimEnd();
    const path = file(`cut-${name.replaceAll(' ', '-')}.txt`, encode(text).subarray(0, -1));
    const r = runJxmb(['import', path]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const tableLines = text.split(/\r\n|\n/);
    const where = `第 ${tableLines.length} 行第 ${tableLines.at(-1)!.length} 列`;
    expect(r.stderr).toBe(`${path}: ${cutShort(where)}未写入任何文件。\n`);
});

test('a file of one zero byte is binary, not UTF-16 cut short: no text is left of it', () => {
    const path = file('zero.jxmb', Buffer.alloc(1));
    expect(runJxmb(['check', path]).stderr).toBe(`${path}: 这是二进制文件，不是 .jxmb 文本。\n`);
});
