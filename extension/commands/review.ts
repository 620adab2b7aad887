import * as vscode from 'vscode';
import { ReviewRequest, type ReviewParams, type ReviewResponse } from '../../language/lsp/protocol-request.js';
import type { JxmbServer } from '../client.js';
import { occupant, revealFile } from '../jxmb-document.js';
import { planWrite } from '../output-path.js';
import { asReportPath, reportPathFor, reviewToast } from '../review-toast.js';
import { mayOverwrite } from './export.js';

// 生成审核报告: a folder of submitted tables and .jxmb files reviewed by the language server, as `jxmb check <folder>
// --report` reviews them, into one HTML page (审核报告.html in that folder unless the user chooses); an existing file
// is replaced only when the user says so. Cancellable; a cancelled review writes nothing.

const t = vscode.l10n.t;
let requests = 0;

async function pickFolder(arg: unknown): Promise<vscode.Uri | undefined> {
    if (arg instanceof vscode.Uri) return arg;
    const picked = await vscode.window.showOpenDialog({
        canSelectFiles: false, canSelectFolders: true, canSelectMany: false,
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
        openLabel: t('Review'),
        title: t('Choose the folder of tables to review')
    });
    return picked?.[0];
}

/** The server reads and writes the file system it runs on: a folder there (a local one, or the remote's). */
const onDisk = (uri: vscode.Uri) => uri.scheme === 'file' || uri.scheme === 'vscode-remote';

/** Where the report goes and whether it may replace a file there (asked here; the server refuses otherwise). */
async function reportPlace(folder: vscode.Uri): Promise<{ uri: vscode.Uri; overwrite: boolean } | undefined> {
    const chosen = await vscode.window.showSaveDialog({
        defaultUri: folder.with({ path: reportPathFor(folder.path) }),
        filters: { [t('Review report (HTML)')]: ['html'] },
        title: t('Save the review report')
    });
    if (!chosen) return undefined;
    const uri = chosen.with({ path: asReportPath(chosen.path) });
    const plan = planWrite(folder.path, uri.path, await occupant(uri));
    if (plan.action === 'refuse') {
        void vscode.window.showErrorMessage(t('No report was written: {0}', t('{0} is a folder; choose a file name for the report.', uri.fsPath)));
        return undefined;
    }
    // Asked even after the save dialog, which does not ask on every system: the server never replaces a file unasked.
    if (plan.action === 'ask' && !await mayOverwrite(uri)) return undefined;
    return { uri, overwrite: plan.action === 'ask' };
}

export async function reviewFolder(server: JxmbServer, arg?: unknown): Promise<vscode.Uri | undefined> {
    const folder = await pickFolder(arg);
    if (!folder) return undefined;
    if (!onDisk(folder)) {
        void vscode.window.showErrorMessage(t('No report was written: {0}', t('{0} is not a folder on disk; only a folder on disk can be reviewed.', folder.toString())));
        return undefined;
    }
    const place = await reportPlace(folder);
    if (!place) return undefined;
    const name = folder.path.replace(/\/+$/, '').replace(/^.*\//, '') || folder.fsPath;
    let response: ReviewResponse;
    try {
        response = await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: t('Reviewing {0}', name), cancellable: true },
            (progress, token) => {
                const params: ReviewParams = { folder: folder.fsPath, report: place.uri.fsPath, overwrite: place.overwrite, workDoneToken: `jxmb-review-${++requests}` };
                let shown = 0;
                return server.requestWithProgress<ReviewResponse>(ReviewRequest, params, token, value => {
                    if (value.kind !== 'report') return;
                    const percentage = value.percentage ?? shown;
                    progress.report({ message: value.message, increment: percentage - shown });
                    shown = percentage;
                });
            });
    } catch (error) {
        if (isCancellation(error)) {
            void vscode.window.showInformationMessage(t('The review was cancelled; no report was written.'));
            return undefined;
        }
        throw error;
    }
    if (!response.ok) {
        void vscode.window.showErrorMessage(t('No report was written: {0}', response.message));
        return undefined;
    }
    announce(place.uri, response.totals);
    return place.uri;
}

function announce(report: vscode.Uri, totals: Extract<ReviewResponse, { ok: true }>['totals']): void {
    const open = t('Open Report');
    const reveal = t('Reveal in Folder');
    const message = reviewToast(totals, vscode.workspace.asRelativePath(report), t);
    void (totals.failed > 0 ? vscode.window.showWarningMessage(message, open, reveal) : vscode.window.showInformationMessage(message, open, reveal))
        .then(async choice => {
            // A web page opens in the browser, as an exported HTML table does.
            if (choice === open) await vscode.env.openExternal(report);
            else if (choice === reveal) await revealFile(report);
        });
}

/** The client's cancellation (vscode.CancellationError) or the server's answer to it (RequestCancelled). */
function isCancellation(error: unknown): boolean {
    return error instanceof vscode.CancellationError
        || (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === -32800);
}
