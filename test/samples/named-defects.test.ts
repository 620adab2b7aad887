import { describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { diagnose } from '../helpers/fixes.js';
import { readSample } from '../helpers/samples.js';

// The real defects of the seeds that issue 3 names, each found by its check where it is. (The full reviewed
// lists are in test/samples/expected/; this file says which line of them answers which named defect.)

const samples = {
    '000': '000-nansha-kexie.jxmb', '001': '001-zhanjiang-kexie.jxmb', '002': '002-guangzhou-kexie-projects.jxmb',
    '003': '003-baiyun-kexie.jxmb', '004': '004-guangzhou-kexie-2022.jxmb'
} as const;
type Seed = keyof typeof samples;

const cache = new Map<Seed, Promise<{ text: string; diagnostics: Diagnostic[] }>>();
function diagnosticsOf(seed: Seed) {
    let found = cache.get(seed);
    if (!found) {
        const text = readSample(samples[seed]);
        found = diagnose(text).then(({ diagnostics }) => ({ text, diagnostics }));
        cache.set(seed, found);
    }
    return found;
}

/** The text a diagnostic covers, for telling which indicator or cell it is on. */
function covered(text: string, d: Diagnostic): string {
    const lines = text.split('\n');
    const { start, end } = d.range;
    return start.line === end.line ? lines[start.line]!.slice(start.character, end.character) : lines.slice(start.line, end.line + 1).join('\n');
}

const named: Array<[string, Seed, string, string]> = [
    // [what the issue names, seed, code, a piece of the covered text or of the message that places it]
    ['empty 满意度 block', '000', 'hierarchy/empty-level1', '满意度指标'],
    ['no 满意度 一级 at all', '004', 'hierarchy/missing-satisfaction', '满意度'],
    ['信息化运维 lacks 效益', '002', 'hierarchy/missing-benefit', '信息化运维项目'],
    ['创交会平台升级 lacks 效益', '002', 'hierarchy/missing-benefit', '线上平台升级'],
    ['R1 fails but R3 holds: info, not an error', '004', 'budget/development-outside-projects', '事业发展性支出'],
    ['blank 本级使用资金 reported as missing', '001', 'budget/missing-amount', '市本级使用资金 空'],
    ['提供咨询交流服务 has no 年度', '004', 'value/missing-annual', '提供咨询交流服务'],
    ['成本控制率 repeats the name', '001', 'value/repeats-name', '成本控制率(计算公式'],
    ['每场参加人员不100人 is unparsable', '002', 'value/unparsable', '每场参加人员不100人'],
    ['审核相关文件数量 = 100% under 数量', '000', 'value/percent-under-count', '审核相关文件数量'],
    ['会议举办及时性 without a date', '003', 'value/time-without-deadline', '会议举办及时性'],
    ['会议经费预算执行率 = 本年内完成', '003', 'value/cost-without-money', '会议经费预算执行率'],
    ['hedged 约180卷', '002', 'value/hedged', '约180卷'],
    ['实施周期 vs 年度 count different things', '002', 'value/period-annual-mismatch', '清扫、设备检查、巡逻次数'],
    ['提升 measures nothing', '000', 'measurability/vague-value', '科普公共服务能力'],
    ['显著提升 measures nothing', '000', 'measurability/vague-value', '依法行政水平'],
    ['长期 measures nothing', '001', 'measurability/vague-value', '长期'],
    ['满意度 98% filed under 效益', '004', 'classification/satisfaction-misfiled', '扩大学生资助面'],
    ['知晓度 under 经济效益', '003', 'classification/misfiled', '公众对科普知识知晓度'],
    ['开展科普活动数量 holds a dozen quantities', '004', 'classification/compound', '开展科普活动数量'],
    ['公众号宣传用户数及阅读量 holds several', '002', 'classification/compound', '公众号宣传用户数及阅读量'],
    ['text says 约1200项, the indicator 1500项', '004', 'text-consistency/contradicting-indicator', '1500']
];

describe('the seed defects issue 3 names are reported', () => {
    test.each(named)('%s (seed %s, %s)', async (_what, seed, code, place) => {
        const { text, diagnostics } = await diagnosticsOf(seed);
        const hits = diagnostics.filter(d => d.code === code && (covered(text, d).includes(place) || String(d.message).includes(place)));
        expect(hits.length, `${code} at «${place}» not among:\n${diagnostics.filter(d => d.code === code).map(d => covered(text, d) + ' ' + d.message).join('\n')}`).toBeGreaterThan(0);
    });

    test('seed 004 gets no budget error (R1 fails only because of 财政专项资金)', async () => {
        const { diagnostics } = await diagnosticsOf('004');
        expect(diagnostics.filter(d => String(d.code).startsWith('budget/') && d.severity === 1)).toEqual([]);
    });

    test('the 保密 project TZMMZX is exempt from every domain check', async () => {
        const { text, diagnostics } = await diagnosticsOf('002');
        const lines = text.split('\n');
        const start = lines.findIndex(l => l.includes('项目 "TZMMZX" 保密'));
        const end = lines.findIndex((l, i) => i > start && l.includes('项目 "科普经费"'));
        expect(start).toBeGreaterThan(0);
        expect(diagnostics.filter(d => d.range.start.line >= start && d.range.start.line < end)).toEqual([]);
    });
});
