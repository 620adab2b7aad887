// The openai SDK's failures → DraftError in plain Chinese. Which ones are worth another request (429, 5xx, a dropped
// connection) and how long the server asks us to wait (retry-after) is decided here; llm.ts only counts.
import {
    APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError
} from 'openai';
import { systemErrorSentence } from '../cli/fs-reasons.js';
import { oneLine } from '../domain/one-line.js';
import { cancelled, DraftError, redact } from './errors.js';
import { UnreadableResponse } from './llm-response.js';

/**
 * Where the user sets the key, the address, the model and the wait, as the messages name them: the CLI's options and
 * environment, or the editor's command and settings. The caller says which; the messages are the same.
 */
export interface LlmSettingPlaces {
    apiKey: string;
    baseUrl: string;
    model: string;
    timeout: string;
    /** Where the certificate file of the drafter's requests is set (llm-ca.ts), for the messages about the file. */
    caFile: string;
    /**
     * How to make the drafter trust a certificate an office proxy or an internal service presents: the certificate
     * file, read when a request is made, works in the CLI and in the editor alike.
     */
    trustCertificate: string;
}

export const CLI_PLACES: LlmSettingPlaces = {
    apiKey: '环境变量 JXMB_LLM_API_KEY 或 OPENAI_API_KEY',
    baseUrl: '--base-url 或环境变量 OPENAI_BASE_URL',
    model: '--model 或环境变量 JXMB_LLM_MODEL',
    timeout: '--timeout',
    caFile: '--ca-file 或环境变量 JXMB_LLM_CA_FILE',
    trustCertificate: '向网络管理员索取签发它的根证书（PEM 格式），用 --ca-file 或环境变量 JXMB_LLM_CA_FILE 指向该证书文件后重试（也可用环境变量 NODE_EXTRA_CA_CERTS）'
};

export interface FailureContext {
    apiKey: string;
    baseURL: string;
    model: string;
    timeoutMs: number;
    places: LlmSettingPlaces;
}

export interface Failure {
    error: DraftError;
    /** worth another request */
    transient: boolean;
    /** what the server asked for (retry-after / retry-after-ms), in ms */
    retryAfterMs?: number;
}

/** Endpoint without credentials or query, for messages: http://127.0.0.1:8080/v1 */
export function endpointLabel(baseURL: string): string {
    try {
        const url = new URL(baseURL);
        return `${url.protocol}//${url.host}${url.pathname.replace(/\/$/, '')}`;
    } catch {
        return '（无效地址）';
    }
}

/** What to check after a connection that failed: the address and network, unless the cause says what else. */
export type NetworkAdvice = 'network' | 'trust' | 'expired' | 'hostname' | 'proxy';

/** The codes and messages of an error and its causes, however deep (and those of an AggregateError's errors). */
function causeChain(error: unknown): { codes: string[]; messages: string[] } {
    const codes: string[] = [];
    const messages: string[] = [];
    const seen = new Set<unknown>();
    for (let e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown } | undefined; e && typeof e === 'object' && !seen.has(e); e = e.cause as typeof e) {
        seen.add(e);
        if (typeof e.code === 'string') codes.push(e.code);
        if (Array.isArray(e.errors)) for (const inner of e.errors) if (typeof inner?.code === 'string') codes.push(inner.code);
        if (typeof e.message === 'string') messages.push(e.message);
    }
    return { codes, messages };
}

/**
 * Why the connection failed, in Chinese: the system's code sits a few causes deep (the SDK's error → fetch failed →
 * connect ECONNREFUSED), and may be on each error of an AggregateError (one per address tried). `transient`: worth
 * another request — a dropped connection or a timeout may pass; a refused one, a name that does not resolve or a
 * certificate that does not fit will not within seconds. `advice`: what the user is to check.
 */
export function networkCause(error: unknown): { text: string; transient: boolean; advice: NetworkAdvice } {
    const { codes, messages } = causeChain(error);
    for (const code of codes) {
        const known = NETWORK_CAUSES[code];
        if (known) return { text: `${known[0]}（${code}）`, transient: known[1], advice: known[2] ?? 'network' };
        if (/CERT|SSL|TLS/.test(code)) return { text: `服务器的 HTTPS 证书无法验证（${code}）`, transient: false, advice: 'trust' };
    }
    // fetch refuses some ports outright (1, 25, 6000 …), before any connection.
    if (messages.includes('bad port')) return { text: '这个端口不允许用于网络请求（被 fetch 规范禁止），请换用其他端口', transient: false, advice: 'network' };
    // Node's fetch turns a proxy's 407 into a network error without a word (the fetch standard's "no window" case);
    // for a plain POST nothing else fails that way. Newer versions say 「proxy authentication required」.
    if (codes.length === 0 && (messages.at(-1) === '' || messages.includes('proxy authentication required'))) {
        return { text: '网络中的代理服务器要求身份验证（HTTP 407），jxmb 不会向代理登录', transient: false, advice: 'proxy' };
    }
    // A code without words of its own: the system's description where Node has one, never a bare code.
    return { text: codes[0] ? systemErrorSentence({ code: codes[0] }) : '网络错误', transient: true, advice: 'network' };
}

/** The system's codes a user meets, each with its words, whether another request may help, and what to check. */
const NETWORK_CAUSES: Record<string, [string, boolean, NetworkAdvice?]> = {
    ECONNREFUSED: ['连接被拒绝：该地址和端口上没有服务在运行', false],
    ENOTFOUND: ['找不到这个主机名（域名解析失败）', false],
    EAI_AGAIN: ['域名解析暂时失败', true],
    ETIMEDOUT: ['连接超时', true],
    UND_ERR_CONNECT_TIMEOUT: ['连接超时', true],
    ECONNRESET: ['连接被对方重置', true],
    UND_ERR_SOCKET: ['连接被对方关闭', true],
    EPIPE: ['连接被对方关闭', true],
    EHOSTUNREACH: ['无法到达该主机', true],
    EHOSTDOWN: ['该主机已关机或没有响应', true],
    ENETDOWN: ['网络已断开', true],
    ECONNABORTED: ['连接被中止', true],
    ENETUNREACH: ['网络不可达', true],
    EPROTO: ['HTTPS 握手失败（地址可能应为 http://）', false],
    ERR_SSL_WRONG_VERSION_NUMBER: ['HTTPS 握手失败（地址可能应为 http://）', false],
    // Certificates: an endpoint's own (self-signed), or one from an authority this computer does not have, as an
    // office proxy that looks into HTTPS presents; then one out of date, or made out to another name.
    DEPTH_ZERO_SELF_SIGNED_CERT: ['服务器的 HTTPS 证书是自签名的，不受信任', false, 'trust'],
    SELF_SIGNED_CERT_IN_CHAIN: ['服务器的 HTTPS 证书由不受信任的机构签发（公司网络的代理常换用自己的证书）', false, 'trust'],
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: ['服务器的 HTTPS 证书由不受信任的机构签发（公司网络的代理常换用自己的证书）', false, 'trust'],
    UNABLE_TO_GET_ISSUER_CERT: ['服务器的 HTTPS 证书由不受信任的机构签发（公司网络的代理常换用自己的证书）', false, 'trust'],
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: ['服务器的 HTTPS 证书由不受信任的机构签发（公司网络的代理常换用自己的证书）', false, 'trust'],
    CERT_HAS_EXPIRED: ['服务器的 HTTPS 证书已过期', false, 'expired'],
    CERT_NOT_YET_VALID: ['服务器的 HTTPS 证书尚未生效', false, 'expired'],
    ERR_TLS_CERT_ALTNAME_INVALID: ['服务器的 HTTPS 证书与地址中的主机名不符', false, 'hostname']
};

/** What the user is to check, in the words of where they set things (the CLI's options or the editor's settings). */
function adviceFor(advice: NetworkAdvice, places: LlmSettingPlaces): string {
    switch (advice) {
        case 'trust': return `若这是公司网络或内部服务的证书，请${places.trustCertificate}；否则请检查地址（${places.baseUrl}）。`;
        case 'expired': return '请联系该服务的管理员更新证书，并确认本机的日期和时间正确。';
        case 'hostname': return `请确认地址（${places.baseUrl}）中的主机名与服务的证书一致（证书签给域名时，地址中不要写 IP）。`;
        case 'proxy': return `请向网络管理员确认能否不经代理访问该地址，或检查地址（${places.baseUrl}）。`;
        case 'network': return `请检查地址（${places.baseUrl}）和网络。`;
    }
}

/** retry-after-ms (milliseconds) or retry-after (seconds, or an HTTP date). */
export function retryAfterOf(headers: Headers | undefined): number | undefined {
    const ms = headers?.get('retry-after-ms');
    if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
    const value = headers?.get('retry-after');
    if (!value) return undefined;
    if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.max(0, Number(value) * 1000);
    const date = Date.parse(value);
    return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/** The server's own words (error.message of the JSON body), shortened: they help with 400/404, never with 401. */
function serverWords(error: APIError, ctx: FailureContext): string {
    const body = error.error as { message?: unknown } | undefined;
    const words = typeof body?.message === 'string' ? body.message : '';
    const short = redact(words, [ctx.apiKey]).replace(/\s+/g, ' ').trim().slice(0, 160);
    return short ? `服务返回：「${short}」` : '';
}

/** Longest part of a refusal shown: enough to see why, never a screenful. */
export const REFUSAL_SHOWN_CHARS = 120;

/**
 * A refusal (the message's `refusal`, or content that says no) in one Chinese sentence: the model's own words cut and
 * on one line, since they may run to many lines, hold control characters (an ESC the terminal would obey) or the key.
 */
export function refusalError(text: string, apiKey: string): DraftError {
    const words = oneLine(redact(text, [apiKey]), REFUSAL_SHOWN_CHARS);
    return new DraftError('refused', redact(`模型拒绝了这个请求，没有给出指标建议${words ? `（模型的回复：「${words}」）` : ''}。可以修改任务文本后重试，或改用规则草拟。`, [apiKey]));
}

export function timeoutError(ctx: FailureContext): DraftError {
    return new DraftError('timeout', redact(`模型服务 ${endpointLabel(ctx.baseURL)} 在 ${Math.round(ctx.timeoutMs / 100) / 10} 秒内没有回复（超时）。请稍后再试，或加长等待时间（${ctx.places.timeout}）。`, [ctx.apiKey]));
}

/** A body that is no chat completion: most often the address points at something else (a login page, a proxy). */
function unreadableError(detail: string, ctx: FailureContext): DraftError {
    return new DraftError('server', redact(`模型服务返回了无法读取的响应（${detail}，来自 ${endpointLabel(ctx.baseURL)}）。请检查地址（${ctx.places.baseUrl}）是否指向 OpenAI 兼容的接口。`, [ctx.apiKey]));
}

/** A web page where the service's answer belongs: an office proxy's block page, a login page, or a wrong address. */
const isHtml = (error: APIError) => /\btext\/html\b/i.test(error.headers?.get('content-type') ?? '');

export function classifyFailure(error: unknown, ctx: FailureContext, signal?: AbortSignal): Failure {
    const where = endpointLabel(ctx.baseURL);
    const places = ctx.places;
    const make = (code: ConstructorParameters<typeof DraftError>[0], message: string, status?: number) =>
        new DraftError(code, redact(message, [ctx.apiKey]), status);
    if (error instanceof DraftError) return { error, transient: false };
    if (error instanceof UnreadableResponse) return { error: unreadableError(error.detail, ctx), transient: false };
    if (error instanceof APIUserAbortError || signal?.aborted) return { error: cancelled(), transient: false };
    if (error instanceof APIConnectionTimeoutError) {
        return { error: timeoutError(ctx), transient: false };
    }
    if (error instanceof APIConnectionError) {
        const cause = networkCause(error);
        return { error: make('network', `无法连接模型服务 ${where}：${cause.text}。${adviceFor(cause.advice, places)}`), transient: cause.transient };
    }
    if (error instanceof APIError && error.status !== undefined) {
        const status = error.status;
        const words = serverWords(error, ctx);
        if (isHtml(error) && status >= 400 && status < 500 && status !== 401 && status !== 429) {
            return { error: make('server', `模型服务地址 ${where} 返回的是网页（HTTP ${status}），不是 OpenAI 兼容接口的回复：可能是公司网络代理的拦截页、登录页，或地址有误。请检查地址（${places.baseUrl}）和网络。`, status), transient: false };
        }
        switch (true) {
            case status === 407:
                return { error: make('network', `无法连接模型服务 ${where}：网络中的代理服务器要求身份验证（HTTP 407），jxmb 不会向代理登录。${adviceFor('proxy', places)}`, status), transient: false };
            case status === 401:
                return { error: make('auth', `模型服务拒绝了 API key（401 未授权）：请检查 API key 是否正确、是否已过期（${places.apiKey}）。`, status), transient: false };
            case status === 403:
                return { error: make('forbidden', `没有权限使用模型「${ctx.model}」（403 禁止访问）：请检查账号权限。${words}`, status), transient: false };
            case status === 404:
                return { error: make('not-found', `找不到接口或模型（404）：请检查地址 ${where}（${places.baseUrl}）和模型名「${ctx.model}」（${places.model}）。${words}`, status), transient: false };
            case status === 429:
                return {
                    error: make('rate-limit', `请求过于频繁或额度已用完（429），重试后仍未成功，请稍后再试。${words}`, status),
                    transient: true, retryAfterMs: retryAfterOf(error.headers)
                };
            case status === 408 || status === 409:
                return { error: make('server', `模型服务暂时无法处理请求（HTTP ${status}），重试后仍未成功，请稍后再试。`, status), transient: true };
            case status >= 500:
                return { error: make('server', `模型服务出错（HTTP ${status}），重试后仍未成功，请稍后再试。${words}`, status), transient: true, retryAfterMs: retryAfterOf(error.headers) };
            default:
                return { error: make('bad-request', `模型服务不接受这个请求（HTTP ${status}）。该服务可能不支持结构化输出（response_format: json_schema）。${words}`, status), transient: false };
        }
    }
    // The connection dropped while the answer came (fetch's 「terminated」, the socket's code beneath): worth another try.
    const { codes } = causeChain(error);
    if (codes.some(code => NETWORK_CAUSES[code]?.[1])) {
        const cause = networkCause(error);
        return { error: make('network', `与模型服务 ${where} 的连接在回复途中断开：${cause.text}。请稍后重试；若反复出现，请检查网络或代理。`), transient: true };
    }
    // Anything else came out of the response itself (a body that is not JSON).
    const message = error instanceof Error ? error.message : String(error);
    return { error: unreadableError(oneLine(message, 120), ctx), transient: false };
}
