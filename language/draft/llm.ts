// The LLM drafter (optional): any OpenAI-compatible endpoint through the `openai` SDK. Structured output against
// schemas/draft.schema.json, every answer checked with AJV, a bounded number of answers that fail it (each retry
// tells the model what was wrong), a bounded number of retries for 429 (as long as the server asks, up to a cap),
// 5xx and dropped connections, a timeout per request, cancellation through an AbortSignal. The key is read from the
// options or the environment and never written anywhere: the SDK's logging is off and every message is redacted.
import OpenAI from 'openai';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { oneLine } from '../domain/one-line.js';
import type { CostModel } from '../domain/taxonomy.js';
import { CA_FILE_ENV, fetchTrusting, readCaFile } from './llm-ca.js';
import { cancelled, DraftError, redact, redactStrings, throwIfAborted } from './errors.js';
import { classifyFailure, CLI_PLACES, endpointLabel, refusalError, timeoutError, type FailureContext, type LlmSettingPlaces } from './llm-errors.js';
import { parseCompletion, readBody } from './llm-response.js';
import { contentText, MAX_PROPOSALS, normalizeAnswer, parseAnswerText, refusalIn, refusalText } from './llm-answer.js';
import { initialMessages, MAX_FIELD_CHARS, retryMessage, truncatedFields, type ChatMessage } from './prompt.js';
import type { Proposal } from './proposal.js';
import { checkAnswer, llmAnswerSchema, type SchemaProblem } from './schema.js';
import type { DraftTarget } from './targets.js';

export interface LlmOptions {
    /** default: OPENAI_BASE_URL, else https://api.openai.com/v1 */
    baseURL?: string;
    /** default: JXMB_LLM_API_KEY, else OPENAI_API_KEY (API_KEY_ENV, the editor reads the same) */
    apiKey?: string;
    /** default: JXMB_LLM_MODEL, else gpt-4o-mini */
    model?: string;
    /** per request; default 60 s */
    timeoutMs?: number;
    /** answers requested in all when they fail the schema; default 3 */
    maxAttempts?: number;
    /** extra requests after 429, 5xx or a dropped connection; default 2 */
    transientRetries?: number;
    /** the longest retry-after honoured; a server asking for more gets a clear message instead; default 30 s */
    maxRetryAfterMs?: number;
    /** wait before retrying a 5xx or a dropped connection (doubling); default 1 s */
    retryDelayMs?: number;
    /** where OPENAI_*, JXMB_LLM_MODEL and JXMB_LLM_CA_FILE are read; default process.env */
    env?: Readonly<Record<string, string | undefined>>;
    /**
     * a PEM file of certificates (an office proxy's or an internal service's authority) trusted beside Node's own for
     * these requests only; default: JXMB_LLM_CA_FILE, else none
     */
    caFile?: string;
    /** where the messages tell the user to set the key, address, model, timeout and certificate file; default the CLI's */
    places?: LlmSettingPlaces;
    costModel?: CostModel;
}

export interface LlmRun {
    signal?: AbortSignal;
    /** one short Chinese sentence per step; never holds the key */
    onProgress?: (message: string) => void;
}

/** Where the key is read from, first set wins: the same order as the editor's. */
export const API_KEY_ENV = ['JXMB_LLM_API_KEY', 'OPENAI_API_KEY'] as const;

export const LLM_DEFAULTS = {
    baseURL: 'https://api.openai.com/v1',
    model: 'gpt-4o-mini',
    timeoutMs: 60_000,
    maxAttempts: 3,
    transientRetries: 2,
    maxRetryAfterMs: 30_000,
    retryDelayMs: 1_000
} as const;

interface Config extends FailureContext {
    /** the certificates of the certificate file, when one is given */
    ca?: string[];
    maxAttempts: number;
    transientRetries: number;
    maxRetryAfterMs: number;
    retryDelayMs: number;
}

function positive(value: number | undefined, fallback: number): number {
    return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/**
 * Options over environment over defaults; a missing key, a malformed URL or a certificate file that cannot be used is
 * a configuration error.
 */
export function resolveLlmConfig(options: LlmOptions = {}): Config {
    const env = options.env ?? process.env;
    const apiKey = options.apiKey?.trim() ?? API_KEY_ENV.map(name => env[name]?.trim()).find(Boolean) ?? '';
    const baseURL = options.baseURL ?? (env.OPENAI_BASE_URL || LLM_DEFAULTS.baseURL);
    const model = options.model ?? (env.JXMB_LLM_MODEL || LLM_DEFAULTS.model);
    const places = options.places ?? CLI_PLACES;
    if (!apiKey.trim()) {
        throw new DraftError('config', `没有设置 API key：请用${setIn(places.apiKey)}。`);
    }
    const url = parsedUrl(baseURL);
    if (!url || !/^https?:$/.test(url.protocol)) {
        throw new DraftError('config', redact(`模型服务地址无效：「${baseURL}」，应形如 https://api.openai.com/v1（${places.baseUrl}）。`, [apiKey]));
    }
    // fetch refuses such an address; the password is not to be shown, and the key goes in the header anyway.
    if (url.username || url.password) {
        throw new DraftError('config', `模型服务地址中不能含有用户名或密码（「…@」）：请改为「${endpointLabel(baseURL)}」，API key 请用${setIn(places.apiKey)}。`);
    }
    // A key copied with a line break or a full-width character cannot be sent in a header: say so before any request.
    const bad = [...apiKey].findIndex(c => !/[\x21-\x7e]/.test(c));
    if (bad >= 0) {
        throw new DraftError('config', `API key 含有不能用于请求头的字符（第 ${bad + 1} 个字符，如换行、空格、汉字或全角字符）：请检查 key 是否完整、没有多余的字符（${places.apiKey}）。`);
    }
    // Read now: a file that is missing or holds no certificate is said before any request.
    const caFile = options.caFile?.trim() || env[CA_FILE_ENV]?.trim();
    const ca = caFile ? readCaFile(caFile, places.caFile) : undefined;
    return {
        apiKey, baseURL, model, places, ...(ca ? { ca } : {}),
        timeoutMs: positive(options.timeoutMs, LLM_DEFAULTS.timeoutMs),
        maxAttempts: Math.max(1, Math.floor(positive(options.maxAttempts, LLM_DEFAULTS.maxAttempts))),
        transientRetries: Math.floor(positive(options.transientRetries, LLM_DEFAULTS.transientRetries)),
        maxRetryAfterMs: positive(options.maxRetryAfterMs, LLM_DEFAULTS.maxRetryAfterMs),
        retryDelayMs: positive(options.retryDelayMs, LLM_DEFAULTS.retryDelayMs)
    };
}

// The SDK tells every endpoint the user's system (X-Stainless-OS: Linux, X-Stainless-Runtime-Version: v20.…); the
// endpoint needs none of it. A null default header removes the SDK's own.
const NO_PLATFORM_HEADERS = Object.fromEntries(
    ['X-Stainless-OS', 'X-Stainless-Arch', 'X-Stainless-Runtime', 'X-Stainless-Runtime-Version'].map(name => [name, null]));

/** 「环境变量 … OPENAI_API_KEY 设置」, 「命令「…」设置」: a space after a Latin word only, as Chinese text sets it. */
const setIn = (place: string) => `${place}${/[A-Za-z0-9]$/.test(place) ? ' ' : ''}设置`;

function parsedUrl(url: string): URL | null {
    try {
        return new URL(url);
    } catch {
        return null;
    }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(cancelled());
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        const onAbort = () => {
            clearTimeout(timer);
            reject(cancelled());
        };
        signal?.addEventListener('abort', onAbort, { once: true });
    });
}

/** One chat completion, retried on 429 / 5xx / dropped connections within the configured bounds. */
async function complete(client: OpenAI, config: Config, messages: ChatMessage[], run: LlmRun): Promise<ChatCompletion> {
    for (let retry = 0; ; retry++) {
        throwIfAborted(run.signal);
        try {
            return await completeOnce(client, config, messages, run.signal);
        } catch (error) {
            const failure = classifyFailure(error, config, run.signal);
            if (!failure.transient || retry >= config.transientRetries) throw failure.error;
            const wait = failure.retryAfterMs ?? config.retryDelayMs * 2 ** retry;
            if (wait > config.maxRetryAfterMs) {
                const status = failure.error.status === undefined ? '' : `（HTTP ${failure.error.status}）`;
                throw new DraftError(failure.error.code, `模型服务要求 ${Math.ceil(wait / 1000)} 秒后再试${status}，超过了等待上限 ${Math.round(config.maxRetryAfterMs / 1000)} 秒，请稍后再试。`, failure.error.status);
            }
            run.onProgress?.(`${failure.error.status === 429 ? '请求过于频繁（429）' : '模型服务暂时不可用'}，${Math.ceil(wait / 1000)} 秒后重试（第 ${retry + 1} 次）…`);
            await sleep(wait, run.signal);
        }
    }
}

/**
 * One request. The SDK's own timeout ends with the headers; this timer covers the body too, so a server that sends
 * headers and then trickles, stalls or streams forever still ends in the timeout message.
 */
async function completeOnce(client: OpenAI, config: Config, messages: ChatMessage[], signal: AbortSignal | undefined): Promise<ChatCompletion> {
    const controller = new AbortController();
    const timedOut = timeoutError(config);
    const timer = setTimeout(() => controller.abort(timedOut), config.timeoutMs);
    const onAbort = () => controller.abort(cancelled());
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
        const response = await client.chat.completions.create({
            model: config.model,
            messages,
            temperature: 0,
            response_format: { type: 'json_schema', json_schema: { name: 'jxmb_draft', strict: true, schema: llmAnswerSchema } }
        }, { signal: controller.signal, timeout: config.timeoutMs }).asResponse();
        const text = await readBody(response, controller.signal);
        return parseCompletion(text, response.headers.get('content-type'));
    } catch (error) {
        // Whatever the SDK or the reader made of the abort, the reason is what happened.
        if (controller.signal.aborted && controller.signal.reason instanceof DraftError) throw controller.signal.reason;
        throw error;
    } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
    }
}

/**
 * A model's name as shown (the progress line, the preview's header, the JSON result): on one line, short, and without
 * the key: a server may echo it back as the model, a user may pass it to --model by mistake. Redacted before it is cut,
 * or a cut key would no longer be found.
 */
function shownModel(name: unknown, apiKey: string): string {
    return typeof name === 'string' ? oneLine(redact(name, [apiKey]), 80) : '';
}

/** Where the JSON breaks, in Chinese (the parser's own message is English): the place and the words there. */
function notJson(content: string, error: unknown): string {
    const at = Number(/position (\d+)/.exec((error as Error).message)?.[1] ?? 0);
    return `不是有效的 JSON（第 ${at + 1} 个字符处：「${oneLine(content.slice(at, at + 20), 20)}」）`;
}

/**
 * What is wrong with an answer's text: not JSON, or not the schema. The text is parsed as it came (a short key
 * replaced in the raw text could break the JSON) and every string of it is redacted after.
 */
function answerProblems(text: string | null, apiKey: string): { answer?: { proposals: Proposal[] }; problems: SchemaProblem[] } {
    if (!text) return { problems: [{ path: '/', message: '回答为空或不是文字' }] };
    let parsed: unknown;
    try {
        parsed = redactStrings(parseAnswerText(text), [apiKey]);
    } catch (error) {
        return { problems: [{ path: '/', message: notJson(redact(text, [apiKey]), error) }] };
    }
    const problems = checkAnswer(parsed);
    return problems.length ? { problems } : { answer: parsed as { proposals: Proposal[] }, problems };
}

/** Proposals for one task or project from the model; throws DraftError with a Chinese message on failure. */
export async function draftWithLlm(target: DraftTarget, options: LlmOptions = {}, run: LlmRun = {}): Promise<{ proposals: Proposal[]; model: string }> {
    const config = resolveLlmConfig(options);
    throwIfAborted(run.signal);
    // The SDK retries and logs by itself; both are ours to do (bounded, Chinese, without the key).
    const client = new OpenAI({
        apiKey: config.apiKey, baseURL: config.baseURL, maxRetries: 0, timeout: config.timeoutMs, logLevel: 'off', defaultHeaders: NO_PLATFORM_HEADERS,
        ...(config.ca ? { fetch: fetchTrusting(config.ca) } : {})
    });
    const messages = initialMessages(target, options.costModel);
    for (const cut of truncatedFields(target)) {
        run.onProgress?.(`「${cut.field}」共 ${cut.length} 字，过长：只把前 ${MAX_FIELD_CHARS} 字发给模型，后面的承诺请另行草拟或改用规则草拟。`);
    }
    const model = shownModel(config.model, config.apiKey);
    let last: SchemaProblem[] = [];
    for (let attempt = 1; attempt <= config.maxAttempts; attempt++) {
        run.onProgress?.(attempt === 1
            ? `正在请求模型「${model}」（${endpointLabel(config.baseURL)}）…`
            : `模型的回答不符合格式，正在重试（第 ${attempt} 次请求）…`);
        const completion = await complete(client, config, messages, run);
        const choice = completion.choices?.[0];
        // A server that echoes the request's key back must not get it into the preview or a file.
        const text = contentText(choice?.message?.content);
        const content = text === null ? null : redact(text, [config.apiKey]);
        const refusal = refusalText(choice?.message?.refusal);
        if (refusal) throw refusalError(refusal, config.apiKey);
        const { answer, problems } = answerProblems(text, config.apiKey);
        if (answer) {
            if (answer.proposals.length > MAX_PROPOSALS) run.onProgress?.(`模型给出了 ${answer.proposals.length} 条建议，只保留前 ${MAX_PROPOSALS} 条。`);
            return { proposals: normalizeAnswer(target, answer.proposals), model: shownModel(completion.model, config.apiKey) || model };
        }
        // Asked again, a model that said no says no again.
        const refused = content === null ? undefined : refusalIn(content);
        if (refused) throw refusalError(refused, config.apiKey);
        last = problems;
        // The model sees its answer and what was wrong with it, and answers again.
        messages.push({ role: 'assistant', content: (content ?? '').slice(0, 20_000) }, retryMessage(problems));
    }
    const first = last[0];
    throw new DraftError('invalid-output', redact(
        `模型连续 ${config.maxAttempts} 次没有给出符合 schemas/draft.schema.json 的回答${first ? `（${first.path}：${first.message}）` : ''}。请换用支持结构化输出的模型（${config.places.model}），或改用规则草拟。`,
        [config.apiKey]));
}
