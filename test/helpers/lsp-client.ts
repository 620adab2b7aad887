import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
    createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection,
    InitializeRequest, InitializedNotification, DidOpenTextDocumentNotification, DidChangeTextDocumentNotification,
    PublishDiagnosticsNotification, ShutdownRequest, ExitNotification, type PublishDiagnosticsParams,
    ConfigurationRequest, RegistrationRequest, DidChangeConfigurationNotification, WorkDoneProgressCreateRequest, WorkDoneProgress,
    type WorkDoneProgressBegin, type WorkDoneProgressReport, type WorkDoneProgressEnd, ShowMessageNotification, type ShowMessageParams,
    type InitializeResult
} from 'vscode-languageserver-protocol/node';

// A real language-server process over stdio, spoken to as VS Code does. Used by the LSP tests and the benchmark.

export const serverPath = fileURLToPath(new URL('../../dist/server.cjs', import.meta.url));

export class LspSession {
    private readonly waiters: Array<{ uri: string; version?: number; exact: boolean; resolve: (p: PublishDiagnosticsParams) => void }> = [];
    readonly published: PublishDiagnosticsParams[] = [];
    /** What the server showed as progress ($/progress), in order. */
    readonly progress: Array<WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd> = [];
    /** What the server showed in the editor's message area (window/showMessage), in order. */
    readonly messages: ShowMessageParams[] = [];

    /** What the server answered to `initialize` (its capabilities). */
    initializeResult: InitializeResult | undefined;

    private constructor(readonly process: ChildProcess, readonly connection: ProtocolConnection) {
        connection.onNotification(ShowMessageNotification.type, params => { this.messages.push(params); });
        connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
            connection.onProgress(WorkDoneProgress.type, token, value => { this.progress.push(value); });
        });
        connection.onNotification(PublishDiagnosticsNotification.type, params => {
            this.published.push(params);
            for (let i = this.waiters.length - 1; i >= 0; i--) {
                const w = this.waiters[i]!;
                // A publication without a version is of a document the editor does not have open (read from disk as
                // the folder loads): it answers no wait for an edit of the open one.
                const versionMatches = w.version === undefined
                    || (params.version !== undefined && (w.exact ? params.version === w.version : params.version >= w.version));
                if (w.uri === params.uri && versionMatches) {
                    this.waiters.splice(i, 1);
                    w.resolve(params);
                }
            }
        });
    }

    /**
     * Starts the server; with `workspaceFolder` (a file: URI, or several: a multi-root workspace) it loads that folder
     * as VS Code's does; with `settings` it answers workspace/configuration from them and announces them once, as VS
     * Code's client does at start; with `settingsHeld` it answers only once that resolves (the server checks nothing
     * before: a test can send what VS Code sends at start before the server may publish). `user`: the server runs as
     * that user (a test run as root, for whom every folder is readable).
     */
    static async start(options: {
        workspaceFolder?: string | string[]; settings?: Record<string, unknown>; settingsDelayMs?: number; settingsHeld?: Promise<unknown>;
        user?: { uid: number; gid: number };
    } = {}): Promise<LspSession> {
        const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], ...options.user });
        const folders = options.workspaceFolder === undefined ? [] : [options.workspaceFolder].flat();
        const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
        connection.listen();
        const session = new LspSession(child, connection);
        session.initializeResult = await connection.sendRequest(InitializeRequest.type, {
            // Another user's server may not signal this process: it would take that for its end and exit.
            processId: options.user ? null : process.pid, rootUri: folders[0] ?? null,
            capabilities: {
                ...options.settings ? { workspace: { workspaceFolders: true, configuration: true, didChangeConfiguration: { dynamicRegistration: false }, didChangeWatchedFiles: { dynamicRegistration: true } } } : {},
                window: { workDoneProgress: true }
            },
            workspaceFolders: folders.length > 0 ? folders.map((uri, i) => ({ uri, name: `workspace${i || ''}` })) : null
        });
        if (options.settings) {
            const settings = options.settings;
            // A slow client (VS Code answering from another process) is simulated by answering late.
            connection.onRequest(ConfigurationRequest.type, async params => {
                await options.settingsHeld;
                await new Promise(resolve => setTimeout(resolve, options.settingsDelayMs ?? 0));
                return params.items.map(item => item.section ? settings[item.section] ?? null : settings);
            });
            connection.onRequest(RegistrationRequest.type, () => undefined);
        }
        await connection.sendNotification(InitializedNotification.type, {});
        if (options.settings) await connection.sendNotification(DidChangeConfigurationNotification.type, { settings: options.settings });
        return session;
    }

    /**
     * The next diagnostics published for `uri` (with `version`: for the open document's text at or after `version`;
     * exactly `version` with `exact`, for a client whose versions go back), or a rejection after `ms`.
     */
    diagnostics(uri: string, version?: number, ms = 20_000, exact = false): Promise<PublishDiagnosticsParams> {
        return new Promise((resolve, reject) => {
            const waiter = { uri, version, exact, resolve: (p: PublishDiagnosticsParams) => { clearTimeout(timer); resolve(p); } };
            const timer = setTimeout(() => {
                this.waiters.splice(this.waiters.indexOf(waiter), 1);
                reject(new Error(`no diagnostics for ${uri} within ${ms} ms`));
            }, ms);
            this.waiters.push(waiter);
        });
    }

    async open(uri: string, text: string, version = 1): Promise<void> {
        await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'jxmb', version, text } });
    }

    /** Opens `uri` (version 1) and resolves with its first diagnostics. */
    async openChecked(uri: string, text: string): Promise<PublishDiagnosticsParams> {
        const published = this.diagnostics(uri, 1);
        await this.open(uri, text, 1);
        return published;
    }

    async replace(uri: string, text: string, version: number): Promise<void> {
        await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    }

    /** Shuts the server down politely, and kills it if it does not go. */
    async stop(): Promise<void> {
        try {
            await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise(r => setTimeout(r, 2000))]);
            await this.connection.sendNotification(ExitNotification.type);
        } catch {
            // already gone
        } finally {
            this.connection.dispose();
            if (this.process.exitCode === null) this.process.kill();
        }
    }
}
