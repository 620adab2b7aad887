import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { CompileRequest, type CompileResponse } from '../language/lsp/protocol-request.js';
import type { JxmbServer } from './client.js';
import { jxmbDocument } from './jxmb-document.js';
import { nonceFrom, previewPage, previewParts, type PreviewParts } from './preview-html.js';

// 表格预览: the official table, as the html compiler draws it, in a webview beside the editor. It follows the
// document's edits (debounced); while the text does not parse it keeps the last table and says why above it.

const UPDATE_DELAY_MS = 400;

class Preview implements vscode.Disposable {
    private timer: ReturnType<typeof setTimeout> | undefined;
    private parts: PreviewParts | undefined;
    private loaded = false;
    private generation = 0;
    private readonly subscriptions: vscode.Disposable[] = [];

    constructor(readonly panel: vscode.WebviewPanel, private readonly document: vscode.TextDocument, private readonly server: JxmbServer, onDispose: () => void) {
        this.subscriptions.push(
            vscode.workspace.onDidChangeTextDocument(e => { if (e.document === document) this.schedule(); }),
            vscode.workspace.onDidCloseTextDocument(d => { if (d === document) panel.dispose(); }),
            panel.onDidDispose(() => { onDispose(); this.dispose(); })
        );
        void this.render();
    }

    schedule(): void {
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => { this.timer = undefined; void this.render(); }, UPDATE_DELAY_MS);
    }

    private async render(): Promise<void> {
        const asked = ++this.generation;
        let response: CompileResponse;
        try {
            response = await this.server.request<CompileResponse>(CompileRequest, { uri: this.document.uri.toString(), target: 'html' });
        } catch (error) {
            response = { ok: false, message: String((error as Error).message ?? error) };
        }
        if (asked !== this.generation) return;
        let banner = '';
        if (response.ok) {
            this.parts = previewParts(response.content);
        } else {
            banner = this.parts ? vscode.l10n.t('{0} (The table below is the last one that compiled.)', response.message) : response.message;
        }
        const parts = this.parts ?? { css: '', body: '', title: '' };
        if (!this.loaded) {
            this.loaded = true;
            const nonce = nonceFrom(randomBytes(32));
            this.panel.webview.html = previewPage(parts, { nonce, cspSource: this.panel.webview.cspSource, banner });
        } else {
            void this.panel.webview.postMessage({ type: 'update', css: parts.css, body: parts.body, banner });
        }
    }

    dispose(): void {
        if (this.timer) clearTimeout(this.timer);
        for (const s of this.subscriptions.splice(0)) s.dispose();
    }
}

export class TablePreviews implements vscode.Disposable {
    private readonly previews = new Map<string, Preview>();

    constructor(private readonly server: JxmbServer) {}

    async show(arg?: unknown): Promise<vscode.WebviewPanel | undefined> {
        const document = await jxmbDocument(arg);
        if (!document) return undefined;
        const key = document.uri.toString();
        const existing = this.previews.get(key);
        if (existing) {
            existing.panel.reveal(vscode.ViewColumn.Beside, true);
            return existing.panel;
        }
        const name = document.uri.path.replace(/^.*\//, '');
        const panel = vscode.window.createWebviewPanel('jxmb.preview', vscode.l10n.t('Preview {0}', name),
            { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
            { enableScripts: true, enableFindWidget: true, retainContextWhenHidden: true, localResourceRoots: [] });
        this.previews.set(key, new Preview(panel, document, this.server, () => this.previews.delete(key)));
        return panel;
    }

    dispose(): void {
        for (const preview of [...this.previews.values()]) preview.panel.dispose();
    }
}
