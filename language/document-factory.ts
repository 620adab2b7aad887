import type { CancellationToken } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DefaultLangiumDocumentFactory, type AstNode, type LangiumDocument, type Mutable, type ParseResult, type URI } from 'langium';
import { MAX_SOURCE_BYTES, tooLargeMessage } from './cli/source-files.js';
import { utf8Size } from './lsp/refused.js';
import { reparse } from './parse/reparse.js';

// A changed document is parsed again from its previous tree where only one block changed (parse/reparse.ts);
// otherwise, and for every new document, the whole text is parsed as Langium does.
export class JxmbDocumentFactory extends DefaultLangiumDocumentFactory {
    /** The parse result each document had when its update started, by URI. */
    private readonly previous = new Map<string, ParseResult>();
    /** Why a document's text was not parsed, by URI (see parseAsync). */
    private readonly tooLarge = new Map<string, string>();

    /** The editor's version of the text each document was last read from (none for a file read from disk). */
    private readonly versions = new WeakMap<LangiumDocument, number>();

    /** The version of the text `document` holds now, as the editor numbered it: what its diagnostics were computed for. */
    textVersion(document: LangiumDocument): number | undefined {
        return this.versions.get(document);
    }

    protected override getUpdatedText<T extends AstNode>(document: Mutable<LangiumDocument<T>>, textDocument: TextDocument | undefined, token: CancellationToken): Promise<string> {
        // Read here, where the text is: the editor's document may move on while this one is parsed and validated.
        if (textDocument) this.versions.set(document, textDocument.version);
        else this.versions.delete(document);
        return super.getUpdatedText(document, textDocument, token);
    }

    /** Why the document's last text was not parsed, if it was not. */
    whyNotParsed(uri: URI): string | undefined {
        return this.tooLarge.get(uri.toString());
    }

    override async update<T extends AstNode = AstNode>(document: Mutable<LangiumDocument<T>>, cancellationToken: CancellationToken): Promise<LangiumDocument<T>> {
        const key = document.uri.toString();
        this.previous.set(key, document.parseResult);
        try {
            return await super.update(document, cancellationToken);
        } finally {
            this.previous.delete(key);
        }
    }

    protected override parseAsync<T extends AstNode>(uri: URI, text: string, cancellationToken: CancellationToken): Promise<ParseResult<T>> {
        // A text over the CLI's limit (opened in the editor; files on disk are refused before reading) is not parsed:
        // 50 MB would take the server's memory. Its document is empty and its one finding says why.
        const bytes = utf8Size(text);
        if (bytes > MAX_SOURCE_BYTES) {
            this.tooLarge.set(uri.toString(), tooLargeMessage(bytes));
            return super.parseAsync(uri, '', cancellationToken);
        }
        this.tooLarge.delete(uri.toString());
        const previous = this.previous.get(uri.toString()) as ParseResult<T> | undefined;
        if (previous) {
            try {
                const result = reparse(this.serviceRegistry.getServices(uri).parser.LangiumParser, previous, text);
                if (result) return Promise.resolve(result);
            } catch (error) {
                // A fault in the short way must not cost the user the document: parse it whole (a new tree).
                console.error('jxmb: incremental parse failed, parsing the whole text:', error);
            }
        }
        return super.parseAsync(uri, text, cancellationToken);
    }
}
