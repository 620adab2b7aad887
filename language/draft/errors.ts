// Why drafting failed, in plain Chinese, with a stable code for callers (the CLI's exit status, the editor's
// message). Every message passes through `redact` first: the API key must never reach a log, an error or a file,
// whatever an endpoint echoes back.

export type DraftErrorCode =
    | 'config' // no key, no model, a bad base URL
    | 'unknown-target' // no task or project of that name
    | 'syntax' // the document does not parse
    | 'auth' // 401
    | 'forbidden' // 403
    | 'not-found' // 404
    | 'rate-limit' // 429
    | 'bad-request' // other 4xx
    | 'server' // 5xx
    | 'timeout'
    | 'network'
    | 'cancelled'
    | 'refused' // the model refused to answer
    | 'invalid-output'; // the model's answers kept failing the schema

export class DraftError extends Error {
    override readonly name = 'DraftError';

    constructor(readonly code: DraftErrorCode, message: string, readonly status?: number, readonly names?: readonly string[]) {
        super(message);
    }
}

const REDACTED = '***';

/** Blanks a model may put between a key's characters when it repeats it: spaces of every width and the invisible ones. */
const GAP = '[\\s\\u200B-\\u200D\\u2060\\uFEFF]*';
/** Under this length a key spelled out with gaps could be a word of the text; over it, it is the key. */
const SPACED_KEY_MIN = 8;

/** The secret as written, or with blanks between its characters (a model that spells it out). */
function secretPattern(secret: string): RegExp {
    const chars = Array.from(secret, c => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return new RegExp(chars.join(secret.length >= SPACED_KEY_MIN ? GAP : ''), 'g');
}

/**
 * `text` without any of the secrets, nor `Bearer …` tokens or `sk-…` keys an endpoint may quote, nor user:password in
 * URLs. Short secrets (under 4 characters) are still replaced: a fake test key must not leak either.
 */
export function redact(text: string, secrets: ReadonlyArray<string | undefined>): string {
    let out = text;
    for (const secret of secrets) {
        if (secret) out = out.replace(secretPattern(secret), REDACTED);
    }
    return out
        // A bearer token's own characters (RFC 6750): the words after it stay, 」 and ） included.
        .replace(/Bearer\s+[A-Za-z0-9._~+/=-]+/gi, `Bearer ${REDACTED}`)
        .replace(/\bsk-[A-Za-z0-9_-]{8,}/g, REDACTED)
        .replace(/\/\/[^/\s:@]+:[^/\s@]+@/g, `//${REDACTED}@`);
}

/**
 * Every string of a parsed JSON value (object keys too) redacted. The model's answer is JSON inside the completion's
 * JSON: a key written there with \u escapes is only whole once parsed, so the raw text's redaction cannot see it.
 */
export function redactStrings(value: unknown, secrets: ReadonlyArray<string | undefined>): unknown {
    if (typeof value === 'string') return redact(value, secrets);
    if (Array.isArray(value)) return value.map(v => redactStrings(v, secrets));
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k, secrets), redactStrings(v, secrets)]));
}

export function cancelled(): DraftError {
    return new DraftError('cancelled', '已取消草拟。');
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
    if (signal?.aborted) throw cancelled();
}
