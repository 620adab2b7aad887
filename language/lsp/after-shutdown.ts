import { ErrorCodes, Message, ResponseError, ShutdownRequest, type Connection, type MessageStrategy, type RequestMessage } from 'vscode-languageserver/node';

// LSP: once the client asked the server to shut down, a request is an error (InvalidRequest); only `exit` is left
// to come. The server went on serving them: a jxmb/compile sent after shutdown compiled the whole table. Each such
// request is handed, under its own id, to a method whose answer is the refusal.

const REFUSED = '$/jxmb/afterShutdown';

/** The connection's handling of each message, `inner`'s first: a request after `shutdown` goes to the refusal. */
export function refusingAfterShutdown(inner: MessageStrategy): MessageStrategy {
    let shutDown = false;
    return {
        handleMessage: (message, next) => inner.handleMessage(message, received => {
            if (!Message.isRequest(received)) return next(received);
            if (shutDown) return next({ ...received, method: REFUSED } as RequestMessage);
            shutDown = received.method === ShutdownRequest.method;
            return next(received);
        })
    };
}

export function refuseAfterShutdown(connection: Connection): void {
    connection.onRequest(REFUSED, () => {
        throw new ResponseError(ErrorCodes.InvalidRequest, '语言服务正在关闭（已收到 shutdown），不再处理请求。');
    });
}
