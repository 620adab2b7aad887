import { ImportError } from './errors.js';
import { htmlTable } from './html-table.js';
import type { SourceTable } from './source.js';

// .docx → HTML with mammoth (it resolves merged cells into rowspan/colspan) → the row stream of html-table.ts.

export async function readDocx(bytes: Uint8Array): Promise<SourceTable> {
    // Loaded on the first .docx import: the server and the CLI start without evaluating mammoth.
    const { default: mammoth } = await import('mammoth');
    let html: string;
    try {
        const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
        html = result.value;
    } catch (error) {
        throw new ImportError(`无法读取 .docx 文档：文件已损坏或不完整（${(error as Error)?.message ?? String(error)}）。`);
    }
    return htmlTable(html);
}
