import { DefaultDocumentValidator, OperationCancelled, type LangiumDocument, type ValidationOptions } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { JxmbServices } from './jxmb-module.js';
import type { SeverityOverride } from './settings.js';

const severityValues: Record<Exclude<SeverityOverride, 'off'>, DiagnosticSeverity> = {
    error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint
};

// Two things every diagnostic goes through after the checks ran:
// - Langium puts the code of syntax errors only in `data`; every jxmb diagnostic shows a stable code.
// - The user's severity overrides (per code, `off` silences one) apply here, once, for every check alike.
export class JxmbDocumentValidator extends DefaultDocumentValidator {
    private readonly jxmbServices: JxmbServices;

    constructor(services: JxmbServices) {
        super(services);
        this.jxmbServices = services;
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        // Settings first: they may come from the client, and while we wait the document may be rebuilt. A run
        // that was cancelled meanwhile must not return, or the builder adds its findings to the next run's (each
        // finding shown twice in VS Code's counts).
        const { severity } = await this.jxmbServices.jxmb.Settings.forDocument(document.uri);
        if (cancelToken?.isCancellationRequested) throw OperationCancelled;
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        if (cancelToken?.isCancellationRequested) throw OperationCancelled;
        const result: Diagnostic[] = [];
        for (const diagnostic of diagnostics) {
            diagnostic.code ??= (diagnostic.data as { code?: string } | undefined)?.code;
            const override = severity[String(diagnostic.code)];
            if (override === 'off') continue;
            if (override) diagnostic.severity = severityValues[override];
            result.push(diagnostic);
        }
        return result;
    }
}
