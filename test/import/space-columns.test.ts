import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { importBytes } from '../../language/import/import.js';
import { seedOf } from '../helpers/samples.js';
import { modelDifferences } from './helpers.js';

// A table laid out with runs of spaces instead of tabs (pdftotext -layout, a table pasted as plain text): a gap of
// two spaces or more is a cell break, as a tab is; a single space stays inside a cell. Read word by word it fell
// apart (13 of 42 indicators of seed 000 survived, most of the loss unreported). The seeds, their tabs replaced by
// spaces, must give the same model as the seeds themselves.

const seedText = (sample: string) => readFileSync(seedOf(sample)!, 'utf8');

describe.each([
    ['000-nansha-kexie.jxmb', '   '],
    ['002-guangzhou-kexie-projects.jxmb', '  ']
])('seed of %s with its tabs replaced by spaces', (sample, gap) => {
    test('gives the model of the tab-separated seed, nothing unplaced that was placed, and says how it was read', async () => {
        const withTabs = await importBytes(Buffer.from(seedText(sample)));
        const withSpaces = await importBytes(Buffer.from(seedText(sample).replace(/\t/g, gap)));
        expect(modelDifferences(withSpaces.model, withTabs.model)).toEqual([]);
        const unplaced = (r: typeof withTabs) => r.report.filter(e => e.kind === 'unplaced').map(e => e.text);
        expect(unplaced(withSpaces)).toEqual(unplaced(withTabs));
        expect(withSpaces.report.filter(e => e.message.includes('连续的空格'))).toHaveLength(1);
    });
});

describe('PDF text with single spaces between cells (seed 003)', () => {
    test('is still read as PDF text, not split at its spaces', async () => {
        const result = await importBytes(Buffer.from(seedText('003-baiyun-kexie.jxmb')));
        expect(result.format).toBe('pdf-text');
        expect(result.report.filter(e => e.message.includes('连续的空格'))).toEqual([]);
    });
});
