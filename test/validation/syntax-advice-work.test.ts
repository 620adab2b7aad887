import { describe, expect, it, vi } from 'vitest';
import { parseAndValidate } from '../../language/documents.js';
import { MAX_SYNTAX_FINDINGS } from '../../language/syntax-messages.js';
import { readSample, sampleFiles } from '../helpers/samples.js';
import { jxmb } from '../helpers/services.js';

// Only the first MAX_SYNTAX_FINDINGS syntax errors are listed (syntax-messages.ts); the advice each gets (syntax-hints.ts)
// is read off its line, ≈ 30 µs a row for an unquoted value. The advice of errors never listed is not worked out:
// 10,000 rows spent ≈ 0.3 s on it. Counted, not timed.

const advised = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../language/syntax-hints.js', async original => {
    const hints = await original<typeof import('../../language/syntax-hints.js')>();
    return {
        ...hints,
        parserErrorAdvice: (...args: Parameters<typeof hints.parserErrorAdvice>) => {
            advised.count++;
            return hints.parserErrorAdvice(...args);
        }
    };
});

const sample = readSample(sampleFiles()[0]!);
const rows = (n: number) => sample.replace(/(数量指标\s*\{\n)/, `$1${Array.from({ length: n }, (_, i) => `"发布文章${i}"：不少于50篇\n`).join('')}`);

describe('1,000 rows of unquoted text values', () => {
    it('the errors listed have their advice and quick-fix; the advice of the rest is not worked out', async () => {
        advised.count = 0;
        const { diagnostics } = await parseAndValidate(jxmb(), rows(1000));
        const syntax = diagnostics.filter(d => d.code === 'parsing-error');
        expect(syntax).toHaveLength(MAX_SYNTAX_FINDINGS + 1);
        const listed = syntax.slice(0, -1);
        expect(listed.every(d => String(d.message).endsWith('（文字指标值要整段加引号，如 "不少于50篇"，或写成 ≥50篇）。'))).toBe(true);
        expect(listed.every(d => (d.data as { repair?: { newText: string } }).repair?.newText === '"不少于50篇"')).toBe(true);
        expect(syntax.at(-1)!.message).toContain(`还有 ${1000 - MAX_SYNTAX_FINDINGS} 处语法错误`);
        expect(advised.count).toBeLessThanOrEqual(MAX_SYNTAX_FINDINGS + 10);
    });
});
