import './polyfill.js';
import './v8-flags.js';
import { DocumentState, isOperationCancelled } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { JxmbFileSystem } from './file-system.js';
import { createConnection, LSPErrorCodes, ProposedFeatures, ResponseError, type Connection } from 'vscode-languageserver/node';
import { createJxmbServices } from './jxmb-module.js';

/**
 * The jxmb/… requests wait for the document build with the request's token; a cancellation rejects with Langium's
 * OperationCancelled symbol, which the connection could only answer as an internal error without details. It is
 * answered as LSP asks: RequestCancelled.
 */
function answerCancellationsAsCancelled(connection: Connection): void {
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

// The language server: VS Code's client starts it over IPC, the benchmark over stdio.
const connection = createConnection(ProposedFeatures.all);
answerCancellationsAsCancelled(connection);
const { shared } = createJxmbServices({ connection, ...JxmbFileSystem });
// Highlights, references and rename wait by default for the whole workspace, not for their document, and so skip the
// check that the document is open: for one never opened they read it from disk and failed with an internal error
// (「文件或文件夹不存在」). Waiting for the document answers them as hover and the others: ServerCancelled.
const ownDocument = DocumentState.IndexedReferences;
startLanguageServer(shared, { ReferencesProvider: ownDocument, DocumentHighlightProvider: ownDocument, RenameProvider: ownDocument });
