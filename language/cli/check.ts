import type { JxmbServices } from '../jxmb-module.js';
import { parseAndValidate } from '../documents.js';
import { summarize, type DocumentSummary } from '../validation/summary.js';
import { ConfigResolver } from './config.js';
import { toFinding, type Finding } from './diagnostics.js';
import { collectSources, InputError, readSourceText } from './source-files.js';

export interface CheckResult {
    files: string[];
    findings: Finding[];
    /** Inputs that could not be read at all. */
    problems: InputError[];
    /** per checked file: measurability and counts by family */
    summaries: Record<string, DocumentSummary>;
}

export async function checkPaths(services: JxmbServices, paths: string[], configFile?: string): Promise<CheckResult> {
    const configs = new ConfigResolver(configFile);
    const { files, problems } = await collectSources(paths);
    const findings: Finding[] = [];
    const checked: string[] = [];
    const summaries: Record<string, DocumentSummary> = {};
    for (const file of files) {
        let text: string;
        try {
            text = await readSourceText(file);
        } catch (error) {
            if (error instanceof InputError) {
                problems.push(error);
                continue;
            }
            throw error;
        }
        services.jxmb.Settings.useFixed(await configs.forFile(file));
        const { document, diagnostics } = await parseAndValidate(services, text);
        checked.push(file);
        summaries[file] = summarize(document.parseResult.value, diagnostics);
        findings.push(...diagnostics.map(d => toFinding(file, d)));
    }
    findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
    return { files: checked, findings, problems, summaries };
}
