import * as vscode from 'vscode';
import { DRAFT_SCHEME, draftDiffClosed, endedText, questionClick, type DraftEnd } from './draft-flow.js';

// The preview of a draft: a diff editor, the file as it is on the left and as it would be on the right (read-only),
// with 采用 / 放弃 in its title bar and in a notification. Nothing is written until the user applies it; closing the
// diff discards the draft, so that 采用起草的指标 never writes what is no longer on screen.

interface Pending {
    key: string;
    decide: (end: DraftEnd) => void;
}

/** The user's answer (`applied`: they chose to apply it); the command reports through `settle` what became of it. */
export interface DraftDecision {
    end: DraftEnd;
    settle(end: DraftEnd): void;
}

export class DraftPreviews implements vscode.TextDocumentContentProvider, vscode.Disposable {
    private readonly texts = new Map<string, string>();
    /** How each draft of the session ended, for a click on its question left on screen (a word per draft). */
    private readonly ends = new Map<string, DraftEnd>();
    private pending: Pending | undefined;
    private counter = 0;
    private readonly subscriptions = [
        vscode.workspace.registerTextDocumentContentProvider(DRAFT_SCHEME, this),
        vscode.window.tabGroups.onDidChangeTabs(e => { if (e.closed.length > 0) this.tabsClosed(e.closed); })
    ];

    provideTextDocumentContent(uri: vscode.Uri): string {
        const key = uri.toString();
        const end = this.ends.get(key);
        return this.texts.get(key) ?? (end ? endedText(end, vscode.l10n.t) : '');
    }

    /** Shows `proposed` against `document` and waits for the user to apply or discard it. */
    async ask(document: vscode.TextDocument, proposed: string, title: string, question: string): Promise<DraftDecision> {
        this.decideAs('superseded');
        const name = document.uri.path.replace(/^.*\//, '');
        const uri = vscode.Uri.from({ scheme: DRAFT_SCHEME, path: `/${++this.counter}/${name}` });
        const key = uri.toString();
        this.texts.set(key, proposed);
        const decision = new Promise<DraftEnd>(resolve => { this.pending = { key, decide: resolve }; });
        await vscode.commands.executeCommand('setContext', 'jxmb.draftPending', true);
        // Not a preview tab: opening another file with a single click would replace it, and so discard the draft.
        await vscode.commands.executeCommand('vscode.diff', document.uri, uri, title, { preview: false });
        const apply = vscode.l10n.t('Apply');
        const discard = vscode.l10n.t('Discard');
        void vscode.window.showInformationMessage(question, apply, discard)
            .then(choice => this.answer(key, choice === undefined ? undefined : choice === apply));
        const end = await decision;
        this.ends.set(key, end);
        this.texts.delete(key);
        await vscode.commands.executeCommand('setContext', 'jxmb.draftPending', this.pending !== undefined);
        await closeDiff(uri);
        return { end, settle: settled => this.ends.set(key, settled) };
    }

    /** 采用 / 放弃 from the diff editor's title bar or the command palette. */
    decide(apply: boolean): void {
        this.decideAs(apply ? 'applied' : 'discarded');
    }

    private decideAs(end: DraftEnd): void {
        const pending = this.pending;
        this.pending = undefined;
        pending?.decide(end);
    }

    /** A click on a draft's notification: decides it while it waits, says how it ended afterwards. */
    private answer(key: string, apply: boolean | undefined): void {
        const click = questionClick(apply, this.pending?.key === key, this.ends.get(key) ?? 'discarded', vscode.l10n.t);
        if (click && 'decide' in click) this.decide(click.decide);
        else if (click) void vscode.window.showInformationMessage(click.say);
    }

    private tabsClosed(closed: readonly vscode.Tab[]): void {
        const shown = vscode.window.tabGroups.all.flatMap(group => group.tabs);
        if (draftDiffClosed(this.pending?.key, draftsOf(closed), draftsOf(shown))) this.decideAs('closed');
    }

    dispose(): void {
        this.decide(false);
        for (const subscription of this.subscriptions) subscription.dispose();
    }
}

/** The right sides of the diffs among `tabs`. */
const draftsOf = (tabs: readonly vscode.Tab[]) =>
    tabs.flatMap(tab => (tab.input instanceof vscode.TabInputTextDiff ? [tab.input.modified.toString()] : []));

async function closeDiff(uri: vscode.Uri): Promise<void> {
    const tabs = vscode.window.tabGroups.all.flatMap(group => group.tabs)
        .filter(tab => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === uri.toString());
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
}
