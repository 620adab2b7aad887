import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { JxmbServices } from '../jxmb-module.js';
import { checkText, type CheckedText } from '../cli/check.js';
import { ConfigResolver } from '../cli/config.js';
import { toFinding } from '../cli/diagnostics.js';
import { readTableBytes } from '../cli/import.js';
import { archiveMessage, collectSources, InputError, isZip, leftoverMessage, OTHER_TABLE_EXTENSIONS, readSourceText, TABLE_EXTENSIONS } from '../cli/source-files.js';
import { ImportError } from '../import/errors.js';
import { importBytes, renderImport, type ImportResult } from '../import/import.js';
import { generatedPlaceText, sourcePlaceText } from './place-text.js';
import { SourceMap } from './places.js';
import { BudgetCode, rowFillAdvice, type MissingAmountData } from '../validation/budget.js';
import { earlierLine, HierarchyCode, type HierarchyData } from '../validation/hierarchy.js';
import { targetAdvice, type TargetInNameData } from '../validation/hierarchy-names.js';
import { buildReport, type FileReview, type FindingPlace, type ReviewFinding, type ReviewReport } from './report.js';

// Reviewing a folder: every .jxmb is checked as `jxmb check` checks it; every table (.xlsx, .docx, text) is imported
// in memory — nothing is written beside it — and the generated .jxmb is checked the same way, with the same
// jxmb.yaml, each finding mapped back to the cell of the original it is about. A file that cannot be read or
// imported is in the report with the reason, never a crash.

export const REVIEW_EXTENSIONS = ['.jxmb', ...TABLE_EXTENSIONS, ...OTHER_TABLE_EXTENSIONS];

export interface ReviewOptions {
    config?: string;
    /** after each file: how many are done, of how many, and which one was last */
    onProgress?: (done: number, total: number, file: string) => void;
    /** stops the review before the next file (the editor's 取消): throws the signal's reason */
    signal?: AbortSignal;
}

export interface ReviewResult {
    report: ReviewReport;
    /** command-line paths that do not exist, folders with nothing to review (in the report too, as failed) */
    problems: InputError[];
}

export async function reviewPaths(services: JxmbServices, paths: string[], options: ReviewOptions = {}): Promise<ReviewResult> {
    const configs = new ConfigResolver(options.config);
    const { files, problems } = await collectSources(paths, REVIEW_EXTENSIONS);
    const reviews: FileReview[] = [];
    for (const [i, file] of files.entries()) {
        options.signal?.throwIfAborted();
        reviews.push(await reviewFile(services, configs, file));
        options.onProgress?.(i + 1, files.length, file);
    }
    // A path that is not there (or a folder with nothing to review) is an input that could not be checked: the report,
    // not only the terminal, must say so, or its totals tell the reviewer that everything was looked at.
    const unchecked = problems.map(problem => failed(problem.file, null, problem.message));
    return { report: buildReport([...unchecked, ...reviews]), problems };
}

async function reviewFile(services: JxmbServices, configs: ConfigResolver, file: string): Promise<FileReview> {
    if (extname(file).toLowerCase() === '.jxmb' && !await isZipFile(file)) {
        let text: string;
        try {
            text = await readSourceText(file);
        } catch (error) {
            // Not read, as an empty or damaged table is not: no format, whatever the name says (report.ts, format).
            if (error instanceof InputError) return failed(file, null, error.message);
            throw error;
        }
        const checked = await checkText(services, configs, file, text);
        return reviewed(file, 'jxmb', checked, checked.diagnostics.map(d => jxmbFinding(file, d)));
    }
    // A lock file named on the command line (a folder's are passed over), an archive: what it is, not 「这是二进制文件」.
    const leftover = leftoverMessage(file) ?? archiveMessage(file);
    if (leftover) return failed(file, null, leftover);
    let imported: ImportResult;
    try {
        imported = await importBytes(await readTableBytes(file), { extension: extname(file) });
    } catch (error) {
        // A table the importer cannot read is the submitter's problem to fix; say why, whatever went wrong.
        const reason = error instanceof ImportError ? error.message : `导入时出错（${(error as Error)?.message ?? String(error)}）。`;
        return failed(file, null, reason);
    }
    const checked = await checkText(services, configs, file, renderImport(imported, file));
    const map = SourceMap.of(checked.document, imported.model, imported.origins);
    const review = reviewed(file, imported.format, checked, checked.diagnostics.map(d => importedFinding(map, d)));
    review.importReport = imported.report.map(entry => ({ ...entry }));
    return review;
}

/**
 * A workbook or Word document saved or renamed as 表.jxmb (a zip, as .xlsx and .docx are): reviewed as the table it
 * is, as `jxmb check` of it advises, rather than failed with that advice. Four bytes are read, from a regular file.
 */
async function isZipFile(file: string): Promise<boolean> {
    const head = Buffer.alloc(4);
    try {
        // A named pipe given by name is read once, by readSourceText: four bytes taken here would be lost to it.
        if (!(await stat(file)).isFile()) return false;
        const handle = await open(file, 'r');
        try {
            await handle.read(head, 0, 4, 0);
        } finally {
            await handle.close();
        }
    } catch {
        return false; // readSourceText says why it cannot be read
    }
    return isZip(head);
}

function reviewed(file: string, format: FileReview['format'], checked: CheckedText, findings: Array<ReviewFinding & { order: [number, number] }>): FileReview {
    const { summary } = checked;
    findings.sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1]);
    return {
        file, format, status: 'checked',
        errors: summary.errors, warnings: summary.warnings, infos: summary.infos,
        measurability: { indicators: summary.indicators, measurable: summary.measurable, share: summary.share },
        findings: findings.map(({ order: _order, ...finding }) => finding)
    };
}

function failed(file: string, format: FileReview['format'], reason: string): FileReview {
    return { file, format, status: 'failed', reason, errors: 0, warnings: 0, infos: 0, measurability: null, findings: [] };
}

function jxmbFinding(file: string, diagnostic: Diagnostic): ReviewFinding & { order: [number, number] } {
    const f = toFinding(file, diagnostic);
    return {
        severity: f.severity, code: f.code, message: f.message,
        place: { kind: 'jxmb', text: `${f.line}:${f.column}`, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn },
        order: [f.line, f.column]
    };
}

/** A finding on the generated .jxmb, placed in the original through the source map (or on the generated line). */
export function importedFinding(map: SourceMap, diagnostic: Diagnostic): ReviewFinding & { order: [number, number] } {
    const f = toFinding('', diagnostic);
    const generated = { line: f.line, column: f.column };
    const origin = map.originOf(diagnostic.range);
    const place: FindingPlace = origin?.cell.place
        ? {
            ...origin.cell.place,
            text: sourcePlaceText(origin.cell.place) + (origin.detail ? `（${origin.detail}）` : ''),
            ...(origin.detail ? { detail: origin.detail } : {}),
            generated
        }
        : { kind: 'generated', text: generatedPlaceText(f.line), generated };
    return { severity: f.severity, code: f.code, message: placedMessage(map, diagnostic, f.message), place, order: [f.line, f.column] };
}

/**
 * A finding's message as the reviewer of a table reads it. The .jxmb the import generated is never seen: duplicate-name
 * names the first by its cell, not its line; advice that would write .jxmb (a 资金 { … } row, a quoted 指标值) is
 * given in the table's words.
 */
function placedMessage(map: SourceMap, diagnostic: Diagnostic, message: string): string {
    if (diagnostic.code === BudgetCode.missingAmount) {
        const data = diagnostic.data as MissingAmountData | undefined;
        const fill = data?.placement === 'row' ? data.fills[0] : undefined;
        return fill && data?.row ? message.replace(rowFillAdvice(data.row, fill, 'jxmb'), rowFillAdvice(data.row, fill, 'table')) : message;
    }
    if (diagnostic.code === HierarchyCode.targetInName) {
        const data = diagnostic.data as TargetInNameData | undefined;
        return data ? message.replace(targetAdvice(data.name, data.value, data.target, 'jxmb'), targetAdvice(data.name, data.value, data.target, 'table')) : message;
    }
    const earlier = diagnostic.code === HierarchyCode.duplicateName ? (diagnostic.data as HierarchyData | undefined)?.earlier : undefined;
    if (!earlier) return message;
    const origin = map.originOf(earlier);
    const place = origin?.cell.place
        ? sourcePlaceText(origin.cell.place) + (origin.detail ? ` ${origin.detail}` : '')
        : `导入后第 ${earlier.start.line + 1} 行`;
    return message.replace(`（${earlierLine(earlier.start.line + 1)}）`, `（${earlierLine(place)}）`);
}
