import './polyfill.js';
import './v8-flags.js';
import { DocumentState, isOperationCancelled } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { JxmbFileSystem } from './file-system.js';
import {
    ConnectionError, createConnection, IPCMessageReader, IPCMessageWriter, LSPErrorCodes, ProposedFeatures, ResponseError, type Connection,
    type MessageWriter
} from 'vscode-languageserver/node';
import { createJxmbServices } from './jxmb-module.js';
import { ClientUris } from './lsp/client-uris.js';
import { refuseMalformedRequests, refusingMalformedRequests } from './lsp/malformed-requests.js';
import { refuseOutsideLifecycle, refusingOutsideLifecycle } from './lsp/lifecycle-requests.js';
import { ignoreMalformedNotifications } from './lsp/notification-params.js';
import { ignoringOtherLanguages } from './lsp/other-languages.js';
import { createStdioConnection } from './lsp/stdio-transport.js';

/**
 * The jxmb/… requests wait for the document build with the request's token; a cancellation rejects with Langium's
 * OperationCancelled symbol, which the connection could only answer as an internal error without details. It is
 * answered as LSP asks: RequestCancelled. (Before `initialize` they are refused: lsp/lifecycle-requests.ts.)
 */
function guardCustomRequests(connection: Connection): void {
    const onRequest = connection.onRequest.bind(connection) as (...args: unknown[]) => ReturnType<Connection['onRequest']>;
    connection.onRequest = ((...args: unknown[]) => {
        const handler = args[args.length - 1];
        if (typeof handler !== 'function') return onRequest(...args);
        return onRequest(...args.slice(0, -1), async (...params: unknown[]) => {
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

/** The connection as the client asks for it: VS Code's client starts the server over IPC, the benchmark and other editors over stdio. */
function connect(): Connection {
    const clientUris = new ClientUris();
    const options = { messageStrategy: clientUris.reading(refusingOutsideLifecycle(refusingMalformedRequests(ignoringOtherLanguages(ignoreMalformedNotifications)))) };
    const output = (writer: MessageWriter) => clientUris.writing(writer);
    if (process.argv.includes('--stdio')) return createStdioConnection(options, output);
    if (process.argv.includes('--node-ipc')) return createConnection(ProposedFeatures.all, new IPCMessageReader(process), output(new IPCMessageWriter(process)), options);
    // (a socket or a pipe, as vscode-languageserver reads the arguments: messages go out under Langium's URIs)
    return createConnection(ProposedFeatures.all, options);
}

endQuietlyWhenClientGone();
const connection = connect();
guardCustomRequests(connection);
refuseMalformedRequests(connection);
refuseOutsideLifecycle(connection);
const { shared } = createJxmbServices({ connection, ...JxmbFileSystem });
// Highlights, references, rename and the call hierarchy (not offered, but answered) wait by default for the whole
// workspace, not for their document, and so skip the check that the document is open: for one never opened they read
// it from disk and failed with an internal error (「文件或文件夹不存在」, or for another language's file 「Could not find
// service instance」 in the client's log). Waiting for the document answers them as hover and the others: ServerCancelled.
const ownDocument = DocumentState.IndexedReferences;
startLanguageServer(shared, { ReferencesProvider: ownDocument, DocumentHighlightProvider: ownDocument, RenameProvider: ownDocument, CallHierarchyProvider: ownDocument });
