import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Document } from '../generated/ast.js';
import { isSyntaxError } from '../cli/diagnostics.js';

// What every custom request starts with: the open document as the server has parsed and validated it.

/**
 * The validated document for `uri`, or undefined when the client never opened it. A didOpen or didChange sent just
 * before the request is queued as a workspace write; a normal read runs after it, so the request sees that text.
 */
export async function validatedDocument(shared: LangiumSharedServices, uri: string, token?: CancellationToken): Promise<LangiumDocument<Document> | undefined> {
    if (typeof uri !== 'string') return undefined; // a malformed request: answered as for an unopened file
    const parsed = URI.parse(uri);
    await shared.workspace.WorkspaceManager.ready;
    await shared.workspace.WorkspaceLock.read(() => undefined);
    const documents = shared.workspace.LangiumDocuments;
    if (!documents.hasDocument(parsed)) return undefined;
    await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, parsed, token);
    return documents.getDocument(parsed) as LangiumDocument<Document> | undefined;
}

/** 「第 3 行第 14 列，语法错误：…」 for the first syntax error, or undefined when the document parses. */
export function firstSyntaxError(document: LangiumDocument): string | undefined {
    const error = (document.diagnostics ?? []).filter(isSyntaxError)
        .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)[0];
    return error && `第 ${error.range.start.line + 1} 行第 ${error.range.start.character + 1} 列，${messageOf(error)}`;
}

function messageOf(diagnostic: Diagnostic): string {
    return typeof diagnostic.message === 'string' ? diagnostic.message : (diagnostic.message as { value: string }).value;
}

export const notOpenMessage = '语言服务没有打开这个文件：请在编辑器中打开它后再试。';
