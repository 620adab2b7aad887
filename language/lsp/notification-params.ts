import { Message, type MessageStrategy } from 'vscode-languageserver/node';
import { isObject, isRange } from './request-params.js';

// Notifications have no answer to carry a failure: one whose parameters were not what LSP says (null, none, a change
// that is no change) failed in its handler, which vscode-jsonrpc reported in English in the client's log; a didOpen
// without text ended the server; a didChange whose second change was malformed had its first applied to the text
// without a rebuild, so that the editor's next edits landed on text the editor did not have. Such a notification is
// ignored before any handler sees it. ($/cancelRequest is read before this, and a malformed one is already ignored.)

type Params = Record<string, unknown>;

const isText = (value: unknown) => typeof value === 'string';
const isToken = (value: unknown) => typeof value === 'number' || typeof value === 'string';
const isDocument = (value: unknown): value is Params => isObject(value) && isText(value.uri);
/** Lines and characters index the text (TextDocument.update computed NaN offsets from 0.5). */
const isTextRange = (value: unknown) => isRange(value)
    && [value.start.line, value.start.character, value.end.line, value.end.character].every(Number.isInteger);
/** A whole new text, or the text of a range: another shape made TextDocument.update throw after earlier changes. */
const isChange = (change: unknown) => isObject(change) && isText(change.text)
    && (change.range === undefined ? change.rangeLength === undefined : isTextRange(change.range) && (change.rangeLength === undefined || typeof change.rangeLength === 'number'));
const isListOf = (value: unknown, check: (item: unknown) => boolean) => Array.isArray(value) && value.every(check);

/** The notifications the server acts on, and what their parameters must be. */
const shapes: Record<string, (params: Params) => boolean> = {
    'textDocument/didOpen': ({ textDocument: document }) => isDocument(document) && isText(document.languageId) && Number.isInteger(document.version) && isText(document.text),
    'textDocument/didChange': ({ textDocument: document, contentChanges }) => isDocument(document) && Number.isInteger(document.version) && isListOf(contentChanges, isChange),
    'textDocument/didClose': ({ textDocument }) => isDocument(textDocument),
    'textDocument/didSave': ({ textDocument, text }) => isDocument(textDocument) && (text === undefined || isText(text)),
    'textDocument/willSave': ({ textDocument, reason }) => isDocument(textDocument) && typeof reason === 'number',
    'workspace/didChangeWatchedFiles': ({ changes }) => isListOf(changes, change => isDocument(change) && typeof change.type === 'number'),
    'workspace/didChangeWorkspaceFolders': ({ event }) => isObject(event) && isListOf(event.added, isDocument) && isListOf(event.removed, isDocument),
    'workspace/didChangeConfiguration': () => true,
    '$/setTrace': ({ value }) => isText(value),
    '$/progress': ({ token }) => isToken(token),
    'window/workDoneProgress/cancel': ({ token }) => isToken(token)
};

function isMalformed(message: Message): boolean {
    if (!Message.isNotification(message)) return false;
    const shape = shapes[message.method];
    if (!shape) return false;
    const { params } = message;
    return !isObject(params) || Array.isArray(params) || !shape(params as Params);
}

/** The connection's handling of each message it received: a malformed notification is dropped without a word. */
export const ignoreMalformedNotifications: MessageStrategy = {
    handleMessage: (message, next) => isMalformed(message) ? undefined : next(message)
};
