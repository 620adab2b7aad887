// Whether a text is a table the importer reads, or a .jxmb under another name: asked by import, and by check and
// compile, which refuse a table with one line of advice instead of a syntax error per cell.
import { looksLikePdfDepartment } from './pdf-department.js';
import { looksTabSeparated } from './tsv-table.js';

/** How the importer would read a text as a table (null: it finds none, or the text is a .jxmb under another name). */
export function tableTextFormat(text: string): 'tsv' | 'pdf-text' | null {
    if (isDeclarationText(text)) return null;
    return looksTabSeparated(text) ? 'tsv' : looksLikePdfDepartment(text) ? 'pdf-text' : null;
}

/**
 * The text is a .jxmb (a copy under another name): its first line past comments opens a declaration,
 * 「部门整体 "…"」 or 「项目支出 "…"」, which no table starts with. Read as PDF text it would come out as garbage.
 */
export function isDeclarationText(text: string): boolean {
    // Skipped by a loop, not by one expression: a repeated group of repeated blanks backtracks exponentially on a
    // text that opens with a few dozen blank lines (PDF text does) and turns out to be no declaration.
    let at = 0;
    while (at < text.length) {
        if (/[\s\u3000\ufeff]/.test(text[at]!)) at++;
        else if (text.startsWith('//', at)) {
            const end = text.indexOf('\n', at);
            at = end < 0 ? text.length : end;
        } else if (text.startsWith('/*', at)) {
            const end = text.indexOf('*/', at + 2);
            if (end < 0) return false;
            at = end + 2;
        } else break;
    }
    return /^(?:部门整体|项目支出)[\s\u3000]+["“]/.test(text.slice(at, at + 64));
}

