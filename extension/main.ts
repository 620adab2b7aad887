import * as vscode from 'vscode';
import { createClient, JxmbServer } from './client.js';
import { draftIndicators } from './commands/draft.js';
import { exportDocument } from './commands/export.js';
import { importTable } from './commands/import.js';
import { reviewFolder } from './commands/review.js';
import { openTutorial } from './commands/tutorial.js';
import type { ExportTarget } from './output-path.js';
import { DraftPreviews } from './draft-preview.js';
import { TablePreviews } from './preview.js';
import { setApiKey } from './secrets.js';
import { newDeclarationFile, registerSnippets } from './snippets.js';
import { registerStatusBar } from './status-bar.js';
import type { LanguageClient } from 'vscode-languageclient/node';

// The VS Code client: the language server, and around it the commands (export, import, review, draft and its preview, API
// key, table preview, tutorial, new file), the status bar and the skeleton snippets. Command ids are listed in package.json.

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    client = createClient(context);
    const started = client.start();
    const server = new JxmbServer(client, started);
    const importReport = vscode.window.createOutputChannel(vscode.l10n.t('jxmb Import Report'));
    const previews = new TablePreviews(server);
    const drafts = new DraftPreviews();
    const storage = [context.globalStorageUri, context.storageUri].filter(uri => uri !== undefined);
    const exportCommand = (target: ExportTarget) => (arg?: unknown) => exportDocument(server, target, storage, arg);

    context.subscriptions.push(
        importReport,
        previews,
        drafts,
        registerStatusBar(server),
        registerSnippets(),
        vscode.commands.registerCommand('jxmb.exportExcel', exportCommand('xlsx')),
        vscode.commands.registerCommand('jxmb.exportHtml', exportCommand('html')),
        vscode.commands.registerCommand('jxmb.exportFlat', exportCommand('flat')),
        vscode.commands.registerCommand('jxmb.exportJson', exportCommand('json')),
        vscode.commands.registerCommand('jxmb.importTable', (arg?: unknown) => importTable(server, importReport, arg)),
        vscode.commands.registerCommand('jxmb.reviewFolder', (arg?: unknown) => reviewFolder(server, arg)),
        vscode.commands.registerCommand('jxmb.draftIndicators', (arg?: unknown) => draftIndicators(server, context.secrets, drafts, arg)),
        vscode.commands.registerCommand('jxmb.acceptDraft', () => drafts.decide(true)),
        vscode.commands.registerCommand('jxmb.discardDraft', () => drafts.decide(false)),
        vscode.commands.registerCommand('jxmb.setApiKey', () => setApiKey(context.secrets)),
        vscode.commands.registerCommand('jxmb.showPreview', (arg?: unknown) => previews.show(arg)),
        vscode.commands.registerCommand('jxmb.openTutorial', () => openTutorial(context)),
        vscode.commands.registerCommand('jxmb.newFile', () => newDeclarationFile())
    );
    await started;
}

export async function deactivate(): Promise<void> {
    await client?.stop();
}
