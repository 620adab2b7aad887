import * as vscode from 'vscode';
import { SummaryRequest, type DocumentSummary } from '../language/lsp/protocol-request.js';
import type { JxmbServer } from './client.js';
import { statusText } from './status-text.js';

// The status bar item of the active .jxmb file: its measurable share and its error count, refreshed when its
// diagnostics change; a click opens the Problems panel.

const REFRESH_DELAY_MS = 250;

export function registerStatusBar(server: JxmbServer): vscode.Disposable {
    const item = vscode.window.createStatusBarItem('jxmb.status', vscode.StatusBarAlignment.Left, 50);
    item.name = vscode.l10n.t('jxmb measurability');
    item.command = 'workbench.actions.view.problems';
    let timer: ReturnType<typeof setTimeout> | undefined;
    let generation = 0;

    const refresh = async () => {
        const document = vscode.window.activeTextEditor?.document;
        if (document?.languageId !== 'jxmb') {
            item.hide();
            return;
        }
        const asked = ++generation;
        let summary: DocumentSummary | null;
        try {
            summary = await server.request<DocumentSummary | null>(SummaryRequest, { uri: document.uri.toString() });
        } catch {
            summary = null;
        }
        // A newer refresh (another file, newer diagnostics) has the last word.
        if (asked !== generation) return;
        if (!summary) {
            item.hide();
            return;
        }
        const status = statusText(summary, vscode.l10n.t);
        item.text = status.text;
        item.tooltip = status.tooltip;
        item.accessibilityInformation = { label: status.label };
        item.backgroundColor = status.hasErrors ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
        item.show();
    };
    const schedule = () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => { timer = undefined; void refresh(); }, REFRESH_DELAY_MS);
    };

    schedule();
    return vscode.Disposable.from(
        item,
        vscode.window.onDidChangeActiveTextEditor(schedule),
        vscode.languages.onDidChangeDiagnostics(event => {
            const active = vscode.window.activeTextEditor?.document.uri.toString();
            if (active && event.uris.some(uri => uri.toString() === active)) schedule();
        }),
        { dispose: () => { if (timer) clearTimeout(timer); } }
    );
}
