import type { CancellationToken } from 'vscode-languageserver';
import { DefaultLangiumDocumentFactory, type AstNode, type LangiumDocument, type Mutable, type ParseResult, type URI } from 'langium';
import { reparse } from './parse/reparse.js';

// A changed document is parsed again from its previous tree where only one block changed (parse/reparse.ts);
// otherwise, and for every new document, the whole text is parsed as Langium does.
export class JxmbDocumentFactory extends DefaultLangiumDocumentFactory {
    /** The parse result each document had when its update started, by URI. */
    private readonly previous = new Map<string, ParseResult>();

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
