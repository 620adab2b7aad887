import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isSyntaxError } from '../../language/cli/diagnostics.js';
import { checkModel } from '../../language/compile/schema.js';
import { ImportError } from '../../language/import/errors.js';
import { importBytes, renderImport } from '../../language/import/import.js';
import { modelOf, seedsDir } from '../helpers/samples.js';
import { runs, SEED, yieldToEventLoop } from './arbitraries.js';

// The importer on the seeds' text tables with random damage — lines deleted, duplicated and swapped, cells replaced
// by hostile values (numbers huge, negative, with an exponent, control characters, a 年度 out of range, tags), tabs lost — in the
// encodings offices send. Either it imports (a model the schema accepts, printed as a .jxmb that parses back to
// that model) or it says why not with an ImportError; never any other exception.

const seeds = readdirSync(seedsDir).filter(f => f.endsWith('.txt')).sort().map(f => readFileSync(join(seedsDir, f), 'utf8'));

const HOSTILE_CELLS = [
    '9'.repeat(400), '-5.00', '1e400', '1e5', '', ' ', '\u0000', '\u0007\u001b', '年度：1800', '年度：2200', '年度：9999', '（1800年度）',
    '1800年部门整体预算绩效目标表', '"', '“', '「', '}', '{', '\\', '<p>', '</p>', '0.001', '28,803.30', '1,2,3', '空',
    '产出指标', '数量指标', '绩效指标', '一级指标', '项目名称（资金使用单位）', '≥', '\ufeff', '\ud800', '𝟘', 'x'.repeat(5000)
];

const HOSTILE_NUMBERS = ['9'.repeat(400), '-5.00', '0.001', '1e5', '1,2,3', '99999999999999999999.999', '0', '1800', '3000'];

type Damage =
    | { kind: 'number'; nth: number; text: string }
    | { kind: 'delete' | 'duplicate' | 'untab'; line: number }
    | { kind: 'swap'; line: number; other: number }
    | { kind: 'cell'; line: number; cell: number; text: string };

const damage: fc.Arbitrary<Damage> = fc.oneof(
    fc.record({ kind: fc.constant('number' as const), nth: fc.nat(), text: fc.constantFrom(...HOSTILE_NUMBERS) }),
    fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const, 'untab' as const), line: fc.nat() }),
    fc.record({ kind: fc.constant('swap' as const), line: fc.nat(), other: fc.nat() }),
    fc.record({ kind: fc.constant('cell' as const), line: fc.nat(), cell: fc.nat(), text: fc.oneof(fc.constantFrom(...HOSTILE_CELLS), fc.string({ unit: 'binary', maxLength: 20 })) })
);

function applyDamage(text: string, d: Damage): string {
    if (d.kind === 'number') {
        const numbers = [...text.matchAll(/\d[\d,.]*/g)];
        const at = numbers[d.nth % Math.max(1, numbers.length)];
        return at ? text.slice(0, at.index) + d.text + text.slice(at.index + at[0].length) : text;
    }
    const lines = text.split('\n');
    const i = d.line % lines.length;
    switch (d.kind) {
        case 'delete': lines.splice(i, 1); break;
        case 'duplicate': lines.splice(i, 0, lines[i]!); break;
        case 'untab': lines[i] = lines[i]!.replace(/\t/g, ' '); break;
        case 'swap': { const j = d.other % lines.length; [lines[i], lines[j]] = [lines[j]!, lines[i]!]; break; }
        case 'cell': {
            const cells = lines[i]!.split('\t');
            cells[d.cell % cells.length] = d.text;
            lines[i] = cells.join('\t');
        }
    }
    return lines.join('\n');
}

const ENCODINGS: Record<string, (text: string) => Buffer> = {
    'UTF-8': text => Buffer.from(text, 'utf8'),
    'UTF-8 BOM, CRLF': text => Buffer.from('\ufeff' + text.replace(/\n/g, '\r\n'), 'utf8'),
    'UTF-16LE': text => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
};

// The damage, not the bytes, is what fast-check prints for a counterexample: small enough to read.
const damagedSeed = fc.record({
    seed: fc.nat({ max: seeds.length - 1 }),
    damages: fc.array(damage, { minLength: 1, maxLength: 8 }),
    encoding: fc.constantFrom(...Object.keys(ENCODINGS))
});

const bytesOf = ({ seed, damages, encoding }: { seed: number; damages: Damage[]; encoding: string }) =>
    ENCODINGS[encoding]!(damages.reduce(applyDamage, seeds[seed]!));

describe('import of damaged tables', () => {
    test('imports faithfully or refuses with a reason', async () => {
        await fc.assert(fc.asyncProperty(damagedSeed, async damaged => {
            await yieldToEventLoop();
            const bytes = bytesOf(damaged);
            let result;
            try {
                result = await importBytes(bytes, { extension: '.txt' });
            } catch (error) {
                expect(error).toBeInstanceOf(ImportError);
                expect((error as Error).message).toMatch(/[\u4e00-\u9fff]/);
                return;
            }
            expect(checkModel(result.model)).toEqual([]);
            const { model, diagnostics } = await modelOf(renderImport(result, '表.txt'));
            expect(diagnostics.filter(isSyntaxError).map(d => d.message)).toEqual([]);
            expect(model).toEqual(result.model);
        }), { seed: SEED, numRuns: runs(30) });
    }, 180_000);
});
