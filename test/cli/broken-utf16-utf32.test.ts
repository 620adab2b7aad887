import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { ReviewReport } from '../../language/review/report.js';
import { renderXlsx } from '../../language/compile/xlsx.js';
import { compiled } from '../import/helpers.js';
import { utf16 } from '../helpers/encodings.js';
import { runJxmb } from '../helpers/run-cli.js';
import { readSample, seedsDir } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';

// Texts in UTF-16 or UTF-32 that a copy or download broke: UTF-32 whose byte count is not a multiple of 4, UTF-16 cut
// inside a four-byte character (its last two bytes the first half of a surrogate pair), UTF-16 with half a character
// inside. check, compile and import called them binary files, or (UTF-16 with a BOM) check read a 「�」 where the
// character was and import said the file might be damaged, without saying where. Every reader now names the encoding
// and says where the text breaks, as for UTF-16 that lost its last byte; binary files are still called binary.

const { file, at } = useTempDir('jxmb-broken-utf-');
const sample = readSample('000-nansha-kexie.jxmb');
const table = readFileSync(join(seedsDir, '001_661c37ddd0e7a460.txt'), 'utf8').trimEnd();

/** UTF-32 without a BOM, in either byte order; with `bom`, after its mark. */
function utf32(text: string, order: 'le' | 'be', bom = false): Buffer {
    const units = Array.from(text, c => {
        const unit = Buffer.alloc(4);
        if (order === 'le') unit.writeUInt32LE(c.codePointAt(0)!);
        else unit.writeUInt32BE(c.codePointAt(0)!);
        return unit;
    });
    const mark = order === 'le' ? [0xff, 0xfe, 0, 0] : [0, 0, 0xfe, 0xff];
    return Buffer.concat([Buffer.from(bom ? mark : []), ...units]);
}

/** 「第 3 行第 5 列」 after `before`. */
function placeAfter(before: string): string {
    const lines = before.split(/\r\n|\r|\n/);
    return `第 ${lines.length} 行第 ${lines.at(-1)!.length + 1} 列`;
}

const utf32Cut = (whole: string) => `文件是 UTF-32 编码（不能读取，须另存为 UTF-8），而且字节数不是 4 的倍数：文件在末尾${placeAfter(whole)}`
    + '处被截断，那里的字符不完整，后面的内容也可能缺失。请取回完整的文件，在编辑器中核对末尾后另存为 UTF-8。';
const pairCut = (whole: string) => `文件是 UTF-16 编码，但最后一个字符只剩前一半（四字节字符的前两个字节）：文件在末尾${placeAfter(whole)}`
    + '处被截断，那里的字符不完整，后面的内容也可能缺失。请取回完整的文件，或在编辑器中打开它、核对末尾后另存为 UTF-8。';
const halfInside = (before: string) => `文件是 UTF-16 编码，但${placeAfter(before)}处只有半个字符（不成对的代理项，四字节字符缺了一半）：`
    + '文件已损坏，照读会弄错这个字符。请取回完好的文件，或在编辑器中打开它、核对该处后另存为 UTF-8。';

/** The sample ends with 「}」 and a line break: UTF-32 cut inside the break ends after the 「}」. */
const sampleWhole = sample.slice(0, -1);
/** A text with an emoji in its first line's middle (in a comment, so that the whole text still parses). */
const emojiAt = sample.indexOf('\n') + 1;
const withEmoji = `${sample.slice(0, emojiAt)}// 备注😀完\n${sample.slice(emojiAt)}`;
const beforeEmoji = withEmoji.slice(0, withEmoji.indexOf('😀'));
/** The text cut inside the emoji: its high half is the last of it. */
const cutInEmoji = withEmoji.slice(0, beforeEmoji.length + 1);
/** The emoji's low half lost, the rest of the text whole. */
const halfEmoji = beforeEmoji + '\ud83d' + withEmoji.slice(beforeEmoji.length + 2);

/** Each broken text: its bytes (of the sample) and the line check gives. */
const broken: [string, Buffer, string][] = [
    ['UTF-32LE without a BOM, one byte short', utf32(sample, 'le').subarray(0, -1), utf32Cut(sampleWhole)],
    ['UTF-32BE without a BOM, two bytes short', utf32(sample, 'be').subarray(0, -2), utf32Cut(sampleWhole)],
    ['UTF-32LE with a BOM, three bytes short', utf32(sample, 'le', true).subarray(0, -3), utf32Cut(sampleWhole)],
    ['UTF-32BE with a BOM, one byte short', utf32(sample, 'be', true).subarray(0, -1), utf32Cut(sampleWhole)],
    ['UTF-16LE without a BOM, cut inside a pair', utf16(cutInEmoji, 'le').subarray(2), pairCut(beforeEmoji)],
    ['UTF-16BE with a BOM, cut inside a pair', utf16(cutInEmoji, 'be'), pairCut(beforeEmoji)],
    ['UTF-16LE without a BOM, half a pair inside', utf16(halfEmoji, 'le').subarray(2), halfInside(beforeEmoji)],
    ['UTF-16BE without a BOM, half a pair inside', utf16(halfEmoji, 'be').subarray(2), halfInside(beforeEmoji)],
    ['UTF-16LE with a BOM, half a pair inside', utf16(halfEmoji, 'le'), halfInside(beforeEmoji)]
];
const slug = (name: string) => name.replace(/[^A-Za-z0-9]+/g, '-');

test.each(broken)('check of a .jxmb in %s: one line naming the encoding and where it breaks, exit 2', (name, bytes, message) => {
    const path = file(`check/${slug(name)}.jxmb`, bytes);
    const r = runJxmb(['check', path]);
    expect(r.stderr).toBe(`${path}: ${message}\n`);
    expect(r.stdout).toBe('检查了 0 个文件：0 个错误，0 个警告，0 条提示。\n');
    expect(r.code).toBe(2);
});

test('the same texts whole are read (UTF-16) or named UTF-32 as before', () => {
    const paths = [file('whole/emoji-le.jxmb', utf16(withEmoji, 'le').subarray(2)), file('whole/emoji-be.jxmb', utf16(withEmoji, 'be'))];
    const r = runJxmb(['check', ...paths]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('检查了 2 个文件：0 个错误');
    const u32 = file('whole/u32.jxmb', utf32(sample, 'be'));
    expect(runJxmb(['check', u32]).stderr).toBe(`${u32}: 文件是 UTF-32 编码，不是 UTF-8 或 UTF-16。请在编辑器中另存为 UTF-8 后重试。\n`);
});

test.each(broken.filter((_, i) => [0, 5, 6].includes(i)))('compile of a .jxmb in %s writes nothing, exit 2', (name, bytes, message) => {
    const path = file(`compile/${slug(name)}.jxmb`, bytes);
    const output = path.replace(/\.jxmb$/, '.json');
    const r = runJxmb(['compile', path, '--to', 'json', '-o', output]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(existsSync(output)).toBe(false);
});

/** A table's text broken the same ways: the emoji in its last cell. */
const tableWithEmoji = `${table}😀`;
const tableBefore = table;
const brokenTables: [string, Buffer, string][] = [
    ['UTF-32LE without a BOM, one byte short', utf32(table, 'le').subarray(0, -1), utf32Cut(table.slice(0, -1))],
    ['UTF-32BE with a BOM, two bytes short', utf32(table, 'be', true).subarray(0, -2), utf32Cut(table.slice(0, -1))],
    ['UTF-16LE without a BOM, cut inside a pair', utf16(tableWithEmoji, 'le').subarray(2, -2), pairCut(tableBefore)],
    ['UTF-16BE with a BOM, cut inside a pair', utf16(tableWithEmoji, 'be').subarray(0, -2), pairCut(tableBefore)],
    ['UTF-16LE with a BOM, half a pair inside', utf16(`${table.slice(0, 40)}\udc00${table.slice(40)}`, 'le'), halfInside(table.slice(0, 40))]
];

test.each(brokenTables)('import of a table in %s: named, with its place; nothing written, exit 2', (name, bytes, message) => {
    const path = file(`import/${slug(name)}.txt`, bytes);
    const r = runJxmb(['import', path]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${path}: ${message}未写入任何文件。\n`);
    expect(r.code).toBe(2);
    expect(existsSync(path.replace(/\.txt$/, '.jxmb'))).toBe(false);
});

test('check --report: a broken .jxmb and a broken table are in the report as not checked, with the reason', () => {
    const jxmb = file('report/收件/u32.jxmb', broken[1]![1]);
    const txt = file('report/收件/half.txt', brokenTables[4]![1]);
    const r = runJxmb(['check', jxmb, txt, '--report', at('report', '报告.json')]);
    expect(r.code).toBe(2);
    const report = JSON.parse(readFileSync(at('report', '报告.json'), 'utf8')) as ReviewReport;
    expect(report.files.find(f => f.file.endsWith('u32.jxmb'))).toMatchObject({ status: 'failed', reason: broken[1]![2] });
    expect(report.files.find(f => f.file.endsWith('half.txt'))).toMatchObject({ status: 'failed', reason: brokenTables[4]![2] });
});

test('binary files, whole or of a length UTF-32 cannot have, are still binary files', async () => {
    let seed = 11;
    const random = Buffer.from(Array.from({ length: 65_537 }, () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) >>> 23));
    // 16-bit numbers below 256 (zeros on one side, as UTF-16 text has), among them a lone surrogate's value.
    const shorts = Buffer.alloc(8192);
    for (let i = 0; i < shorts.length; i += 2) shorts.writeUInt16LE(i === 4000 ? 0xd800 : (i * 37) % 256, i);
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001080200000090775308', 'hex'), Buffer.alloc(30)]);
    const binaries = {
        'workbook.jxmb': (await renderXlsx(await compiled(readSample('001-zhanjiang-kexie.jxmb')))).subarray(0, -1),
        'image.jxmb': png,
        'random.jxmb': random,
        'shorts.jxmb': shorts,
        'nuls.jxmb': Buffer.alloc(4098)
    };
    const paths = Object.entries(binaries).map(([name, bytes]) => file(`binary/${name}`, bytes));
    const r = runJxmb(['check', ...paths]);
    expect(r.code).toBe(2);
    for (const path of paths) expect(r.stderr).toContain(`${path}: 这是二进制文件，不是 .jxmb 文本。`);
    expect(r.stderr).not.toContain('UTF-');
});
