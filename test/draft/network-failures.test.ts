import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { APIConnectionError } from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { draftForTarget } from '../../language/draft/api.js';
import { DraftError } from '../../language/draft/errors.js';
import { classifyFailure, CLI_PLACES } from '../../language/draft/llm-errors.js';
import { editorPlaces } from '../../extension/llm-settings.js';
import { samplesDir } from '../helpers/samples.js';
import { jxmb } from '../helpers/services.js';
import { answer, startFakeOpenAI, status, type FakeOpenAI, type FakeTls, type Step } from './fake-openai.js';
import { sampleTarget, SEED000 } from './targets.js';
import { makeTestCerts, type TestCerts } from './test-certs.js';

// What a user behind an office network meets when drafting with a model: a proxy that wants a login (407), a page of
// HTML where a JSON answer belongs, a connection dropped half-way through the answer, and HTTPS certificates that do
// not verify (an office proxy's own, an expired one, one for another host name). Each against a real server on
// 127.0.0.1; each message is in Chinese, names the endpoint (never the key) and says what to check; nothing crashes.

const KEY = 'sk-test-FAKE-KEY-network-5d1e';
let server: FakeOpenAI | undefined;
let certs: TestCerts;

beforeAll(() => { certs = makeTestCerts(); });
afterAll(() => certs.remove());
afterEach(async () => {
    await server?.close();
    server = undefined;
});

const withTable = async () => ({ ...await sampleTarget(SEED000, '科普综合工作经费'), existing: [] });

async function failing(script: Step[], tls?: FakeTls): Promise<DraftError> {
    server = await startFakeOpenAI(script, tls);
    const error = await draftForTarget(await withTable(), {
        drafter: 'llm', services: jxmb(),
        llm: { baseURL: server.baseURL, apiKey: KEY, model: 'test-model', timeoutMs: 5_000, retryDelayMs: 10, transientRetries: 1, env: {} }
    }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(DraftError);
    const message = (error as DraftError).message;
    expect(message).not.toContain(KEY);
    expect(message).toContain(server.baseURL);
    // None of the library's or the system's English: 「terminated」, 「fetch failed」, 「self-signed certificate」.
    expect(message).not.toMatch(/terminated|fetch failed|certificate|socket|other side|Connection error|Proxy Auth/);
    return error as DraftError;
}

describe('an office network between jxmb and the model', () => {
    test('a proxy that asks for a login (407): said to be a proxy, not a request the service refused', async () => {
        const error = await failing([status(407, { error: { message: 'Proxy Authentication Required' } }, { 'proxy-authenticate': 'Basic realm="office"' })]);
        expect(error.message).toContain('代理服务器要求身份验证（HTTP 407）');
        expect(error.message).not.toContain('结构化输出');
        expect(server!.requests).toHaveLength(1);
    });

    test('an HTML page with an error status (a proxy\'s block page): a web page, not the model service\'s answer', async () => {
        const error = await failing([{ kind: 'raw', status: 403, contentType: 'text/html; charset=utf-8', body: '<!DOCTYPE html><html><body><h1>Access denied by policy</h1></body></html>' }]);
        expect(error.message).toContain('返回的是网页（HTTP 403）');
        expect(error.message).toContain('请检查地址（--base-url 或环境变量 OPENAI_BASE_URL）');
        expect(error.message).not.toContain('账号权限');
    });

    test('an HTML page with status 200 (a login page): the address is checked', async () => {
        const error = await failing([{ kind: 'raw', status: 200, contentType: 'text/html', body: '<!doctype html><html><title>Sign in</title></html>' }]);
        expect(error.message).toContain('模型服务返回了无法读取的响应');
    });

    test('the connection reset before any answer: retried, then said as a dropped connection', async () => {
        const error = await failing([{ kind: 'reset', when: 'before' }]);
        expect(error.code).toBe('network');
        expect(error.message).toContain('无法连接模型服务');
        expect(server!.requests).toHaveLength(2);
    });

    test('the connection reset in the middle of the answer: a dropped connection, retried, not 「terminated」', async () => {
        const error = await failing([{ kind: 'reset', when: 'mid-answer' }]);
        expect(error.code).toBe('network');
        expect(error.message).toContain('回复途中断开');
        expect(error.message).not.toContain('terminated');
        expect(server!.requests).toHaveLength(2);
    });

    test('a reset mid-answer, then a whole answer: the draft goes on', async () => {
        server = await startFakeOpenAI([{ kind: 'reset', when: 'mid-answer' }, answer({ proposals: [] })]);
        const result = await draftForTarget(await withTable(), {
            drafter: 'llm', services: jxmb(),
            llm: { baseURL: server.baseURL, apiKey: KEY, model: 'test-model', timeoutMs: 5_000, retryDelayMs: 10, transientRetries: 1, env: {} }
        });
        expect(result.proposals).toBeDefined();
        expect(server.requests).toHaveLength(2);
    });
});

describe('HTTPS certificates that do not verify', () => {
    test('a certificate the endpoint made itself: self-signed, and what to ask for', async () => {
        const error = await failing([answer({ proposals: [] })], { key: certs.key, cert: certs.selfSigned });
        expect(error.message).toContain('HTTPS 证书是自签名的，不受信任');
        expect(error.message).toContain('用 --ca-file 或环境变量 JXMB_LLM_CA_FILE 指向该证书文件后重试');
        expect(error.message).toContain('NODE_EXTRA_CA_CERTS');
        expect(server!.requests).toHaveLength(0);
    });

    test('a certificate from an authority this computer does not know (an office proxy\'s)', async () => {
        const error = await failing([answer({ proposals: [] })], { key: certs.key, cert: certs.goodWithChain });
        expect(error.message).toContain('由不受信任的机构签发');
        expect(error.message).toContain('用 --ca-file 或环境变量 JXMB_LLM_CA_FILE 指向该证书文件后重试');
        expect(error.message).toContain('NODE_EXTRA_CA_CERTS');
    });

    // Given the authority (as its advice says), the CLI gets on to the expired and the misnamed certificate, which
    // only a trusted chain reaches; and a good one then works, so the advice is true. Run as a user runs it: the
    // environment variable is read when the process starts.
    const cli = fileURLToPath(new URL('../../bin/jxmb.js', import.meta.url));
    async function draftCli(cert: string, extraCa: boolean): Promise<{ code: number; stderr: string; url: string }> {
        server = await startFakeOpenAI([answer({ proposals: [] })], { key: certs.key, cert });
        const url = server.baseURL;
        const env = { ...process.env, JXMB_LLM_API_KEY: KEY, JXMB_LLM_MODEL: 'test-model', NODE_EXTRA_CA_CERTS: extraCa ? certs.caFile : '' };
        return new Promise(resolve => {
            execFile(process.execPath, [cli, 'draft', `${samplesDir}/000-nansha-kexie.jxmb`, '--task', '科普综合工作经费', '--llm', '--base-url', url], { env, timeout: 60_000 },
                (error, _stdout, stderr) => resolve({ code: typeof error?.code === 'number' ? error.code : error ? -1 : 0, stderr, url }));
        });
    }

    test('an expired certificate', async () => {
        const { code, stderr, url } = await draftCli(certs.expired, true);
        expect(code).toBe(2);
        expect(stderr).toContain(`无法连接模型服务 ${url}：服务器的 HTTPS 证书已过期（CERT_HAS_EXPIRED）`);
        expect(stderr).toContain('日期和时间');
        expect(stderr).not.toContain(KEY);
    });

    test('a certificate for another host name', async () => {
        const { code, stderr, url } = await draftCli(certs.otherHost, true);
        expect(code).toBe(2);
        expect(stderr).toContain(`无法连接模型服务 ${url}：服务器的 HTTPS 证书与地址中的主机名不符（ERR_TLS_CERT_ALTNAME_INVALID）`);
        expect(stderr).not.toContain(KEY);
    });

    test('the authority given in NODE_EXTRA_CA_CERTS, as the message advises: the draft works', async () => {
        const { code, stderr } = await draftCli(certs.good, true);
        expect(stderr).not.toContain('证书');
        expect(code).toBe(0);
    });
});

// A host name that does not resolve cannot be caused here without asking a name server: the error the SDK gives
// (its cause chain as Node's fetch makes it) is made up.
test('a host name that does not resolve, or not now: named, with what to check', () => {
    const ctx = { apiKey: KEY, baseURL: 'https://llm.office.example/v1', model: 'm', timeoutMs: 1000, places: CLI_PLACES };
    for (const [code, words] of [['ENOTFOUND', '找不到这个主机名'], ['EAI_AGAIN', '域名解析暂时失败']] as const) {
        const cause = Object.assign(new Error(`getaddrinfo ${code} llm.office.example`), { code, hostname: 'llm.office.example' });
        const failure = classifyFailure(new APIConnectionError({ cause: Object.assign(new TypeError('fetch failed'), { cause }) }), ctx);
        expect(failure.error.message).toContain(`无法连接模型服务 https://llm.office.example/v1：${words}`);
        expect(failure.error.message).toContain('请检查地址（--base-url 或环境变量 OPENAI_BASE_URL）和网络');
    }
});

// VS Code starts the editor's drafter, and may not hand it NODE_EXTRA_CA_CERTS: its advice names the editor's own
// setting for a certificate file (which ca-file.test.ts and llm-settings.test.ts show to work), not that variable.
test('in the editor, the certificate advice names the editor\'s setting, not the CLI\'s environment variable', () => {
    const places = editorPlaces(text => text);
    const cause = Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    const failure = classifyFailure(new APIConnectionError({ cause: Object.assign(new TypeError('fetch failed'), { cause }) }),
        { apiKey: KEY, baseURL: 'https://llm.office.example/v1', model: 'm', timeoutMs: 1000, places });
    expect(failure.error.message).toContain('由不受信任的机构签发');
    expect(failure.error.message).toContain('在设置 jxmb.llm.caFile 中填写该证书文件的完整路径后重试；否则请检查地址（设置 jxmb.llm.baseUrl）');
    expect(failure.error.message).not.toMatch(/NODE_EXTRA_CA_CERTS|--ca-file|JXMB_LLM_CA_FILE/);
});

// A host that is down, a network that went away, and a code none of these name: each a sentence, never 「网络错误（EXYZ）」.
// Made up: none of them can be caused on 127.0.0.1.
test('other network codes: in Chinese, or with the system\'s own description', () => {
    const ctx = { apiKey: KEY, baseURL: 'https://llm.office.example/v1', model: 'm', timeoutMs: 1000, places: CLI_PLACES };
    const said = (code: string) => classifyFailure(new APIConnectionError({ cause: Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) }) }), ctx).error.message;
    expect(said('EHOSTDOWN')).toContain('无法连接模型服务 https://llm.office.example/v1：该主机已关机或没有响应（EHOSTDOWN）');
    expect(said('ENETDOWN')).toContain('网络已断开（ENETDOWN）');
    expect(said('ECONNABORTED')).toContain('连接被中止（ECONNABORTED）');
    expect(said('ESHUTDOWN')).toContain('：系统报告错误 ESHUTDOWN（cannot send after transport endpoint shutdown）。请检查地址');
    expect(said('EXYZ')).toContain('：系统报告错误 EXYZ。请检查地址');
});
