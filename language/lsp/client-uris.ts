import { UriUtils } from 'langium';
import {
    Message, PublishDiagnosticsNotification, type DidCloseTextDocumentParams, type DidOpenTextDocumentParams, type MessageStrategy, type MessageWriter,
    type NotificationMessage, type PublishDiagnosticsParams
} from 'vscode-languageserver/node';

// Langium keeps every document under vscode-uri's form of its URI, and so answered under it: a client that names a
// document otherwise — Chinese names not percent-encoded (`file:///tmp/工作/表.jxmb`), a Windows drive as `C:` — got
// its diagnostics, quick-fixes and symbols for a document it did not know (`%E5%B7%A5…`, `c%3A`), and showed none.
// VS Code sends vscode-uri's form; other editors may not. The client's spelling of each document it opens is kept
// until it closes it, and every message to the client names the document so. Files the client has not opened (the
// folder's files, read from disk) keep Langium's form.

type Spellings = ReadonlyMap<string, string>;

/** The client's URI for each document it has open under a URI that Langium writes otherwise, by Langium's form. */
export class ClientUris {
    private readonly spellings = new Map<string, string>();
    /** The URIs, as sent, whose last diagnostics had findings: the client shows them. */
    private readonly shown = new Set<string>();
    private output: MessageWriter | undefined;

    /** The connection's handling of each message, `inner`'s first: the client's spelling is learnt at didOpen, forgotten at didClose. */
    reading(inner: MessageStrategy): MessageStrategy {
        return { handleMessage: (message, next) => inner.handleMessage(message, received => { this.read(received); next(received); }) };
    }

    /** The connection's output: every message names the documents as the client does. */
    writing(writer: MessageWriter): MessageWriter {
        this.output = writer;
        return {
            onError: writer.onError,
            onClose: writer.onClose,
            write: message => this.write(writer, message),
            end: () => writer.end(),
            dispose: () => writer.dispose()
        };
    }

    private write(writer: MessageWriter, message: Message): Promise<void> {
        const sent = this.spellings.size === 0 ? message : respelled(message, this.spellings) as Message;
        if (Message.isNotification(sent) && sent.method === PublishDiagnosticsNotification.method) {
            const { uri, diagnostics } = sent.params as PublishDiagnosticsParams;
            if (diagnostics.length > 0) this.shown.add(uri);
            else this.shown.delete(uri);
        }
        return writer.write(sent);
    }

    private read(message: Message): void {
        if (!Message.isNotification(message)) return;
        // (the params are well-formed: malformed didOpen and didClose are dropped before, notification-params.ts)
        if (message.method === 'textDocument/didOpen') {
            const uri = (message.params as DidOpenTextDocumentParams).textDocument.uri;
            const langiums = UriUtils.normalize(uri);
            if (langiums === uri) return;
            this.spellings.set(langiums, uri);
            // Findings published under Langium's form before (the folder's file, as it loaded) would stay beside the new ones.
            this.clear(langiums);
        } else if (message.method === 'textDocument/didClose') {
            const langiums = UriUtils.normalize((message.params as DidCloseTextDocumentParams).textDocument.uri);
            const uri = this.spellings.get(langiums);
            if (uri === undefined) return;
            this.spellings.delete(langiums);
            // From now on the document's findings (from disk, or none) come under Langium's form: the client's go.
            this.clear(uri);
        }
    }

    /** No findings for `uri` as written (not respelled), where the client shows some. */
    private clear(uri: string): void {
        if (!this.shown.delete(uri)) return;
        const message: NotificationMessage = { jsonrpc: '2.0', method: PublishDiagnosticsNotification.method, params: { uri, diagnostics: [] } };
        void this.output?.write(message).catch(() => undefined);
    }
}

/**
 * `value` with every string and every key that is Langium's URI of a document the client spells otherwise in the
 * client's spelling (a Location's uri, a WorkspaceEdit's `changes` key, …). Nothing is changed in place — the
 * diagnostics sent are the document's own — and what holds no such URI is passed on as it is.
 */
function respelled(value: unknown, spellings: Spellings): unknown {
    if (typeof value === 'string') return spellings.get(value) ?? value;
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) {
        let copy: unknown[] | undefined;
        value.forEach((item, i) => {
            const spelled = respelled(item, spellings);
            if (spelled !== item) (copy ??= [...value])[i] = spelled;
        });
        return copy ?? value;
    }
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
        const spelledKey = spellings.get(key) ?? key;
        const spelled = respelled(item, spellings);
        if (spelledKey === key && spelled === item) continue;
        copy ??= { ...value as Record<string, unknown> };
        delete copy[key];
        copy[spelledKey] = spelled;
    }
    return copy ?? value;
}
