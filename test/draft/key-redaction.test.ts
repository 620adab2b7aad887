import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runDraftCommand } from '../../language/cli/draft.js';
import { answer, fakeOpenAIPerTest, type Step } from './fake-openai.js';

// `jxmb draft --llm` against a server that echoes the key back in every way it can: whatever it sends, the key is
// in neither the preview, the JSON result nor the progress and error lines. The key has no `sk-` prefix (not every
// provider's has one), so only the key itself, not its shape, can be recognised.

const KEY = 'zk-FAKE-echo-7f3a9c2e1b4d';

const SOURCE = `部门整体 "测试单位" 年度 2024 {
    任务 "科普" {
        主要实施内容 "组织科普志愿活动不少于96场次。"
        拟投入资金 50.00
    }
}
`;
const file = join(mkdtempSync(join(tmpdir(), 'jxmb-key-')), 'key.jxmb');
writeFileSync(file, SOURCE);

const proposal = (extra: Record<string, unknown> = {}) => ({
    name: '组织科普志愿活动场次', level1: '产出指标', level2: '数量指标', operator: '≥', number: 96, unit: '场次', per: null, date: null,
    period: '≥96场次', annual: '≥96场次', source: { field: '主要实施内容', quote: '组织科普志愿活动不少于96场次', start: null, end: null },
    placeholder: false, needsConfirmation: false, reason: null, ...extra
});

/** The key as the JSON of an answer may write it: every character a \u escape. */
const escaped = (key: string) => key.split('').map(c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

const startServer = fakeOpenAIPerTest();

async function draft(step: Step, ...extra: string[]): Promise<{ code: number; text: string }> {
    const server = await startServer([step]);
    process.env.JXMB_LLM_API_KEY = KEY;
    const outputs: string[] = [];
    let code = 0;
    for (const format of ['jxmb', 'json']) {
        code = await runDraftCommand([file, '--task', '科普', '--llm', '--base-url', server.baseURL, '--format', format, ...extra],
            { out: t => { outputs.push(t); }, err: t => { outputs.push(t); } });
    }
    return { code, text: outputs.join('') };
}

describe('the key never reaches the output', () => {
    test('a server that sends the key back as the model\'s name: the name is shown without it', async () => {
        const { code, text } = await draft({ kind: 'echo', step: key => ({ kind: 'answer', model: `model-${key}`, content: JSON.stringify({ proposals: [proposal()] }) }) });
        expect(code).toBe(0);
        expect(text).toContain('模型 model-***');
        expect(text).toContain('"model": "model-***"');
        expect(text).not.toContain(KEY);
    });

    test('a key written with \\u escapes in the answer\'s strings: redacted once the answer is read', async () => {
        const { code, text } = await draft({ kind: 'echo', step: key => answer(JSON.stringify({ proposals: [proposal({ needsConfirmation: true, reason: 'KEY' })] }).replace('KEY', escaped(key))) });
        expect(code).toBe(0);
        expect(text).toContain('需确认：***');
        expect(text).not.toContain(KEY);
    });

    test('the key given as --model: the progress line and the result name the model without it', async () => {
        const { code, text } = await draft(answer(JSON.stringify({ proposals: [proposal()] })), '--model', KEY);
        expect(code).toBe(0);
        expect(text).toContain('正在请求模型「***」');
        expect(text).not.toContain(KEY);
    });

    test.each([
        ['spaces', ' '],
        ['full-width spaces', '\u3000'],
        ['zero-width spaces', '\u200b'],
        ['line breaks', '\n']
    ])('a key with %s between its characters in the answer: redacted all the same', async (_name, gap) => {
        const { code, text } = await draft({ kind: 'echo', step: key => answer(JSON.stringify({ proposals: [proposal({ needsConfirmation: true, reason: `密钥是 ${key.split('').join(gap)} 。` })] })) });
        expect(code).toBe(0);
        expect(text).toContain('需确认：密钥是 *** 。');
        expect(text.replace(/[\s\u200b\u3000]/g, '')).not.toContain(KEY);
    });
});
