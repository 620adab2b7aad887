import { URI, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Document } from './generated/ast.js';
import type { JxmbServices } from './jxmb-module.js';

let counter = 0;

/** Parses and validates one text as a .jxmb document (outside a workspace, as the CLI and tests need it). */
export async function parseAndValidate(services: JxmbServices, text: string, uri?: string): Promise<{ document: LangiumDocument<Document>; diagnostics: Diagnostic[] }> {
    const documentUri = URI.parse(uri ?? `memory:///doc-${++counter}.jxmb`);
    const documents = services.shared.workspace.LangiumDocuments;
    if (documents.hasDocument(documentUri)) {
        documents.deleteDocument(documentUri);
    }
    const document = services.shared.workspace.LangiumDocumentFactory.fromString<Document>(text, documentUri);
    documents.addDocument(document);
    try {
        await services.shared.workspace.DocumentBuilder.build([document], { validation: true });
        return { document, diagnostics: document.diagnostics ?? [] };
    } finally {
        // The CLI checks thousands of files; keep the workspace and the index from growing.
        documents.deleteDocument(documentUri);
        services.shared.workspace.IndexManager.remove(documentUri);
    }
}
