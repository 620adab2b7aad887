import * as vscode from 'vscode';
import { exists } from '../jxmb-document.js';

// The walkthrough's first step: a copy of the bundled samples/tutorial.jxmb in the workspace (or, without one, in
// the extension's storage), opened in the editor. An existing copy is the user's and is opened as it is.

export const TUTORIAL_NAME = 'jxmb-tutorial.jxmb';

export async function openTutorial(context: vscode.ExtensionContext): Promise<vscode.TextEditor> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? context.globalStorageUri;
    const copy = vscode.Uri.joinPath(folder, TUTORIAL_NAME);
    if (!await exists(copy)) {
        await vscode.workspace.fs.createDirectory(folder);
        await vscode.workspace.fs.copy(vscode.Uri.joinPath(context.extensionUri, 'samples', 'tutorial.jxmb'), copy, { overwrite: false });
    }
    return vscode.window.showTextDocument(copy, { preview: false });
}
