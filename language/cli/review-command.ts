import { lstat, realpath } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import type { JxmbServices } from '../jxmb-module.js';
import { renderReviewHtml } from '../review/html.js';
import { formatProblem } from './diagnostics.js';
import { terminalProgress, type ProgressStream } from '../review/progress.js';
import type { ReviewReport } from '../review/report.js';
import { reviewPaths } from '../review/review.js';
import { InputError } from './source-files.js';
import { isFileAt, nearestUp } from './fs-reasons.js';
import { describeWriteError, isFolder, nulInPath, unwritableReason, writeOutput } from './write-file.js';

// `jxmb check <文件或文件夹…> --report 报告.html|报告.json`: the reviewer's report over .jxmb files and tables
// (.xlsx, .docx, text) side by side. The report is written whole (temp file + rename), never over an input, and over
// an existing file only with --force (as compile -o).
// Exit status as for check: 0 no errors; 1 errors found; 2 an input could not be checked (it is in the report with
// its reason) or a path is missing, or the report could not be written.

export interface ReviewCommandOptions {
    report: string;
    config?: string;
    /** write over an existing report */
    force?: boolean;
}

export async function runReviewCommand(
    services: JxmbServices, paths: string[], options: ReviewCommandOptions,
    io: { out(text: string): void; err(text: string): void }, terminal?: ProgressStream | null
): Promise<number> {
    const kind = reportKind(options.report);
    if (!kind) {
        io.err(`--report 的文件须以 .html 或 .json 结尾，而不是「${options.report}」。\n`);
        return 2;
    }
    await checkReportPath(options.report, paths, options.force);
    const progress = terminalProgress(terminal);
    let result;
    try {
        result = await reviewPaths(services, paths, { config: options.config, onProgress: (done, total, file) => progress.update(done, total, file) });
    } finally {
        progress.done();
    }
    const { report, problems } = result;
    for (const problem of problems) io.err(`${formatProblem(problem.file, problem.message)}\n`);
    await writeOutput(options.report, reportContent(report, options.report));
    const t = report.totals;
    io.out(`检查了 ${t.checked} 个文件${t.failed > 0 ? `（无法检查 ${t.failed} 个）` : ''}：${t.errors} 个错误，${t.warnings} 个警告，${t.infos} 条提示。报告已写入 ${options.report}。\n`);
    if (problems.length > 0 || t.failed > 0) return 2;
    return t.errors > 0 ? 1 : 0;
}

/**
 * Where the report may go, checked before the review, which may take minutes (the editor's 生成审核报告 too): never
 * over one of the inputs, over an existing file only when the user said so, and not where the write cannot succeed.
 */
export async function checkReportPath(report: string, inputs: string[], force = false, howToForce = '要覆盖请加 --force'): Promise<void> {
    const nul = nulInPath(report, '文件');
    if (nul) throw nul;
    // Folders yield only .jxmb and tables, never .html/.json; a file named on the command line is read whatever it is.
    if (await isInput(report, inputs)) {
        throw new InputError(report, '报告路径就是要检查的文件之一：请换一个输出路径。');
    }
    // The file there may be last week's report, or anything else.
    if (!force && await isExistingFile(report)) {
        throw new InputError(report, `输出文件已存在：未覆盖（${howToForce}）。`);
    }
    // What the write would stop at after the whole review: a folder at the path, a file where a folder should be.
    const blocked = await isFolder(report) ? 'EISDIR' : nearestUp(dirname(report), isFileAt) ? 'ENOTDIR' : undefined;
    if (blocked) throw new InputError(report, `无法写入：${await describeWriteError(report, { code: blocked })}。`);
    // A folder the system takes no new file in (/proc, a read-only disk, one without write permission).
    const unwritable = await unwritableReason(report);
    if (unwritable) throw new InputError(report, `无法写入：${unwritable}。`);
}

/** The report as its file's extension says: JSON for .json, the HTML page otherwise. */
export function reportContent(report: ReviewReport, path: string): string {
    return reportKind(path) === 'json' ? JSON.stringify(report, null, 2) + '\n' : renderReviewHtml(report);
}

function reportKind(path: string): 'html' | 'json' | null {
    const ext = extname(path).toLowerCase();
    return ext === '.html' || ext === '.htm' ? 'html' : ext === '.json' ? 'json' : null;
}

/** A file or a link stands there (a folder is said apart). */
async function isExistingFile(path: string): Promise<boolean> {
    return lstat(path).then(info => !info.isDirectory(), () => false);
}

async function isInput(path: string, inputs: string[]): Promise<boolean> {
    const real = async (p: string) => realpath(p).catch(() => resolve(p));
    const target = await real(path);
    for (const input of inputs) if (await real(input) === target) return true;
    return false;
}
