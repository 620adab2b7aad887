import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BudgetCode } from '../../language/validation/budget.js';
import { ClassificationCode } from '../../language/validation/classification.js';
import { Code } from '../../language/validation/codes.js';
import { HierarchyCode } from '../../language/validation/hierarchy.js';
import { MeasurabilityCode } from '../../language/validation/measurability.js';
import { RULE_DOCS } from '../../language/validation/rule-docs.js';
import { TextConsistencyCode } from '../../language/validation/text-consistency.js';
import { ValueCode } from '../../language/validation/values.js';

// Every diagnostic code has the explanation the hover shows: what it checks, why a reviewer cares, how to fix it.

/** The codes of the README's check table: `family/name` first in a row, the row's other names without the family. */
function readmeCodes(): string[] {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const table = readme.slice(readme.indexOf('| family | codes |'), readme.indexOf('`jxmb check --summary`'));
    const codes: string[] = [];
    for (const row of table.split('\n').filter(line => line.startsWith('|'))) {
        const names = [...row.matchAll(/`([^`]+)`/g)].map(m => m[1]!);
        const family = names.find(n => n.includes('/'))?.split('/')[0];
        for (const name of names) codes.push(name.includes('/') || !family ? name : `${family}/${name}`);
    }
    return codes;
}

const codeObjects = [Code, BudgetCode, ClassificationCode, HierarchyCode, MeasurabilityCode, TextConsistencyCode, ValueCode];
const sourceCodes = [...new Set(codeObjects.flatMap(o => Object.values(o) as string[]))];

/** Every `family/name` string literal in the language's sources (generated code aside): the codes a check can report. */
function literalCodes(): string[] {
    const root = new URL('../../language/', import.meta.url).pathname;
    const families = new Set(sourceCodes.filter(c => c.includes('/')).map(c => c.split('/')[0]!));
    const found = new Set<string>();
    for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
        if (!file.endsWith('.ts') || file.startsWith('generated')) continue;
        for (const m of readFileSync(join(root, file), 'utf8').matchAll(/['"`]([a-z-]+)\/([a-z0-9-]+)['"`]/g)) {
            if (families.has(m[1]!)) found.add(`${m[1]}/${m[2]}`);
        }
    }
    return [...found];
}

describe('rule explanations', () => {
    test('the README lists exactly the codes the checks report', () => {
        const listed = readmeCodes();
        expect(new Set(listed).size).toBe(listed.length);
        expect([...listed].sort()).toEqual([...sourceCodes].sort());
    });

    test('a code written out anywhere in the sources is one of the table\'s (none is reported outside the code lists)', () => {
        expect(literalCodes().filter(code => !sourceCodes.includes(code))).toEqual([]);
    });

    test('codes the README names outside its table are codes (`hierarchy/missing-*`: at least one)', () => {
        const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
        const families = [...new Set(sourceCodes.filter(c => c.includes('/')).map(c => c.split('/')[0]!))].join('|');
        const named = [...readme.matchAll(new RegExp(`\\b(?:${families})/[a-z0-9-]+\\*?`, 'g'))].map(m => m[0]);
        const unknown = named.filter(name => name.endsWith('*')
            ? !sourceCodes.some(code => code.startsWith(name.slice(0, -1)))
            : !sourceCodes.includes(name));
        expect(unknown).toEqual([]);
    });

    test('every code has an explanation, and every explanation belongs to a code', () => {
        expect(Object.keys(RULE_DOCS).sort()).toEqual([...sourceCodes].sort());
    });

    test.each(sourceCodes)('%s: title, what it checks, why, how to fix — in Chinese, one sentence or more each', code => {
        const doc = RULE_DOCS[code]!;
        for (const part of [doc.title, doc.checks, doc.why, doc.fix]) {
            expect(part.length).toBeGreaterThan(3);
            expect(part).toMatch(/[\u4e00-\u9fff]/);
        }
        for (const sentence of [doc.checks, doc.why, doc.fix]) expect(sentence).toMatch(/[。）]$/);
    });

    test('no two codes share an explanation', () => {
        const texts = Object.values(RULE_DOCS).map(d => d.checks);
        expect(new Set(texts).size).toBe(texts.length);
    });
});
