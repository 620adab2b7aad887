import { ErrorCodes, Message, ResponseError, type Connection, type MessageStrategy, type RequestMessage } from 'vscode-languageserver/node';
import { isObject, isRange } from './request-params.js';

// A standard request whose parameters are not what LSP says (a hover without a textDocument, a range formatting
// without a range, Ctrl+T with a query that is no text, a call hierarchy item that is none) failed in its handler, and vscode-jsonrpc answered it as an
// internal error carrying the handler's English failure (「Cannot read properties of null」), shown in the client's
// log. It is answered as JSON-RPC asks: InvalidParams, before any handler sees it. Only what a handler reads without
// checking is checked here; what the handlers already answer (a completion without a position: no items) is left to them.

type Params = Record<string, unknown>;

const isDocument = (value: unknown) => isObject(value) && typeof value.uri === 'string';
/** The diagnostics a code action is asked for are matched by their range (code-actions.ts). */
const hasDiagnosticsList = (context: unknown) => !isObject(context) || context.diagnostics === undefined
    || (Array.isArray(context.diagnostics) && context.diagnostics.every(d => isObject(d) && isRange(d.range)));

/** The requests checked beyond their textDocument (every textDocument/… request names one), and what they must hold. */
const shapes: Record<string, (params: Params) => boolean> = {
    'textDocument/rangeFormatting': ({ range }) => isRange(range),
    'textDocument/codeAction': ({ context }) => hasDiagnosticsList(context),
    'workspace/symbol': ({ query }) => typeof query === 'string',
    'callHierarchy/incomingCalls': ({ item }) => isDocument(item),
    'callHierarchy/outgoingCalls': ({ item }) => isDocument(item)
};

function isMalformed(message: RequestMessage): boolean {
    const shape = shapes[message.method];
    const onDocument = message.method.startsWith('textDocument/');
    if (!shape && !onDocument) return false;
    const { params } = message;
    if (!isObject(params) || Array.isArray(params)) return true;
    return (onDocument && !isDocument(params.textDocument)) || (shape !== undefined && !shape(params as Params));
}

/** The method a malformed request is handed to, under its own id: its answer is the refusal. */
const REFUSED = '$/jxmb/malformedRequest';

/** The connection's handling of each message, `inner`'s first: a malformed standard request goes to the refusal. */
export function refusingMalformedRequests(inner: MessageStrategy): MessageStrategy {
    return {
        handleMessage: (message, next) => inner.handleMessage(message, received =>
            next(Message.isRequest(received) && isMalformed(received) ? { ...received, method: REFUSED } as RequestMessage : received))
    };
}

export function refuseMalformedRequests(connection: Connection): void {
    connection.onRequest(REFUSED, () => {
        throw new ResponseError(ErrorCodes.InvalidParams, '请求的参数不符合 LSP 协议，未处理。');
    });
}
