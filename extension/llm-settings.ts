import type { LlmSettingPlaces } from '../language/draft/llm-errors.js';
import { API_KEY_ENV, LLM_DEFAULTS, type LlmOptions } from '../language/draft/llm.js';
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
    /** jxmb.llm.timeout, seconds; what settings.json holds, checked here */
    timeout?: unknown;
    /** jxmb.llm.caFile: a PEM file of certificates the drafter's requests trust beside Node's own; read when drafting */
    caFile?: string;
}

/** `note`: said before drafting (a jxmb.llm.timeout that cannot be used: the default wait instead). */
export type LlmChoice = { kind: 'llm'; baseURL: string; model: string; apiKey: string; timeoutMs: number; caFile?: string; note?: string };
export type DrafterChoice = LlmChoice | { kind: 'rules'; note?: string };

/** Seconds as `jxmb draft --timeout` takes them (1–86400: beyond a day Node's timers overflow), else the default. */
export function timeoutMs(seconds: unknown): number {
    return usableTimeout(seconds) ? seconds * 1000 : LLM_DEFAULTS.timeoutMs;
}

const usableTimeout = (seconds: unknown): seconds is number => typeof seconds === 'number' && seconds >= 1 && seconds <= 86_400;

/** Where the editor's user sets what the model needs: the drafter's messages name these, not the CLI's variables. */
export function editorPlaces(t: Translate): LlmSettingPlaces {
    return {
        apiKey: `命令「jxmb: ${t('Set API Key')}」`,
        baseUrl: '设置 jxmb.llm.baseUrl',
        model: '设置 jxmb.llm.model',
        timeout: '设置 jxmb.llm.timeout',
        caFile: '设置 jxmb.llm.caFile',
        trustCertificate: '向网络管理员索取签发它的根证书（PEM 格式），在设置 jxmb.llm.caFile 中填写该证书文件的完整路径后重试'
    };
}

/** The drafter's options from the editor's choice: nothing read from the environment, the editor's places. */
export function llmOptions(choice: LlmChoice, t: Translate): LlmOptions {
    return {
        baseURL: choice.baseURL, model: choice.model, apiKey: choice.apiKey, timeoutMs: choice.timeoutMs,
        ...(choice.caFile ? { caFile: choice.caFile } : {}), env: {}, places: editorPlaces(t)
    };
}

export function chooseDrafter(settings: LlmSettings, apiKey: string | undefined, t: Translate): DrafterChoice {
    const baseURL = settings.baseUrl.trim();
    const model = settings.model.trim();
    if (!baseURL && !model) return { kind: 'rules' };
    if (!baseURL || !model) {
        return { kind: 'rules', note: t('Set both jxmb.llm.baseUrl and jxmb.llm.model to draft with a model; drafting with the rules.') };
    }
    if (!apiKey) return { kind: 'rules', note: t('No API key is set for the model; drafting with the rules.') };
    // The file itself is read when drafting (llm-ca.ts), where a missing or broken one is said before any request.
    const caFile = typeof settings.caFile === 'string' ? settings.caFile.trim() : '';
    const choice: LlmChoice = { kind: 'llm', baseURL, model, apiKey, timeoutMs: timeoutMs(settings.timeout), ...(caFile ? { caFile } : {}) };
    // Unset is the default; a value set but unusable would otherwise change the wait without a word.
    if (settings.timeout === undefined || settings.timeout === null || usableTimeout(settings.timeout)) return choice;
    return { ...choice, note: t('jxmb.llm.timeout must be a number of seconds from 1 to 86400; waiting the default {0} s.', LLM_DEFAULTS.timeoutMs / 1000) };
}
