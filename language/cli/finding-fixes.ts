import type { LangiumDocument } from 'langium';
import type { CodeAction, Command, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { JxmbServices } from '../jxmb-module.js';

// `jxmb check --format json`: each finding carries the quick-fixes the editor's lightbulb offers for it, asked of the
// language server's own code-action provider (lsp/code-actions.ts), so a reviewer's tool or CI applies the same edits.

/** A text edit, placed as the finding is: 1-based line and column (columns in UTF-16 code units, as the editor counts). */
export interface FindingEdit {
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    newText: string;
}

export interface FindingFix {
    title: string;
    /** the fix the editor applies on its own (Ctrl+. → the first, 「自动修复」) */
    isPreferred: boolean;
    /** edits of the file, none overlapping: apply from the last to the first */
    edits: FindingEdit[];
}

export async function fixesOf(services: JxmbServices, document: LangiumDocument, diagnostic: Diagnostic): Promise<FindingFix[]> {
    const provider = services.lsp.CodeActionProvider;
    if (!provider) return [];
    const actions = await provider.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
    }) ?? [];
    return actions.filter(isCodeAction).map(action => ({
        title: action.title,
        isPreferred: action.isPreferred === true,
        edits: editsOf(action).map(edit => ({
            line: edit.range.start.line + 1,
            column: edit.range.start.character + 1,
            endLine: edit.range.end.line + 1,
            endColumn: edit.range.end.character + 1,
            newText: edit.newText
        }))
    }));
}

const isCodeAction = (action: Command | CodeAction): action is CodeAction => typeof (action as Command).command !== 'string';

/** The edits of the one document a quick-fix changes (code-actions.ts writes them as documentChanges). */
function editsOf(action: CodeAction): TextEdit[] {
    return (action.edit?.documentChanges ?? []).flatMap(change => 'edits' in change ? change.edits.filter((e): e is TextEdit => 'newText' in e) : []);
}
