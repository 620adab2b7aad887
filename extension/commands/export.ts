import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { CompileRequest, type CompileParams, type CompileResponse } from '../../language/lsp/protocol-request.js';
import { describeWriteError } from '../../language/cli/write-file.js';
import type { JxmbServer } from '../client.js';
import { exists, jxmbDocument, occupant, revealFile } from '../jxmb-document.js';
import { EXPORT_EXTENSIONS, exportDestination, freePath, planWrite, systemErrorOf, type ExportTarget } from '../output-path.js';

// 导出 Excel / HTML / 扁平字符串 / JSON: the open document (unsaved edits included) compiled by the server and written
// beside the .jxmb with the same base name (an untitled text, or a file in the extension's storage, where the user
// chooses); an existing file is replaced only when the user says so, and where a folder has that name the user may
// choose another place.

const LABELS: Record<ExportTarget, () => string> = {
    xlsx: () => vscode.l10n.t('Excel workbook'),
    html: () => vscode.l10n.t('HTML table'),
    flat: () => vscode.l10n.t('flattened string'),
    json: () => vscode.l10n.t('JSON model')
};

/** Where the export is proposed to go, and whether the user chose it (in the save dialog, which asks about replacing). */
async function destinationFor(document: vscode.TextDocument, target: ExportTarget, storage: readonly vscode.Uri[]): Promise<{ uri: vscode.Uri; chosen: boolean } | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const home = vscode.Uri.file(homedir());
    const { ask, path } = exportDestination({ path: document.uri.path, untitled: document.uri.scheme === 'untitled' }, target, {
        folder: folder?.path, home: home.path, storage: storage.filter(dir => dir.scheme === document.uri.scheme).map(dir => dir.path)
    });
    if (!ask) return { uri: document.uri.with({ path }), chosen: false };
    const uri = await saveDialog((folder ?? home).with({ path }), target);
    return uri && { uri, chosen: true };
}

function saveDialog(defaultUri: vscode.Uri, target: ExportTarget): Thenable<vscode.Uri | undefined> {
    return vscode.window.showSaveDialog({
        defaultUri,
        filters: { [LABELS[target]()]: [EXPORT_EXTENSIONS[target].slice(1)] },
        title: vscode.l10n.t('Export {0}', LABELS[target]())
    });
}

/**
 * Where the export is written: `destination` when it is free or the user agreed to replace its file (the save dialog
 * asks that itself), another place the user chose where a folder has that name, or undefined: nothing to write.
 */
async function writablePlace(document: vscode.TextDocument, target: ExportTarget, destination: vscode.Uri, askedByDialog: boolean): Promise<vscode.Uri | undefined> {
    const plan = planWrite(document.uri.path, destination.path, await occupant(destination));
    if (plan.action === 'write' || (plan.action === 'ask' && askedByDialog)) return destination;
    if (plan.action === 'ask') return await mayOverwrite(destination) ? destination : undefined;
    if (plan.reason !== 'folder') {
        void vscode.window.showErrorMessage(vscode.l10n.t('Refusing to write the export over a .jxmb file: {0}', vscode.workspace.asRelativePath(destination)));
        return undefined;
    }
    const chosen = await elsewhere(destination, target);
    return chosen && writablePlace(document, target, chosen, true);
}

export async function mayOverwrite(destination: vscode.Uri): Promise<boolean> {
    const overwrite = vscode.l10n.t('Overwrite');
    const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('{0} already exists. Overwrite it?', vscode.workspace.asRelativePath(destination)),
        { modal: true }, overwrite);
    return answer === overwrite;
}

/** A folder has the export's name: the user may save it elsewhere, the dialog starting at a free name beside it. */
async function elsewhere(destination: vscode.Uri, target: ExportTarget): Promise<vscode.Uri | undefined> {
    const saveAs = vscode.l10n.t('Save As…');
    const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('There is a folder named {0}: the {1} cannot be saved under that name.', vscode.workspace.asRelativePath(destination), LABELS[target]()),
        { modal: true }, saveAs);
    if (answer !== saveAs) return undefined;
    const free = await freePath(destination.path, path => exists(destination.with({ path })));
    return saveDialog(destination.with({ path: free ?? destination.path }), target);
}

/** Why the export could not be written, in the CLI's words (the system's EISDIR means nothing to a user). */
async function whyNotWritten(destination: vscode.Uri, error: unknown): Promise<string> {
    return `${await describeWriteError(destination.fsPath, systemErrorOf(error))}。`;
}

function announce(destination: vscode.Uri, target: ExportTarget): void {
    const open = vscode.l10n.t('Open');
    const reveal = vscode.l10n.t('Reveal in Folder');
    void vscode.window.showInformationMessage(
        vscode.l10n.t('Exported the {0} to {1}', LABELS[target](), vscode.workspace.asRelativePath(destination)), open, reveal
    ).then(async choice => {
        if (choice === reveal) await revealFile(destination);
        // A workbook or a web page opens in its own application; text opens in the editor.
        else if (choice === open && (target === 'xlsx' || target === 'html')) await vscode.env.openExternal(destination);
        else if (choice === open) await vscode.window.showTextDocument(destination);
    });
}

/** `storage`: the extension's own folders (ExtensionContext), where an export would be lost to the user. */
export async function exportDocument(server: JxmbServer, target: ExportTarget, storage: readonly vscode.Uri[], arg?: unknown): Promise<vscode.Uri | undefined> {
    const document = await jxmbDocument(arg);
    if (!document) return undefined;
    const proposed = await destinationFor(document, target, storage);
    const destination = proposed && await writablePlace(document, target, proposed.uri, proposed.chosen);
    if (!destination) return undefined;
    const params: CompileParams = { uri: document.uri.toString(), target };
    const response = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Exporting the {0}…', LABELS[target]()) },
        () => server.request<CompileResponse>(CompileRequest, params));
    if (!response.ok) {
        void vscode.window.showErrorMessage(response.message);
        return undefined;
    }
    const bytes = response.encoding === 'base64' ? Buffer.from(response.content, 'base64') : Buffer.from(response.content, 'utf8');
    try {
        await vscode.workspace.fs.writeFile(destination, bytes);
    } catch (error) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not write {0}: {1}', vscode.workspace.asRelativePath(destination), await whyNotWritten(destination, error)));
        return undefined;
    }
    announce(destination, target);
    return destination;
}
