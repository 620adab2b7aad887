// Encoding detection shared by everything that reads text a user hands over: the .jxmb sources (check, compile, the
// editor's folder scan) and the tables of import and the review, so that a file one accepts the other does too.

export type Utf16Order = 'utf-16le' | 'utf-16be';

/**
 * UTF-16 without a BOM, as some Windows tools save "Unicode" text: the ASCII characters of a .jxmb or a table (spaces,
 * tabs, line breaks, quotes, digits) have a zero byte at every second place, on the same side. Binary data has its
 * zeros on both sides, or does not decode strictly, or decodes to control characters: then null.
 */
export function decodeUtf16WithoutBom(bytes: Uint8Array): { text: string; order: Utf16Order } | null {
    const order = utf16Order(bytes.subarray(0, 8192));
    if (order === null) return null;
    let text: string;
    try {
        text = new TextDecoder(order, { fatal: true }).decode(bytes);
    } catch {
        return null;
    }
    return /[\0-\x08\x0e-\x1f]/.test(text) ? null : { text, order };
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
 * A UTF-32 byte order mark (FF FE 00 00, 00 00 FE FF): a few editors offer to save so. The first would pass for
 * UTF-16LE's and the text for UTF-16 with a zero after every character (hundreds of 「无法识别的字符」); it is named
 * instead, with what to do.
 */
export function isUtf32(bytes: Uint8Array): boolean {
    return (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0)
        || (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff);
}
