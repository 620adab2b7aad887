import { decodeUtf16WithoutBom, readUtf16, utf32Message } from '../text-encoding.js';
import { ImportError } from './errors.js';

// Text files arrive in whatever the sender's system wrote: UTF-8 from the web and Linux, UTF-16 from some Windows
// tools (with a BOM, or without one; refused when cut short or with half a character), and GBK/GB18030 from Chinese
// Windows (no BOM); UTF-32 (with a BOM or without) is named and refused. Detection: a BOM decides; zero bytes on one
// side only are UTF-16 without a BOM, recognised as `jxmb check` recognises it (text-encoding.ts); bytes that are
// valid UTF-8 are UTF-8 (GBK text of any length is practically never valid UTF-8); otherwise GB18030, a superset of
// GBK, if it decodes cleanly to text.

export type TextEncodingName = 'UTF-8' | 'UTF-8 (BOM)' | 'UTF-16LE' | 'UTF-16BE' | 'UTF-16LE (无 BOM)' | 'UTF-16BE (无 BOM)' | 'GB18030';

export interface DecodedText {
    text: string;
    encoding: TextEncodingName;
}

export function decodeText(bytes: Uint8Array): DecodedText {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return checked(strictDecode('utf-8', bytes.subarray(3)), 'UTF-8 (BOM)');
    const utf32 = utf32Message(bytes, '文件是 UTF-32 编码，不是 UTF-8、UTF-16 或 GBK：请另存为 UTF-8 后再导入。');
    if (utf32 !== null) throw new ImportError(utf32);
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return checked(utf16WithBom('utf-16le', bytes.subarray(2)), 'UTF-16LE');
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return checked(utf16WithBom('utf-16be', bytes.subarray(2)), 'UTF-16BE');
    // NUL bytes do not occur in UTF-8 or GBK text: without a BOM this is UTF-16 or a binary file.
    if (bytes.subarray(0, 65536).includes(0)) return utf16WithoutBom(bytes);
    const utf8 = strictDecode('utf-8', bytes);
    if (utf8 !== null) return checked(utf8, 'UTF-8');
    const gb = strictDecode('gb18030', bytes);
    if (gb !== null) return checked(gb, 'GB18030');
    throw new ImportError('无法识别文本编码：既不是 UTF-8、UTF-16，也不是 GBK/GB18030。');
}

function utf16WithoutBom(bytes: Uint8Array): DecodedText {
    const utf16 = decodeUtf16WithoutBom(bytes);
    if (utf16 === null) throw new ImportError('这是二进制文件，不是文本、.xlsx 或 .docx 表格。');
    // A table cut short is not imported: its last row may be missing cells, and the .jxmb would not say so.
    if (utf16.broken !== null) throw new ImportError(utf16.broken);
    return checked(utf16.text, utf16.order === 'utf-16le' ? 'UTF-16LE (无 BOM)' : 'UTF-16BE (无 BOM)');
}

/** UTF-16 after its byte order mark; cut short or damaged (half a character), it is refused as without a mark. */
function utf16WithBom(order: 'utf-16le' | 'utf-16be', body: Uint8Array): string {
    const { text, broken } = readUtf16(body, order);
    if (broken !== null) throw new ImportError(broken);
    return text;
}

function strictDecode(label: string, bytes: Uint8Array): string | null {
    try {
        return new TextDecoder(label, { fatal: true }).decode(bytes);
    } catch {
        return null;
    }
}

/**
 * Decoding can succeed on bytes that are no text (GB18030 accepts almost any byte pair): control characters other
 * than tab and line breaks give such a file away.
 */
function checked(text: string | null, encoding: TextEncodingName): DecodedText {
    if (text === null) throw new ImportError(`文件声明为 ${encoding} 编码（字节顺序标记），但内容无法按此解码：文件可能已损坏。`);
    const sample = text.slice(0, 65536);
    const controls = sample.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/g)?.length ?? 0;
    if (controls > 0 && controls * 200 > sample.length) throw new ImportError('这是二进制文件，不是文本、.xlsx 或 .docx 表格。');
    return { text, encoding };
}
