import type { JxmbServices } from '../jxmb-module.js';
import { parseAndValidate } from '../documents.js';
import { toFinding, type Finding } from './diagnostics.js';
import { collectSources, InputError, readSourceText } from './source-files.js';

export interface CheckResult {
    files: string[];
    findings: Finding[];
    /** Inputs that could not be read at all. */
    problems: InputError[];
}

export async function checkPaths(services: JxmbServices, paths: string[]): Promise<CheckResult> {
    const { files, problems } = await collectSources(paths);
    const findings: Finding[] = [];
    const checked: string[] = [];
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
        const { diagnostics } = await parseAndValidate(services, text);
        checked.push(file);
        findings.push(...diagnostics.map(d => toFinding(file, d)));
    }
    findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
    return { files: checked, findings, problems };
}
