import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseAndValidate } from '../../language/documents.js';
import { importBytes } from '../../language/import/import.js';
import { RULE_DOCS } from '../../language/validation/rule-docs.js';
import { readSample, sampleFiles, seedsDir } from '../helpers/samples.js';
import { jxmb } from '../helpers/services.js';

// Messages and import notes cited the labels of the project's own spec — （V2）, （RULES R2：…）, （RULES §6.2 Q3a）
// — which a user never saw and cannot look up. What a user reads carries none of them.

/** A label of the internal spec: RULES, a § section, or a rule id such as V2, R2, P1, Q3a in brackets. */
const specLabel = /RULES|§|（[VRPQ]\d|[VRPQ]\d[ab]?[）/：]/;

describe('no internal spec label in what a user reads', () => {
    test.each(sampleFiles())('the findings on %s', async sample => {
        const { diagnostics } = await parseAndValidate(jxmb(), readSample(sample));
        expect(diagnostics.length).toBeGreaterThan(0);
        expect(diagnostics.map(d => String(d.message)).filter(m => specLabel.test(m))).toEqual([]);
    });

    test('the import notes on the seeds (a <p> wrapper, a continuation row, 保密项目 …)', async () => {
        const notes: string[] = [];
        for (const seed of readdirSync(seedsDir).filter(f => f.endsWith('.txt')).sort()) {
            const result = await importBytes(readFileSync(join(seedsDir, seed)), { year: 2024 });
            notes.push(...result.report.map(entry => entry.message));
        }
        expect(notes.some(note => note.includes('<p>…</p> 包装'))).toBe(true);
        expect(notes.filter(note => specLabel.test(note))).toEqual([]);
    });

    test('the rule docs shown on hover (what each code checks, why, how to fix)', () => {
        const texts = Object.values(RULE_DOCS).flatMap(doc => Object.values(doc).map(String));
        expect(texts.length).toBeGreaterThan(100);
        expect(texts.filter(text => specLabel.test(text))).toEqual([]);
    });

    test('seed 002 清扫、设备检查、巡逻次数: the period/annual mismatch says why, without （V2）', async () => {
        const { diagnostics } = await parseAndValidate(jxmb(), readSample('002-guangzhou-kexie-projects.jxmb'));
        const message = diagnostics.find(d => d.code === 'value/period-annual-mismatch' && String(d.message).includes('清扫、设备检查、巡逻次数'))?.message;
        expect(message).toMatch(/两栏数字相同，但计量的是不同的事项。$/);
    });
});

describe('seed 001: 按预算级次划分 all blank', () => {
    test('the missing amount names the blank cells instead of a sum of 0.00', async () => {
        const { diagnostics } = await parseAndValidate(jxmb(), readSample('001-zhanjiang-kexie.jxmb'));
        const message = diagnostics.find(d => d.code === 'budget/missing-amount')?.message;
        expect(message).toBe('「市本级使用资金」为空：财政拨款+其他资金=815.58（「其他资金」为空），「市本级使用资金」「拟用于对下转移支付资金」均为空，'
            + '无法核对（财政拨款+其他资金=本级使用资金+对下转移支付资金）；按其余金额应为 815.58（财政拨款+其他资金）。');
    });
});
