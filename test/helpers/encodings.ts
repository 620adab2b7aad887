// A text in the encodings tables arrive in from Windows: UTF-16 with a BOM, and GBK.

/** UTF-16 bytes with the byte-order mark. */
export function utf16(text: string, order: 'le' | 'be'): Buffer {
    const bytes = Buffer.from(text, 'utf16le');
    if (order === 'be') for (let i = 0; i < bytes.length; i += 2) [bytes[i], bytes[i + 1]] = [bytes[i + 1]!, bytes[i]!];
    return Buffer.concat([Buffer.from(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), bytes]);
}

/** GBK bytes for a text, from the platform's GB18030 decoder (two-byte codes cover the seeds). */
export function gbk(text: string): Buffer {
    const table = new Map<string, number[]>();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
        for (let trail = 0x40; trail <= 0xfe; trail++) {
            const ch = trail === 0x7f ? '' : decoder.decode(new Uint8Array([lead, trail]));
            if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
        }
    }
    return Buffer.from([...text].flatMap(ch => ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch) ?? [0x3f]));
}
