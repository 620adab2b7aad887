import { URI, UriUtils } from 'langium';
import { Message, type MessageStrategy } from 'vscode-languageserver/node';
import { JxmbLanguageMetaData } from '../generated/module.js';
import { isObject } from './request-params.js';

// A client whose file types are set wrong (another editor's configuration, a pattern that is too wide) opens a file
// of another language: its build asked Langium for services the server does not have, and the uncaught failure ended
// the server. Such a didOpen is dropped: the document is never open, so its changes, close and requests are answered
// as for any document never opened. A document is jxmb when the client says so (VS Code's 「更改语言模式」 on a .txt)
// or, whatever the client says, when its name ends in .jxmb — as Langium's service registry decides.

function isOtherLanguage(message: Message): boolean {
    if (!Message.isNotification(message) || message.method !== 'textDocument/didOpen' || !isObject(message.params)) return false;
    const document = (message.params as { textDocument?: unknown }).textDocument;
    // (a malformed didOpen is the next strategy's to drop)
    if (!isObject(document) || typeof document.uri !== 'string') return false;
    if (document.languageId === JxmbLanguageMetaData.languageId) return false;
    return !(JxmbLanguageMetaData.fileExtensions as readonly string[]).includes(UriUtils.extname(URI.parse(document.uri)));
}

/** The connection's handling of each message, after `inner`: a didOpen of another language's document is dropped. */
export function ignoringOtherLanguages(inner: MessageStrategy): MessageStrategy {
    return { handleMessage: (message, next) => isOtherLanguage(message) ? undefined : inner.handleMessage(message, next) };
}
