import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isSyntaxFinding } from './syntax-messages.js';

// A value the parser stopped in (`90-95%`, `90~`) reaches the checks as the part it took (`90`): a value check then
// judges a value nobody wrote (「现为「90」」), and its quick-fix edits half of it (`90%-95%`, still broken). The
// syntax error says what to write; the value's own findings come back once it parses.

/** The findings of a value (value/…, measurability/…) that a syntax error on its line starts in or right after. */
export function findingsOnCutShortValues(diagnostics: readonly Diagnostic[], textDocument: TextDocument): Set<Diagnostic> {
    const cut = new Set<Diagnostic>();
    const syntaxStarts = new Map<number, number[]>();
    for (const d of diagnostics) {
        if (!isSyntaxFinding(d)) continue;
        const offsets = syntaxStarts.get(d.range.start.line) ?? [];
        offsets.push(textDocument.offsetAt(d.range.start));
        syntaxStarts.set(d.range.start.line, offsets);
    }
    if (syntaxStarts.size === 0) return cut;
    const text = textDocument.getText();
    for (const d of diagnostics) {
        const code = String(d.code ?? (d.data as { code?: string } | undefined)?.code);
        if (!code.startsWith('value/') && !code.startsWith('measurability/')) continue;
        const offsets = syntaxStarts.get(d.range.end.line);
        if (!offsets) continue;
        const start = textDocument.offsetAt(d.range.start);
        const end = textDocument.offsetAt(d.range.end);
        if (offsets.some(at => at >= start && (at <= end || /^[ \t\u3000]*$/.test(text.slice(end, at))))) cut.add(d);
    }
    return cut;
}
