import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { DraftError } from '../../language/draft/errors.js';
import { draftWithLlm } from '../../language/draft/llm.js';
import { chooseDrafter, llmOptions, resolveApiKey, type LlmChoice } from '../../extension/llm-settings.js';
import { format, type Translate } from '../../extension/translate.js';
import { startFakeOpenAI, status, type FakeOpenAI, type Step } from '../draft/fake-openai.js';
import { sampleTarget, SEED000 } from '../draft/targets.js';
import { makeTestCerts, type TestCerts } from '../draft/test-certs.js';

// 起草绩效指标 uses the model only with an address, a model and a key; the key comes from secret storage or the
// environment.

const bundle = JSON.parse(readFileSync(new URL('../../l10n/bundle.l10n.zh-cn.json', import.meta.url), 'utf8')) as Record<string, string>;
/** The Chinese UI's translation, as VS Code's l10n gives it. */
const zh: Translate = (message, ...args) => format(bundle[message] ?? message, ...args);

describe('drafter choice', () => {
    test('the stored key first, then JXMB_LLM_API_KEY, then OPENAI_API_KEY; blanks do not count', () => {
        expect(resolveApiKey('stored', { JXMB_LLM_API_KEY: 'a', OPENAI_API_KEY: 'b' })).toBe('stored');
        expect(resolveApiKey(undefined, { JXMB_LLM_API_KEY: 'a', OPENAI_API_KEY: 'b' })).toBe('a');
        expect(resolveApiKey('  ', { JXMB_LLM_API_KEY: '', OPENAI_API_KEY: ' b ' })).toBe('b');
        expect(resolveApiKey(undefined, {})).toBeUndefined();
    });

    test('rules unless address, model and key are all there', () => {
        expect(chooseDrafter({ baseUrl: '', model: '' }, 'k', format)).toEqual({ kind: 'rules' });
        expect(chooseDrafter({ baseUrl: 'http://127.0.0.1:1/v1', model: '' }, 'k', format)).toMatchObject({ kind: 'rules', note: expect.stringContaining('jxmb.llm.model') });
        expect(chooseDrafter({ baseUrl: 'http://127.0.0.1:1/v1', model: 'm' }, undefined, format)).toMatchObject({ kind: 'rules', note: expect.stringContaining('API key') });
        expect(chooseDrafter({ baseUrl: ' http://127.0.0.1:1/v1 ', model: 'm' }, 'k', format))
            .toEqual({ kind: 'llm', baseURL: 'http://127.0.0.1:1/v1', model: 'm', apiKey: 'k', timeoutMs: 60_000 });
    });

    test('jxmb.llm.timeout in seconds, as --timeout takes them; anything else waits the default 60 s', () => {
        const wait = (timeout: unknown) => (chooseDrafter({ baseUrl: 'http://127.0.0.1:1/v1', model: 'm', timeout }, 'k', format) as LlmChoice).timeoutMs;
        expect(wait(120)).toBe(120_000);
        expect(wait(1)).toBe(1_000);
        expect(wait(86_400)).toBe(86_400_000);
        for (const odd of [0, 0.5, 86_401, -5, Number.NaN, '120', null, undefined]) expect(wait(odd)).toBe(60_000);
    });

    test('a jxmb.llm.timeout set but unusable is said before drafting; unset or usable, nothing is said', () => {
        const note = (timeout: unknown) => (chooseDrafter({ baseUrl: 'http://127.0.0.1:1/v1', model: 'm', timeout }, 'k', zh) as LlmChoice).note;
        for (const odd of [0, 86_401, '120']) expect(note(odd)).toBe('设置 jxmb.llm.timeout 应为 1–86400 之间的秒数：现按默认的 60 秒等待。');
        for (const fine of [undefined, null, 1, 120]) expect(note(fine)).toBeUndefined();
    });
});

// The drafter's messages in the editor name where its user sets things — the command and the settings — not the
// CLI's environment variables and options, which the editor does not read.
describe('what the messages tell the editor\'s user to check', () => {
    const CLI_WORDS = /JXMB_LLM|OPENAI_|--(base-url|model|timeout)/;

    let server: FakeOpenAI | undefined;
    afterEach(async () => {
        await server?.close();
        server = undefined;
    });

    /** The message 起草绩效指标 shows when the fake server answers with `step`, settings as the tester had them. */
    async function message(step: Step, timeout?: number): Promise<string> {
        server = await startFakeOpenAI([step]);
        const choice = chooseDrafter({ baseUrl: server.baseURL, model: 'fake-model', timeout }, 'sk-editor-test-key', zh) as LlmChoice;
        const target = await sampleTarget(SEED000, '科普综合工作经费');
        const error = await draftWithLlm(target, { ...llmOptions(choice, zh), transientRetries: 0 }).then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(DraftError);
        const text = (error as DraftError).message;
        expect(text).not.toMatch(CLI_WORDS);
        return text;
    }

    test('401: the command that sets the key', async () => {
        expect(await message(status(401))).toContain('（命令「jxmb: 设置 API 密钥」）');
    });

    test('404: the address and the model settings', async () => {
        const text = await message(status(404));
        expect(text).toContain('（设置 jxmb.llm.baseUrl）');
        expect(text).toContain('模型名「fake-model」（设置 jxmb.llm.model）');
    });

    test('a body that is not JSON, or an HTML page: the address setting', async () => {
        expect(await message({ kind: 'raw', status: 200, body: '{"choices": [', contentType: 'application/json' })).toContain('请检查地址（设置 jxmb.llm.baseUrl）');
        await server!.close();
        expect(await message({ kind: 'raw', status: 200, body: '<html>请登录</html>', contentType: 'text/html' })).toContain('请检查地址（设置 jxmb.llm.baseUrl）');
    });

    test('an address without http(s)://: the address setting', async () => {
        const choice = chooseDrafter({ baseUrl: '127.0.0.1:8080/v1', model: 'fake-model' }, 'sk-editor-test-key', zh) as LlmChoice;
        const error = await draftWithLlm(await sampleTarget(SEED000, '科普综合工作经费'), llmOptions(choice, zh)).then(() => undefined, (e: unknown) => e);
        expect((error as DraftError).code).toBe('config');
        expect((error as DraftError).message).toContain('（设置 jxmb.llm.baseUrl）');
        expect((error as DraftError).message).not.toMatch(CLI_WORDS);
    });

    test('a timeout: after jxmb.llm.timeout seconds, and that setting lengthens the wait', async () => {
        const started = Date.now();
        const text = await message({ kind: 'hang' }, 1);
        expect(Date.now() - started).toBeLessThan(4_000);
        expect(text).toContain('在 1 秒内没有回复（超时）');
        expect(text).toContain('加长等待时间（设置 jxmb.llm.timeout）');
    });
});

// jxmb.llm.caFile: the editor's way to trust an office proxy's or an internal service's authority (NODE_EXTRA_CA_CERTS
// may not reach the drafter when VS Code starts it). The setting goes into the drafter's options as the others do.
describe('jxmb.llm.caFile', () => {
    let certs: TestCerts;
    let server: FakeOpenAI | undefined;
    beforeAll(() => { certs = makeTestCerts(); });
    afterAll(() => certs.remove());
    afterEach(async () => {
        await server?.close();
        server = undefined;
    });

    const settings = (baseUrl: string, caFile?: string) => ({ baseUrl, model: 'fake-model', ...(caFile === undefined ? {} : { caFile }) });

    test('set, it is passed to the drafter; empty or blank, nothing is', () => {
        const choice = chooseDrafter(settings('https://127.0.0.1:1/v1', ' /etc/office-ca.pem '), 'k', zh) as LlmChoice;
        expect(choice.caFile).toBe('/etc/office-ca.pem');
        expect(llmOptions(choice, zh).caFile).toBe('/etc/office-ca.pem');
        for (const none of [undefined, '', '   ']) {
            const plain = chooseDrafter(settings('https://127.0.0.1:1/v1', none), 'k', zh) as LlmChoice;
            expect(plain.caFile).toBeUndefined();
            expect(llmOptions(plain, zh)).not.toHaveProperty('caFile');
        }
    });

    test('an endpoint whose certificate the authority signed: refused without the setting, with it the draft works', async () => {
        server = await startFakeOpenAI([{ kind: 'answer', content: JSON.stringify({ proposals: [] }) }], { key: certs.key, cert: certs.goodWithChain });
        const target = await sampleTarget(SEED000, '科普综合工作经费');
        const without = chooseDrafter(settings(server.baseURL), 'sk-editor-test-key', zh) as LlmChoice;
        const error = await draftWithLlm(target, { ...llmOptions(without, zh), transientRetries: 0 }).then(() => undefined, (e: unknown) => e);
        expect((error as DraftError).message).toContain('在设置 jxmb.llm.caFile 中填写该证书文件的完整路径后重试');
        expect(server.requests).toHaveLength(0);
        const choice = chooseDrafter(settings(server.baseURL, certs.caFile), 'sk-editor-test-key', zh) as LlmChoice;
        const result = await draftWithLlm(target, llmOptions(choice, zh));
        expect(result.proposals).toEqual([]);
        expect(server.requests).toHaveLength(1);
    });

    test('a file that is not there: named with the setting, before any request, without the CLI\'s words', async () => {
        server = await startFakeOpenAI([{ kind: 'answer', content: JSON.stringify({ proposals: [] }) }], { key: certs.key, cert: certs.good });
        const missing = join(certs.caFile, '..', 'office-ca.pem');
        const choice = chooseDrafter(settings(server.baseURL, missing), 'sk-editor-test-key', zh) as LlmChoice;
        const error = await draftWithLlm(await sampleTarget(SEED000, '科普综合工作经费'), llmOptions(choice, zh)).then(() => undefined, (e: unknown) => e);
        expect((error as DraftError).code).toBe('config');
        expect((error as DraftError).message).toBe(`找不到证书文件「${missing}」：请检查路径（设置 jxmb.llm.caFile）。`);
        expect(server.requests).toHaveLength(0);
    });
});
