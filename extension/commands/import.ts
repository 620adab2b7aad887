import { posix } from 'node:path';
import * as vscode from 'vscode';
import { ImportRequest, type ImportParams, type ImportResponse } from '../../language/lsp/protocol-request.js';
import type { JxmbServer } from '../client.js';
import { reportHeading } from '../import-report.js';
import { importToast } from '../import-toast.js';
import { exists } from '../jxmb-document.js';
import { freePath, importPathFor, systemErrorOf } from '../output-path.js';
import { defaultYear } from '../settings.js';
import { importTooLarge, MAX_IMPORT_BYTES } from '../../language/import/limits.js';
import { describeFsError } from '../../language/cli/source-files.js';
import { describeWriteError } from '../../language/cli/write-file.js';

// 从表格导入: a table (.xlsx, .docx, tab-separated or PDF text) → a new .jxmb beside it (never over an existing file:
// the user is asked whether to open that one or import into the next free name), opened in the editor; what could not be placed goes to the 导入报告 output channel and into the file's header.

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
        // In the CLI's words: VS Code's message is the system's English (「EHOSTDOWN: host is down」).
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not read {0}: {1}', name, describeFsError(systemErrorOf(error))));
        return undefined;
    }
    const destination = await destinationFor(table);
    if (!destination) return undefined;
    if (destination.open) {
        await vscode.window.showTextDocument(destination.uri, { preview: false });
        return destination.uri;
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
    // Taken meanwhile (the import ran for a while): the next free name, never over it.
    const path = await freePath(destination.uri.path, p => exists(table.with({ path: p })));
    if (!path) {
        void vscode.window.showErrorMessage(vscode.l10n.t('No free file name for the imported declaration beside {0}.', name));
        return undefined;
    }
    const written = table.with({ path });
    try {
        await vscode.workspace.fs.writeFile(written, Buffer.from(response.text, 'utf8'));
    } catch (error) {
        const why = await describeWriteError(written.fsPath, systemErrorOf(error));
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not write {0}: {1}', vscode.workspace.asRelativePath(written), `${why}。`));
        return undefined;
    }
    await vscode.window.showTextDocument(written, { preview: false });

    report.appendLine(reportHeading(new Date(), name, vscode.workspace.asRelativePath(written)));
    for (const line of response.report) report.appendLine(`  ${line}`);
    report.appendLine(`  ${response.summary}`);
    const show = vscode.l10n.t('Show Report');
    const message = importToast({ table: name, destination: vscode.workspace.asRelativePath(written), unplaced: response.unplaced, yearless: response.yearless, year }, vscode.l10n.t);
    void (response.unplaced > 0 || (response.yearless > 0 && year === undefined) ? vscode.window.showWarningMessage(message, show) : vscode.window.showInformationMessage(message, show))
        .then(choice => { if (choice === show) report.show(true); });
    return written;
}

/**
 * The .jxmb beside the table. When one is there already (an earlier import, perhaps edited since), the user chooses:
 * open it, or import into the next free name; it is never overwritten.
 */
async function destinationFor(table: vscode.Uri): Promise<{ uri: vscode.Uri; open: boolean } | undefined> {
    const wanted = table.with({ path: importPathFor(table.path) });
    if (!await exists(wanted)) return { uri: wanted, open: false };
    const free = await freePath(wanted.path, p => exists(table.with({ path: p })));
    const openExisting = vscode.l10n.t('Open {0}', posix.basename(wanted.path));
    const importAnew = free ? vscode.l10n.t('Import as {0}', posix.basename(free)) : undefined;
    const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('{0} already exists (an earlier import?). It is not overwritten.', vscode.workspace.asRelativePath(wanted)),
        { modal: true }, ...(importAnew ? [openExisting, importAnew] : [openExisting]));
    if (answer === openExisting) return { uri: wanted, open: true };
    return answer !== undefined && answer === importAnew && free ? { uri: table.with({ path: free }), open: false } : undefined;
}
