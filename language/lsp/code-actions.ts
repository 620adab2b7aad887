import type { LangiumDocument, MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type TextEdit } from 'vscode-languageserver';
import type { Document } from '../generated/ast.js';
import { allFixes } from './fixes/index.js';
import type { QuickFix } from './quick-fix.js';

// Quick-fixes keyed by the diagnostic's code: each family of checks has a file in fixes/ with its providers.
export class JxmbCodeActionProvider implements CodeActionProvider {
    /** Set from the client's capabilities: whether it accepts snippet edits (LSP 3.18). */
    snippets = false;

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction>> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            const provider = allFixes[String(diagnostic.code)];
            if (!provider) continue;
            for (const fix of provider(diagnostic, document as LangiumDocument<Document>)) {
                actions.push(this.toCodeAction(document, fix, diagnostic));
            }
        }
        return actions;
    }

    private toCodeAction(document: LangiumDocument, fix: QuickFix, diagnostic: CodeActionParams['context']['diagnostics'][number]): CodeAction {
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
