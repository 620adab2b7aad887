import { DocumentState, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import type { Document } from '../generated/ast.js';
import { summarize, type DocumentSummary } from '../validation/summary.js';

/** `jxmb/summary` { uri } → the document's measurability and finding counts (for the status bar). */
export const SummaryRequest = 'jxmb/summary';

export function registerSummaryRequest(connection: Connection, shared: LangiumSharedServices): void {
    connection.onRequest(SummaryRequest, async (params: { uri: string }, token): Promise<DocumentSummary | null> => {
        if (typeof params?.uri !== 'string') return null;
        const uri = URI.parse(params.uri);
        const documents = shared.workspace.LangiumDocuments;
        if (!documents.hasDocument(uri)) return null;
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, uri, token);
        const document = documents.getDocument(uri);
        return document ? summarize(document.parseResult.value as Document, document.diagnostics ?? []) : null;
    });
}
