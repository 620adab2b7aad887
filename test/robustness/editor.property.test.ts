import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test, vi, type MockInstance } from 'vitest';
import { alphabetText, anyText, editedSample, fractions, nestedText, offsetIn, runs, SEED } from './arbitraries.js';
import { completeAt, formatted, hoverAt, withDocument } from './features.js';

// For any text, the editor's features — parsing, validation, completion and hover at random places, formatting —
// return (never throw, never swallow an exception into the log), and formatting its own output changes nothing.
// No timing assertions: a run that loops or goes quadratic hits the test's timeout instead.

const cases: Array<[string, fc.Arbitrary<string>, number]> = [
    ['a sample with random edits', editedSample, 20],
    ['text over the language alphabet', alphabetText, 80],
    ['arbitrary Unicode', anyText, 60],
    ['deep and unbalanced nesting', nestedText, 20]
];

let logged: MockInstance;
beforeEach(() => { logged = vi.spyOn(console, 'error').mockImplementation(() => undefined); });
afterEach(() => logged.mockRestore());

/** What a caught-and-logged exception said (the completion provider logs instead of failing the request). */
const loggedErrors = () => logged.mock.calls.map(args => args.map(a => a instanceof Error ? a.stack : String(a)).join(' '));

describe.each(cases)('%s', (_, texts, numRuns) => {
    test('parse and validate: diagnostics inside the text, each with a code and a message', async () => {
        await fc.assert(fc.asyncProperty(texts, async text => {
            await withDocument(text, async (document, diagnostics) => {
                const lines = document.textDocument.lineCount;
                for (const d of diagnostics) {
                    expect(d.range.start.line).toBeLessThan(lines);
                    expect(d.range.end.line).toBeLessThan(lines);
                    expect(typeof d.code).toBe('string');
                    expect(String(d.message)).not.toBe('');
                }
            });
        }), { seed: SEED, numRuns: runs(numRuns) });
    }, 180_000);

    test('completion and hover at random places return', async () => {
        await fc.assert(fc.asyncProperty(texts, fractions, async (text, places) => {
            await withDocument(text, async document => {
                for (const place of places) {
                    const offset = offsetIn(text, place);
                    const list = await completeAt(document, offset);
                    expect(list === undefined || Array.isArray(list.items)).toBe(true);
                    const hover = await hoverAt(document, offset);
                    expect(hover === undefined || typeof hover === 'object').toBe(true);
                }
            });
            expect(loggedErrors()).toEqual([]);
        }), { seed: SEED, numRuns: runs(numRuns) });
    }, 180_000);

    test('formatting returns, and is idempotent on its own output', async () => {
        await fc.assert(fc.asyncProperty(texts, async text => {
            const once = await withDocument(text, formatted);
            const twice = await withDocument(once, formatted);
            expect(twice).toBe(once);
        }), { seed: SEED, numRuns: runs(numRuns) });
    }, 180_000);
});
