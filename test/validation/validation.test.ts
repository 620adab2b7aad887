import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseAndValidate } from '../../language/documents.js';
import { overlaps, parseExpectations, sameRange, showRange, type Severity } from '../helpers/expectations.js';
import { jxmb } from '../helpers/services.js';

// Every .jxmb file under test/validation carries its expected diagnostics beside the text they concern
// (see test/helpers/expectations.ts). A new check adds files here, not test functions.

const root = new URL('.', import.meta.url).pathname;
const severityNames: Severity[] = ['error', 'error', 'warning', 'info', 'hint'];

function testFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap(entry =>
        entry.isDirectory() ? testFiles(join(dir, entry.name)) : entry.name.endsWith('.jxmb') ? [join(dir, entry.name)] : []);
}

describe('validation test files', () => {
    for (const file of testFiles(root)) {
        test(relative(root, file), async () => {
            const { text, expectations } = parseExpectations(readFileSync(file, 'utf8'));
            expect(expectations.length, 'a validation test file must say what it expects').toBeGreaterThan(0);
            const { diagnostics } = await parseAndValidate(jxmb(), text);
            const actual = diagnostics.map(d => ({ severity: severityNames[d.severity ?? 1]!, code: String(d.code), range: d.range, message: d.message }));
            const show = (list: typeof actual) => list.map(d => `${showRange(d.range)} ${d.severity} ${d.code} ${d.message}`).join('\n');
            const accounted = new Set<number>();
            for (const e of expectations) {
                const where = `$TEST$ on line ${e.commentLine} (${e.present ? '' : 'no '}${e.severity} ${e.code} at ${showRange(e.range)})`;
                const matching = actual.findIndex((d, i) => !accounted.has(i) && d.code === e.code && d.severity === e.severity
                    && (e.present ? sameRange(d.range, e.range) : overlaps(d.range, e.range)));
                if (e.present) {
                    expect(matching, `${where} not reported. Reported:\n${show(actual)}`).toBeGreaterThanOrEqual(0);
                    accounted.add(matching);
                } else {
                    expect(matching, `${where} reported anyway:\n${show(actual)}`).toBe(-1);
                }
            }
            // A code the file tests must not also fire where the file did not say so.
            const tested = new Set(expectations.filter(e => e.present).map(e => e.code));
            const unexpected = actual.filter((d, i) => !accounted.has(i) && tested.has(d.code));
            expect(unexpected, `unexpected diagnostics of a tested code:\n${show(unexpected)}`).toEqual([]);
            // Syntax errors are never incidental: a test file that does not test them must parse.
            const syntax = actual.filter((d, i) => !accounted.has(i) && (d.code === 'parsing-error' || d.code === 'lexing-error'));
            expect(syntax, `syntax errors:\n${show(syntax)}`).toEqual([]);
        });
    }
});
