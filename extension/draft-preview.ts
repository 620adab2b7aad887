import * as vscode from 'vscode';
import { DRAFT_SCHEME } from './draft-flow.js';

// The preview of a draft: a diff editor, the file as it is on the left and as it would be on the right (read-only),
// with 采用 / 放弃 in its title bar and in a notification. Nothing is written until the user applies it.

interface Pending {
    uri: vscode.Uri;
    decide: (apply: boolean) => void;
}

export class DraftPreviews implements vscode.TextDocumentContentProvider, vscode.Disposable {
    private readonly texts = new Map<string, string>();
    private pending: Pending | undefined;
    private counter = 0;
    private readonly registration = vscode.workspace.registerTextDocumentContentProvider(DRAFT_SCHEME, this);

    provideTextDocumentContent(uri: vscode.Uri): string {
        return this.texts.get(uri.toString()) ?? '';
    }

    /** Shows `proposed` against `document`; resolves true when the user applies it, false when they discard it. */
    async ask(document: vscode.TextDocument, proposed: string, title: string, question: string): Promise<boolean> {
        this.pending?.decide(false);
        const name = document.uri.path.replace(/^.*\//, '');
        const uri = vscode.Uri.from({ scheme: DRAFT_SCHEME, path: `/${++this.counter}/${name}` });
        this.texts.set(uri.toString(), proposed);
        const decision = new Promise<boolean>(resolve => { this.pending = { uri, decide: resolve }; });
        await vscode.commands.executeCommand('setContext', 'jxmb.draftPending', true);
        await vscode.commands.executeCommand('vscode.diff', document.uri, uri, title, { preview: true });
        const apply = vscode.l10n.t('Apply');
        const discard = vscode.l10n.t('Discard');
        void vscode.window.showInformationMessage(question, apply, discard).then(choice => {
            // Closing the notification leaves the decision to the diff editor's buttons; a notification left over
            // from a draft decided there must not decide a later one.
            if (this.pending?.uri !== uri || choice === undefined) return;
            this.decide(choice === apply);
        });
        try {
            return await decision;
        } finally {
            if (this.pending?.uri === uri) this.pending = undefined;
            this.texts.delete(uri.toString());
            await vscode.commands.executeCommand('setContext', 'jxmb.draftPending', this.pending !== undefined);
            await closeDiff(uri);
        }
    }

    /** 采用 / 放弃 from the diff editor's title bar or the command palette. */
    decide(apply: boolean): void {
        const pending = this.pending;
        this.pending = undefined;
        pending?.decide(apply);
    }

    dispose(): void {
        this.decide(false);
        this.registration.dispose();
    }
}

async function closeDiff(uri: vscode.Uri): Promise<void> {
    const tabs = vscode.window.tabGroups.all.flatMap(group => group.tabs)
        .filter(tab => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === uri.toString());
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
}
