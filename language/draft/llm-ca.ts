// A certificate file of the user's for the drafter's requests only (--ca-file, JXMB_LLM_CA_FILE, the editor's
// jxmb.llm.caFile): the authority of an office proxy or an internal service, trusted beside Node's own roots.
// NODE_EXTRA_CA_CERTS is read by Node when the process starts, and whether VS Code's extension host hands it on is not
// known; a file read here at request time works wherever node:https does. Node's fetch takes no certificates without
// undici's Agent (not a dependency of ours), so with a file the requests go through node:https, shaped as fetch for
// the SDK; without one nothing changes.
import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { sharedFsReason, systemErrorSentence } from '../cli/fs-reasons.js';
import { DraftError } from './errors.js';

export const CA_FILE_ENV = 'JXMB_LLM_CA_FILE';

/** A bundle of every public root is about 200 KB; a file far beyond that is not the one meant. */
const MAX_CA_FILE_BYTES = 5 * 1024 * 1024;

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * The certificates (PEM) of `file`, each checked to be one; a DraftError('config') naming the file and `place` (where
 * the user set it) when the file is missing, unreadable or holds none. `~` is the home folder; a relative path is
 * read from the working directory, and the message then names the folder looked in.
 */
export function readCaFile(file: string, place: string): string[] {
    const path = resolve(file.replace(/^~(?=$|[\\/])/, homedir()));
    const shown = path === file ? `「${file}」` : `「${file}」（即「${path}」）`;
    const refuse = (what: string) => new DraftError('config', `${what}（${place}）。`);
    let text: string;
    try {
        const stats = statSync(path);
        if (stats.isDirectory()) throw refuse(`证书文件${shown}是一个文件夹，不是文件：请填写其中证书文件的路径`);
        if (stats.size > MAX_CA_FILE_BYTES) throw refuse(`证书文件${shown}超过 ${MAX_CA_FILE_BYTES / 1024 / 1024} MB，不像是证书文件：请检查路径`);
        text = readFileSync(path, 'latin1');
    } catch (error) {
        throw error instanceof DraftError ? error : refuse(readFailure(error, shown, path));
    }
    const blocks = text.match(PEM_BLOCK) ?? [];
    if (blocks.length === 0) {
        if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) throw refuse(`证书文件${shown}中是私钥，不是证书：请改用签发机构的证书文件，私钥不必交给 jxmb`);
        throw refuse(`证书文件${shown}不是 PEM 格式的证书：其中应有以「-----BEGIN CERTIFICATE-----」开头的证书（从 Windows 导出时选「Base64 编码 X.509」）。请检查文件`);
    }
    blocks.forEach((block, index) => {
        try {
            new X509Certificate(block);
        } catch {
            throw refuse(`证书文件${shown}中的第 ${index + 1} 个证书无法读取（内容不完整或已损坏）：请重新导出该证书`);
        }
    });
    return blocks;
}

function readFailure(error: unknown, shown: string, path: string): string {
    const code = (error as NodeJS.ErrnoException)?.code;
    switch (code) {
        case 'ENOENT': case 'ENOTDIR': return `找不到证书文件${shown}：请检查路径`;
        case 'EACCES': case 'EPERM': return `无法读取证书文件${shown}：没有读取权限`;
        default: return `无法读取证书文件${shown}：${sharedFsReason(code, path) ?? systemErrorSentence(error)}`;
    }
}

/**
 * What the drafter's requests trust with a file: Node's roots, the certificates of NODE_EXTRA_CA_CERTS (given `ca`,
 * Node drops them, and a user may trust one authority that way and another with our file), then the file's.
 */
export async function trustedCertificates(extra: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): Promise<string[]> {
    // node:tls and node:https are loaded when a file is used, not by every start of the CLI and the editor (≈ 10 M instructions).
    const { rootCertificates } = await import('node:tls');
    const fromNode = env.NODE_EXTRA_CA_CERTS;
    let nodeExtra: string[] = [];
    if (fromNode) {
        try {
            nodeExtra = readFileSync(fromNode, 'latin1').match(PEM_BLOCK) ?? [];
        } catch {
            // Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS; the file of ours is what was asked for.
        }
    }
    return [...rootCertificates, ...nodeExtra, ...extra];
}

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Statuses whose response has no body, as fetch has them (Response refuses one for them). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

const abortError = (signal: AbortSignal) =>
    signal.reason instanceof Error && signal.reason.name === 'AbortError' ? signal.reason : new DOMException('This operation was aborted', 'AbortError');

/**
 * A fetch over node:https that trusts Node's roots and `extra` (trustedCertificates): what the
 * SDK needs of fetch — method, headers, a string body, a signal, the response streamed — with its failures shaped as
 * Node's fetch shapes them (a TypeError 「fetch failed」 whose cause carries the system's code), so that the messages of
 * llm-errors.ts are the same either way. No redirects are followed: an OpenAI-compatible endpoint answers itself.
 * An http: address goes to the global fetch: there is no certificate to trust.
 */
export function fetchTrusting(extra: readonly string[]): Fetch {
    let trusted: Promise<string[]> | undefined;
    return async (input, init = {}) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        if (url.protocol !== 'https:') return fetch(input, init);
        const signal = init.signal ?? undefined;
        if (signal?.aborted) throw abortError(signal);
        const headers = Object.fromEntries(new Headers(init.headers).entries());
        const given = init.body;
        if (given !== undefined && given !== null && typeof given !== 'string' && !(given instanceof Uint8Array)) {
            throw new TypeError('fetchTrusting: only a string or bytes are sent');
        }
        // With its length, as fetch sends it: without, node:https would send it in chunks, which some proxies refuse.
        const body = given === undefined || given === null ? undefined : Buffer.from(given);
        if (body) headers['content-length'] = String(body.byteLength);
        const ca = await (trusted ??= trustedCertificates(extra));
        const { request } = await import('node:https');
        if (signal?.aborted) throw abortError(signal);
        return new Promise<Response>((resolveResponse, reject) => {
            // `ca` on the request, not on an agent of ours: VS Code's extension host puts its own agent in (proxies)
            // and keeps a request's `ca`.
            const req = request(url, { method: init.method ?? 'GET', headers, ca: [...ca] }, res => {
                const responseHeaders = new Headers();
                for (const [name, value] of Object.entries(res.headers)) {
                    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, one);
                }
                const status = res.statusCode ?? 0;
                if (status < 200 || status > 599) {
                    res.destroy();
                    return reject(new TypeError('fetch failed', { cause: new Error(`invalid status ${status}`) }));
                }
                // The body's stream ends in an error when the connection drops mid-answer (ECONNRESET, 「aborted」).
                const stream = NULL_BODY.has(status) ? null : Readable.toWeb(res) as ReadableStream<Uint8Array>;
                if (!stream) res.resume();
                resolveResponse(new Response(stream, { status, statusText: res.statusMessage ?? '', headers: responseHeaders }));
            });
            const onAbort = () => {
                const reason = abortError(signal!);
                req.destroy(reason);
                reject(reason);
            };
            signal?.addEventListener('abort', onAbort, { once: true });
            req.on('close', () => signal?.removeEventListener('abort', onAbort));
            req.on('error', error => {
                if (signal?.aborted) return reject(abortError(signal));
                reject(new TypeError('fetch failed', { cause: error }));
            });
            req.end(body);
        });
    };
}
