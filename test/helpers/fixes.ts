import type { LangiumDocument } from 'langium';
import { expect } from 'vitest';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseAndValidate } from '../../language/documents.js';
import type { Document } from '../../language/generated/ast.js';
import { keepingComments } from '../../language/lsp/code-actions.js';
import { keepsSyntax } from '../../language/lsp/fix-syntax.js';
import { allFixes } from '../../language/lsp/fixes/index.js';
import type { FixEdit, QuickFix } from '../../language/lsp/quick-fix.js';
import { jxmb } from './services.js';

export function applyEdits(text: string, edits: FixEdit[]): string {
    return TextDocument.applyEdits(TextDocument.create('memory://x.jxmb', 'jxmb', 1, text), edits.map(e => ({ range: e.range, newText: e.newText })));
}

export async function diagnose(text: string): Promise<{ document: LangiumDocument<Document>; diagnostics: Diagnostic[] }> {
    return parseAndValidate(jxmb(), text);
}

/** The quick-fixes offered for the first diagnostic with `code` (the file must report one). */
export async function fixesFor(text: string, code: string): Promise<{ diagnostic: Diagnostic; fixes: QuickFix[]; diagnostics: Diagnostic[] }> {
    const { document, diagnostics } = await diagnose(text);
    const diagnostic = diagnostics.find(d => d.code === code);
    expect(diagnostic, `no ${code} reported; reported: ${diagnostics.map(d => d.code).join(', ')}`).toBeDefined();
    const provider = allFixes[code];
    expect(provider, `no quick-fix registered for ${code}`).toBeDefined();
    // As the code-action provider offers them: with the comments in replaced text kept, none that makes the file read worse.
    const fixes = provider!(diagnostic!, document).map(fix => keepingComments(document, fix))
        .filter(fix => keepsSyntax(jxmb().parser.LangiumParser, jxmb().parser.Lexer, document, fix.edits));
    return { diagnostic: diagnostic!, fixes, diagnostics };
}

/**
 * Applies the fix whose title contains `title` (or the first) to the first `code` diagnostic, validates again,
 * and checks what a user would: the file still parses, that diagnostic is gone, and no new error appeared.
 */
export async function applyFixAndRecheck(text: string, code: string, title?: string): Promise<{ text: string; diagnostics: Diagnostic[]; fix: QuickFix }> {
    const { fixes, diagnostics: before } = await fixesFor(text, code);
    const fix = title === undefined ? fixes[0] : fixes.find(f => f.title.includes(title));
    expect(fix, `no fix titled …${title}… among: ${fixes.map(f => f.title).join(' | ')}`).toBeDefined();
    const fixed = applyEdits(text, fix!.edits);
    const { diagnostics: after } = await diagnose(fixed);
    const show = (ds: Diagnostic[]) => ds.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`).join('\n');
    const syntax = after.filter(d => d.code === 'parsing-error' || d.code === 'lexing-error');
    expect(syntax, `the fix left a file that does not parse:\n${fixed}\n${show(syntax)}`).toEqual([]);
    expect(after.filter(d => d.code === code).length, `${code} still reported after the fix:\n${fixed}\n${show(after)}`)
        .toBeLessThan(before.filter(d => d.code === code).length);
    const key = (d: Diagnostic) => `${d.code} ${d.message}`;
    const errorsBefore = new Set(before.filter(d => d.severity === DiagnosticSeverity.Error).map(key));
    const newErrors = after.filter(d => d.severity === DiagnosticSeverity.Error && !errorsBefore.has(key(d)));
    expect(newErrors, `the fix introduced errors:\n${fixed}\n${show(newErrors)}`).toEqual([]);
    return { text: fixed, diagnostics: after, fix: fix! };
}
