import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import type { JxmbDocumentFactory } from '../document-factory.js';

// textDocument/publishDiagnostics carries the version of the text the diagnostics were computed for (LSP 3.15), so
// that an editor can drop diagnostics that arrive after the user has typed on. Langium publishes without it; every
// publication for an open document goes through here.

export function publishWithVersion(connection: Connection, shared: LangiumSharedServices): void {
    const send = connection.sendDiagnostics.bind(connection);
    const factory = shared.workspace.LangiumDocumentFactory as JxmbDocumentFactory;
    connection.sendDiagnostics = params => {
        if (params.version !== undefined) return send(params);
        // The document as it stands when its diagnostics are published is the one they were computed from: a later
        // edit is read (and its version recorded) only when the next build starts.
        const document = shared.workspace.LangiumDocuments.getDocument(URI.parse(params.uri));
        const version = document && factory.textVersion(document);
        return send(version === undefined ? params : { ...params, version });
    };
}
