import './polyfill.js';
import { isOperationCancelled } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { ResponseError as LangiumResponseError } from 'vscode-languageserver-protocol';
import { createConnection, LSPErrorCodes, ProposedFeatures, ResponseError, type Connection } from 'vscode-languageserver/node';
import { createJxmbServices } from './jxmb-module.js';

// Langium and vscode-languageserver resolve two copies of vscode-jsonrpc (vscode-languageserver pins an older
// protocol package than the one installed at the top), so the connection did not recognise the ResponseError that
// Langium returns for a cancelled request or a closed document, and sent it as the *result* (`{"code":-32800}` as a
// completion list). Making Langium's class a subclass of the connection's turns those back into errors.
if (LangiumResponseError !== ResponseError && !(LangiumResponseError.prototype instanceof ResponseError)) {
    Object.setPrototypeOf(LangiumResponseError.prototype, ResponseError.prototype);
}

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
const { shared } = createJxmbServices({ connection, ...NodeFileSystem });
startLanguageServer(shared);
