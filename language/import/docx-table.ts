import { ImportError } from './errors.js';
import { htmlTable } from './html-table.js';
import { checkTableRows } from './limits.js';
import type { SourceTable } from './source.js';
import { readPart, type ZipPart } from './zip-package.js';

// .docx → HTML with mammoth (it resolves merged cells into rowspan/colspan) → the row stream of html-table.ts.

/** `parts`: the package's directory, already checked (zip-package.ts checkPackage). */
export async function readDocx(bytes: Uint8Array, parts: ReadonlyMap<string, ZipPart>): Promise<SourceTable> {
    // Rows are counted in the XML first: mammoth's HTML of a huge table takes minutes and gigabytes to build.
    const document = parts.get('word/document.xml');
    const xml = document ? readPart(bytes, document) : null;
    if (xml) checkTableRows('Word 文档的表格', tableRowCount(xml));
    // Loaded on the first .docx import: the server and the CLI start without evaluating mammoth.
    const { default: mammoth } = await import('mammoth');
    let html: string;
    try {
        const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
        html = result.value;
    } catch (error) {
        throw new ImportError(`无法读取 .docx 文档：文件已损坏或不完整（${(error as Error)?.message ?? String(error)}）。`);
    }
    const table = htmlTable(html);
    // Paragraphs outside tables are rows too.
    checkTableRows('Word 文档（表格行与段落）', table.rows.length);
    return table;
}

/** `<w:tr>` / `<w:tr …>` elements (not `<w:trPr>`), nested tables included. */
function tableRowCount(xml: Buffer): number {
    let count = 0;
    for (let i = xml.indexOf('<w:tr'); i >= 0; i = xml.indexOf('<w:tr', i + 5)) {
        const next = xml[i + 5];
        if (next === 0x3e || next === 0x20 || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) count++;
    }
    return count;
}
