import * as vscode from 'vscode';
import { ImportRequest, type ImportParams, type ImportResponse } from '../../language/lsp/protocol-request.js';
import type { JxmbServer } from '../client.js';
import { reportHeading } from '../import-report.js';
import { importToast } from '../import-toast.js';
import { exists } from '../jxmb-document.js';
import { freePath, importPathFor } from '../output-path.js';
import { defaultYear } from '../settings.js';
import { importTooLarge, MAX_IMPORT_BYTES } from '../../language/import/limits.js';

// 从表格导入: a table (.xlsx, .docx, tab-separated or PDF text) → a new .jxmb beside it (never over an existing file),
// opened in the editor; what could not be placed goes to the 导入报告 output channel and into the file's header.

async function pickTable(arg: unknown): Promise<vscode.Uri | undefined> {
    if (arg instanceof vscode.Uri) return arg;
    const picked = await vscode.window.showOpenDialog({
        canSelectMany: false,
        openLabel: vscode.l10n.t('Import'),
        title: vscode.l10n.t('Import a performance target table'),
        filters: { [vscode.l10n.t('Tables (xlsx, docx, text)')]: ['xlsx', 'docx', 'txt', 'tsv'], [vscode.l10n.t('All files')]: ['*'] }
    });
    return picked?.[0];
}

export async function importTable(server: JxmbServer, report: vscode.OutputChannel, arg?: unknown): Promise<vscode.Uri | undefined> {
    const table = await pickTable(arg);
    if (!table) return undefined;
    const name = table.path.replace(/^.*\//, '');
    let bytes: Uint8Array;
    try {
        // A wrong file (a database export of 2 GB) is refused before it is read into the editor's memory.
        const { size } = await vscode.workspace.fs.stat(table);
        if (size > MAX_IMPORT_BYTES) {
            // Named as the language server names the file in every other import error.
            void vscode.window.showErrorMessage(vscode.l10n.t('Nothing was imported: {0}', `${name}：${importTooLarge(size).message}`));
            return undefined;
        }
        bytes = await vscode.workspace.fs.readFile(table);
    } catch (error) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not read {0}: {1}', name, String((error as Error).message ?? error)));
        return undefined;
    }
    const year = defaultYear(table);
    const params: ImportParams = { fileName: name, base64: Buffer.from(bytes).toString('base64'), ...(year === undefined ? {} : { year }) };
    const response = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Importing {0}…', name) },
        () => server.request<ImportResponse>(ImportRequest, params));
    if (!response.ok) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Nothing was imported: {0}', response.message));
        return undefined;
    }
    const path = await freePath(importPathFor(table.path), p => exists(table.with({ path: p })));
    if (!path) {
        void vscode.window.showErrorMessage(vscode.l10n.t('No free file name for the imported declaration beside {0}.', name));
        return undefined;
    }
    const destination = table.with({ path });
    await vscode.workspace.fs.writeFile(destination, Buffer.from(response.text, 'utf8'));
    await vscode.window.showTextDocument(destination, { preview: false });

    report.appendLine(reportHeading(new Date(), name, vscode.workspace.asRelativePath(destination)));
    for (const line of response.report) report.appendLine(`  ${line}`);
    report.appendLine(`  ${response.summary}`);
    const show = vscode.l10n.t('Show Report');
    const message = importToast({ table: name, destination: vscode.workspace.asRelativePath(destination), unplaced: response.unplaced, yearless: response.yearless, year }, vscode.l10n.t);
    void (response.unplaced > 0 || (response.yearless > 0 && year === undefined) ? vscode.window.showWarningMessage(message, show) : vscode.window.showInformationMessage(message, show))
        .then(choice => { if (choice === show) report.show(true); });
    return destination;
}
