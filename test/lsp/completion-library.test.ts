import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { indicatorNamesFor, parseIndicatorNames } from '../../language/domain/indicator-names.js';
import { level2sOf } from '../../language/domain/taxonomy.js';
import { valueHintFor } from '../../language/lsp/completion/value-hints.js';
import { loadPinyin, matchesPinyin } from '../../language/lsp/completion/pinyin.js';
import { dataFileErrorOf } from '../helpers/expectations.js';

// The name library completion offers (RULES §5, language/domain/data/indicator-names.yaml) and what a name tells
// about its value.

const shipped = readFileSync(new URL('../../language/domain/data/indicator-names.yaml', import.meta.url), 'utf8');

const errorOf = dataFileErrorOf;

describe('the indicator-name library', () => {
    test('every 二级 of both cost models has names to offer', () => {
        const codes = new Set([...level2sOf('1', 'legacy'), ...level2sOf('2', 'legacy'), ...level2sOf('3', 'legacy'), ...level2sOf('4', '2021')].map(c => c.code));
        const empty = [...codes].filter(code => indicatorNamesFor(code).length === 0);
        expect(empty).toEqual([]);
        // 14 (legacy 成本指标) and 41 (经济成本指标) name the same things.
        expect(indicatorNamesFor('41').map(n => n.name)).toEqual(indicatorNamesFor('14').map(n => n.name));
    });

    test('a unit that units.yaml does not know is reported with its place', () => {
        const broken = shipped.replace('{ name: 发表论文数, units: [篇]', '{ name: 发表论文数, units: [篇子]');
        const error = errorOf(() => parseIndicatorNames(broken));
        expect(error.message).toMatch(/indicator-names\.yaml level2\[0\]\.names\[\d+\]\.units: unit 篇子 is not in units\.yaml/);
    });

    test('a name listed twice under one 二级, or an unknown field, is reported', () => {
        const twice = shipped.replace('{ name: 开展活动场次,', '{ name: 举办活动场次,');
        expect(errorOf(() => parseIndicatorNames(twice)).message).toContain('name 举办活动场次 is listed twice');
        const unknown = shipped.replace('{ name: 发表论文数, units: [篇], source: SEED }', '{ name: 发表论文数, units: [篇], source: SEED, colour: red }');
        expect(errorOf(() => parseIndicatorNames(unknown)).message).toContain('unknown property "colour"');
    });
});

describe('what a name asks for', () => {
    test.each([
        ['举办科普讲座场次', ['场次'], false],
        ['培训人数', ['人'], false],
        ['科普受益人次', ['万人次'], false],
        ['设备验收合格率', ['%'], false],
        ['参会人员满意度', ['%'], false],
        ['项目完成时间', [], true],
        ['平均响应时间', ['小时'], false],
        ['科普宣传覆盖人群(万人)', ['万人'], false],
        ['人均接待成本', ['元'], false]
    ])('%s → units %j, date %s', (name, units, date) => {
        const hint = valueHintFor(name);
        expect(hint.units.slice(0, units.length)).toEqual(units);
        expect(hint.date).toBe(date);
    });

    test('a 满意度 proposes ≥90, a 成本控制率 ≤100, a cost stays under its amount', () => {
        expect(valueHintFor('注册用户满意度')).toMatchObject({ op: '≥', target: 90 });
        expect(valueHintFor('成本控制率(%)')).toMatchObject({ op: '≤', target: 100 });
        expect(valueHintFor('会议经费成本')).toMatchObject({ op: '≤' });
    });

    test('units the workspace writes with the name come before the guess', () => {
        expect(valueHintFor('科普活动覆盖人群', { units: ['万人次'], dates: 0 }).units[0]).toBe('万人次');
    });
});

describe('pinyin matching', () => {
    // The completion provider loads pinyin-pro before its first completion; these call the matcher directly.
    beforeAll(() => loadPinyin());

    test.each([
        ['slzb', '数量指标', true], ['shuliang', '数量指标', true], ['shuliangzb', '数量指标', true], ['SLZB', '数量指标', true],
        ['fwdx', '服务对象满意度指标', true], ['zd', '重大故障次数', true], ['cd', '重大故障次数', true],
        ['zb', '数量指标', false], ['slx', '数量指标', false], ['数量', '数量指标', true], ['指标', '数量指标', false]
    ])('%s → %s: %s', (typed, text, expected) => {
        expect(matchesPinyin(typed, text)).toBe(expected);
    });
});
