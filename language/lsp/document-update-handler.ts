import { URI, type LangiumSharedCoreServices } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import { FileChangeType, type DidChangeWatchedFilesParams, type TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

// Langium keeps a closed document as the editor last had it. Closed without saving, its findings in the Problems
// panel would then be those of text that no longer exists anywhere. On close the file is read again from disk, or
// its findings are cleared where there is no file (an untitled document, a file deleted meanwhile).
// A document the editor has open is the editor's text, whatever happens on disk: a file deleted under an open
// editor (git checkout, rm, a rename in the terminal) is not dropped — dropped, its requests waited for a build that
// never came — and a close answered after the same file was opened again does not drop the reopened one.
export class JxmbDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly files: LangiumSharedCoreServices['workspace']['FileSystemProvider'];
    private readonly editorDocuments: LangiumSharedServices['workspace']['TextDocuments'];

    constructor(services: LangiumSharedServices) {
        super(services);
        this.files = services.workspace.FileSystemProvider;
        this.editorDocuments = services.workspace.TextDocuments;
    }

    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        void (uri.scheme === 'file' ? this.files.exists(uri) : Promise.resolve(false)).then(onDisk => {
            if (this.isOpen(uri)) return;
            this.fireDocumentUpdate(onDisk ? [uri] : [], onDisk ? [] : [uri]);
        });
    }

    override didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
        super.didChangeWatchedFiles({
            changes: params.changes.filter(change => change.type !== FileChangeType.Deleted || !this.isOpen(URI.parse(change.uri)))
        });
    }

    private isOpen(uri: URI): boolean {
        return this.editorDocuments.get(uri.toString()) !== undefined;
    }
}
