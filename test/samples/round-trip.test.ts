import { describe, expect, test } from 'vitest';
import { printModel } from '../../language/compile/print-jxmb.js';
import { checkModel } from '../../language/compile/schema.js';
import { modelOf, readSample, sampleFiles } from '../helpers/samples.js';

// Every sample parses, its canonical model satisfies the schema, and the printer is faithful:
// parse → model → print → parse gives the same model.
describe.each(sampleFiles())('%s', name => {
    test('parses without syntax or structure errors', async () => {
        const { diagnostics } = await modelOf(readSample(name));
        const blocking = diagnostics.filter(d => ['lexing-error', 'parsing-error'].includes(String(d.code)) || String(d.code).startsWith('structure/'));
        expect(blocking.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`)).toEqual([]);
    });

    test('its model is valid against schemas/declaration.schema.json', async () => {
        const { model } = await modelOf(readSample(name));
        expect(checkModel(model)).toEqual([]);
    });

    test('print(model) parses back to the same model', async () => {
        const { model } = await modelOf(readSample(name));
        const printed = printModel(model);
        const again = await modelOf(printed);
        expect(again.diagnostics.filter(d => d.severity === 1 && String(d.code).match(/^(lexing|parsing)-error$/))).toEqual([]);
        expect(again.model).toEqual(model);
        // and printing is stable
        expect(printModel(again.model)).toBe(printed);
    });
});
