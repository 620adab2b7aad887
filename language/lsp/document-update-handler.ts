import { URI, type LangiumSharedCoreServices } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

// Langium keeps a closed document as the editor last had it. Closed without saving, its findings in the Problems
// panel would then be those of text that no longer exists anywhere. On close the file is read again from disk, or
// its findings are cleared where there is no file (an untitled document, a file deleted meanwhile).
export class JxmbDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly files: LangiumSharedCoreServices['workspace']['FileSystemProvider'];

    constructor(services: LangiumSharedServices) {
        super(services);
        this.files = services.workspace.FileSystemProvider;
    }

    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        void (uri.scheme === 'file' ? this.files.exists(uri) : Promise.resolve(false))
            .then(onDisk => this.fireDocumentUpdate(onDisk ? [uri] : [], onDisk ? [] : [uri]));
    }
}
