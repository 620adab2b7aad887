import type { Diagnostic } from 'vscode-languageserver-types';
import type { LangiumDocument } from 'langium';
import type { JxmbServices } from '../jxmb-module.js';
import { parseAndValidate } from '../documents.js';
import type { Document } from '../generated/ast.js';
import { summarize, type DocumentSummary } from '../validation/summary.js';
import { ConfigResolver } from './config.js';
import { toFinding, type Finding } from './diagnostics.js';
import { fixesOf } from './finding-fixes.js';
import { collectSources, InputError, readSourceText, tablesNotChecked } from './source-files.js';

export interface CheckResult {
    files: string[];
    findings: Finding[];
    /** Inputs that could not be read at all. */
    problems: InputError[];
    /** per checked file: measurability and counts by family */
    summaries: Record<string, DocumentSummary>;
    /** lines for stderr that change nothing in the result: the tables in the folders, which check does not read */
    notes: string[];
}

export interface CheckedText {
    document: LangiumDocument<Document>;
    diagnostics: Diagnostic[];
    summary: DocumentSummary;
}

/**
 * Checks one text as the file `file` (its jxmb.yaml applies): the one path every check takes, so that a .jxmb and a
 * table imported on the fly (the reviewer's report) are judged alike.
 */
export async function checkText(services: JxmbServices, configs: ConfigResolver, file: string, text: string): Promise<CheckedText> {
    services.jxmb.Settings.useFixed(await configs.forFile(file));
    const { document, diagnostics } = await parseAndValidate(services, text);
    return { document, diagnostics, summary: summarize(document.parseResult.value, diagnostics) };
}

export interface CheckOptions {
    /** each finding carries the editor's quick-fixes for it (for --format json only: it costs time per finding) */
    fixes?: boolean;
    /** after each file: how many are done, of how many, and which one was last */
    onProgress?: (done: number, total: number, file: string) => void;
}

export async function checkPaths(services: JxmbServices, paths: string[], configFile?: string, options: CheckOptions = {}): Promise<CheckResult> {
    const configs = new ConfigResolver(configFile);
    const { files, problems, tables } = await collectSources(paths);
    const notes = [tablesNotChecked(tables)].filter(note => note !== null);
    const findings: Finding[] = [];
    const checked: string[] = [];
    const summaries: Record<string, DocumentSummary> = {};
    for (const [i, file] of files.entries()) {
        const text = await readSourceText(file).catch((error: unknown) => {
            if (error instanceof InputError) return error;
            throw error;
        });
        if (text instanceof InputError) problems.push(text);
        else {
            const { document, diagnostics, summary } = await checkText(services, configs, file, text);
            checked.push(file);
            summaries[file] = summary;
            for (const diagnostic of diagnostics) {
                const finding = toFinding(file, diagnostic);
                if (options.fixes) finding.fixes = await fixesOf(services, document, diagnostic);
                findings.push(finding);
            }
        }
        options.onProgress?.(i + 1, files.length, file);
    }
    findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
    return { files: checked, findings, problems, summaries, notes };
}
