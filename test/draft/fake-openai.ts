import { afterEach } from 'vitest';
// A real HTTP server on 127.0.0.1 (port 0) that speaks the OpenAI chat-completions protocol, scripted step by step:
// each request gets the next step (the last one repeats). Every request is recorded, headers and body, so tests can
// look at what jxmb sent.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export type Step =
    | { kind: 'answer'; content: string | null; refusal?: string; model?: string }
    | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
    | { kind: 'raw'; status: number; body: string; contentType: string }
    /** the step made of the request's key (its bearer token): a server that echoes the key back, in some form */
    | { kind: 'echo'; step: (key: string) => Step }
    | { kind: 'hang' }
    /** headers sent, then the body never finishes: a space every 100 ms, nothing at all, or events forever */
    | { kind: 'stall'; body: 'trickle' | 'silent' | 'events' }
    /** the connection dropped: before any answer, or after the headers and part of the body (mid-answer) */
    | { kind: 'reset'; when: 'before' | 'mid-answer' };

/** A key and certificate (PEM) to serve HTTPS with instead of HTTP. */
export interface FakeTls {
    key: string;
    cert: string;
}

export interface RecordedRequest {
    method: string;
    url: string;
    headers: IncomingHttpHeaders;
    body: {
        model?: string;
        messages?: Array<{ role: string; content: string }>;
        response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: Record<string, unknown> } };
        [key: string]: unknown;
    };
    rawBody: string;
    at: number;
}

export interface FakeOpenAI {
    baseURL: string;
    requests: RecordedRequest[];
    close(): Promise<void>;
}

export const answer = (content: unknown): Step => ({ kind: 'answer', content: typeof content === 'string' ? content : JSON.stringify(content) });
/** A completion whose message (and model) a conforming server would never send: a number for content, an object for refusal. */
export const rawCompletion = (message: Record<string, unknown>, model: unknown = 'fake'): Step => ({
    kind: 'raw', status: 200, contentType: 'application/json',
    body: JSON.stringify({ id: 'chatcmpl-test', object: 'chat.completion', created: 0, model, choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', ...message } }] })
});
export const status = (code: number, body?: unknown, headers?: Record<string, string>): Step => ({ kind: 'status', status: code, body, headers });

function completion(content: string | null, refusal: string | null, model: string) {
    return {
        id: 'chatcmpl-test', object: 'chat.completion', created: Math.floor(Date.now() / 1000), model,
        choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content, refusal } }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 }
    };
}

function send(res: ServerResponse, code: number, body: string, headers: Record<string, string>): void {
    res.writeHead(code, { 'content-type': 'application/json', ...headers });
    res.end(body);
}

export async function startFakeOpenAI(script: Step[], tls?: FakeTls): Promise<FakeOpenAI> {
    const requests: RecordedRequest[] = [];
    const handle = (req: IncomingMessage, res: ServerResponse) => {
        let raw = '';
        req.setEncoding('utf8');
        req.on('data', chunk => { raw += chunk; });
        req.on('end', () => {
            let body: RecordedRequest['body'] = {};
            try {
                body = JSON.parse(raw);
            } catch {
                // recorded as raw only
            }
            requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, rawBody: raw, at: Date.now() });
            if (req.url !== '/v1/chat/completions') return send(res, 404, JSON.stringify({ error: { message: `no route ${req.url}` } }), {});
            const scripted = script[Math.min(requests.length - 1, script.length - 1)]!;
            const step = scripted.kind === 'echo' ? scripted.step(String(req.headers.authorization ?? '').replace(/^Bearer /, '')) : scripted;
            switch (step.kind) {
                case 'answer':
                    return send(res, 200, JSON.stringify(completion(step.content, step.refusal ?? null, step.model ?? body.model ?? 'fake')), {});
                case 'status':
                    return send(res, step.status, JSON.stringify(step.body ?? { error: { message: `status ${step.status}` } }), step.headers ?? {});
                case 'raw':
                    res.writeHead(step.status, { 'content-type': step.contentType });
                    return res.end(step.body);
                case 'echo':
                    throw new Error('an echo step makes another step');
                case 'hang':
                    return; // never answers; close() drops the connection
                case 'reset':
                    if (step.when === 'mid-answer') {
                        res.writeHead(200, { 'content-type': 'application/json' });
                        res.write('{"id":"chatcmpl-test","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"{\\"proposals\\":[');
                        setTimeout(() => res.socket?.destroy(), 50);
                    } else {
                        res.socket?.destroy();
                    }
                    return;
                case 'stall': {
                    res.writeHead(200, { 'content-type': step.body === 'events' ? 'text/event-stream' : 'application/json' });
                    res.flushHeaders();
                    if (step.body === 'silent') return;
                    const piece = step.body === 'events' ? 'data: {"choices":[{"delta":{"content":"x"}}]}\n\n' : ' ';
                    if (step.body === 'trickle') res.write('{');
                    const timer = setInterval(() => res.write(piece), 100);
                    res.on('close', () => clearInterval(timer));
                    return;
                }
            }
        });
    };
    const server = tls ? createTlsServer(tls, handle) : createServer(handle);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
        baseURL: `${tls ? 'https' : 'http'}://127.0.0.1:${port}/v1`,
        requests,
        close: () => new Promise<void>(resolve => {
            server.closeAllConnections();
            server.close(() => resolve());
        })
    };
}

/**
 * A fake server for each test that asks for one, as a file of CLI tests uses it: the server a test started before
 * is closed when it starts the next and after the test, and the environment the test changed is restored.
 */
export function fakeOpenAIPerTest(): (script: Step[]) => Promise<FakeOpenAI> {
    let server: FakeOpenAI | undefined;
    const saved = { ...process.env };
    afterEach(async () => {
        await server?.close();
        server = undefined;
        process.env = { ...saved };
    });
    return async script => {
        await server?.close();
        return server = await startFakeOpenAI(script);
    };
}
