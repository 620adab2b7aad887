import { posix } from 'node:path';
import type { Translate } from './translate.js';

// 生成审核报告 without the editor: where the report is proposed, the name it is written under, the closing message.

/** The report's name in the reviewed folder, unless the user chooses another place. */
export const REPORT_NAME = '审核报告.html';

export function reportPathFor(folderPath: string): string {
    return posix.join(folderPath, REPORT_NAME);
}

/**
 * The report is a web page: a name typed without .html gets it — so it opens in a browser, and can never be one of
 * the tables under review (.jxmb, .xlsx, .docx, .txt, .tsv).
 */
export function asReportPath(path: string): string {
    return /\.html?$/i.test(path) ? path : `${path}.html`;
}

export interface ReviewTotals {
    files: number;
    failed: number;
    errors: number;
    warnings: number;
}

export function reviewToast(totals: ReviewTotals, report: string, t: Translate): string {
    return totals.failed > 0
        ? t('Reviewed {0} files: {1} errors, {2} warnings; {3} files could not be read. The report is in {4}.', totals.files, totals.errors, totals.warnings, totals.failed, report)
        : t('Reviewed {0} files: {1} errors, {2} warnings. The report is in {3}.', totals.files, totals.errors, totals.warnings, report);
}
