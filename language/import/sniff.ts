import { ImportError } from './errors.js';

// Which reader a file needs, from its first bytes rather than its name: a workbook saved as .txt or a text file named
// .xlsx happen, and the message for a wrong guess would be confusing.

export type InputKind = 'text' | 'xlsx' | 'docx';

const startsWith = (bytes: Uint8Array, ...magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** `extension` (「.xlsx」) only breaks a tie: a truncated zip may have lost the part names that tell its kind. */
export function sniffInput(bytes: Uint8Array, extension = ''): InputKind {
    if (bytes.length === 0) throw new ImportError('文件是空的。');
    if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04) || startsWith(bytes, 0x50, 0x4b, 0x05, 0x06)) return zipKind(bytes, extension.toLowerCase());
    if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) {
        if (isEncryptedPackage(bytes)) throw new ImportError(extension.toLowerCase() === '.docx'
            ? '此 .docx 有密码保护（已加密）：请在 Word 中打开，取消密码后另存，再导入。'
            : '此 .xlsx 有密码保护（已加密）：请在 Excel 中打开，取消密码后另存，再导入。');
        throw new ImportError('这是旧版 Office 二进制格式（.xls 或 .doc），无法读取：请在 Excel/Word 中另存为 .xlsx 或 .docx 后再导入。');
    }
    if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46)) {
        throw new ImportError('这是 PDF 文件：请先把表格文字复制或导出为 .txt（或另存为 Word/Excel）后再导入。');
    }
    return 'text';
}

/**
 * An OOXML package names its parts in plain text inside the zip (local headers and the central directory are not
 * compressed), so a part name (xl/…, word/…) tells a workbook from a Word document without unpacking.
 */
function zipKind(bytes: Uint8Array, extension: string): InputKind {
    const names = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    if (names.includes('xl/workbook.xml') || /PK\u0003\u0004[\s\S]{26}xl\//.test(names)) return 'xlsx';
    if (names.includes('word/document.xml') || /PK\u0003\u0004[\s\S]{26}word\//.test(names)) return 'docx';
    if (extension === '.xlsx' || extension === '.xlsm') return 'xlsx';
    if (extension === '.docx') return 'docx';
    throw new ImportError('这是 zip 压缩文件，但看不出是 .xlsx 工作簿还是 .docx 文档：不是 Office 文件，或文件已损坏、不完整。');
}

const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/**
 * Office saves a password-protected .xlsx or .docx as a compound file (the old binary container) holding the
 * encrypted package as a stream named EncryptedPackage, named in UTF-16LE in the file's directory. The name anywhere
 * is enough: either way the file is refused, and this message is the one that helps.
 */
function isEncryptedPackage(bytes: Uint8Array): boolean {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTED_PACKAGE);
}
