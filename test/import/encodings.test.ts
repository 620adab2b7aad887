import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { decodeText } from '../../language/import/decode.js';
import { importBytes } from '../../language/import/import.js';
import { seedOf } from '../helpers/samples.js';
import { modelDifferences } from './helpers.js';

// Text files in the encodings Chinese offices send: UTF-8 with and without BOM, UTF-16 with and without BOM (both byte orders),
// GBK/GB18030 without any marker. Each must give the same model as the UTF-8 original.

/** A GBK encoder for the test, built from the platform's GB18030 decoder (two-byte codes cover all seed text). */
function encodeGbk(text: string): Buffer {
    const table = new Map<string, number[]>();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
        for (let trail = 0x40; trail <= 0xfe; trail++) {
            if (trail === 0x7f) continue;
            const ch = decoder.decode(new Uint8Array([lead, trail]));
            if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
        }
    }
    const bytes: number[] = [];
    for (const ch of text) {
        if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
        else if (table.has(ch)) bytes.push(...table.get(ch)!);
        else throw new Error(`no GBK code for ${ch}`);
    }
    return Buffer.from(bytes);
}

function utf16be(text: string): Buffer {
    const le = Buffer.from(text, 'utf16le');
    for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
    return le;
}

const seeds = ['000-nansha-kexie.jxmb', '003-baiyun-kexie.jxmb', '002-guangzhou-kexie-projects.jxmb'];

describe.each(seeds)('%s', sample => {
    const text = readFileSync(seedOf(sample)!, 'utf8');
    const encodings: Array<[string, Buffer, string]> = [
        ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'UTF-8 (BOM)'],
        ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'UTF-16LE'],
        ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]), 'UTF-16BE'],
        // `jxmb check` reads a .jxmb saved so; import reads a table saved so by the same rule.
        ['UTF-16LE without BOM', Buffer.from(text, 'utf16le'), 'UTF-16LE (无 BOM)'],
        ['UTF-16BE without BOM', utf16be(text), 'UTF-16BE (无 BOM)'],
        ['GBK (no marker)', encodeGbk(text), 'GB18030'],
        ['UTF-8 with CRLF line ends', Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8'), 'UTF-8']
    ];

    test.each(encodings)('%s gives the same model as UTF-8', async (_, bytes, encoding) => {
        const reference = await importBytes(Buffer.from(text, 'utf8'));
        const result = await importBytes(bytes);
        expect(result.encoding).toBe(encoding);
        expect(modelDifferences(result.model, reference.model)).toEqual([]);
        expect(result.report).toEqual(reference.report);
    });
});

describe('decodeText', () => {
    test('GBK bytes are not mistaken for UTF-8', () => {
        expect(decodeText(encodeGbk('部门名称\t广州市科学技术协会')).text).toBe('部门名称\t广州市科学技术协会');
    });

    test('plain ASCII is UTF-8', () => {
        expect(decodeText(Buffer.from('a\tb')).encoding).toBe('UTF-8');
    });
});
