import './polyfill.js';
import './v8-flags.js';
import { DocumentState, isOperationCancelled } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { JxmbFileSystem } from './file-system.js';
import { ConnectionError, createConnection, ErrorCodes, LSPErrorCodes, ProposedFeatures, ResponseError, type Connection } from 'vscode-languageserver/node';
import { createJxmbServices } from './jxmb-module.js';
import { refuseAfterShutdown, refusingAfterShutdown } from './lsp/after-shutdown.js';
import { refuseMalformedRequests, refusingMalformedRequests } from './lsp/malformed-requests.js';
import { ignoreMalformedNotifications } from './lsp/notification-params.js';
import { ignoringOtherLanguages } from './lsp/other-languages.js';
import { createStdioConnection } from './lsp/stdio-transport.js';

/**
 * The jxmb/… requests: before `initialize` they are refused as LSP asks (ServerNotInitialized): a client that had not
 * said who it is got a review of a whole folder. They wait for the document build with the request's token; a
 * cancellation rejects with Langium's OperationCancelled symbol, which the connection could only answer as an
 * internal error without details. It is answered as LSP asks: RequestCancelled.
 */
function guardCustomRequests(connection: Connection, isInitialized: () => boolean): void {
    const onRequest = connection.onRequest.bind(connection) as (...args: unknown[]) => ReturnType<Connection['onRequest']>;
    connection.onRequest = ((...args: unknown[]) => {
        const handler = args[args.length - 1];
        if (typeof handler !== 'function') return onRequest(...args);
        const custom = typeof args[0] === 'string' && args[0].startsWith('jxmb/');
        return onRequest(...args.slice(0, -1), async (...params: unknown[]) => {
            if (custom && !isInitialized()) throw new ResponseError(ErrorCodes.ServerNotInitialized, '语言服务尚未初始化：请先发送 initialize 请求。');
            try {
                return await (handler as (...p: unknown[]) => unknown)(...params);
            } catch (error) {
                if (isOperationCancelled(error)) throw new ResponseError(LSPErrorCodes.RequestCancelled, '请求已取消。');
                throw error;
            }
        });
    }) as Connection['onRequest'];
}

/**
 * A client that closes its end (its pipe, or it dies) leaves nothing to answer and nobody to tell: the next message
 * the server sends fails with ConnectionError, which Node printed as an uncaught stack trace on stderr. The server
 * ends as vscode-languageserver ends it when the client's input closes (status 1: no shutdown). The monitor sees an
 * uncaught error before Node's default report of it; every other error still gets that report.
 */
function endQuietlyWhenClientGone(): void {
    process.on('uncaughtExceptionMonitor', error => {
        if (error instanceof ConnectionError) process.exit(1);
    });
}

// The language server: VS Code's client starts it over IPC, the benchmark over stdio.
endQuietlyWhenClientGone();
const options = { messageStrategy: refusingAfterShutdown(refusingMalformedRequests(ignoringOtherLanguages(ignoreMalformedNotifications))) };
const connection = process.argv.includes('--stdio') ? createStdioConnection(options) : createConnection(ProposedFeatures.all, options);
let initialized = false;
guardCustomRequests(connection, () => initialized);
refuseMalformedRequests(connection);
refuseAfterShutdown(connection);
const { shared } = createJxmbServices({ connection, ...JxmbFileSystem });
shared.lsp.LanguageServer.onInitialize(() => { initialized = true; });
// Highlights, references, rename and the call hierarchy (not offered, but answered) wait by default for the whole
// workspace, not for their document, and so skip the check that the document is open: for one never opened they read
// it from disk and failed with an internal error (「文件或文件夹不存在」, or for another language's file 「Could not find
// service instance」 in the client's log). Waiting for the document answers them as hover and the others: ServerCancelled.
const ownDocument = DocumentState.IndexedReferences;
startLanguageServer(shared, { ReferencesProvider: ownDocument, DocumentHighlightProvider: ownDocument, RenameProvider: ownDocument, CallHierarchyProvider: ownDocument });
