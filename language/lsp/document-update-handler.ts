import { URI, UriUtils, type LangiumSharedCoreServices } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import { FileChangeType, type DidChangeWatchedFilesParams, type TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { JxmbDocumentBuilder } from '../document-builder.js';
import type { JxmbWorkspaceManager } from '../workspace-manager.js';

// Langium keeps a closed document as the editor last had it. Closed without saving, its findings in the Problems
// panel would then be those of text that no longer exists anywhere. On close the file is read again from disk, or
// its findings are cleared where there is no file (an untitled document, a file deleted meanwhile) or where the file
// is no longer in the workspace (its folder removed from it while the file was open).
// A document the editor has open is the editor's text, whatever happens on disk: a file deleted under an open
// editor (git checkout, rm, a rename in the terminal) is not dropped — dropped, its requests waited for a build that
// never came — and a close answered after the same file was opened again does not drop the reopened one; nor does
// the deletion of a folder holding it (a branch switch, `mv` of the folder).
// Edits are built once the keys already received are read: vscode-jsonrpc hands over one message per turn of the
// event loop, so building at each change parsed every key of a fast typist or of key repeat in turn — in a
// 10,000-indicator file the diagnostics came 15–110 s after the last key. The text that is built is always the
// editor's latest; requests wait for it, as they waited for the build of each key.
export class JxmbDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly files: LangiumSharedCoreServices['workspace']['FileSystemProvider'];
    private readonly editorDocuments: LangiumSharedServices['workspace']['TextDocuments'];
    private readonly documents: LangiumSharedCoreServices['workspace']['LangiumDocuments'];
    /** Documents edited since the last build was asked for, by URI. */
    private readonly edited = new Set<string>();
    /** Edits received so far: a build is asked for once a turn passes without one. */
    private edits = 0;
    /** Resolves once the edits received are queued as a workspace write; undefined when none wait. */
    private queued: Promise<void> | undefined;
    private announceQueued = (): void => undefined;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.files = services.workspace.FileSystemProvider;
        this.editorDocuments = services.workspace.TextDocuments;
        this.documents = services.workspace.LangiumDocuments;
    }

    override didChangeContent(change: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(change.document.uri);
        // The tree no longer fits the text: requests wait for the coming build, and the build of older text stops.
        const document = this.documents.getDocument(uri);
        if (document) (this.documentBuilder as JxmbDocumentBuilder).markEdited(document);
        this.workspaceLock.cancelWrite();
        this.edits++;
        const first = this.edited.size === 0;
        this.edited.add(uri.toString());
        if (first) {
            this.queued = new Promise(resolve => { this.announceQueued = resolve; });
            this.buildWhenRead(this.edits);
        }
    }

    /**
     * Resolves once the edits received so far are queued as a workspace write: a request that reads through the
     * workspace lock (document-request.ts) then sees the text sent before it, as when each edit was queued at once.
     */
    editsQueued(): Promise<void> {
        return this.queued ?? Promise.resolve();
    }

    /** Two turns: one for vscode-jsonrpc to hand over the next message received, one to see whether it was an edit. */
    private buildWhenRead(seen: number): void {
        setImmediate(() => setImmediate(() => {
            if (this.edits !== seen) return this.buildWhenRead(this.edits);
            const changed = [...this.edited].map(uri => URI.parse(uri));
            this.edited.clear();
            this.fireDocumentUpdate(changed, []);
            // fireDocumentUpdate queues the write when the workspace is ready: announced after it, on the same promise.
            const announce = this.announceQueued;
            this.queued = undefined;
            void this.workspaceManager.ready.then(announce, announce);
        }));
    }

    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        // A document jxmb only by the editor's word (a .txt in language mode jxmb) is not jxmb once closed: read again
        // from disk, or met by the next build, it asked Langium for services there are none for, and the failure ended
        // the server. It goes now, before any later build, and its findings with it.
        if (!this.serviceRegistry.hasServices(uri)) return this.fireDocumentUpdate([], [uri]);
        void (uri.scheme === 'file' ? this.files.exists(uri) : Promise.resolve(false)).then(onDisk => {
            if (this.isOpen(uri)) return;
            const kept = onDisk && (this.workspaceManager as JxmbWorkspaceManager).keepsClosed(uri);
            this.fireDocumentUpdate(kept ? [uri] : [], kept ? [] : [uri]);
        });
    }

    override didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
        super.didChangeWatchedFiles({ changes: params.changes.flatMap(change => change.type === FileChangeType.Deleted ? this.deletedBesidesOpen(change.uri) : [change]) });
    }

    /**
     * What a deletion removes besides the documents the editor has open. Langium deletes every document under a deleted
     * URI (it may be a folder); where an open document is among them, the others are deleted one by one.
     */
    private deletedBesidesOpen(deleted: string): Array<{ uri: string; type: FileChangeType }> {
        const uri = URI.parse(deleted);
        if (this.isOpen(uri)) return [];
        const under = this.documents.all.filter(document => UriUtils.contains(uri, document.uri)).map(document => document.uri).toArray();
        if (!under.some(inside => this.isOpen(inside))) return [{ uri: deleted, type: FileChangeType.Deleted }];
        return under.filter(inside => !this.isOpen(inside)).map(inside => ({ uri: inside.toString(), type: FileChangeType.Deleted }));
    }

    private isOpen(uri: URI): boolean {
        return this.editorDocuments.get(uri.toString()) !== undefined;
    }
}
