import { stat } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import {
    DefaultWorkspaceManager, delayNextTick, type FileSystemNode, type LangiumDocument, type LangiumSharedCoreServices, type Stream, type TextDocumentProvider,
    URI, UriUtils
} from 'langium';
import { MessageType, ShowMessageNotification, type Connection, type InitializedParams, type WorkDoneProgressServerReporter } from 'vscode-languageserver';
import { describeFsError } from './cli/source-files.js';

/** Time spent loading workspace files in one lock action: an edit that arrives meanwhile waits at most this long. */
const BATCH_MS = 25;
/** A load that takes longer shows its progress in the editor (shorter ones would only flicker). */
const PROGRESS_AFTER_MS = 300;

// Langium loads and parses every file of the workspace folders before the file opened in the editor is looked at
// (≈ 1 s for a reviewer's folder of 500 tables). jxmb has no cross-references: no other file changes a file's
// diagnostics. So only the file names are collected at start-up; the files open in the editor are built by their
// didOpen as usual, and the others are loaded and checked afterwards, a few at a time, each batch a workspace
// write that lets edits and requests in between. Every file is still checked and published (the Problems panel).
export class JxmbWorkspaceManager extends DefaultWorkspaceManager {
    private readonly textDocuments: TextDocumentProvider | undefined;
    /** Workspace files found at start-up and not loaded yet, in the order found. */
    private pending: URI[] = [];
    /** Folders the user was told they cannot be read: overlapping workspace folders list a folder twice. */
    private readonly reportedFolders = new Set<string>();

    constructor(services: LangiumSharedCoreServices, private readonly connection?: Connection) {
        super(services);
        this.textDocuments = services.workspace.TextDocuments;
    }

    override async initialized(params: InitializedParams): Promise<void> {
        await super.initialized(params);
        void this.loadPending();
    }

    /** At start-up: remember the files, load none (see loadPending). */
    protected override async loadWorkspaceDocuments(uris: Stream<URI>, _collector: (document: LangiumDocument) => void): Promise<void> {
        this.pending.push(...uris);
    }

    /**
     * As Langium's, but a folder that cannot be listed is told to the user (Langium only logs it); the others are still
     * listed. And, as `jxmb check` reads the folder, a link to a .jxmb file is read (Langium's listing calls a link
     * neither file nor folder, and left it out), and a named pipe, socket or device with that name gets a finding
     * (file-system.ts) instead of passing unseen. A link to a folder is not followed, as by the CLI.
     */
    protected override async traverseFolder(folder: URI, uris: URI[]): Promise<void> {
        const entries = await this.listFolder(folder);
        await Promise.all(entries.filter(entry => this.shouldIncludeEntry(entry) || this.isOtherEntry(entry)).map(async entry => {
            if (entry.isDirectory) await this.traverseFolder(entry.uri, uris);
            else if (entry.isFile || !(await stat(entry.uri.fsPath).catch(() => undefined))?.isDirectory()) uris.push(entry.uri);
        }));
    }

    /** A link or a special file with a .jxmb name. */
    private isOtherEntry(entry: FileSystemNode): boolean {
        const name = UriUtils.basename(entry.uri);
        return !entry.isFile && !entry.isDirectory && !name.startsWith('.') && this.serviceRegistry.hasServices(entry.uri);
    }

    private async listFolder(folder: URI): Promise<FileSystemNode[]> {
        try {
            return await this.fileSystemProvider.readDirectory(folder);
        } catch (error) {
            this.reportUnreadableFolder(folder, error);
            return [];
        }
    }

    /** In the CLI's words (`jxmb check` reports the folder as one problem): otherwise its files are missing unnoticed. */
    private reportUnreadableFolder(folder: URI, error: unknown): void {
        if (this.reportedFolders.has(folder.toString())) return;
        this.reportedFolders.add(folder.toString());
        const message = `无法读取文件夹 ${this.shownPath(folder)}：${describeFsError(error)}`;
        console.error(`jxmb: ${message}`, error);
        void this.connection?.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
    }

    /** The folder's path within the workspace folder that holds it, or its full path (a workspace folder itself). */
    private shownPath(folder: URI): string {
        for (const workspaceFolder of this.folders ?? []) {
            const inside = relative(URI.parse(workspaceFolder.uri).fsPath, folder.fsPath);
            if (inside && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside)) return inside;
        }
        return folder.fsPath;
    }

    private async loadPending(): Promise<void> {
        const total = this.pending.length;
        const start = performance.now();
        let progress: WorkDoneProgressServerReporter | undefined;
        while (this.pending.length > 0) {
            const done = total - this.pending.length;
            if (progress) progress.report(Math.floor(done / total * 100), `${done}/${total}`);
            else if (this.connection && performance.now() - start > PROGRESS_AFTER_MS) {
                // The spinner in VS Code's status bar: a reviewer's folder of 500 tables takes a few seconds.
                progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
                progress?.begin('检查文件夹中的申报表', Math.floor(done / total * 100), `${done}/${total}`);
            }
            // A didOpen or didChange read meanwhile is queued as a write; a read runs only after all queued writes.
            await delayNextTick();
            await this.mutex.read(() => undefined);
            await this.mutex.write(async token => {
                if (token.isCancellationRequested) return;
                await this.loadBatch();
                // Builds the new documents, and any left over from a build an edit cancelled; open documents first.
                await this.documentBuilder.update([], [], token);
            }).catch(error => console.error('jxmb: 检查工作区文件时出错：', error));
        }
        progress?.done();
    }

    private async loadBatch(): Promise<void> {
        const start = performance.now();
        while (this.pending.length > 0 && performance.now() - start < BATCH_MS) {
            const uri = this.pending.shift()!;
            // A file open in the editor is built from the editor's text by its didOpen.
            if (this.langiumDocuments.hasDocument(uri) || this.textDocuments?.get(uri.toString())) continue;
            try {
                await this.langiumDocuments.getOrCreateDocument(uri);
            } catch (error) {
                // An unreadable file must not stop the others (nor every later build, as a half-made document would).
                console.error(`jxmb: 无法读取 ${uri.fsPath}：`, error);
            }
        }
    }
}
