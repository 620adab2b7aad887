import { spawn, type ChildProcess } from 'node:child_process';
import {
    createProtocolConnection, InitializedNotification, PublishDiagnosticsNotification, type PublishDiagnosticsParams, InitializeRequest, LogMessageNotification, ResponseError, ShowMessageNotification,
    StreamMessageReader, StreamMessageWriter, type ProtocolConnection
} from 'vscode-languageserver-protocol/node';
import { serverPath } from '../helpers/lsp-client.js';

// The built server in a process the test controls more than LspSession lets it: Node's flags (a bounded heap), the
// moment of `initialize` (or none), and everything the server writes besides its answers (stderr, log messages).

export interface ServerProcess {
    readonly child: ChildProcess;
    readonly connection: ProtocolConnection;
    /** window/logMessage and window/showMessage texts, in order */
    readonly logs: string[];
    stderr(): string;
    /** The first diagnostics published for `uri` (from now on). */
    diagnostics(uri: string): Promise<PublishDiagnosticsParams>;
    /** The exit status, once the process has ended. */
    readonly exited: Promise<number | null>;
    /** Initializes as a client without capabilities does. */
    initialize(): Promise<void>;
    /** A request's result, or `{ error: code }` for a JSON-RPC error; a rejection when the server ends first. */
    answer(method: string, params: unknown): Promise<unknown>;
    stop(): void;
}

/**
 * A message as bytes on the server's input, with the Content-Length it declares (by default its body's length):
 * for what a client writes beside the protocol connection (`child.stdin.write`).
 */
export function frame(body: unknown, declared?: number): Buffer {
    const bytes = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    return Buffer.concat([Buffer.from(`Content-Length: ${declared ?? bytes.length}\r\n\r\n`), bytes]);
}

export function startServer(nodeArgs: string[] = []): ServerProcess {
    const child = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const logs: string[] = [];
    connection.onNotification(LogMessageNotification.type, params => { logs.push(params.message); });
    connection.onNotification(ShowMessageNotification.type, params => { logs.push(params.message); });
    const waiters: Array<{ uri: string; resolve: (p: PublishDiagnosticsParams) => void }> = [];
    connection.onNotification(PublishDiagnosticsNotification.type, params => {
        for (const waiter of waiters.filter(w => w.uri === params.uri)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(params);
        }
    });
    connection.listen();
    return {
        child, connection, logs, exited,
        stderr: () => stderr,
        diagnostics: uri => new Promise(resolve => waiters.push({ uri, resolve })),
        async initialize() {
            await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
            await connection.sendNotification(InitializedNotification.type, {});
        },
        async answer(method, params) {
            try {
                const ended = exited.then(code => { throw new Error(`the server ended (status ${code}) before answering ${method}:\n${stderr.slice(-2000)}`); });
                return await Promise.race([connection.sendRequest(method, params), ended]);
            } catch (error) {
                if (error instanceof ResponseError) return { error: error.code };
                throw error;
            }
        },
        stop() {
            connection.dispose();
            if (child.exitCode === null) child.kill();
        }
    };
}
