import { OperationCancelled, type LangiumDocument } from 'langium';
import type { Formatter } from 'langium/lsp';
import type {
    CancellationToken, DocumentFormattingParams, DocumentOnTypeFormattingOptions, DocumentRangeFormattingParams, TextEdit
} from 'vscode-languageserver-protocol';
import type { Document } from '../generated/ast.js';
import { formatEdits } from './format/format-document.js';
import type { WhitespaceEdit } from './format/whitespace.js';
import { isRefusedAsTooLarge } from './refused.js';

// 格式化: lays a file out as the samples are laid out; idempotent; only whitespace changes (format/).
// Not Langium's AbstractFormatter: the choices here are per gap and need to see the comments and the widths
// ("this block of amounts on one line if it fits and holds no comment", two spaces before an end-of-line comment,
// blank lines kept but not after `{`), which its per-token actions do not see. A layout over the token stream makes
// them directly, and re-reads its result to prove that nothing but whitespace changed.
export class JxmbFormatter implements Formatter {
    /** `tell`: how the editor is told why a declaration stayed as written (window/showMessage). */
    constructor(private readonly tell?: (message: string) => void) {}

    formatDocument(document: LangiumDocument, _params: DocumentFormattingParams, cancelToken?: CancellationToken): TextEdit[] {
        notCancelled(cancelToken);
        return this.toTextEdits(document, this.edits(document));
    }

    /** The whole-document edits that touch the range (a range is laid out as part of its whole declaration). */
    formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams, cancelToken?: CancellationToken): TextEdit[] {
        notCancelled(cancelToken);
        const start = document.textDocument.offsetAt(params.range.start);
        const end = document.textDocument.offsetAt(params.range.end);
        return this.toTextEdits(document, this.edits(document).filter(edit => edit.end >= start && edit.start <= end));
    }

    formatDocumentOnType(): TextEdit[] {
        return [];
    }

    get formatOnTypeOptions(): DocumentOnTypeFormattingOptions | undefined {
        return undefined;
    }

    private edits(document: LangiumDocument): WhitespaceEdit[] {
        if (isRefusedAsTooLarge(document)) return [];
        const parseResult = document.parseResult as LangiumDocument<Document>['parseResult'];
        const line = firstErrorLine(parseResult);
        // A declaration with a syntax error is left as written (format-document.ts); the user would otherwise see
        // the command do nothing, and not know why.
        if (line !== undefined) this.tell?.(`第 ${line} 行有语法错误：含语法错误的申报表不作格式化，改正后再格式化。`);
        return formatEdits(document.textDocument.getText(), parseResult);
    }

    private toTextEdits(document: LangiumDocument, edits: readonly WhitespaceEdit[]): TextEdit[] {
        return edits.map(edit => ({
            range: { start: document.textDocument.positionAt(edit.start), end: document.textDocument.positionAt(edit.end) },
            newText: edit.text
        }));
    }
}

/** A formatting cancelled while it waited (the user typed on, or saved again) is not computed. */
function notCancelled(token: CancellationToken | undefined): void {
    if (token?.isCancellationRequested) throw OperationCancelled;
}

/** The 1-based line of the text's first syntax error, if any. */
function firstErrorLine(parseResult: LangiumDocument<Document>['parseResult']): number | undefined {
    // A loop, not Math.min(...lines): 400,000 lexer errors overflowed the call stack as arguments.
    let first: number | undefined;
    const consider = (line: number | undefined) => {
        if (Number.isInteger(line) && (first === undefined || line! < first)) first = line;
    };
    for (const error of parseResult.lexerErrors) consider(error.line);
    for (const error of parseResult.parserErrors) consider(error.token.startLine);
    return first;
}
