import { tableKind } from './kind.js';
import type { SourceCell, SourceTable } from './source.js';
import { departmentSection } from './vocabulary.js';

// Tab-separated text (a table copied out of Excel, Word or a web page; seeds 000, 001, 002, 004): one line per row,
// one tab per column boundary. Excel quotes a copied cell that holds a line break or a tab ("a⏎b"); such a field is
// read as one cell. Every cell keeps its line and column for the report.

export function linesOf(text: string): string[] {
    return text.replace(/\r\n?/g, '\n').split('\n');
}

/**
 * Tab-separated if a fair share of the lines holding text have tabs (blank lines and single titles have none); or
 * laid out with runs of spaces instead (below) when, read so, it is one of the tables.
 */
export function looksTabSeparated(text: string): boolean {
    const lines = linesOf(text).filter(line => line.trim() !== '');
    const tabbed = lines.filter(line => line.includes('\t')).length;
    if (tabbed > 0) return tabbed * 3 >= lines.length;
    return spaceSeparated(lines) && tableKind(readTsv(text)) !== null;
}

// Text whose columns are separated by runs of spaces (pdftotext -layout, a table pasted from a web page or as plain
// text): read word by word, every cell would fall apart at its spaces. When most lines have a gap of two spaces or
// more, each gap is a cell break, as a tab is; one space stays inside a cell (PDF text from SEED003 has single spaces
// between its cells and is read by pdf-department.ts). Empty cells leave no trace in such a gap: the rows come out
// shifted, which the recognisers read by their words as they do PDF text.
const GAP = /[ \u00a0\u3000]{2,}/g;

function spaceSeparated(lines: readonly string[]): boolean {
    const gapped = lines.filter(line => !line.includes('\t') && new RegExp(GAP.source).test(line.trimEnd())).length;
    return gapped * 2 >= lines.length && !lines.some(line => line.includes('\t'));
}

/**
 * The text with each gap a tab. A line ending in a gap had empty cells at its end (a row's 财政专户拨款 … 绩效指标
 * left blank): it is filled up with empty cells to the widest row, so that its cells stay in their columns.
 */
function gapsAsTabs(text: string): string {
    const rows = linesOf(text).map(line => ({ fields: line.trimEnd().replace(GAP, '\t').split('\t'), open: /[ \u00a0\u3000]{2,}$/.test(line) }));
    const width = Math.max(...rows.map(row => row.fields.length));
    return rows.map(({ fields, open }) => [...fields, ...(open ? new Array(Math.max(0, width - fields.length)).fill('') : [])].join('\t')).join('\n');
}

/** A quoted field may not run on for more lines than this: an unmatched quote must not swallow the file. */
const MAX_QUOTED_LINES = 50;

/** A row as read: its fields, and the line each field starts on. */
interface RawRow {
    fields: string[];
    lines: number[];
}

export function readTsv(input: string): SourceTable {
    const spaced = spaceSeparated(linesOf(input).filter(line => line.trim() !== ''));
    const text = spaced ? gapsAsTabs(input) : input.replace(/\r\n?/g, '\n');
    const raw: RawRow[] = [];
    let pos = 0;
    let line = 1;
    while (pos <= text.length) {
        const fields: string[] = [];
        const lines: number[] = [];
        for (;;) {
            lines.push(line);
            const quoted = text[pos] === '"' ? readQuoted(text, pos) : null;
            if (quoted) {
                fields.push(quoted.field);
                line += quoted.lines;
                pos = quoted.end;
            } else {
                let end = pos;
                while (end < text.length && text[end] !== '\t' && text[end] !== '\n') end++;
                fields.push(text.slice(pos, end));
                pos = end;
            }
            if (text[pos] === '\t') {
                pos++;
                continue;
            }
            pos++;
            line++;
            break;
        }
        raw.push({ fields, lines });
    }
    const notes: Array<{ where: string; message: string }> = [];
    if (spaced) {
        notes.push({ where: '全文', message: '文本中没有制表符，各栏之间是连续的空格（如 pdftotext -layout 的输出）：两个及以上的空格按分栏读取。空白的单元格在空格中看不出来，各行的内容按文字归位，请核对。' });
    }
    const rows = joinBrokenLines(raw, notes).map((r, row) => r.fields.map((field, col): SourceCell => {
        const at = r.lines[col]!;
        // A joined cell's place is its first line; the fields after it keep the place they have in the file.
        const field1 = col < (r.shift?.from ?? Infinity) ? col + 1 : col + 1 - r.shift!.by;
        return { text: field.trim(), where: `第${at}行第${field1}列`, row, col, place: { kind: 'line', line: at, field: field1 } };
    }));
    return { name: null, rows, extracted: true, notes };
}

/**
 * A cell broken over two lines without Excel's quotes (text copied out of a PDF or a web page): the row's line ends
 * early, and the next line starts with the rest of that cell. Two lines join when together, the broken cell counted
 * once, they have exactly as many fields as the row before them, and neither has that many alone; the second must
 * start with text that is no row label (a row of its own starts with its label column, empty or a label).
 */
function joinBrokenLines(raw: readonly RawRow[], notes: Array<{ where: string; message: string }>): Array<RawRow & { shift?: { from: number; by: number } }> {
    const out: Array<RawRow & { shift?: { from: number; by: number } }> = [];
    for (let i = 0; i < raw.length; i++) {
        const a = raw[i]!;
        const b = raw[i + 1];
        const width = out[out.length - 1]?.fields.length ?? 0;
        const head = b?.fields[0]?.trim() ?? '';
        const tail = a.fields[a.fields.length - 1]!.trim();
        if (b && width > 2 && a.fields.length < width && b.fields.length > 1 && a.fields.length + b.fields.length - 1 === width
            && tail !== '' && head !== '' && departmentSection(head) === null) {
            const joined = tail + head;
            const col = a.fields.length - 1;
            notes.push({
                where: `第${a.lines[col]}–${b.lines[0]}行`,
                message: `一格文字折成了两行（不带引号的换行，如从 PDF 复制）：「${tail}」与下一行开头的「${head}」接成一格「${joined}」。`
            });
            out.push({
                fields: [...a.fields.slice(0, col), joined, ...b.fields.slice(1)],
                lines: [...a.lines, ...b.lines.slice(1)],
                shift: { from: col + 1, by: col }
            });
            i++;
        } else {
            out.push(a);
        }
    }
    return out;
}

/** Excel's quoting: `"…"` with `""` for a quote inside, closed by a quote followed by a tab, a line end or the end. */
function readQuoted(text: string, start: number): { field: string; end: number; lines: number } | null {
    let field = '';
    let lines = 0;
    for (let j = start + 1; j < text.length; j++) {
        const ch = text[j]!;
        if (ch === '"') {
            if (text[j + 1] === '"') {
                field += '"';
                j++;
                continue;
            }
            const next = text[j + 1];
            return next === undefined || next === '\t' || next === '\n' ? { field, end: j + 1, lines } : null;
        }
        if (ch === '\n' && ++lines > MAX_QUOTED_LINES) return null;
        field += ch;
    }
    return null;
}
