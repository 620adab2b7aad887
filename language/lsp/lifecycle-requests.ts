import {
    ErrorCodes, InitializeRequest, Message, ResponseError, ShutdownRequest, type Connection, type MessageStrategy, type RequestMessage
} from 'vscode-languageserver/node';

// Requests outside the server's life, refused as LSP asks. Before `initialize`: ServerNotInitialized — hover, outline
// and the others waited for a workspace that comes only with initialize, and a client that sent them first got no
// answer at all; jxmb's own requests ran (a review of a whole folder for a client that had not said who it is). After
// `shutdown`: InvalidRequest — only `exit` is left to come, yet a jxmb/compile sent then compiled the whole table.
// Each such request is handed, under its own id, to a method whose answer is the refusal.

const NOT_INITIALIZED = '$/jxmb/notInitialized';
const AFTER_SHUTDOWN = '$/jxmb/afterShutdown';

/** The connection's handling of each message, `inner`'s first: a request before initialize or after shutdown is refused. */
export function refusingOutsideLifecycle(inner: MessageStrategy): MessageStrategy {
    let phase: 'starting' | 'running' | 'shut down' = 'starting';
    return {
        handleMessage: (message, next) => inner.handleMessage(message, received => {
            if (!Message.isRequest(received)) return next(received);
            if (phase === 'starting' && received.method !== InitializeRequest.method) return next({ ...received, method: NOT_INITIALIZED } as RequestMessage);
            if (phase === 'shut down') return next({ ...received, method: AFTER_SHUTDOWN } as RequestMessage);
            if (received.method === InitializeRequest.method) phase = 'running';
            if (received.method === ShutdownRequest.method) phase = 'shut down';
            return next(received);
        })
    };
}

export function refuseOutsideLifecycle(connection: Connection): void {
    connection.onRequest(NOT_INITIALIZED, () => {
        throw new ResponseError(ErrorCodes.ServerNotInitialized, '语言服务尚未初始化：请先发送 initialize 请求。');
    });
    connection.onRequest(AFTER_SHUTDOWN, () => {
        throw new ResponseError(ErrorCodes.InvalidRequest, '语言服务正在关闭（已收到 shutdown），不再处理请求。');
    });
}
