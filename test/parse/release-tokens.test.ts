import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { jxmb } from '../helpers/services.js';

// A parse of text that is not jxmb skips nearly all of it; the tokens it skipped must not outlive the parse
// (parse/release-tokens.ts). Heap measured after a full collection, with a generous bound.

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterCollection(): number {
    gc();
    return process.memoryUsage().heapUsed / 1024 / 1024;
}

describe('a parse keeps none of the tokens it skipped', () => {
    it.each([
        ['400,000 `{`', '{'.repeat(400_000)],
        ['`{` inside a declaration', '项目支出 "示例单位" 年度 2024 {\n' + '{'.repeat(400_000)],
        ['`指标 {` repeated', '指标 {'.repeat(200_000)]
    ])('%s: its result holds under 10 MB of heap (the tokens take ≈ 29 MB, 45 MB with lines and columns)', (_name, text) => {
        const parser = jxmb().parser.LangiumParser;
        parser.parse('{{');
        const before = heapAfterCollection();
        const result = parser.parse(text);
        const kept = heapAfterCollection() - before;
        // The finding stands as before: the first token that does not fit.
        expect(result.parserErrors.map(e => e.message)).toHaveLength(1);
        expect(kept).toBeLessThan(10);
    });
});

describe('a fault inside the parse', () => {
    it('reaches the log with the frames that led to it (traces are off only while nothing throws)', () => {
        const services = jxmb();
        const converter = services.parser.ValueConverter;
        const convert = converter.convert.bind(converter);
        let calls = 0;
        converter.convert = (input, cstNode) => {
            if (++calls === 1) return convert(input, cstNode);
            return convertWithAFault();
        };
        function convertWithAFault(): never {
            throw new Error('内部错误');
        }
        // (the direct walk meets the fault first, says so, and leaves the text to Langium's parse)
        const said = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        let thrown: Error | undefined;
        try {
            services.parser.LangiumParser.parse('部门整体 "示例单位" 年度 2024 {\n}\n');
        } catch (error) {
            thrown = error as Error;
        } finally {
            said.mockRestore();
        }
        expect(thrown?.message).toBe('内部错误');
        expect(thrown?.stack).toContain('convertWithAFault');
    });
});
