import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { importBytes } from '../../language/import/import.js';
import { seedOf } from '../helpers/samples.js';

// Text extracted from a PDF (SEED003's form): labels and cells wrapped over lines, cells on one line separated by
// spaces. Beyond the seed itself (tests in seeds.test.ts), the guesses the reader makes are visible in the report.

const seed = readFileSync(seedOf('003-baiyun-kexie.jxmb')!, 'utf8');

function indicator(model: Awaited<ReturnType<typeof importBytes>>['model'], name: string) {
    const d = model.declarations[0]!;
    if (d.kind !== 'department') throw new Error('kind');
    return d.indicators.flatMap(l => l.groups).flatMap(g => g.blocks).flatMap(b => b.indicators).find(i => i.name === name);
}

describe('PDF text', () => {
    test('wrapped values that differ cannot be split: all of it in 实施周期, with a note saying so', async () => {
        // The 年度 value of 「落实做好科普管理事务工作」 (lines 155–158) loses its last sentence.
        const changed = seed.replace('设备管理等各方面工作。以改革创新为动力，加强科协机\n\n关的管理和自身建设。', '设备管理等各方面工作。');
        expect(changed).not.toBe(seed);
        const result = await importBytes(Buffer.from(changed));
        const value = indicator(result.model, '落实做好科普管理事务工作')!;
        expect(value.annual).toBeNull();
        expect(value.period!.text).toBe('按上级要求，落实财务管理、保密工作、档案管理和办公设备管理等各方面工作。以改革创新为动力，加强科协机关的管理和自身建设。'
            + '按上级要求，落实财务管理、保密工作、档案管理和办公设备管理等各方面工作。');
        expect(result.report).toContainEqual(expect.objectContaining({ kind: 'note', where: '第149–156行', message: expect.stringMatching(/无法分开/) }));
        // the indicators after it are unaffected
        expect(indicator(result.model, '会议举办及时性')?.period?.text).toBe('会议代表出席率95%');
    });

    test('the format is recognised as PDF text, cells name their lines', async () => {
        const result = await importBytes(Buffer.from(seed));
        expect(result.format).toBe('pdf-text');
        // SEED003 names no year anywhere: that is the one thing the report has to say.
        expect(result.report).toEqual([expect.objectContaining({ kind: 'note', where: '表头', message: expect.stringMatching(/没有找到年度.*--year/) })]);
    });

    test('blank lines and tabs before the table (as PDF text often starts) change nothing but the line numbers', async () => {
        const plain = await importBytes(Buffer.from(seed));
        const padded = await importBytes(Buffer.from('\n'.repeat(30) + '\t \u3000\n'.repeat(10) + seed));
        expect(padded.format).toBe('pdf-text');
        expect(padded.model).toEqual(plain.model);
    });
});
