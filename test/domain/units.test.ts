import { describe, expect, test } from 'vitest';
import {
    allUnits, comparableUnits, isCountUnit, isDurationUnit, isMoneyUnit, isPercentUnit, matchUnitAt, toBase, unitInfo, unitKind
} from '../../language/domain/units.js';

// RULES §5 "Units seen", plus the 元/秒/分钟/天/日/年/月 the brief adds.
const RULES_UNITS = '场次 场 次 个 篇 条 家 项 人 人次 万人次 名 本 万本 件 卷 张 页 份 期 台 字段 平米 部 门 幅 起 级 亿元 万元 元 % s 秒 分钟 小时 天 日 年 月'.split(' ');

describe('unit kinds', () => {
    test('every unit RULES lists is known', () => {
        for (const unit of RULES_UNITS) expect(unitKind(unit), unit).toBeDefined();
    });

    test.each([
        ['亿元', 'money'], ['万元', 'money'], ['元', 'money'],
        ['%', 'percent'], ['％', 'percent'],
        ['s', 'duration'], ['秒', 'duration'], ['分钟', 'duration'], ['小时', 'duration'], ['天', 'duration'], ['年', 'duration'],
        ['平米', 'area'], ['级', 'grade'], ['人次', 'count'], ['万人次', 'count'], ['起', 'count'],
        ['万', 'magnitude'], ['亿', 'magnitude']
    ])('%s is %s', (unit, kind) => {
        expect(unitKind(unit)).toBe(kind);
    });

    test('predicates', () => {
        expect(isMoneyUnit('万元')).toBe(true);
        expect(isMoneyUnit('万人次')).toBe(false);
        expect(isPercentUnit('%')).toBe(true);
        expect(isDurationUnit('小时')).toBe(true);
        expect(isDurationUnit('次')).toBe(false);
        expect(isCountUnit('篇')).toBe(true);
        expect(isCountUnit(null)).toBe(false);
        expect(unitKind('斤两')).toBeUndefined();
    });
});

describe('comparing units', () => {
    test('a magnitude before a unit is composed (万人, 万平方米)', () => {
        expect(unitInfo('万人')).toMatchObject({ kind: 'count', base: '人', factor: 10000 });
        expect(unitInfo('万平方米')).toMatchObject({ kind: 'area', base: '平方米', factor: 10000 });
        expect(unitInfo('万万')).toBeUndefined();
    });

    test('values convert to the base unit', () => {
        expect(toBase(1.5, '万本')).toBe(15000);
        expect(toBase(96.6, '亿元')).toBeCloseTo(9.66e9);
        expect(toBase(2, '小时')).toBe(7200);
        expect(toBase(3, '斤两')).toBeUndefined();
    });

    test('comparable units share a base; 人 and 人次 do not', () => {
        expect(comparableUnits('人次', '万人次')).toBe(true);
        expect(comparableUnits('s', '分钟')).toBe(true);
        expect(comparableUnits('平米', '平方米')).toBe(true);
        expect(comparableUnits('人', '人次')).toBe(false);
        expect(comparableUnits('天', '月')).toBe(false); // a month has no fixed length
    });

    test('each spelling is listed once', () => {
        const spellings = allUnits().map(u => u.unit);
        expect(new Set(spellings).size).toBe(spellings.length);
    });
});

describe('matchUnitAt', () => {
    test('longest spelling wins', () => {
        expect(matchUnitAt('3000万人次以上', 4)).toBe('万人次');
        expect(matchUnitAt('12场次', 2)).toBe('场次');
        expect(matchUnitAt('3个月', 1)).toBe('个月');
    });

    test('nouns that only start like a unit are not units', () => {
        expect(matchUnitAt('3部门', 1)).toBeUndefined();
        expect(matchUnitAt('10周年', 2)).toBeUndefined();
        expect(matchUnitAt('5项目', 1)).toBeUndefined();
    });

    test('ASCII units end at a word boundary', () => {
        expect(matchUnitAt('3s', 1)).toBe('s');
        expect(matchUnitAt('3sets', 1)).toBeUndefined();
    });
});
