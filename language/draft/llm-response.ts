// The body of a chat-completions response, read by us rather than by the SDK: the SDK's timeout stops once the
// headers are in, so a server that trickles or stalls the body (or streams events forever) would hang the request.
// Here the caller's signal (its timer covers the whole request) stops the reading, the size is capped, and a body that
// is empty, `null`, not JSON or not an object becomes one clear message instead of an internal error.
import type { ChatCompletion } from 'openai/resources/chat/completions';

/** No answer of at most 100 proposals comes near this; a runaway response must not fill the memory. */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** What is wrong with the body; llm-errors.ts makes the message, which names where the caller's user sets the address. */
export class UnreadableResponse extends Error {
    constructor(readonly detail: string) {
        super(detail);
    }
}

const unreadable = (detail: string) => new UnreadableResponse(detail);

/** The body's text, stopped when `signal` aborts (its reason is thrown) or when it passes `maxBytes`. */
export async function readBody(response: Response, signal: AbortSignal, maxBytes = MAX_RESPONSE_BYTES): Promise<string> {
    if (!response.body) return '';
    const reader = response.body.getReader();
    const decoder = new TextDecoder('utf-8');
    let text = '';
    let bytes = 0;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
        onAbort = () => reject(signal.reason ?? new Error('aborted'));
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
    });
    aborted.catch(() => undefined);
    try {
        for (;;) {
            const { done, value } = await Promise.race([reader.read(), aborted]);
            if (done) break;
            bytes += value.byteLength;
            if (bytes > maxBytes) throw unreadable(`超过 ${Math.round(maxBytes / 1024 / 1024)} MB，已停止读取`);
            text += decoder.decode(value, { stream: true });
        }
        return text + decoder.decode();
    } catch (error) {
        reader.cancel().catch(() => undefined);
        throw error;
    } finally {
        if (onAbort) signal.removeEventListener('abort', onAbort);
    }
}

/** Server-sent events from a server that streams although no stream was asked for: the deltas joined. */
function fromEvents(text: string): ChatCompletion {
    let content = '';
    let model = '';
    for (const line of text.split(/\r?\n/)) {
        const data = /^data:\s?(.*)$/.exec(line)?.[1]?.trim();
        if (!data || data === '[DONE]') continue;
        try {
            const chunk = JSON.parse(data) as { model?: unknown; choices?: Array<{ delta?: { content?: unknown } }> };
            if (typeof chunk?.model === 'string' && !model) model = chunk.model;
            const piece = Array.isArray(chunk?.choices) ? chunk.choices[0]?.delta?.content : undefined;
            if (typeof piece === 'string') content += piece;
        } catch {
            throw unreadable('事件流中有不是 JSON 的数据');
        }
    }
    return { id: '', object: 'chat.completion', created: 0, model, choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content, refusal: null } }] };
}

/** The completion in a response's text; anything that is not a JSON object with a `choices` list is unreadable. */
export function parseCompletion(text: string, contentType: string | null): ChatCompletion {
    if (/text\/event-stream/i.test(contentType ?? '')) return fromEvents(text);
    if (!text.trim()) throw unreadable('响应为空');
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        // The body itself is not quoted: an endpoint may echo the request's key in it.
        throw unreadable(`不是 JSON${contentType ? `，内容类型 ${contentType.slice(0, 40)}` : ''}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw unreadable(parsed === null ? '内容为 null' : '不是 JSON 对象');
    if (!Array.isArray((parsed as { choices?: unknown }).choices)) throw unreadable('没有 choices 列表');
    return parsed as ChatCompletion;
}
