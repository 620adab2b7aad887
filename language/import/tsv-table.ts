import type { SourceCell, SourceTable } from './source.js';

// Tab-separated text (a table copied out of Excel, Word or a web page; seeds 000, 001, 002, 004): one line per row,
// one tab per column boundary. Excel quotes a copied cell that holds a line break or a tab ("a⏎b"); such a field is
// read as one cell. Every cell keeps its line and column for the report.

export function linesOf(text: string): string[] {
    return text.replace(/\r\n?/g, '\n').split('\n');
}

/** Tab-separated if a fair share of the lines holding text have tabs (blank lines and single titles have none). */
export function looksTabSeparated(text: string): boolean {
    const lines = linesOf(text).filter(line => line.trim() !== '');
    const tabbed = lines.filter(line => line.includes('\t')).length;
    return tabbed > 0 && tabbed * 3 >= lines.length;
}

/** A quoted field may not run on for more lines than this: an unmatched quote must not swallow the file. */
const MAX_QUOTED_LINES = 50;

export function readTsv(input: string): SourceTable {
    const text = input.replace(/\r\n?/g, '\n');
    const rows: SourceCell[][] = [];
    let pos = 0;
    let line = 1;
    while (pos <= text.length) {
        const rowLine = line;
        const fields: string[] = [];
        for (;;) {
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
        const row = rows.length;
        rows.push(fields.map((field, col) => ({ text: field.trim(), where: `第${rowLine}行第${col + 1}列`, row, col, place: { kind: 'line' as const, line: rowLine, field: col + 1 } })));
    }
    return { name: null, rows, extracted: true };
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
