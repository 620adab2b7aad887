import * as vscode from 'vscode';
import { CompileRequest, type CompileParams, type CompileResponse } from '../../language/lsp/protocol-request.js';
import type { JxmbServer } from '../client.js';
import { exists, jxmbDocument, revealFile } from '../jxmb-document.js';
import { EXPORT_EXTENSIONS, exportPathFor, planWrite, type ExportTarget } from '../output-path.js';

// 导出 Excel / HTML / 扁平字符串 / JSON: the open document (unsaved edits included) compiled by the server and written
// beside the .jxmb with the same base name; an existing file is replaced only when the user says so.

const LABELS: Record<ExportTarget, () => string> = {
    xlsx: () => vscode.l10n.t('Excel workbook'),
    html: () => vscode.l10n.t('HTML table'),
    flat: () => vscode.l10n.t('flattened string'),
    json: () => vscode.l10n.t('JSON model')
};

async function destinationFor(document: vscode.TextDocument, target: ExportTarget): Promise<vscode.Uri | undefined> {
    if (document.uri.scheme !== 'untitled') return document.uri.with({ path: exportPathFor(document.uri.path, target) });
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = exportPathFor(`/${document.uri.path.replace(/^.*\//, '') || 'jxmb'}.jxmb`, target).slice(1);
    const extension = EXPORT_EXTENSIONS[target].slice(1);
    return vscode.window.showSaveDialog({
        defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
        filters: { [LABELS[target]()]: [extension] },
        title: vscode.l10n.t('Export {0}', LABELS[target]())
    });
}

/** True when the file may be written (it is new, or the user agreed to replace it). */
async function mayWrite(document: vscode.TextDocument, destination: vscode.Uri, askedByDialog: boolean): Promise<boolean> {
    const plan = planWrite(document.uri.path, destination.path, await exists(destination));
    if (plan.action === 'refuse') {
        void vscode.window.showErrorMessage(vscode.l10n.t('Refusing to write the export over a .jxmb file: {0}', vscode.workspace.asRelativePath(destination)));
        return false;
    }
    if (plan.action === 'write' || askedByDialog) return true;
    const overwrite = vscode.l10n.t('Overwrite');
    const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('{0} already exists. Overwrite it?', vscode.workspace.asRelativePath(destination)),
        { modal: true }, overwrite);
    return answer === overwrite;
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

export async function exportDocument(server: JxmbServer, target: ExportTarget, arg?: unknown): Promise<vscode.Uri | undefined> {
    const document = await jxmbDocument(arg);
    if (!document) return undefined;
    const destination = await destinationFor(document, target);
    if (!destination || !await mayWrite(document, destination, document.uri.scheme === 'untitled')) return undefined;
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
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not write {0}: {1}', vscode.workspace.asRelativePath(destination), String((error as Error).message ?? error)));
        return undefined;
    }
    announce(destination, target);
    return destination;
}
