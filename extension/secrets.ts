import * as vscode from 'vscode';
import { API_KEY_SECRET, resolveApiKey } from './llm-settings.js';

// The LLM's API key: VS Code's SecretStorage (the OS keychain), else JXMB_LLM_API_KEY / OPENAI_API_KEY from the
// environment. It is never written to settings, a file or a log, and never sent to the language server.

export async function apiKey(secrets: vscode.SecretStorage): Promise<string | undefined> {
    return resolveApiKey(await secrets.get(API_KEY_SECRET), process.env);
}

export async function setApiKey(secrets: vscode.SecretStorage): Promise<void> {
    const stored = await secrets.get(API_KEY_SECRET);
    const value = await vscode.window.showInputBox({
        title: vscode.l10n.t('Set API Key'),
        prompt: vscode.l10n.t('The key of the OpenAI-compatible endpoint in jxmb.llm.baseUrl. It is kept in VS Code’s secret storage; leave the box empty to remove it.'),
        placeHolder: stored ? vscode.l10n.t('A key is stored; type a new one to replace it') : 'sk-…',
        password: true,
        ignoreFocusOut: true
    });
    if (value === undefined) return;
    if (!value.trim()) {
        if (!stored) return;
        await secrets.delete(API_KEY_SECRET);
        void vscode.window.showInformationMessage(vscode.l10n.t('The API key was removed from VS Code’s secret storage.'));
        return;
    }
    await secrets.store(API_KEY_SECRET, value.trim());
    void vscode.window.showInformationMessage(vscode.l10n.t('The API key is stored in VS Code’s secret storage.'));
}
