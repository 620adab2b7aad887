import { describe, expect, test } from 'vitest';
import { readSample, sampleFiles } from '../helpers/samples.js';
import { contentOf, fewLines, format, randomWhitespace, stripIndentation } from './format-helpers.js';

// The samples are the reference layout: each formats to itself, and back to itself from any messed-up layout.

describe.each(sampleFiles())('formatting %s', name => {
    const sample = readSample(name);
    const reference = sample; // the samples are the reference layout

    test('gives the reference layout, and leaves it as it is', async () => {
        expect(await format(sample)).toBe(reference);
        expect(await format(reference)).toBe(reference);
    });

    test.each([
        ['indentation stripped', stripIndentation],
        ['joined onto few lines', fewLines],
        ['random whitespace (seed 1)', (text: string) => randomWhitespace(text, 1)],
        ['random whitespace (seed 2)', (text: string) => randomWhitespace(text, 2)]
    ])('%s: back to the reference layout, content unchanged', async (_, mess) => {
        const messy = mess(sample);
        expect(messy).not.toBe(reference);
        const formatted = await format(messy);
        expect(formatted).toBe(reference);
        expect(await format(formatted)).toBe(formatted);
        expect(await contentOf(formatted)).toEqual(await contentOf(messy));
    });

    test('the formatted sample holds the same model and diagnostics as the sample', async () => {
        const original = await contentOf(sample);
        expect(original.model).toMatchObject({ declarations: expect.arrayContaining([expect.anything()]) });
        expect(await contentOf(await format(sample))).toEqual(original);
    });
});

