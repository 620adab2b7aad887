import { describe, expect, test } from 'vitest';
import { chooseDrafter, resolveApiKey } from '../../extension/llm-settings.js';
import { format } from '../../extension/translate.js';

// 起草绩效指标 uses the model only with an address, a model and a key; the key comes from secret storage or the
// environment.

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
            .toEqual({ kind: 'llm', baseURL: 'http://127.0.0.1:1/v1', model: 'm', apiKey: 'k' });
    });
});
