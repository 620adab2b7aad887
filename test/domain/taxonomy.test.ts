import { describe, expect, test } from 'vitest';
import { categoryByCode, level1ByName, level1sOf, level2ByName, level2sOf } from '../../language/domain/taxonomy.js';

describe('level2ByName', () => {
    test.each([
        ['社会效益指标', '22'], // table seeds: long form
        ['社会效益', '22'], // flattened string: short form
        ['22-社会效益', '22'],
        ['22－社会效益', '22'],
        ['31-服务对象满意度', '31'],
        ['服务对象满意度指标', '31'],
        ['11-数量指标', '11'],
        ['数量', '11'],
        ['可持续影响', '24'],
        ['经济成本指标', '41'],
        ['生态环境成本', '43'],
        ['成本指标', '14'], // as a 二级 it is the legacy 14
        [' 时效\n指标 ', '13'] // PDF wrapping
    ])('%s → %s', (label, code) => {
        expect(level2ByName(label)?.code).toBe(code);
    });

    test('returns the full category with its parent, models and definition', () => {
        const c = level2ByName('22-社会效益')!;
        expect(c).toMatchObject({ level: 2, code: '22', name: '社会效益指标', shortName: '社会效益', parent: '2' });
        expect(c.models).toEqual(['legacy', '2021']);
        expect(c.definition).toMatch(/社会/);
    });

    test('a code that contradicts the name identifies nothing (RULES §6.2 Q6)', () => {
        expect(level2ByName('21-社会效益')).toBeUndefined();
        expect(level2ByName('4-成本指标')).toBeUndefined();
    });

    test('unknown names and 一级 names are not 二级', () => {
        expect(level2ByName('效益指标')).toBeUndefined();
        expect(level2ByName('满意度')).toBeUndefined();
        expect(level2ByName('')).toBeUndefined();
    });
});

describe('level1ByName', () => {
    test.each([
        ['产出指标', '1'],
        ['产出', '1'],
        ['2-效益指标', '2'],
        ['满意度指标', '3'],
        ['成本指标', '4'], // 2021 model
        ['4-成本指标', '4']
    ])('%s → %s', (label, code) => {
        expect(level1ByName(label)?.code).toBe(code);
    });

    test('a 二级 is not a 一级', () => {
        expect(level1ByName('社会效益指标')).toBeUndefined();
        expect(level1ByName('14-成本指标')).toBeUndefined();
    });
});

describe('models', () => {
    test('legacy 产出 has 数量/质量/时效/成本; 2021 drops 成本 from 产出', () => {
        expect(level2sOf('1', 'legacy').map(c => c.code)).toEqual(['11', '12', '13', '14']);
        expect(level2sOf('1', '2021').map(c => c.code)).toEqual(['11', '12', '13']);
    });

    test('成本 is a 一级 only in 2021, with three 二级', () => {
        expect(level1sOf('legacy').map(c => c.code)).toEqual(['1', '2', '3']);
        expect(level1sOf('2021').map(c => c.code)).toEqual(['1', '2', '3', '4']);
        expect(level2sOf('4', '2021').map(c => c.shortName)).toEqual(['经济成本', '社会成本', '生态环境成本']);
        expect(level2sOf('4', 'legacy')).toEqual([]);
    });

    test('效益 keeps 可持续影响 in both models (RULES §2: accept it)', () => {
        expect(level2sOf('2', '2021').map(c => c.code)).toEqual(['21', '22', '23', '24']);
    });

    test('every category has a definition and a source tag', () => {
        for (const code of ['1', '11', '12', '13', '14', '2', '21', '22', '23', '24', '3', '31', '4', '41', '42', '43']) {
            const c = categoryByCode(code)!;
            expect(c.definition.length, code).toBeGreaterThan(5);
            expect(c.source, code).toMatch(/OFF|SUG/);
        }
    });
});
