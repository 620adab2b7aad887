import * as vscode from 'vscode';
import { DRAFT_SCHEME, questionClick, type DraftEnd } from './draft-flow.js';

// The preview of a draft: a diff editor, the file as it is on the left and as it would be on the right (read-only),
// with 采用 / 放弃 in its title bar and in a notification. Nothing is written until the user applies it.

interface Pending {
    key: string;
    decide: (apply: boolean) => void;
}

/** The user's answer; the command reports through `settle` what became of an applied draft. */
export interface DraftDecision {
    apply: boolean;
    settle(end: DraftEnd): void;
}

export class DraftPreviews implements vscode.TextDocumentContentProvider, vscode.Disposable {
    private readonly texts = new Map<string, string>();
    /** How each draft of the session ended, for a click on its question left on screen (a word per draft). */
    private readonly ends = new Map<string, DraftEnd>();
    private pending: Pending | undefined;
    private counter = 0;
    private readonly registration = vscode.workspace.registerTextDocumentContentProvider(DRAFT_SCHEME, this);

    provideTextDocumentContent(uri: vscode.Uri): string {
        return this.texts.get(uri.toString()) ?? '';
    }

    /** Shows `proposed` against `document` and waits for the user to apply or discard it. */
    async ask(document: vscode.TextDocument, proposed: string, title: string, question: string): Promise<DraftDecision> {
        this.supersede();
        const name = document.uri.path.replace(/^.*\//, '');
        const uri = vscode.Uri.from({ scheme: DRAFT_SCHEME, path: `/${++this.counter}/${name}` });
        const key = uri.toString();
        this.texts.set(key, proposed);
        const decision = new Promise<boolean>(resolve => { this.pending = { key, decide: resolve }; });
        await vscode.commands.executeCommand('setContext', 'jxmb.draftPending', true);
        await vscode.commands.executeCommand('vscode.diff', document.uri, uri, title, { preview: true });
        const apply = vscode.l10n.t('Apply');
        const discard = vscode.l10n.t('Discard');
        void vscode.window.showInformationMessage(question, apply, discard)
            .then(choice => this.answer(key, choice === undefined ? undefined : choice === apply));
        let applied = false;
        try {
            applied = await decision;
        } finally {
            if (this.pending?.key === key) this.pending = undefined;
            if (!this.ends.has(key)) this.ends.set(key, applied ? 'applied' : 'discarded');
            this.texts.delete(key);
            await vscode.commands.executeCommand('setContext', 'jxmb.draftPending', this.pending !== undefined);
            await closeDiff(uri);
        }
        return { apply: applied, settle: end => this.ends.set(key, end) };
    }

    /** 采用 / 放弃 from the diff editor's title bar or the command palette. */
    decide(apply: boolean): void {
        const pending = this.pending;
        this.pending = undefined;
        pending?.decide(apply);
    }

    /** A click on a draft's notification: decides it while it waits, says how it ended afterwards. */
    private answer(key: string, apply: boolean | undefined): void {
        const click = questionClick(apply, this.pending?.key === key, this.ends.get(key) ?? 'discarded', vscode.l10n.t);
        if (click && 'decide' in click) this.decide(click.decide);
        else if (click) void vscode.window.showInformationMessage(click.say);
    }

    /** A new draft replaces the one waiting, which is not applied. */
    private supersede(): void {
        if (!this.pending) return;
        this.ends.set(this.pending.key, 'superseded');
        this.decide(false);
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
