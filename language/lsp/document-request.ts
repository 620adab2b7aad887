import { DocumentState, URI, isOperationCancelled, type LangiumDocument } from 'langium';
import { ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Document } from '../generated/ast.js';
import { isSyntaxError } from '../cli/diagnostics.js';
import type { JxmbDocumentUpdateHandler } from './document-update-handler.js';
import type { RequestFailure } from './protocol-request.js';

// What every custom request starts with: the open document as the server has parsed and validated it.

/**
 * The validated document for `uri`, or undefined when the client never opened it. A didOpen or didChange sent just
 * before the request is queued as a workspace write (once the edits received are read: document-update-handler.ts);
 * a normal read runs after it, so the request sees that text.
 */
export async function validatedDocument(shared: LangiumSharedServices, uri: string, token?: CancellationToken): Promise<LangiumDocument<Document> | undefined> {
    if (typeof uri !== 'string') return undefined; // a malformed request: answered as for an unopened file
    const parsed = URI.parse(uri);
    await shared.workspace.WorkspaceManager.ready;
    await (shared.lsp.DocumentUpdateHandler as JxmbDocumentUpdateHandler).editsQueued();
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

export const malformed = (): RequestFailure => ({ ok: false, message: '请求的参数不完整或不正确，无法处理：请更新 jxmb 扩展后重试。' });

/**
 * Registers one of the editor's requests. Parameters that are not what the extension sends (null, wrong types:
 * another client, an older extension) get a failure the command can show, not a JSON-RPC internal error; a
 * cancellation stays a cancellation.
 */
export function onEditorRequest<P, R>(connection: Connection, method: string, handler: (params: P, token: CancellationToken) => Promise<R | RequestFailure>): void {
    connection.onRequest(method, async (params: P, token: CancellationToken) => {
        if (params === null || typeof params !== 'object') return malformed();
        try {
            return await handler(params, token);
        } catch (error) {
            if (isOperationCancelled(error) || error instanceof ResponseError) throw error;
            console.error(`jxmb: ${method}: ${error instanceof Error ? error.message : String(error)}`);
            return malformed();
        }
    });
}

/** The request's cancellation as the AbortSignal the engines take (a draft, a review). */
export function abortSignalOf(token: CancellationToken): AbortSignal {
    const controller = new AbortController();
    if (token.isCancellationRequested) controller.abort();
    else token.onCancellationRequested(() => controller.abort());
    return controller.signal;
}
