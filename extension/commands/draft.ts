import * as vscode from 'vscode';
import { cancelled, DraftError } from '../../language/draft/errors.js';
import { draftWithLlm } from '../../language/draft/llm.js';
import type { DraftResult } from '../../language/draft/proposal.js';
import {
    DraftEditRequest, DraftRequest, DraftTargetRequest, DraftTargetsRequest,
    type DraftEditResponse, type DraftParams, type DraftResponse, type DraftTargetResponse, type DraftTargetsResponse
} from '../../language/lsp/protocol-request.js';
import type { JxmbServer } from '../client.js';
import { notAppliedMessage, whenClosed } from '../draft-flow.js';
import { draftSummary, emptyDraftMessage, proposalPicks, targetTitle, type ProposalPick } from '../draft-picks.js';
import type { DraftPreviews } from '../draft-preview.js';
import { jxmbDocument } from '../jxmb-document.js';
import { chooseDrafter, llmOptions, type DrafterChoice } from '../llm-settings.js';
import { apiKey } from '../secrets.js';
import { costModel, defaultYear, llmSettings } from '../settings.js';

// 起草绩效指标: proposals for the task or project at the cursor (or the selected words of its text), drafted by the
// rules — or by the LLM when one is configured and a key exists — under a cancellable progress notification; the
// user chooses among them, sees the file with them in a diff and applies or discards it. Nothing is written before.

const t = vscode.l10n.t;

async function chooseTarget(server: JxmbServer, document: vscode.TextDocument, editor: vscode.TextEditor | undefined) {
    const response = await server.request<DraftTargetsResponse>(DraftTargetsRequest, { uri: document.uri.toString(), position: editor?.selection.active });
    if (!response.ok) {
        void vscode.window.showErrorMessage(response.message);
        return undefined;
    }
    if (response.targets.length === 0) {
        void vscode.window.showInformationMessage(t('The file has no task (部门整体) or project (项目支出) to draft indicators for.'));
        return undefined;
    }
    if (response.atCursor !== null) return { index: response.atCursor, info: response.targets[response.atCursor]!, atCursor: true };
    const picked = await vscode.window.showQuickPick(
        response.targets.map((info, index) => ({ label: targetTitle(info, t), description: info.unit, index, info })),
        { title: t('Draft Performance Indicators'), placeHolder: t('Which task or project? (Put the cursor in one to skip this question.)') });
    return picked && { index: picked.index, info: picked.info, atCursor: false };
}

async function draft(server: JxmbServer, params: DraftParams, choice: DrafterChoice, scope: vscode.Uri,
    progress: vscode.Progress<{ message?: string }>, token: vscode.CancellationToken): Promise<DraftResponse> {
    if (choice.kind === 'rules') {
        progress.report({ message: t('Drafting with the rules…') });
        return server.request<DraftResponse>(DraftRequest, params, token);
    }
    const target = await server.request<DraftTargetResponse>(DraftTargetRequest, params, token);
    if (!target.ok) return target;
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    try {
        // The key is used here, in the extension host, and goes nowhere but to the configured endpoint.
        const answer = await draftWithLlm(target.target, { ...llmOptions(choice, t), costModel: costModel(scope) },
            { signal: controller.signal, onProgress: message => progress.report({ message }) });
        progress.report({ message: t('Checking the proposals…') });
        return await server.request<DraftResponse>(DraftRequest, { ...params, proposals: answer.proposals, model: answer.model }, token);
    } finally {
        cancel.dispose();
    }
}

async function pickProposals(result: DraftResult): Promise<ProposalPick[] | undefined> {
    return vscode.window.showQuickPick(proposalPicks(result, t), {
        canPickMany: true,
        ignoreFocusOut: true,
        matchOnDescription: true,
        matchOnDetail: true,
        title: draftSummary(result, t),
        placeHolder: t('Uncheck the proposals you do not want; Enter shows the file with them before anything is written')
    });
}

const toRange = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
    new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

/** Resolves to the number of proposals written (0 when nothing was). */
export async function draftIndicators(server: JxmbServer, secrets: vscode.SecretStorage, previews: DraftPreviews, arg?: unknown): Promise<number> {
    const opened = await jxmbDocument(arg);
    if (!opened) return 0;
    let document: vscode.TextDocument | undefined = opened;
    const editor = vscode.window.activeTextEditor?.document === document ? vscode.window.activeTextEditor : undefined;
    const target = await chooseTarget(server, document, editor);
    if (!target) return 0;
    const title = targetTitle(target.info, t);
    const uri = document.uri.toString();
    const year = defaultYear(document.uri);
    const selection = target.atCursor && editor && !editor.selection.isEmpty ? editor.selection : undefined;
    const params: DraftParams = {
        uri, index: target.index, ...(year === undefined ? {} : { year }),
        ...(selection ? { selection: { start: selection.start, end: selection.end } } : {})
    };
    const choice = chooseDrafter(llmSettings(opened.uri), await apiKey(secrets), t);
    if (choice.kind === 'rules' && choice.note) {
        const setKey = t('Set API Key');
        void vscode.window.showInformationMessage(choice.note, setKey).then(c => { if (c === setKey) void vscode.commands.executeCommand('jxmb.setApiKey'); });
    } else if (choice.note) {
        void vscode.window.showWarningMessage(choice.note);
    }

    let response: DraftResponse;
    try {
        response = await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: t('Drafting indicators for {0}', title), cancellable: true },
            async (progress, token) => {
                const answer = await draft(server, params, choice, opened.uri, progress, token);
                // A request may finish after the user cancelled it: its answer is not shown.
                if (token.isCancellationRequested) throw cancelled();
                return answer;
            });
    } catch (error) {
        if ((error instanceof DraftError && error.code === 'cancelled') || isCancellation(error)) {
            void vscode.window.showInformationMessage(t('Drafting was cancelled; nothing was written.'));
            return 0;
        }
        if (error instanceof DraftError) {
            void vscode.window.showErrorMessage(error.message);
            return 0;
        }
        throw error;
    }
    document = await openAgain(document);
    if (!document) return 0;
    if (!response.ok) {
        void vscode.window.showErrorMessage(response.message);
        return 0;
    }
    if (response.result.proposals.length === 0) {
        void vscode.window.showInformationMessage(emptyDraftMessage(title, response.empty ?? 'text', t));
        return 0;
    }
    const chosen = await pickProposals(response.result);
    if (!chosen) return 0;
    if (chosen.length === 0) {
        void vscode.window.showInformationMessage(t('No proposal was chosen; nothing was written.'));
        return 0;
    }
    document = await openAgain(document);
    if (!document) return 0;

    const edit = await server.request<DraftEditResponse>(DraftEditRequest, {
        uri, index: target.index, proposals: chosen.map(p => p.proposal), ...(year === undefined ? {} : { year })
    });
    if (!edit.ok) {
        void vscode.window.showErrorMessage(edit.message);
        return 0;
    }
    if (edit.version !== document.version) return changedMeanwhile();
    const proposed = applyEdits(document, edit.edits);
    const decision = await previews.ask(document, proposed,
        t('Draft Performance Indicators: {0} (left: now, right: with the proposals)', title),
        t('Apply the {0} proposed indicators for {1} shown in the diff?', chosen.length, title));
    if (decision.end === 'discarded' || decision.end === 'closed' || decision.end === 'superseded') {
        void vscode.window.showInformationMessage(notAppliedMessage(decision.end, t));
        return 0;
    }
    if (edit.version !== document.version) {
        decision.settle('changed');
        return changedMeanwhile();
    }
    const workspaceEdit = new vscode.WorkspaceEdit();
    for (const e of edit.edits) workspaceEdit.replace(document.uri, toRange(e.range), e.newText);
    if (!await vscode.workspace.applyEdit(workspaceEdit, { isRefactoring: true })) {
        decision.settle('failed');
        void vscode.window.showErrorMessage(t('The proposals could not be written to {0}.', vscode.workspace.asRelativePath(document.uri)));
        return 0;
    }
    await vscode.window.showTextDocument(document);
    void vscode.window.showInformationMessage(t('Added {0} proposed indicators for {1}.', chosen.length, title));
    return chosen.length;
}

/**
 * The document as open now. Closed meanwhile, the server has the file's text from disk under another version, and the
 * draft would be refused as if the file had changed: it is opened again (whenClosed).
 */
async function openAgain(document: vscode.TextDocument): Promise<vscode.TextDocument | undefined> {
    if (!document.isClosed) return document;
    const plan = whenClosed(document.uri.scheme, t);
    if (!plan.reopen) {
        void vscode.window.showWarningMessage(plan.message);
        return undefined;
    }
    try {
        return await vscode.workspace.openTextDocument(document.uri);
    } catch (error) {
        void vscode.window.showErrorMessage(t('The file was closed while drafting and could not be opened again ({0}); nothing was written.', String((error as Error).message ?? error)));
        return undefined;
    }
}

function changedMeanwhile(): number {
    void vscode.window.showWarningMessage(t('The file changed while drafting; run Draft Performance Indicators again.'));
    return 0;
}

/** The document's text with the (non-overlapping) edits applied: what the preview shows on its right. */
function applyEdits(document: vscode.TextDocument, edits: ReadonlyArray<{ range: Parameters<typeof toRange>[0]; newText: string }>): string {
    const text = document.getText();
    const sorted = edits.map(e => ({ start: document.offsetAt(toRange(e.range).start), end: document.offsetAt(toRange(e.range).end), newText: e.newText }))
        .sort((a, b) => b.start - a.start);
    return sorted.reduce((out, e) => out.slice(0, e.start) + e.newText + out.slice(e.end), text);
}

function isCancellation(error: unknown): boolean {
    return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === -32800;
}
