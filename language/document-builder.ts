import { DefaultDocumentBuilder, DocumentState, OperationCancelled, UriUtils, type LangiumDocument, type URI } from 'langium';
import { lstat } from 'node:fs/promises';
import { CancellationToken } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { JxmbWorkspaceManager } from './workspace-manager.js';

// Langium's builder adds a validation run's findings to those already on the document, to keep the results of
// validation categories that ran before. When builds overlap (VS Code opens a file while the workspace loads and
// the settings arrive), the same categories can run twice and every finding shows twice in VS Code's counts.
// A finding identical in place, code and text is the same finding: keep one.
export class JxmbDocumentBuilder extends DefaultDocumentBuilder {
    /**
     * An edit was received and its build is coming (document-update-handler.ts): until then the document's tree does
     * not fit its text, so requests for it wait — as they wait during a build, which starts by the same two steps.
     */
    markEdited(document: LangiumDocument): void {
        this.resetToState(document, DocumentState.Changed);
        this.currentState = DocumentState.Changed;
    }

    // A re-check (a settings or jxmb.yaml change, a watcher's "changed") reads its documents' files again. A file gone
    // from disk before the server was told (a branch switch deletes tables and changes jxmb.yaml at once) failed that
    // read, and the failure ended the server. Its document goes now, as its deletion will take it; an open one is
    // the editor's text and stays.
    override async update(changed: URI[], deleted: URI[], cancelToken?: CancellationToken): Promise<void> {
        const gone = await Promise.all(changed.map(uri => this.goneFromDisk(uri)));
        return super.update(changed.filter((_, i) => !gone[i]), [...deleted, ...changed.filter((_, i) => gone[i])], cancelToken);
    }

    private async goneFromDisk(uri: URI): Promise<boolean> {
        if (uri.scheme !== 'file' || this.textDocuments?.get(uri.toString())) return false;
        const missing = (error: NodeJS.ErrnoException) => error.code === 'ENOENT' || error.code === 'ENOTDIR';
        return lstat(uri.fsPath).then(() => false, missing);
    }

    protected override async validate(document: LangiumDocument, cancelToken: CancellationToken): Promise<void> {
        await super.validate(document, cancelToken);
        if (document.diagnostics) document.diagnostics = distinct(document.diagnostics);
    }

    // Langium skips a phase's listeners when the build is cancelled right after the document reached the phase. For
    // Validated that loses the publication: the document counts as built, no later build publishes it, and its file
    // is missing from the Problems panel (seen when edits cancel the build of a workspace folder). Once a document is
    // validated, its findings are always announced; the cancellation takes effect at the next document.
    protected override async notifyDocumentPhase(document: LangiumDocument, state: DocumentState, cancelToken: CancellationToken): Promise<void> {
        await super.notifyDocumentPhase(document, state, state === DocumentState.Validated ? CancellationToken.None : cancelToken);
    }

    // A named pipe (or socket, device, link to nothing) with a .jxmb name, created while the folder is open or put in a
    // table's place, passed unseen: Langium takes only a file or a folder from the watcher. It is taken as at folder load.
    protected override async findChangedUris(changed: URI): Promise<URI[]> {
        const found = await super.findChangedUris(changed);
        if (found.length > 0) return found;
        return await (this.workspaceManager() as JxmbWorkspaceManager).isOtherFile(changed) ? [changed] : [];
    }

    // A request for a document whose didOpen is taken but whose build has not started (another write, such as a
    // batch of the folder's files, holds the lock) found no document and was refused ServerCancelled: the editor got
    // no outline or folding from it (VS Code asks for both the moment it opens a file). It waits for that build.
    protected override awaitDocumentState(state: DocumentState, uri: URI, cancelToken: CancellationToken): Promise<URI> {
        if (this.langiumDocuments.hasDocument(uri) || !this.textDocuments?.get(uri.toString())) return super.awaitDocumentState(state, uri, cancelToken);
        return new Promise((resolve, reject) => {
            const built = this.onDocumentPhase(state, document => {
                if (!UriUtils.equals(document.uri, uri)) return;
                built.dispose();
                cancelled.dispose();
                resolve(uri);
            });
            const cancelled = cancelToken.onCancellationRequested(() => {
                built.dispose();
                cancelled.dispose();
                reject(OperationCancelled);
            });
        });
    }
}

function distinct(diagnostics: Diagnostic[]): Diagnostic[] {
    const seen = new Set<string>();
    return diagnostics.filter(d => {
        const { start, end } = d.range;
        const key = `${start.line}:${start.character}-${end.line}:${end.character}|${d.severity}|${String(d.code)}|${d.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}
