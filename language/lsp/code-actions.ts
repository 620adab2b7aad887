import type { LangiumDocument, LangiumParser, Lexer, MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import type { Document } from '../generated/ast.js';
import { allFixes } from './fixes/index.js';
import type { FixEdit, QuickFix } from './quick-fix.js';
import { FixNotApplicable } from './fixes/not-applicable.js';
import { commentsBetween, commentTail, escapeSnippet } from './fixes/text-layout.js';
import { keepsSyntax } from './fix-syntax.js';

// Quick-fixes keyed by the diagnostic's code: each family of checks has a file in fixes/ with its providers.
export class JxmbCodeActionProvider implements CodeActionProvider {
    /** Set from the client's capabilities: whether it accepts snippet edits (LSP 3.18). */
    snippets = false;

    /** `parser`, `lexer`: the language's, to read a fix's result in a file with a syntax error (fix-syntax.ts). */
    constructor(private readonly parser: LangiumParser, private readonly lexer: Lexer) {}

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction>> {
        const actions: CodeAction[] = [];
        const current = document.diagnostics ?? [];
        // A client that sends no context (a protocol slip) gets no fixes rather than an internal error.
        for (const shown of params.context?.diagnostics ?? []) {
            // The editor sends the diagnostics it shows; right after typing they belong to the previous version, and
            // edits built from their range and data would change the wrong text. Only a diagnostic the document still
            // has is fixed, from the server's own copy (which carries `data` even when the client dropped it).
            const diagnostic = currentDiagnostic(current, shown);
            const provider = diagnostic && allFixes[String(diagnostic.code)];
            if (!diagnostic || !provider) continue;
            for (const fix of fixesOf(provider, diagnostic, document as LangiumDocument<Document>)) {
                // An editor refuses a workspace edit whose edits overlap: such a fix is not offered.
                if (overlapping(fix.edits)) continue;
                const kept = inLineEndsOf(document, keepingComments(document as LangiumDocument<Document>, fix));
                // In a file with a syntax error, a fix that would make it read worse is not offered.
                if (!keepsSyntax(this.parser, this.lexer, document, kept.edits)) continue;
                actions.push(this.toCodeAction(document, kept, shown));
            }
        }
        return actions;
    }

    private toCodeAction(document: LangiumDocument, fix: QuickFix, diagnostic: Diagnostic): CodeAction {
        const edits = fix.edits.map(edit => this.snippets && edit.snippet
            ? { range: edit.range, snippet: { kind: 'snippet' as const, value: edit.snippet } }
            : { range: edit.range, newText: edit.newText });
        return {
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: fix.isPreferred,
            edit: {
                documentChanges: [{
                    textDocument: { uri: document.textDocument.uri, version: document.textDocument.version },
                    edits: edits as TextEdit[]
                }]
            }
        };
    }
}

/** A provider's fixes; one that fails (a bug, or a tree it cannot handle) gives none instead of failing the request. */
function fixesOf(provider: (d: Diagnostic, doc: LangiumDocument<Document>) => QuickFix[], diagnostic: Diagnostic, document: LangiumDocument<Document>): QuickFix[] {
    try {
        return provider(diagnostic, document);
    } catch (error) {
        if (!(error instanceof FixNotApplicable)) {
            console.error(`快速修复「${String(diagnostic.code)}」出错，已跳过：${error instanceof Error ? error.message : String(error)}`);
        }
        return [];
    }
}

/**
 * A fix never deletes the user's comments: one inside a range it replaces, and written by none of its edits (a move
 * writes the comments it carries), is put back after that edit's new text.
 */
export function keepingComments(document: LangiumDocument<Document>, fix: QuickFix): QuickFix {
    const written = fix.edits.map(e => e.newText);
    const edits = fix.edits.map(edit => {
        const [start, end] = [document.textDocument.offsetAt(edit.range.start), document.textDocument.offsetAt(edit.range.end)];
        const lost = commentsBetween(document, start, end).filter(c => !written.some(w => w.includes(c.text)));
        if (lost.length === 0) return edit;
        const tail = commentTail(document, start, end, lost);
        return { ...edit, newText: edit.newText + tail, snippet: edit.snippet && edit.snippet + escapeSnippet(tail) };
    });
    return { ...fix, edits };
}

/**
 * The fixes write their lines with \n; in a file with CRLF line ends only (written on Windows) the lines they add end in
 * CRLF too, as the formatter's do: an editor that does not convert them, or a tool applying `jxmb check --format
 * json`'s edits, would otherwise leave a file of mixed line ends.
 */
export function inLineEndsOf(document: LangiumDocument, fix: QuickFix): QuickFix {
    if (!usesCrlf(document)) return fix;
    const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
    return { ...fix, edits: fix.edits.map(edit => ({ ...edit, newText: crlf(edit.newText), ...edit.snippet === undefined ? {} : { snippet: crlf(edit.snippet) } })) };
}

/** Read once per version of the text: `jxmb check --format json` asks for the fixes of every finding of a file. */
const lineEnds = new WeakMap<object, { version: number; crlf: boolean }>();

function usesCrlf(document: LangiumDocument): boolean {
    const text = document.textDocument;
    let known = lineEnds.get(text);
    if (known?.version !== text.version) {
        // Only where every line ends so: in a file of mixed ends, a bare \n may be the user's, inside a string a fix
        // copies (a 三级 moved with a name broken over two lines), and turning it into CRLF would change that text.
        const whole = text.getText();
        known = { version: text.version, crlf: whole.includes('\r\n') && !/(?<!\r)\n/.test(whole) };
        lineEnds.set(text, known);
    }
    return known.crlf;
}

/** The document's diagnostics by code, range and message, made once per validation of the document. */
const indexes = new WeakMap<readonly Diagnostic[], { length: number; byKey: Map<string, Diagnostic> }>();

/**
 * The document's own diagnostic that `shown` is a copy of. Looked up in an index: `jxmb check --format json` asks for
 * the fixes of every finding, and a search of the whole list for each made a file of n findings take n² steps.
 */
function currentDiagnostic(current: readonly Diagnostic[], shown: Diagnostic): Diagnostic | undefined {
    let index = indexes.get(current);
    if (index?.length !== current.length) {
        index = { length: current.length, byKey: new Map() };
        for (const d of current) if (!index.byKey.has(diagnosticKey(d))) index.byKey.set(diagnosticKey(d), d);
        indexes.set(current, index);
    }
    return index.byKey.get(diagnosticKey(shown));
}

function diagnosticKey(d: Diagnostic): string {
    const r = d.range;
    return `${String(d.code)}\u0000${r?.start?.line}:${r?.start?.character}-${r?.end?.line}:${r?.end?.character}\u0000${d.message}`;
}

function before(a: Range['start'], b: Range['start']): number {
    return a.line - b.line || a.character - b.character;
}

/** Whether two edits of one document overlap (touching ends and insertions at one point are fine). */
export function overlapping(edits: readonly FixEdit[]): boolean {
    const sorted = [...edits].sort((x, y) => before(x.range.start, y.range.start) || before(x.range.end, y.range.end));
    for (let i = 1; i < sorted.length; i++) {
        if (before(sorted[i - 1]!.range.end, sorted[i]!.range.start) > 0) return true;
    }
    return false;
}
