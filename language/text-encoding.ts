// Encoding detection shared by everything that reads text a user hands over: the .jxmb sources (check, compile, the
// editor's folder scan) and the tables of import and the review, so that a file one accepts the other does too.

import { Buffer } from 'node:buffer';

export type Utf16Order = 'utf-16le' | 'utf-16be';

/** A UTF-16 text: its characters, and why it is not read when it is broken (null: whole). */
export interface Utf16Text {
    text: string;
    broken: string | null;
}

/**
 * UTF-16 without a BOM, as some Windows tools save "Unicode" text: the ASCII characters of a .jxmb or a table (spaces,
 * tabs, line breaks, quotes, digits) have a zero byte at every second place, on the same side. Binary data has its
 * zeros on both sides, or decodes to control characters: then null. A text cut short or with half a character is
 * text still: `broken` says why it is not read (readUtf16).
 */
export function decodeUtf16WithoutBom(bytes: Uint8Array): (Utf16Text & { order: Utf16Order }) | null {
    const order = utf16Order(bytes.subarray(0, 8192));
    if (order === null) return null;
    const read = readUtf16(bytes, order);
    // One byte, a zero, or half a character alone, is no text cut short: nothing of a text is left.
    const rest = read.broken === null ? read.text : read.text.replace(LONE_SURROGATE, '');
    return /[\0-\x08\x0e-\x1f]/.test(read.text) || rest === '' ? null : { ...read, order };
}

/**
 * UTF-16 text (after its byte order mark, or without one), its characters as they are. Broken, it is not read: a copy
 * or download that stopped leaves an odd byte count or the first half of a pair (an emoji, a rare character), and
 * more may be missing; half a pair inside is a damaged file. Reading it would let check pass, compile or import
 * write, a text that is not the user's; the message gives the place so that they can look (line and column from 1,
 * columns in UTF-16 code units as everywhere).
 */
export function readUtf16(body: Uint8Array, order: Utf16Order): Utf16Text {
    // A second byte order mark (a file saved twice with one) is no character of the text, as TextDecoder reads it.
    const units = utf16Units(body, order).replace(/^\ufeff/, '');
    const oddByte = body.length % 2 === 1;
    LONE_SURROGATE.lastIndex = 0;
    const lone = LONE_SURROGATE.exec(units)?.index ?? -1;
    const lastIsHalf = lone === units.length - 1 && isHighSurrogate(units.charCodeAt(lone));
    if (lone !== -1 && !lastIsHalf) return { text: units, broken: halfCharacterMessage(units.slice(0, lone)) };
    if (oddByte) return { text: units, broken: cutShortMessage(units.slice(0, lastIsHalf ? -1 : undefined), '少了最后一个字节（字节数为奇数）') };
    if (lastIsHalf) return { text: units, broken: cutShortMessage(units.slice(0, -1), '最后一个字符只剩前一半（四字节字符的前两个字节）') };
    return { text: units, broken: null };
}

/** A high surrogate not followed by a low one, or a low one not after a high one (the `y` flag is not set: any). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;

/** The code units of `body`, a lone surrogate kept (TextDecoder would replace or refuse it), an odd last byte left out. */
function utf16Units(body: Uint8Array, order: Utf16Order): string {
    const even = Buffer.from(body.buffer, body.byteOffset, body.length - body.length % 2);
    return (order === 'utf-16le' ? even : Buffer.from(even).swap16()).toString('utf16le');
}

/** 「第 3 行第 5 列」: where the text after `before` begins. */
function placeAfter(before: string): string {
    const lines = before.split(/\r\n|\r|\n/);
    return `第 ${lines.length} 行第 ${lines.at(-1)!.length + 1} 列`;
}

/** A text cut short after `whole`, its whole characters: `how`, where, and what to do. */
function cutShortMessage(whole: string, how: string): string {
    return `文件是 UTF-16 编码，但${how}：文件在末尾${placeAfter(whole)}处被截断，那里的字符不完整，后面的内容也可能缺失。`
        + '请取回完整的文件，或在编辑器中打开它、核对末尾后另存为 UTF-8。';
}

/** Half a character (a lone surrogate) after `before`: the file is damaged there. */
function halfCharacterMessage(before: string): string {
    return `文件是 UTF-16 编码，但${placeAfter(before)}处只有半个字符（不成对的代理项，四字节字符缺了一半）：文件已损坏，`
        + '照读会弄错这个字符。请取回完好的文件，或在编辑器中打开它、核对该处后另存为 UTF-8。';
}

/** The byte order whose high bytes are the zeros of a sample, if the zeros fall on one side only. */
function utf16Order(sample: Uint8Array): Utf16Order | null {
    const zeros = [0, 0];
    for (let i = 0; i < sample.length; i++) if (sample[i] === 0) zeros[i % 2]!++;
    const [even, odd] = zeros as [number, number];
    const enough = (n: number) => n >= sample.length / 16;
    return enough(odd) && even * 8 <= odd ? 'utf-16le' : enough(even) && odd * 8 <= even ? 'utf-16be' : null;
}

/**
 * UTF-32, which a few editors offer to save: with its byte order mark (FF FE 00 00, 00 00 FE FF), or without one. The
 * first mark would pass for UTF-16LE's and the text for UTF-16 with a zero after every character (hundreds of
 * 「无法识别的字符」); without a mark it looked binary. It is named instead, with what to do: `whole`, the reader's
 * words for a whole file. Null: not UTF-32. A byte count that is not a multiple of 4 is a file cut short: it is
 * named too (it looked binary), with the place of its end, since more may be missing.
 */
export function utf32Message(bytes: Uint8Array, whole: string): string | null {
    const found = utf32Body(bytes);
    if (found === null) return null;
    const { body, littleEndian } = found;
    const extra = body.length % 4;
    if (extra === 0) return whole;
    return `文件是 UTF-32 编码（不能读取，须另存为 UTF-8），而且字节数不是 4 的倍数：文件在末尾${placeAfter(utf32Units(body.subarray(0, -extra), littleEndian))}`
        + '处被截断，那里的字符不完整，后面的内容也可能缺失。请取回完整的文件，在编辑器中核对末尾后另存为 UTF-8。';
}

/** The text units of a UTF-32 file (after its mark) and their byte order; null: not UTF-32. */
function utf32Body(bytes: Uint8Array): { body: Uint8Array; littleEndian: boolean } | null {
    if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return { body: bytes.subarray(4), littleEndian: true };
    if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return { body: bytes.subarray(4), littleEndian: false };
    for (const littleEndian of [true, false]) {
        const extra = bytes.length % 4;
        if (isUtf32WithoutBom(bytes.subarray(0, bytes.length - extra), littleEndian) && couldBeginUnit(bytes.subarray(bytes.length - extra), littleEndian)) {
            return { body: bytes, littleEndian };
        }
    }
    return null;
}

/** The first bytes of a unit cut short could be those of a character of text: its high bytes a zero and a text plane. */
function couldBeginUnit(part: Uint8Array, littleEndian: boolean): boolean {
    const plane = littleEndian ? part[2] : part[1];
    return (littleEndian || part.length === 0 || part[0] === 0) && (plane === undefined || TEXT_PLANES.includes(plane));
}

const TEXT_PLANES = [0, 1, 2, 3, 14, 15, 16];

/** The characters of whole UTF-32 units (one that is none, from a file with a mark, as 「�」): for a place only. */
function utf32Units(body: Uint8Array, littleEndian: boolean): string {
    const units = new DataView(body.buffer, body.byteOffset, body.byteLength);
    const chars: string[] = [];
    for (let i = 0; i + 4 <= body.length; i += 4) {
        const c = units.getUint32(i, littleEndian);
        chars.push(c <= 0x10ffff && (c < 0xd800 || c > 0xdfff) ? String.fromCodePoint(c) : '\ufffd');
    }
    return chars.join('');
}

/**
 * Every 4-byte unit a character of text: no zero (a file of NULs), no control other than tab and line breaks, no
 * surrogate, and in a plane that holds text (0–3, 14–16). UTF-16 text read four bytes at a time makes of each two
 * characters one of planes 4–13 (the second a tab or line break), a control or none; a zip or PNG signature and random
 * bytes make none: the scan stops at the first unit that is none, mostly the first, so text in other encodings costs
 * nothing. At least one in 16 must be ASCII, as the spaces, line breaks and digits of a .jxmb or a table are.
 */
function isUtf32WithoutBom(bytes: Uint8Array, littleEndian: boolean): boolean {
    if (bytes.length === 0 || bytes.length % 4 !== 0) return false;
    const units = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let ascii = 0;
    for (let i = 0; i < bytes.length; i += 4) {
        const c = units.getUint32(i, littleEndian);
        if (!isTextCodePoint(c)) return false;
        if (c < 0x80) ascii++;
    }
    return ascii * 16 >= bytes.length / 4;
}

const isTextCodePoint = (c: number): boolean => c < 0x20
    ? c >= 0x09 && c <= 0x0d
    : c < 0xd800 || (c > 0xdfff && c < 0x40000) || (c >= 0xe0000 && c <= 0x10ffff);
