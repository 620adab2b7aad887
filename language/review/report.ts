import type { SourceFormat, SourcePlace } from '../import/source.js';
import type { SeverityName } from '../cli/diagnostics.js';

// The reviewer's report: what `jxmb check <folder> --report` writes, as JSON (this shape; the contract is
// schemas/review-report.schema.json) or as one HTML page rendered from it (html.ts).

export const REVIEW_REPORT_VERSION = 1;

/** Where a finding is, in the file the reviewer received. */
export type FindingPlace =
    | { kind: 'jxmb'; text: string; line: number; column: number; endLine: number; endColumn: number }
    | (SourcePlace & { text: string; detail?: string; generated: GeneratedPlace })
    | { kind: 'generated'; text: string; generated: GeneratedPlace };

/** The place in the .jxmb the import generated (what `jxmb import` writes), 1-based. */
export interface GeneratedPlace {
    line: number;
    column: number;
}

export interface ReviewFinding {
    severity: SeverityName;
    code: string;
    message: string;
    place: FindingPlace;
}

export interface ImportNote {
    kind: 'unplaced' | 'note';
    where: string;
    text?: string;
    message: string;
}

export interface FileReview {
    /** the path as found (relative to the working directory when given so) */
    file: string;
    /** 'jxmb' for a .jxmb; the importer's reading otherwise; null when the file could not be read at all */
    format: 'jxmb' | SourceFormat | null;
    status: 'checked' | 'failed';
    /** why a failed file could not be checked */
    reason?: string;
    errors: number;
    warnings: number;
    /** infos and hints */
    infos: number;
    /** the measurability score (validation/measurability-score.ts); null for a failed file */
    measurability: { indicators: number; measurable: number; share: number } | null;
    /** sorted by place in the file */
    findings: ReviewFinding[];
    /** imported files: cells the import could not place and its notes (import/report.ts) */
    importReport?: ImportNote[];
}

export interface ReviewReport {
    version: typeof REVIEW_REPORT_VERSION;
    generatedAt: string;
    totals: { files: number; checked: number; failed: number; errors: number; warnings: number; infos: number };
    /** worst first: failed files, then by errors, warnings, lower measurability, name */
    files: FileReview[];
}

/** Worst first. A file that could not be checked is the worst of all: nobody knows what is in it. */
export function compareFiles(a: FileReview, b: FileReview): number {
    return Number(b.status === 'failed') - Number(a.status === 'failed')
        || b.errors - a.errors
        || b.warnings - a.warnings
        || (a.measurability?.share ?? 0) - (b.measurability?.share ?? 0)
        || a.file.localeCompare(b.file);
}

export function buildReport(files: FileReview[], now = new Date()): ReviewReport {
    const sorted = [...files].sort(compareFiles);
    const sum = (key: 'errors' | 'warnings' | 'infos') => files.reduce((n, f) => n + f[key], 0);
    return {
        version: REVIEW_REPORT_VERSION,
        generatedAt: now.toISOString(),
        totals: {
            files: files.length,
            checked: files.filter(f => f.status === 'checked').length,
            failed: files.filter(f => f.status === 'failed').length,
            errors: sum('errors'), warnings: sum('warnings'), infos: sum('infos')
        },
        files: sorted
    };
}

export const severityLabels: Record<SeverityName, string> = { error: '错误', warning: '警告', info: '提示', hint: '提示' };
