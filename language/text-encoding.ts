// Encoding detection shared by everything that reads text a user hands over: the .jxmb sources (check, compile, the
// editor's folder scan) and the tables of import and the review, so that a file one accepts the other does too.

export type Utf16Order = 'utf-16le' | 'utf-16be';

/**
 * UTF-16 without a BOM, as some Windows tools save "Unicode" text: the ASCII characters of a .jxmb or a table (spaces,
 * tabs, line breaks, quotes, digits) have a zero byte at every second place, on the same side. Binary data has its
 * zeros on both sides, or does not decode strictly, or decodes to control characters: then null. An odd byte count is
 * a text cut short (its last character lost a byte): the whole characters are decoded, `cutShort` says so.
 */
export function decodeUtf16WithoutBom(bytes: Uint8Array): { text: string; order: Utf16Order; cutShort: boolean } | null {
    const order = utf16Order(bytes.subarray(0, 8192));
    if (order === null) return null;
    const cutShort = bytes.length % 2 === 1;
    let text: string;
    try {
        text = new TextDecoder(order, { fatal: true }).decode(cutShort ? bytes.subarray(0, -1) : bytes);
    } catch {
        return null;
    }
    // One byte, a zero, is no text cut short: nothing of a text is left.
    return /[\0-\x08\x0e-\x1f]/.test(text) || (cutShort && text === '') ? null : { text, order, cutShort };
}

/**
 * Why a UTF-16 text of an odd byte count (`whole`: its whole characters) is not read: a copy or download stopped, and
 * more than the one byte may be missing. Reading the rest would let check pass, compile or import write, a text that
 * is not the user's; the place is given so that they can see what is missing (line and column from 1, columns in
 * UTF-16 code units as everywhere).
 */
export function utf16CutShortMessage(whole: string): string {
    const lines = whole.split(/\r\n|\r|\n/);
    const place = `第 ${lines.length} 行第 ${lines.at(-1)!.length + 1} 列`;
    return `文件是 UTF-16 编码，但少了最后一个字节（字节数为奇数）：文件在末尾${place}处被截断，那里的字符不完整，后面的内容也可能缺失。`
        + '请取回完整的文件，或在编辑器中打开它、核对末尾后另存为 UTF-8。';
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
 * 「无法识别的字符」); without a mark it looked binary. It is named instead, with what to do.
 */
export function isUtf32(bytes: Uint8Array): boolean {
    return (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0)
        || (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)
        || isUtf32WithoutBom(bytes, true) || isUtf32WithoutBom(bytes, false);
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
