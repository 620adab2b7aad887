import * as vscode from 'vscode';
import { draftPreviewNotice } from './draft-flow.js';
import type { Occupant } from './output-path.js';

// The document a command works on: the file it was given (explorer menu) or the active .jxmb editor — never a
// draft's preview, which is no file (the diff's right side is a .jxmb document too).

export async function jxmbDocument(arg?: unknown): Promise<vscode.TextDocument | undefined> {
    const target = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    const draft = target && draftPreviewNotice(target, vscode.l10n.t);
    if (draft) {
        void vscode.window.showWarningMessage(draft);
        return undefined;
    }
    if (arg instanceof vscode.Uri) {
        const document = await vscode.workspace.openTextDocument(arg);
        if (document.languageId === 'jxmb') return document;
    }
    const active = vscode.window.activeTextEditor?.document;
    if (active?.languageId === 'jxmb') return active;
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a .jxmb file first.'));
    return undefined;
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
    try {
        await vscode.workspace.fs.stat(uri);
        return true;
    } catch {
        return false;
    }
}

/** What stands at `uri`: nothing, a file (a link to one too) or a folder. */
export async function occupant(uri: vscode.Uri): Promise<Occupant> {
    try {
        return (await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory ? 'folder' : 'file';
    } catch {
        return 'none';
    }
}

/** Opens a file's folder in the operating system, or shows it in the explorer where that cannot be done (remote). */
export async function revealFile(uri: vscode.Uri): Promise<void> {
    const local = uri.scheme === 'file' && vscode.env.remoteName === undefined && vscode.env.uiKind === vscode.UIKind.Desktop;
    await vscode.commands.executeCommand(local ? 'revealFileInOS' : 'revealInExplorer', uri);
}
