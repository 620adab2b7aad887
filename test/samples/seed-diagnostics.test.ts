import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { diagnose } from '../helpers/fixes.js';
import { readSample, sampleFiles } from '../helpers/samples.js';

// The full list of diagnostics of each seed sample, reviewed once by a person and kept in
// test/samples/expected/<sample>.txt. A change to any check shows up here as a diff to review again;
// `JXMB_UPDATE_EXPECTED=1 npx vitest run test/samples/seed-diagnostics.test.ts` rewrites the files after review.

const expectedDir = fileURLToPath(new URL('./expected', import.meta.url));
const severities = ['', 'error', 'warning', 'info', 'hint'];

export function listing(text: string, diagnostics: Diagnostic[]): string {
    const lines = text.split('\n');
    return diagnostics
        .slice()
        .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || String(a.code).localeCompare(String(b.code)))
        .map(d => {
            const { start, end } = d.range;
            const excerpt = start.line === end.line ? lines[start.line]!.slice(start.character, end.character) : lines[start.line]!.slice(start.character) + '…';
            const shown = excerpt.length > 30 ? excerpt.slice(0, 30) + '…' : excerpt;
            return `${start.line + 1}:${start.character + 1} ${severities[d.severity ?? 1]} ${d.code} «${shown}» ${d.message}`;
        })
        .join('\n') + '\n';
}

describe.each(sampleFiles())('%s', name => {
    test('reports exactly the reviewed diagnostics', async () => {
        const text = readSample(name);
        const { diagnostics } = await diagnose(text);
        const actual = listing(text, diagnostics);
        const file = join(expectedDir, name.replace(/\.jxmb$/, '.txt'));
        if (process.env.JXMB_UPDATE_EXPECTED) {
            writeFileSync(file, actual);
        }
        expect(existsSync(file), `${file} is missing: review the diagnostics and write it with JXMB_UPDATE_EXPECTED=1`).toBe(true);
        expect(actual).toBe(readFileSync(file, 'utf8'));
    });
});
