import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test, vi, type MockInstance } from 'vitest';
import { parseExpectations } from '../helpers/expectations.js';
import { readSample, sampleFiles } from '../helpers/samples.js';
import { edited, runs, SEED, yieldToEventLoop } from './arbitraries.js';
import { validDeclarations } from './declarations.js';
import { checkFixes } from './fix-invariants.js';

// For edited samples and validation fixtures, every quick-fix offered on every finding — asked for as the editor
// asks, applied as the editor applies it — returns a well-formed edit and leaves the user's text whole
// (fix-invariants.ts says what that means). Each run applies a few of the fixes offered, chosen at random; the
// samples' own fixes are all applied in fixes-samples.test.ts.

const validationDir = fileURLToPath(new URL('../validation', import.meta.url));
const fixtures = (readdirSync(validationDir, { recursive: true }) as string[]).filter(f => f.endsWith('.jxmb')).sort()
    .map(f => parseExpectations(readFileSync(join(validationDir, f), 'utf8')).text);
const samples = sampleFiles().map(readSample);

const cases: Array<[string, fc.Arbitrary<string>, number]> = [
    ['a sample with random edits', edited(samples), 40],
    ['a validation fixture with random edits', edited(fixtures), 150],
    ['declarations that parse, with hostile strings and numbers', validDeclarations, 100]
];

/** Which of the fixes offered a run applies: up to 6, by index (wrapped round the number offered). */
const picks = fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 6 });

let logged: MockInstance;
beforeEach(() => { logged = vi.spyOn(console, 'error').mockImplementation(() => undefined); });
afterEach(() => logged.mockRestore());

describe.each(cases)('%s', (_, texts, numRuns) => {
    test('every fix offered is well-formed and keeps the text whole', async () => {
        let applied = 0;
        await fc.assert(fc.asyncProperty(texts, picks, async (text, chosen) => {
            await yieldToEventLoop();
            const report = await checkFixes(text, n => n === 0 ? [] : [...new Set(chosen.map(i => i % n))]);
            applied += report.applied;
            expect(report.problems).toEqual([]);
            expect(logged.mock.calls.map(args => args.join(' '))).toEqual([]);
        }), { seed: SEED, numRuns: runs(numRuns) });
        if (process.env.JXMB_FUZZ_STATS) console.log(`${applied} fixes applied in ${runs(numRuns)} runs`);
        // Most edited texts still have findings with fixes: a property that applied none would prove nothing.
        expect(applied).toBeGreaterThan(runs(numRuns) / 2);
    }, 180_000);
});
