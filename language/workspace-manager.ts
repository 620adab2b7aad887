import { lstat, stat } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import {
    DefaultWorkspaceManager, delayNextTick, Emitter, type Event, type FileSystemNode, type LangiumDocument, type LangiumSharedCoreServices, type Stream,
    type TextDocumentProvider, URI, UriUtils
} from 'langium';
import {
    DidChangeWorkspaceFoldersNotification, MessageType, ShowMessageNotification, type Connection, type InitializedParams, type InitializeParams,
    type WorkDoneProgressServerReporter, type WorkspaceFolder, type WorkspaceFoldersChangeEvent
} from 'vscode-languageserver';
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
// A workspace folder added while the editor runs is read the same way; one removed takes its files along, except those
// open in the editor, and their findings (Langium handles neither).
export class JxmbWorkspaceManager extends DefaultWorkspaceManager {
    private readonly textDocuments: TextDocumentProvider | undefined;
    /** Workspace files found and not loaded yet, in the order found. */
    private pending: URI[] = [];
    /** The loading of `pending`, while it runs. */
    private loading: Promise<void> | undefined;
    private readonly foldersChanged = new Emitter<{ removed: URI[] }>();
    /** Folders the user was told they cannot be read: overlapping workspace folders list a folder twice. */
    private readonly reportedFolders = new Set<string>();

    constructor(services: LangiumSharedCoreServices, private readonly connection?: Connection) {
        super(services);
        this.textDocuments = services.workspace.TextDocuments;
    }

    /** Workspace folders were added or removed (jxmb.yaml settings are read again: settings-sources.ts). */
    get onFoldersChanged(): Event<{ removed: URI[] }> {
        return this.foldersChanged.event;
    }

    override initialize(params: InitializeParams): void {
        super.initialize(params);
        // Set after vscode-languageserver's own handler (made when the client says it has workspace folders), which
        // only passes the change on to whoever asks for it: this one acts on it, whatever the client declared.
        this.connection?.onNotification(DidChangeWorkspaceFoldersNotification.type, ({ event }) => {
            this.changeFolders(event).catch(error => console.error('jxmb: 更新工作区文件夹时出错：', error));
        });
    }

    override async initialized(params: InitializedParams): Promise<void> {
        await super.initialized(params);
        this.loadInTurn([]);
    }

    /** A folder removed and added in one change (VS Code's 「替换」) is read again. */
    async changeFolders(event: WorkspaceFoldersChangeEvent): Promise<void> {
        // Compared parsed: a client may spell the same URI otherwise (a Chinese name escaped or not).
        const same = (a: WorkspaceFolder) => (b: WorkspaceFolder) => UriUtils.equals(URI.parse(a.uri), URI.parse(b.uri));
        const removed = event.removed.map(folder => URI.parse(folder.uri));
        const kept = (this.folders ?? []).filter(folder => !event.removed.some(same(folder)));
        this.folders = [...kept, ...event.added.filter(folder => !kept.some(same(folder)))];
        this.foldersChanged.fire({ removed });
        if (removed.length > 0) await this.dropFolders(removed);
        await Promise.all(event.added.map(folder => this.addFolder(folder)));
    }

    /** Its files are found as at start-up (a folder that cannot be read is told) and loaded after those waiting. */
    private async addFolder(folder: WorkspaceFolder): Promise<void> {
        const uris: URI[] = [];
        await this.traverseFolder(this.getRootFolder(folder), uris);
        // Removed again while it was listed: nothing of it is loaded.
        this.loadInTurn(uris.filter(uri => this.inWorkspace(uri)));
    }

    /** The files of removed folders that no other workspace folder holds go, unless the editor has them open. */
    private async dropFolders(removed: URI[]): Promise<void> {
        const dropped = (uri: URI) => removed.some(folder => UriUtils.contains(folder, uri)) && !this.inWorkspace(uri) && !this.isOpen(uri);
        this.pending = this.pending.filter(uri => !dropped(uri));
        for (const folder of [...this.reportedFolders]) {
            if (removed.some(uri => UriUtils.contains(uri, URI.parse(folder)))) this.reportedFolders.delete(folder);
        }
        // Langium publishes no findings for a deleted document: the Problems panel loses its file.
        await this.mutex.write(token => {
            const uris = this.langiumDocuments.all.map(document => document.uri).filter(dropped).toArray();
            return this.documentBuilder.update([], uris, token);
        });
    }

    /**
     * Whether a file closed in the editor stays checked (read from disk): when a workspace folder holds it, or when the
     * editor has no workspace (a file opened on its own). A file of a folder removed meanwhile goes with its findings.
     */
    keepsClosed(uri: URI): boolean {
        return this.folders === undefined || this.inWorkspace(uri);
    }

    private inWorkspace(uri: URI): boolean {
        return (this.folders ?? []).some(folder => UriUtils.contains(this.getRootFolder(folder), uri));
    }

    private isOpen(uri: URI): boolean {
        return this.textDocuments?.get(uri.toString()) !== undefined;
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

    /**
     * Whether `uri`, told created or changed while the folder is open, is one of the entries traverseFolder takes that
     * Langium's handling of watched files passes over (it takes files and folders only): a named pipe, socket or
     * device, a link to nothing or a loop of links, with a .jxmb name. Then it gets the finding it gets at folder load
     * (file-system.ts). Seen by lstat and stat only: opening a pipe would wait for a writer for ever.
     */
    async isOtherFile(uri: URI): Promise<boolean> {
        if (uri.scheme !== 'file' || !this.isOtherEntry({ uri, isFile: false, isDirectory: false })) return false;
        if (!(await lstat(uri.fsPath).catch(() => null))) return false;
        return !(await stat(uri.fsPath).catch(() => undefined))?.isDirectory();
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
        // (a file added as a workspace folder: its listing fails with ENOTDIR, which the CLI's words do not name)
        const why = (error as NodeJS.ErrnoException | undefined)?.code === 'ENOTDIR' ? '这是文件，不是文件夹。' : describeFsError(error);
        const message = `无法读取文件夹 ${this.shownPath(folder)}：${why}`;
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

    /** Loads `uris` after the files already waiting, in the same run when one is under way. */
    private loadInTurn(uris: URI[]): void {
        this.pending.push(...uris);
        this.loading ??= this.loadPending().finally(() => { this.loading = undefined; });
    }

    private async loadPending(): Promise<void> {
        const start = performance.now();
        let progress: WorkDoneProgressServerReporter | undefined;
        /** Files taken from `pending` in this run: a folder added meanwhile adds to the total. */
        let done = 0;
        while (this.pending.length > 0) {
            const total = done + this.pending.length;
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
                done += await this.loadBatch();
                // Builds the new documents, and any left over from a build an edit cancelled; open documents first.
                await this.documentBuilder.update([], [], token);
            }).catch(error => console.error('jxmb: 检查工作区文件时出错：', error));
        }
        progress?.done();
    }

    /** How many files were taken from `pending`. */
    private async loadBatch(): Promise<number> {
        const start = performance.now();
        let taken = 0;
        while (this.pending.length > 0 && performance.now() - start < BATCH_MS) {
            const uri = this.pending.shift()!;
            taken++;
            // A file open in the editor is built from the editor's text by its didOpen.
            if (this.langiumDocuments.hasDocument(uri) || this.isOpen(uri)) continue;
            try {
                await this.langiumDocuments.getOrCreateDocument(uri);
            } catch (error) {
                // An unreadable file must not stop the others (nor every later build, as a half-made document would).
                console.error(`jxmb: 无法读取 ${uri.fsPath}：`, error);
            }
        }
        return taken;
    }
}
