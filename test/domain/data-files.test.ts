// A broken data file must fail at load time with a message naming the file and the spot inside it.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { yamlPath } from '../../language/domain/data-file.js';
import { parseNameUnits } from '../../language/domain/name-units.js';
import { parseTaxonomy } from '../../language/domain/taxonomy.js';
import { parseUnits } from '../../language/domain/units.js';
import { parseVagueWords } from '../../language/domain/vague-words.js';
import { dataFileErrorOf } from '../helpers/expectations.js';

const data = (name: string) => readFileSync(new URL(`../../language/domain/data/${name}`, import.meta.url), 'utf8');

const errorOf = dataFileErrorOf;

describe('the shipped data files load', () => {
    test('taxonomy, units, vague words', () => {
        expect(parseTaxonomy(data('taxonomy.yaml')).level2).toHaveLength(12);
        expect(parseUnits(data('units.yaml')).bySpelling.get('万人次')).toMatchObject({ kind: 'count', factor: 10000 });
        expect(parseVagueWords(data('vague-words.yaml')).length).toBeGreaterThan(10);
    });
});

describe('broken data files', () => {
    test('YAML syntax error names file and line', () => {
        const error = errorOf(() => parseTaxonomy('level1: [\n  - code: 1', 'taxonomy.yaml'));
        expect(error.message).toMatch(/^taxonomy\.yaml line \d+: YAML syntax error/);
    });

    test('schema violation names file and path', () => {
        const broken = data('taxonomy.yaml').replace("code: '22'", "code: 'x2'");
        const error = errorOf(() => parseTaxonomy(broken, 'language/domain/data/taxonomy.yaml'));
        expect(error.file).toBe('language/domain/data/taxonomy.yaml');
        expect(error.path).toBe('level1[1].level2[1].code');
        expect(error.message).toContain('must match pattern');
    });

    test('unknown property is reported by name', () => {
        const broken = data('units.yaml').replace('{ unit: 场次, kind: count, source: RULES }', '{ unit: 场次, kind: count, source: RULES, color: red }');
        expect(errorOf(() => parseUnits(broken)).message).toMatch(/units\.yaml units\[0\]: unknown property "color"/);
    });

    test('wrong enum value', () => {
        const broken = data('units.yaml').replace('{ unit: 篇, kind: count', '{ unit: 篇, kind: counted');
        expect(errorOf(() => parseUnits(broken)).path).toBe('units[4].kind');
    });

    test('semantic checks: code prefix, duplicates, models', () => {
        const wrongParent = data('taxonomy.yaml').replace("code: '22'", "code: '32'");
        expect(errorOf(() => parseTaxonomy(wrongParent)).message).toMatch(/level1\[1\]\.level2\[1\]\.code: 32 does not start with its 一级 code 2/);
        const duplicateUnit = data('units.yaml').replace("aliases: ['％']", "aliases: ['％', '场次']");
        expect(errorOf(() => parseUnits(duplicateUnit)).message).toContain('场次 is listed twice');
        const legacyOnlyParent = data('taxonomy.yaml').replace("    models: ['2021']\n    definition: 成本指标包括", "    models: [legacy]\n    definition: 成本指标包括");
        expect(errorOf(() => parseTaxonomy(legacyOnlyParent)).message).toMatch(/level1\[3\]\.level2\[0\]\.models: model 2021 is not a model of 一级 4/);
    });

    test('a vague-word pattern must compile and must not capture', () => {
        const capturing = data('vague-words.yaml').replace("'良好(?=[的地])'", "'(良好)'");
        expect(errorOf(() => parseVagueWords(capturing)).message).toMatch(/entries\[3\]\.patterns\[0\]: use \(\?:…\)/);
        const invalid = data('vague-words.yaml').replace("'良好(?=[的地])'", "'良好(?=[的地]'");
        expect(errorOf(() => parseVagueWords(invalid)).message).toMatch(/entries\[3\]\.patterns\[0\]: invalid regular expression/);
    });

    test('name-units.yaml: units of units.yaml, a fix among the units, no unit both right and wrong', () => {
        const unknown = data('name-units.yaml').replace('units: [人, 名, 位, 人次]', 'units: [人, 名, 位, 人次, 人头]');
        expect(errorOf(() => parseNameUnits(unknown)).message).toMatch(/measures\[0\]\.units: unit 人头 is not a count unit/);
        const fixElsewhere = data('name-units.yaml').replace('fix: 人\n', 'fix: 场次\n');
        expect(errorOf(() => parseNameUnits(fixElsewhere)).message).toMatch(/measures\[0\]\.fix: unit 场次 is not one of units/);
        const both = data('name-units.yaml').replace('units: [人, 名, 位, 人次]', 'units: [人, 名, 位, 人次, 场次]');
        expect(errorOf(() => parseNameUnits(both)).message).toMatch(/measures\[0\]\.wrong: unit 场次 is also listed under units/);
    });

    test('JSON pointer → YAML path', () => {
        expect(yamlPath('/level1/0/level2/2/code')).toBe('level1[0].level2[2].code');
        expect(yamlPath('')).toBe('(root)');
    });
});
