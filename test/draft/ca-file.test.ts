import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { rootCertificates } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { draftForTarget } from '../../language/draft/api.js';
import { DraftError } from '../../language/draft/errors.js';
import { trustedCertificates } from '../../language/draft/llm-ca.js';
import type { LlmOptions } from '../../language/draft/llm.js';
import { samplesDir } from '../helpers/samples.js';
import { jxmb } from '../helpers/services.js';
import { answer, startFakeOpenAI, status, type FakeOpenAI, type FakeTls, type Step } from './fake-openai.js';
import { sampleTarget, SEED000 } from './targets.js';
import { makeTestCerts, type TestCerts } from './test-certs.js';

// A certificate file of the user's (--ca-file, JXMB_LLM_CA_FILE, the editor's jxmb.llm.caFile) for the drafter's
// requests: an endpoint whose certificate an office or internal authority signed is trusted with it, beside Node's
// own roots; a file that is missing, unreadable or no certificate is said before any request. Against real HTTPS
// servers on 127.0.0.1 with certificates openssl makes for the test.

const KEY = 'sk-test-FAKE-KEY-cafile-77a1';
let server: FakeOpenAI | undefined;
let certs: TestCerts;
let dir: string;

beforeAll(() => {
    certs = makeTestCerts();
    dir = mkdtempSync(join(tmpdir(), 'jxmb-cafile-'));
});
afterAll(() => {
    certs.remove();
    rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
    await server?.close();
    server = undefined;
});

const target = async () => ({ ...await sampleTarget(SEED000, '科普综合工作经费'), existing: [] });
const options = (baseURL: string, more: LlmOptions = {}): LlmOptions =>
    ({ baseURL, apiKey: KEY, model: 'test-model', timeoutMs: 5_000, retryDelayMs: 10, transientRetries: 1, env: {}, ...more });
const draft = async (baseURL: string, more: LlmOptions = {}) =>
    draftForTarget(await target(), { drafter: 'llm', services: jxmb(), llm: options(baseURL, more) });
const failure = async (baseURL: string, more: LlmOptions = {}): Promise<DraftError> => {
    const error = await draft(baseURL, more).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(DraftError);
    expect((error as DraftError).message).not.toContain(KEY);
    return error as DraftError;
};
const tls = (cert: string): FakeTls => ({ key: certs.key, cert });
const file = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
};

describe('the drafter trusts the authority in the certificate file', () => {
    test('an endpoint whose certificate the authority signed: the draft works with the file, not without', async () => {
        server = await startFakeOpenAI([answer({ proposals: [] })], tls(certs.good));
        const without = await failure(server.baseURL);
        expect(without.message).toContain('由不受信任的机构签发');
        expect(server.requests).toHaveLength(0);
        const result = await draft(server.baseURL, { caFile: certs.caFile });
        expect(result.proposals).toBeDefined();
        expect(server.requests).toHaveLength(1);
        expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    });

    test('the chain as an office proxy sends it, and JXMB_LLM_CA_FILE when no option names a file', async () => {
        server = await startFakeOpenAI([answer({ proposals: [] })], tls(certs.goodWithChain));
        const result = await draft(server.baseURL, { env: { JXMB_LLM_CA_FILE: certs.caFile } });
        expect(result.proposals).toBeDefined();
    });

    test('a self-signed endpoint: its own certificate in the file', async () => {
        server = await startFakeOpenAI([answer({ proposals: [] })], tls(certs.selfSigned));
        expect((await draft(server.baseURL, { caFile: file('self.pem', certs.selfSigned) })).proposals).toBeDefined();
    });

    test('the file adds to Node\'s roots, it does not replace them', async () => {
        const mine = readFileSync(certs.caFile, 'utf8').trim();
        const trusted = await trustedCertificates([mine], {});
        expect(trusted).toEqual(expect.arrayContaining([...rootCertificates, mine]));
    });

    // A trusted chain reaches the checks past trust: the certificate's dates and name still count.
    test('with the file, an expired certificate or one for another host is still refused, and said so', async () => {
        server = await startFakeOpenAI([answer({ proposals: [] })], tls(certs.expired));
        expect((await failure(server.baseURL, { caFile: certs.caFile })).message).toContain('HTTPS 证书已过期（CERT_HAS_EXPIRED）');
        await server.close();
        server = await startFakeOpenAI([answer({ proposals: [] })], tls(certs.otherHost));
        expect((await failure(server.baseURL, { caFile: certs.caFile })).message).toContain('与地址中的主机名不符（ERR_TLS_CERT_ALTNAME_INVALID）');
    });

    // The requests go another way when a file is given (node:https instead of fetch): what the user reads when the
    // endpoint fails must not change with it. Each failure over HTTPS with the file, as over plain HTTP — but for the
    // system's word for a dropped connection: fetch's 「other side closed」, node:https's 「socket hang up」.
    const dropped = (text: string) => text.replace(/连接被对方(关闭（UND_ERR_SOCKET）|重置（ECONNRESET）)/, '连接被对方关闭或重置');
    test.each<[string, Step]>([
        ['401', status(401)],
        ['a proxy\'s HTML page', { kind: 'raw', status: 403, contentType: 'text/html', body: '<html>blocked</html>' }],
        ['a 500, retried', status(500)],
        ['reset before any answer', { kind: 'reset', when: 'before' }],
        ['reset mid-answer', { kind: 'reset', when: 'mid-answer' }],
        ['a body that never ends', { kind: 'stall', body: 'trickle' }],
        ['no answer at all', { kind: 'hang' }]
    ])('%s: the same message as without the file, over HTTP', async (_name, step) => {
        const said = async (secure: boolean) => {
            server = await startFakeOpenAI([step], secure ? tls(certs.good) : undefined);
            const error = await failure(server.baseURL, { caFile: certs.caFile, timeoutMs: 1_000 });
            const requests = server.requests.length;
            const text = dropped(error.message.replaceAll(server.baseURL, '<地址>'));
            await server.close();
            server = undefined;
            return { code: error.code, text, requests };
        };
        expect(await said(true)).toEqual(await said(false));
    });

    test('cancelled while waiting: cancelled, as without the file', async () => {
        server = await startFakeOpenAI([{ kind: 'hang' }], tls(certs.good));
        const controller = new AbortController();
        const pending = draftForTarget(await target(), {
            drafter: 'llm', services: jxmb(), signal: controller.signal, llm: options(server.baseURL, { caFile: certs.caFile }),
            onProgress: () => { if (server!.requests.length === 0) setTimeout(() => controller.abort(), 100); }
        }).then(() => undefined, (e: unknown) => e);
        const error = await pending;
        expect((error as DraftError).code).toBe('cancelled');
    });
});

describe('a certificate file that cannot be used: said before any request, naming the file and where it is set', () => {
    const CLI_PLACE = '--ca-file 或环境变量 JXMB_LLM_CA_FILE';

    async function refused(caFile: string): Promise<string> {
        server = await startFakeOpenAI([answer({ proposals: [] })], tls(certs.good));
        const error = await failure(server.baseURL, { caFile });
        expect(error.code).toBe('config');
        expect(server.requests).toHaveLength(0);
        expect(error.message).toContain(CLI_PLACE);
        expect(error.message).not.toMatch(/ENOENT|EISDIR|Error:|\n\s+at /);
        return error.message;
    }

    test('missing', async () => {
        const missing = join(dir, '没有这个文件.pem');
        expect(await refused(missing)).toContain(`找不到证书文件「${missing}」`);
    });

    test('missing, given relative: the folder it was looked for in', async () => {
        const given = relative(process.cwd(), join(dir, 'nope.pem'));
        const message = await refused(given);
        expect(message).toContain(`找不到证书文件「${given}」`);
        expect(message).toContain(join(dir, 'nope.pem'));
    });

    test('a folder', async () => {
        const folder = join(dir, 'certs.d');
        mkdirSync(folder, { recursive: true });
        expect(await refused(folder)).toContain(`「${folder}」是一个文件夹`);
    });

    test('not PEM: empty, text, DER bytes', async () => {
        for (const [name, content] of [['empty.pem', ''], ['notes.txt', '请把证书放在这里\n'], ['ca.cer', Buffer.from([0x30, 0x82, 0x01, 0x0a, 0x02, 0x01])]] as const) {
            const path = file(name, content);
            const message = await refused(path);
            expect(message).toContain(`证书文件「${path}」不是 PEM 格式的证书`);
            expect(message).toContain('-----BEGIN CERTIFICATE-----');
            await server!.close();
            server = undefined;
        }
    });

    test('a private key where the certificate belongs', async () => {
        const path = file('leaf.key', certs.key);
        expect(await refused(path)).toContain('是私钥，不是证书');
    });

    test('a PEM block whose content is broken', async () => {
        const good = readFileSync(certs.caFile, 'utf8');
        const broken = good.replace(/(-----BEGIN CERTIFICATE-----\n)([\s\S]{40})/, '$1AAAA$2');
        const path = file('broken.pem', good + broken);
        expect(await refused(path)).toContain(`证书文件「${path}」中的第 2 个证书无法读取`);
    });
});

// As a user runs it: the option and the variable of the CLI, and its advice when neither is given.
describe('jxmb draft --llm --ca-file', () => {
    const cli = fileURLToPath(new URL('../../bin/jxmb.js', import.meta.url));
    async function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string; url: string }> {
        server = await startFakeOpenAI([answer({ proposals: [] })], tls(certs.goodWithChain));
        const url = server.baseURL;
        const all = { ...process.env, JXMB_LLM_API_KEY: KEY, JXMB_LLM_MODEL: 'test-model', NODE_EXTRA_CA_CERTS: '', JXMB_LLM_CA_FILE: '', ...env };
        return new Promise(resolve => {
            execFile(process.execPath, [cli, 'draft', `${samplesDir}/000-nansha-kexie.jxmb`, '--task', '科普综合工作经费', '--llm', '--base-url', url, ...args], { env: all, timeout: 60_000 },
                (error, stdout, stderr) => resolve({ code: typeof error?.code === 'number' ? error.code : error ? -1 : 0, stdout, stderr, url }));
        });
    }

    test('without a file: the advice names --ca-file and JXMB_LLM_CA_FILE', async () => {
        const { code, stderr } = await run([]);
        expect(code).toBe(2);
        expect(stderr).toContain('由不受信任的机构签发');
        expect(stderr).toContain('--ca-file 或环境变量 JXMB_LLM_CA_FILE');
    });

    test('--ca-file: the draft works', async () => {
        const { code, stderr } = await run(['--ca-file', certs.caFile]);
        expect(stderr).not.toContain('证书');
        expect(code).toBe(0);
    });

    test('JXMB_LLM_CA_FILE: the draft works', async () => {
        const { code } = await run([], { JXMB_LLM_CA_FILE: certs.caFile });
        expect(code).toBe(0);
    });

    // A user may trust one authority through Node's variable and another through ours: both count.
    test('NODE_EXTRA_CA_CERTS still counts beside a file of another authority', async () => {
        const { code } = await run(['--ca-file', file('other-authority.pem', certs.selfSigned)], { NODE_EXTRA_CA_CERTS: certs.caFile });
        expect(code).toBe(0);
    });

    test('a missing file: one Chinese line, no stack, exit 2, nothing sent', async () => {
        const missing = join(dir, 'missing-ca.pem');
        const { code, stderr } = await run(['--ca-file', missing]);
        expect(code).toBe(2);
        expect(stderr.trim()).toBe(`找不到证书文件「${missing}」：请检查路径（--ca-file 或环境变量 JXMB_LLM_CA_FILE）。`);
        expect(server!.requests).toHaveLength(0);
    });

    test('--ca-file without --llm is refused, as --base-url is', async () => {
        server = await startFakeOpenAI([answer({ proposals: [] })]);
        const result = await new Promise<{ code: number; stderr: string }>(resolve => {
            execFile(process.execPath, [cli, 'draft', `${samplesDir}/000-nansha-kexie.jxmb`, '--task', '科普综合工作经费', '--ca-file', certs.caFile], { timeout: 60_000 },
                (error, _stdout, stderr) => resolve({ code: typeof error?.code === 'number' ? error.code : error ? -1 : 0, stderr }));
        });
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('--ca-file 只用于 --llm');
    });

    test('the usage names the option and the variable', async () => {
        const result = await new Promise<string>(resolve => execFile(process.execPath, [cli, 'draft', '--help'], (_e, stdout) => resolve(stdout)));
        expect(result).toContain('--ca-file');
        expect(result).toContain('JXMB_LLM_CA_FILE');
    });
});
