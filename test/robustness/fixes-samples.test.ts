import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test, vi, type MockInstance } from 'vitest';
import { parseExpectations } from '../helpers/expectations.js';
import { readSample, sampleFiles } from '../helpers/samples.js';
import { checkFixes } from './fix-invariants.js';

// Every quick-fix offered on the samples and on the validation fixtures as they are, applied one at a time to the
// unchanged text: each is well-formed and keeps the user's text whole (fix-invariants.ts).

const validationDir = fileURLToPath(new URL('../validation', import.meta.url));
const fixtures = (readdirSync(validationDir, { recursive: true }) as string[]).filter(f => f.endsWith('.jxmb')).sort();

let logged: MockInstance;
beforeEach(() => { logged = vi.spyOn(console, 'error').mockImplementation(() => undefined); });
afterEach(() => logged.mockRestore());

async function expectWhole(text: string, least: number): Promise<void> {
    const report = await checkFixes(text);
    expect(report.problems).toEqual([]);
    expect(logged.mock.calls.map(args => args.join(' '))).toEqual([]);
    expect(report.applied).toBeGreaterThanOrEqual(least);
}

describe('a sample', () => {
    test.each(sampleFiles())('%s: every fix offered keeps the text whole', async name => {
        // The numbered samples, from real tables, have findings with fixes; the tutorial may have none.
        await expectWhole(readSample(name), /^\d{3}-/.test(name) ? 1 : 0);
    }, 120_000);
});

describe('a validation fixture', () => {
    test.each(fixtures)('%s: every fix offered keeps the text whole', async name => {
        await expectWhole(parseExpectations(readFileSync(join(validationDir, name), 'utf8')).text, 0);
    }, 60_000);
});
