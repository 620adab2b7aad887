import * as vscode from 'vscode';
import type { LlmSettings } from './llm-settings.js';

// The extension's settings (package.json contributes.configuration). The API key is not one of them.

export function llmSettings(scope?: vscode.Uri): LlmSettings {
    const config = vscode.workspace.getConfiguration('jxmb', scope);
    return {
        baseUrl: config.get<string>('llm.baseUrl') ?? '', model: config.get<string>('llm.model') ?? '', timeout: config.get<unknown>('llm.timeout'),
        caFile: config.get<string>('llm.caFile') ?? ''
    };
}

/** jxmb.defaultYear: the 年度 of new files and snippets, of the drafter's dates when a declaration has none, and of an imported table that states none. */
export function defaultYear(scope?: vscode.Uri): number | undefined {
    const year = vscode.workspace.getConfiguration('jxmb', scope).get<number | null>('defaultYear');
    return typeof year === 'number' && Number.isInteger(year) && year >= 1900 && year <= 2200 ? year : undefined;
}

export function costModel(scope?: vscode.Uri): 'legacy' | '2021' {
    return vscode.workspace.getConfiguration('jxmb', scope).get<string>('costModel') === '2021' ? '2021' : 'legacy';
}
