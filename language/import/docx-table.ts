import { hasSimpleFields, withFieldResults } from './docx-fields.js';
import { mayHaveSkippedColumns, withSkippedColumnCells } from './docx-grid.js';
import { hiddenTextNotes, mayHaveHiddenText, withoutHiddenText, type HiddenText } from './docx-hidden.js';
import { PlaceMarks } from './docx-places.js';
import { hiddenStyles } from './docx-styles.js';
import { markRevisions, mayHaveRevisions, revisionNote, type Revisions } from './docx-revisions.js';
import { ImportError } from './errors.js';
import { htmlTable } from './html-table.js';
import { checkDocumentBlocks, checkTableRows } from './limits.js';
import type { SourceTable } from './source.js';
import { readPart, type ZipPart } from './zip-package.js';
import { replaceParts } from './zip-rewrite.js';

// .docx → HTML with mammoth (it resolves merged cells into rowspan/colspan) → the row stream of html-table.ts. Before
// mammoth, the document's XML gives what mammoth would pass over: simple fields' results (docx-fields.ts), revisions
// not yet accepted (docx-revisions.ts) and hidden text (docx-hidden.ts, hidden by a style too: docx-styles.ts), the
// last two said in notes at their cells, and grid columns a row skips (docx-grid.ts).

/** `parts`: the package's directory, already checked (zip-package.ts checkPackage). */
export async function readDocx(bytes: Uint8Array, parts: ReadonlyMap<string, ZipPart>): Promise<SourceTable> {
    // Counted in the XML first: mammoth's HTML of a huge table (or of 400,000 paragraphs, a 1 MB file) takes minutes
    // and gigabytes to build.
    const document = parts.get('word/document.xml');
    const xml = document ? readPart(bytes, document) : null;
    if (xml) {
        const blocks = documentBlocks(xml);
        checkTableRows('Word 文档的表格', blocks.tableRows);
        checkTableRows('Word 文档（表格行与段落）', blocks.tableRows + blocks.outsideParagraphs);
        checkDocumentBlocks(blocks.cells, blocks.paragraphs);
    }
    let input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let revisions: Revisions | null = null;
    let hidden: HiddenText[] = [];
    const stylesPart = xml ? parts.get('word/styles.xml') : undefined;
    const styles = hiddenStyles(stylesPart && readPart(bytes, stylesPart));
    const skipsColumns = xml !== null && mayHaveSkippedColumns(xml);
    if (document && xml && (hasSimpleFields(xml) || mayHaveRevisions(xml) || mayHaveHiddenText(xml, styles) || skipsColumns)) {
        const marks = new PlaceMarks();
        let text = xml.toString('utf8');
        const original = text;
        // Revisions first: a revision's text is quoted as typed, hidden or not.
        const revised = mayHaveRevisions(xml) ? markRevisions(text, marks) : null;
        if (revised) ({ xml: text, revisions } = revised);
        if (mayHaveHiddenText(xml, styles)) ({ xml: text, hidden } = withoutHiddenText(text, marks, styles));
        if (hasSimpleFields(xml)) text = withFieldResults(text);
        // Last: the hidden text's table positions are counted by the cells the document has (docx-table-parts.ts).
        if (skipsColumns) text = withSkippedColumnCells(text);
        if (text !== original) input = replaceParts(bytes, parts, new Map([[document.name, Buffer.from(text, 'utf8')]]));
    }
    // Loaded on the first .docx import: the server and the CLI start without evaluating mammoth.
    const { default: mammoth } = await import('mammoth');
    let html: string;
    try {
        const result = await mammoth.convertToHtml({ buffer: input });
        html = result.value;
    } catch (error) {
        // mammoth's own words tell a user nothing: what they mean for the file does.
        throw new ImportError('无法读取 .docx 文档：文件已损坏或不完整，或其内部结构无法解析。请在 Word 中打开，另存为 .docx 后再导入。', { cause: error });
    }
    const { marks: places, ...table } = htmlTable(html);
    // Paragraphs outside tables are rows too.
    checkTableRows('Word 文档（表格行与段落）', table.rows.length);
    const notes = [...hiddenTextNotes(hidden, places), ...table.notes ?? []];
    if (revisions) notes.unshift({ where: '全文', message: revisionNote(revisions, places) });
    return { ...table, notes };
}

interface DocumentBlocks {
    /** `<w:tr>`, nested tables included */
    tableRows: number;
    /** `<w:tc>` */
    cells: number;
    /** `<w:p>`, in cells or not */
    paragraphs: number;
    /** `<w:p>` outside tables: with the table rows, at least as many as the rows html-table.ts makes of the HTML */
    outsideParagraphs: number;
}

function documentBlocks(xml: Buffer): DocumentBlocks {
    const blocks: DocumentBlocks = { tableRows: 0, cells: 0, paragraphs: 0, outsideParagraphs: 0 };
    let depth = 0;
    const is = (at: number, name: Buffer) => ENDS_NAME.has(xml[at + name.length]!) && xml.compare(name, 0, name.length, at, at + name.length) === 0;
    for (let i = xml.indexOf('<w:'); i >= 0; i = xml.indexOf('<', i + 1)) {
        if (is(i, TR)) blocks.tableRows++;
        else if (is(i, TC)) blocks.cells++;
        else if (is(i, P)) {
            blocks.paragraphs++;
            if (depth === 0) blocks.outsideParagraphs++;
        } else if (is(i, TBL)) depth++;
        else if (is(i, TBL_END)) depth = Math.max(0, depth - 1);
    }
    return blocks;
}

const [TR, TC, P, TBL, TBL_END] = ['<w:tr', '<w:tc', '<w:p', '<w:tbl', '</w:tbl'].map(name => Buffer.from(name, 'latin1')) as [Buffer, Buffer, Buffer, Buffer, Buffer];
/** What may follow a tag's name: '>', space, '/', tab, newline, carriage return (not <w:trPr>, <w:pPr>). */
const ENDS_NAME = new Set([0x3e, 0x20, 0x2f, 0x09, 0x0a, 0x0d]);
