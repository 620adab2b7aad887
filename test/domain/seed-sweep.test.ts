// Every 指标值 in the five seed tables through the parser (how the values are taken: seed-values.ts).
import { describe, expect, test } from 'vitest';
import { formatValue, parseValue, type ParsedValue } from '../../language/domain/values.js';
import { allSeedValues, findSeedDir, project002Values, seedText } from './seed-values.js';

const dir = findSeedDir();

const NORMALISED = new Set(['quantity', 'range', 'date', 'compound']);

describe('seed sweep', () => {
    const seeds = allSeedValues(dir);
    const parsed = new Map([...seeds].map(([seed, values]) => [seed, values.map(v => ({ ...v, result: parseValue(v.value) }))]));

    test('per-seed counts by kind', () => {
        const rows = [...parsed].map(([seed, results]) => {
            const counts: Record<string, number> = {};
            for (const { result } of results) counts[result.kind] = (counts[result.kind] ?? 0) + 1;
            return { seed, values: results.length, ...counts };
        });
        const kinds = ['quantity', 'range', 'date', 'compound', 'qualitative', 'unparsable', 'empty'];
        console.log(
            ['指标值 per seed by kind (both 实施周期 and 年度 cells):', `seed  values  ${kinds.join('  ')}`]
                .concat(rows.map(r => `${r.seed}   ${String(r.values).padStart(6)}  ${kinds.map(k => String((r as Record<string, unknown>)[k] ?? 0).padStart(k.length)).join('  ')}`))
                .join('\n')
        );
        // Values per seed as documented in seed-values.ts; a change means the extraction changed.
        expect(rows.map(r => [r.seed, r.values])).toEqual([['000', 84], ['001', 10], ['002', 248], ['003', 30], ['004', 79]]);
    });

    test('002 yields the 125 items of RULES §6.1, 124 with values', () => {
        const { items, values } = project002Values(seedText(dir!, '002'));
        expect(items).toBe(125);
        expect(values).toHaveLength(248);
    });

    test('every value is normalised, or classified with a reason; empty only when the cell is empty', () => {
        for (const [seed, results] of parsed) {
            for (const { label, value, result } of results) {
                const where = `${seed} ${label}: ${value}`;
                if (result.kind === 'empty') expect(value.trim(), where).toBe('');
                else if (!NORMALISED.has(result.kind)) {
                    expect(['qualitative', 'unparsable'], where).toContain(result.kind);
                    expect((result as Extract<ParsedValue, { reason: string }>).reason.length, where).toBeGreaterThan(0);
                }
                expect(result.original, where).toBe(value);
            }
        }
    });

    const find = (seed: string, value: string) => parsed.get(seed)!.find(v => v.value === value)?.result;

    test.each<[string, string, Record<string, unknown>]>([
        ['000', '≥45 场次', { kind: 'quantity', op: '≥', value: 45, unit: '场次' }],
        ['000', '< 3起', { kind: 'quantity', op: '<', value: 3, unit: '起' }],
        ['000', '显著提升', { kind: 'qualitative', grade: null, milestone: null }],
        ['000', '新购置的办公设备及办公家具 验收合格', { kind: 'qualitative', grade: '合格' }],
        ['001', '2024年12月前', { kind: 'date', op: '≤', date: '2024-12-31' }],
        ['001', '≥65', { kind: 'quantity', op: '≥', value: 65, unit: null }],
        ['002', '每场参加人员不100人', { kind: 'unparsable' }],
        ['002', '95%及以上', { kind: 'quantity', op: '≥', value: 95, unit: '%' }],
        ['002', '约180卷', { kind: 'quantity', op: '=', value: 180, unit: '卷', hedge: '约', approximate: true }],
        ['002', '70余场', { kind: 'quantity', op: '>', value: 70, hedge: '余', approximate: true }],
        ['002', '提升', { kind: 'qualitative', grade: null, milestone: null }],
        ['002', '二级', { kind: 'qualitative', grade: '二级' }],
        ['002', '档案考核达到优秀或良好', { kind: 'qualitative', grade: '优秀或良好' }],
        ['002', '完成建筑正负零施工', { kind: 'qualitative', milestone: '完成建筑正负零施工' }],
        ['002', '每月不少于1次', { kind: 'quantity', op: '≥', value: 1, unit: '次', per: '月' }],
        ['002', '一小时内', { kind: 'quantity', op: '≤', value: 1, unit: '小时' }],
        ['002', '1.5万本', { kind: 'quantity', value: 1.5, unit: '万本' }],
        ['003', '本年内完成', { kind: 'qualitative', grade: null }],
        ['003', '科普咨询活动2次，受众1200人', { kind: 'compound' }],
        ['004', '办学规模适度扩大，在校生成数达到近10000人的规模。', { kind: 'quantity', op: '≤', value: 10000, hedge: '近' }],
        ['004', '创交会促成技术成果转化交易落地金额约96.6亿，交易中心促进成果转化交易落地金额每年不少于100亿', { kind: 'compound' }]
    ])('%s %s', (seed, value, expected) => {
        // 002's 「不100人」 and 「1.5万本」 sit inside longer values; look them up by substring there.
        const result = find(seed, value) ?? parsed.get(seed)!.find(v => v.value.includes(value))?.result;
        expect(result, `${seed}: ${value} not found`).toBeDefined();
        expect(result).toMatchObject(expected);
    });

    test('the two 004 cells that differ only by 1个 / 一个 normalise to the same value (RULES §3.4)', () => {
        expect(formatValue(find('004', '完成广州科学馆科普特效影院招标1个。')!)).toBe(formatValue(find('004', '完成广州科学馆科普特效影院招标一个。')!));
    });

    test('the empty 年度 cell of 004 「提供咨询交流服务」 is kept (RULES §3.4 V1)', () => {
        const cells = parsed.get('004')!.filter(v => v.label === '提供咨询交流服务');
        expect(cells.map(c => c.result.kind)).toEqual(['quantity', 'empty']);
    });
});
