import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions, WorkDoneProgress, type WorkDoneProgressBegin, type WorkDoneProgressEnd, type WorkDoneProgressReport } from 'vscode-languageclient/node';

// Starts the bundled language server for .jxmb files: diagnostics, completion, hover, formatting, quick-fixes, and
// the requests the commands send (language/lsp/protocol-request.ts).

export function createClient(context: vscode.ExtensionContext): LanguageClient {
    const serverModule = context.asAbsolutePath(path.join('dist', 'server.cjs'));
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ scheme: 'file', language: 'jxmb' }, { scheme: 'untitled', language: 'jxmb' }],
        // jxmb.severity and jxmb.costModel reach the server's settings provider.
        synchronize: { configurationSection: 'jxmb' }
    };
    return new LanguageClient('jxmb', vscode.l10n.t('jxmb language server'), serverOptions, clientOptions);
}

/** The started client as the commands use it: a request waits until the server is up. */
export class JxmbServer {
    constructor(readonly client: LanguageClient, private readonly started: Promise<void>) {}

    async request<R>(method: string, params: unknown, token?: vscode.CancellationToken): Promise<R> {
        await this.started;
        return token ? this.client.sendRequest<R>(method, params, token) : this.client.sendRequest<R>(method, params);
    }

    /** A request whose params carry a `workDoneToken`: the server's $/progress on it goes to `onProgress` meanwhile. */
    async requestWithProgress<R>(method: string, params: { workDoneToken?: string | number }, token: vscode.CancellationToken,
        onProgress: (value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd) => void): Promise<R> {
        await this.started;
        if (params.workDoneToken === undefined) return this.client.sendRequest<R>(method, params, token);
        const listening = this.client.onProgress(WorkDoneProgress.type, params.workDoneToken, onProgress);
        try {
            return await this.client.sendRequest<R>(method, params, token);
        } finally {
            listening.dispose();
        }
    }
}
