import { DefaultDocumentValidator, type LangiumDocument, type ValidationOptions } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver-types';

// Langium puts the code of syntax errors only in `data`; every jxmb diagnostic has a visible, stable code
// (the CLI prints it, severity overrides and quick-fixes key on it).
export class JxmbDocumentValidator extends DefaultDocumentValidator {
    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        for (const diagnostic of diagnostics) {
            diagnostic.code ??= (diagnostic.data as { code?: string } | undefined)?.code;
        }
        return diagnostics;
    }
}
