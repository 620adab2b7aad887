import { TextDocument, URI, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Document } from '../../language/generated/ast.js';
import { jxmb } from '../helpers/services.js';
import { yieldToEventLoop } from './arbitraries.js';

// The editor's features on one text, through the service interfaces as the language server calls them. The
// document is in the workspace while the features run (completion reads names from the workspace), and removed after.

let counter = 0;

export async function withDocument<T>(text: string, use: (document: LangiumDocument<Document>, diagnostics: Diagnostic[]) => Promise<T>): Promise<T> {
    await yieldToEventLoop();
    const services = jxmb();
    const uri = URI.parse(`file:///robustness/doc-${++counter}.jxmb`);
    const documents = services.shared.workspace.LangiumDocuments;
    const document = services.shared.workspace.LangiumDocumentFactory.fromString<Document>(text, uri);
    documents.addDocument(document);
    try {
        await services.shared.workspace.DocumentBuilder.build([document], { validation: true });
        return await use(document, document.diagnostics ?? []);
    } finally {
        documents.deleteDocument(uri);
    }
}

export async function completeAt(document: LangiumDocument, offset: number) {
    const params = { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset) };
    return await jxmb().lsp.CompletionProvider!.getCompletion(document, params);
}

export async function hoverAt(document: LangiumDocument, offset: number) {
    const params = { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset) };
    return await jxmb().lsp.HoverProvider!.getHoverContent(document, params);
}

/** The text after the formatter's edits. */
export async function formatted(document: LangiumDocument): Promise<string> {
    const edits = await jxmb().lsp.Formatter!.formatDocument(document, {
        textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true }
    });
    return TextDocument.applyEdits(TextDocument.create('memory:///f.jxmb', 'jxmb', 1, document.textDocument.getText()), edits);
}
