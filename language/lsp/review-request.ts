import { basename, relative, resolve } from 'node:path';
import { EmptyFileSystem } from 'langium';
import { LSPErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import { checkReportPath, reportContent } from '../cli/review-command.js';
import { InputError } from '../cli/source-files.js';
import { isFolder, nulInPath, writeOutput } from '../cli/write-file.js';
import { createJxmbServices } from '../jxmb-module.js';
import { compareFiles } from '../review/report.js';
import { formatProgress } from '../review/progress.js';
import { reviewPaths } from '../review/review.js';
import { abortSignalOf, onEditorRequest } from './document-request.js';
import { ReviewRequest, type RequestFailure, type ReviewParams, type ReviewResponse } from './protocol-request.js';

// `jxmb/review`: the editor's 生成审核报告 runs the engine and the writer of `jxmb check <folder> --report`, so that a
// reviewer gets the same findings in either. The review parses with a set of services of its own: the server's
// would publish each reviewed file's diagnostics to the editor, and their settings are the editor's, not jxmb.yaml.

const fail = (message: string): RequestFailure => ({ ok: false, message });

export function registerReviewRequest(connection: Connection): void {
    onEditorRequest(connection, ReviewRequest, async (params: ReviewParams, token): Promise<ReviewResponse> => {
        if (typeof params.folder !== 'string' || typeof params.report !== 'string' || !params.folder || !params.report) {
            return fail('审核请求不完整：缺少文件夹或报告路径。');
        }
        const folder = resolve(params.folder);
        const path = resolve(params.report);
        const nul = nulInPath(folder, '文件夹');
        if (nul) return fail(`${nul.file}：${nul.message}`);
        if (!await isFolder(folder)) return fail(`${folder}：不是文件夹或不存在，无法审核。`);
        const progress = params.workDoneToken === undefined ? undefined : connection.window.attachWorkDoneProgress(params.workDoneToken);
        const signal = abortSignalOf(token);
        try {
            await checkReportPath(path, [folder], params.overwrite === true, '要覆盖请在提示时选择「覆盖」');
            progress?.begin('生成审核报告', 0);
            const { report, problems } = await reviewPaths(createJxmbServices(EmptyFileSystem).Jxmb, [folder], {
                signal,
                onProgress: (done, total, file) => progress?.report(Math.floor(done * 100 / total), formatProgress(done, total, relative(folder, file), 60))
            });
            // Nothing reviewed (an empty folder, one that cannot be read): a report of that one line would be no help.
            if (report.files.length === problems.length && problems[0]) return fail(`${problems[0].file}：${problems[0].message}`);
            // As `jxmb check . --report` names them run in that folder: 二级单位/表.xlsx, not the whole path.
            for (const file of report.files) file.file = relative(folder, file.file) || basename(file.file);
            report.files.sort(compareFiles);
            signal.throwIfAborted();
            await writeOutput(path, reportContent(report, path));
            return { ok: true, totals: report.totals };
        } catch (error) {
            if (signal.aborted) throw new ResponseError(LSPErrorCodes.RequestCancelled, '审核已取消，没有写入报告。');
            if (error instanceof InputError) return fail(`${error.file}：${error.message}`);
            throw error;
        } finally {
            progress?.done();
        }
    });
}
