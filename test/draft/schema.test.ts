import { describe, expect, test } from 'vitest';
import { EXAMPLES, systemPrompt } from '../../language/draft/prompt.js';
import { checkAnswer, checkDraftResult, llmAnswerSchema } from '../../language/draft/schema.js';
import { redact } from '../../language/draft/errors.js';
import { retryAfterOf } from '../../language/draft/llm-errors.js';
import { parseAnswerText } from '../../language/draft/llm-answer.js';

// schemas/draft.schema.json: the local check of every answer, and the variant the model is asked for.

type Schema = { [key: string]: unknown };

/** Every object schema in the tree, for the structured-output rules. */
function objects(node: unknown, out: Schema[] = []): Schema[] {
    if (Array.isArray(node)) node.forEach(n => objects(n, out));
    else if (node && typeof node === 'object') {
        const s = node as Schema;
        if (s.type === 'object') out.push(s);
        Object.values(s).forEach(v => objects(v, out));
    }
    return out;
}

describe('the answer schema sent to the model', () => {
    test('follows the structured-output subset: all properties required, no extra ones, no $ref, no lengths', () => {
        const all = objects(llmAnswerSchema);
        expect(all.length).toBeGreaterThanOrEqual(3);
        for (const s of all) {
            expect(s.additionalProperties).toBe(false);
            expect([...(s.required as string[])].sort()).toEqual(Object.keys(s.properties as Schema).sort());
        }
        const text = JSON.stringify(llmAnswerSchema);
        for (const keyword of ['$ref', 'minLength', 'maxLength', '$schema', 'diagnostics']) expect(text).not.toContain(keyword);
    });

    test('the prompt examples are valid answers', () => {
        for (const e of EXAMPLES) expect(checkAnswer({ proposals: e.proposals })).toEqual([]);
        expect(systemPrompt()).toContain('可持续影响指标');
        expect(systemPrompt('2021')).toContain('经济成本指标');
    });

    test('an answer with diagnostics, extra fields or a wrong 二级 is rejected with paths', () => {
        const [good] = EXAMPLES[0]!.proposals;
        expect(checkAnswer({ proposals: [{ ...good, diagnostics: [] }] })[0]!.path).toBe('/proposals/0');
        expect(checkAnswer({ proposals: [good], note: 'x' })).not.toEqual([]);
        expect(checkAnswer({ proposals: [{ ...good, level2: '产出数量' }] }).map(p => p.path)).toContain('/proposals/0/level2');
        expect(checkAnswer({ proposals: [{ ...good, date: '2024年底' }] }).map(p => p.path)).toContain('/proposals/0/date');
        expect(checkAnswer('[]')).not.toEqual([]);
    });

    test('a full result carries drafter, target and diagnostics', () => {
        const [good] = EXAMPLES[0]!.proposals;
        const result = { drafter: 'rules', model: null, target: { kind: 'task', name: 't', unit: 'u', year: 2024 }, proposals: [{ ...good, diagnostics: [{ severity: 'warning', code: 'value/hedged', message: 'm' }] }] };
        expect(checkDraftResult(result)).toEqual([]);
        expect(checkDraftResult({ ...result, drafter: 'magic' })).not.toEqual([]);
    });
});

describe('helpers', () => {
    test('redact: the key, bearer tokens, sk- keys and URL credentials', () => {
        const key = 'abc123secret';
        expect(redact(`bad key ${key}; Authorization: Bearer ${key}`, [key])).toBe('bad key ***; Authorization: Bearer ***');
        expect(redact('key sk-proj-0123456789abcdef rejected', [])).toBe('key *** rejected');
        expect(redact('https://user:pw@host/v1', [])).toBe('https://***@host/v1');
        // Only the token goes: the words and brackets after it stay (服务返回：「… Bearer x」).
        expect(redact('服务返回：「bad request; header was Bearer tok_1.2/3=」', [])).toBe('服务返回：「bad request; header was Bearer ***」');
    });

    test('retry-after in seconds, milliseconds or as a date', () => {
        expect(retryAfterOf(new Headers({ 'retry-after': '2' }))).toBe(2000);
        expect(retryAfterOf(new Headers({ 'retry-after-ms': '150' }))).toBe(150);
        const later = retryAfterOf(new Headers({ 'retry-after': new Date(Date.now() + 5000).toUTCString() }))!;
        expect(later).toBeGreaterThan(3000);
        expect(retryAfterOf(new Headers())).toBeUndefined();
    });

    test('a ```json fence around an answer is dropped', () => {
        expect(parseAnswerText('```json\n{"proposals":[]}\n```')).toEqual({ proposals: [] });
        expect(() => parseAnswerText('{"proposals":')).toThrow();
    });
});
