import { API_KEY_ENV } from '../language/draft/llm.js';
import type { Translate } from './translate.js';

// Which drafter 起草绩效指标 uses: the LLM only when its address and model are set and a key exists; the offline
// rule drafter otherwise. The key comes from VS Code's secret storage, else the environment — never from settings.

export const API_KEY_SECRET = 'jxmb.llm.apiKey';

export function resolveApiKey(stored: string | undefined, env: Readonly<Record<string, string | undefined>>): string | undefined {
    for (const candidate of [stored, ...API_KEY_ENV.map(name => env[name])]) {
        if (candidate && candidate.trim()) return candidate.trim();
    }
    return undefined;
}

export interface LlmSettings {
    baseUrl: string;
    model: string;
}

export type DrafterChoice =
    | { kind: 'llm'; baseURL: string; model: string; apiKey: string }
    | { kind: 'rules'; note?: string };

export function chooseDrafter(settings: LlmSettings, apiKey: string | undefined, t: Translate): DrafterChoice {
    const baseURL = settings.baseUrl.trim();
    const model = settings.model.trim();
    if (!baseURL && !model) return { kind: 'rules' };
    if (!baseURL || !model) {
        return { kind: 'rules', note: t('Set both jxmb.llm.baseUrl and jxmb.llm.model to draft with a model; drafting with the rules.') };
    }
    if (!apiKey) return { kind: 'rules', note: t('No API key is set for the model; drafting with the rules.') };
    return { kind: 'llm', baseURL, model, apiKey };
}
