import { describe, expect, test } from 'vitest';
import { findVagueWords, rewritesFor, vagueEntries } from '../../language/domain/vague-words.js';

const words = (text: string, options?: Parameters<typeof findVagueWords>[1]) => findVagueWords(text, options).map(m => m.word);

describe('findVagueWords', () => {
    test('returns each match with its offsets and entry', () => {
        const text = '依法行政水平显著提升';
        const [match, ...rest] = findVagueWords(text);
        expect(rest).toEqual([]);
        expect(match).toMatchObject({ word: '显著提升', start: 6, end: 10 });
        expect(text.slice(match!.start, match!.end)).toBe('显著提升');
        expect(match!.entry.id).toBe('improve');
    });

    test('longest match wins and matches do not overlap', () => {
        expect(words('有效推动科技成果转化落地')).toEqual(['有效推动']);
        expect(words('有效融合：试点区显示度显著提升')).toEqual(['有效融合', '显著提升']);
        expect(words('本年内完成')).toEqual(['本年内完成']);
    });

    test('phrases with a gap come from patterns', () => {
        expect(words('发挥青少年科技馆科学普及作用')).toEqual(['发挥青少年科技馆科学普及作用']);
        expect(words('采购设备符合有关环保标准')).toEqual(['符合有关环保标准']);
    });

    test('a number after the vague word makes it measurable', () => {
        expect(words('教师占比提升2%')).toEqual([]);
        expect(words('用户数增强≥5%')).toEqual([]);
        // …but a year or a numeral inside a word does not
        expect(words('合理安排2024年度办公设备')).toEqual(['合理安排']);
        expect(words('推动两新组织党建工作')).toEqual(['推动']);
    });

    test('exceptions and contexts: 及时率 is a metric, 良好 a grade when it ends the value', () => {
        expect(words('活动开展及时率100%')).toEqual([]);
        expect(words('及时支付编外人员工资')).toEqual(['及时支付']);
        expect(words('档案考核达到优秀或良好')).toEqual([]);
        expect(words('创设良好的舆论环境')).toEqual(['良好']);
    });

    test('deadlines and hedges are flagged by default', () => {
        expect(findVagueWords('2024年12月前').map(m => [m.word, m.entry.kind])).toEqual([['12月前', 'deadline']]);
        expect(words('2024年12月底前')).toEqual([]);
        expect(findVagueWords('约180卷，70余场，近10000人').map(m => [m.word, m.entry.kind])).toEqual([
            ['约', 'hedge'], ['余', 'hedge'], ['近', 'hedge']
        ]);
        expect(words('最近的活动')).toEqual([]);
    });

    test('other kinds only on request', () => {
        expect(words('≤100%')).toEqual([]);
        expect(findVagueWords('≤100%', { kinds: ['weak'] }).map(m => m.entry.id)).toEqual(['cost-control-rate']);
        expect(words('保密项目')).toEqual([]);
        expect(findVagueWords('保密项目', { kinds: ['exempt'] })).toHaveLength(1);
    });

    test('l2 keeps entries with a rewrite for that 二级', () => {
        expect(words('及时', { l2: '13' })).toEqual(['及时']);
        expect(words('及时', { l2: '22' })).toEqual([]);
        expect(words('加强宣传', { l2: '31' })).toEqual(['加强']); // activity verbs apply to any 二级
    });

    test('no match in plain measurable text', () => {
        expect(findVagueWords('≥45场次')).toEqual([]);
        expect(findVagueWords('')).toEqual([]);
    });
});

describe('data', () => {
    test('every RULES §4 word is covered', () => {
        const rulesWords = [
            '提升', '有所提升', '持续提升', '显著提升', '明显提升', '全面提升', '有效', '有效推动', '有效融合', '有效激励', '有利推进', '切实推动',
            '加强', '增强', '强化', '推动', '促进', '打造', '助力', '广泛开展', '聚集', '营造', '进一步', '较大', '较强', '较好',
            '及时', '及时性', '及时支付', '长期', '符合', '符合要求', '合理安排', '按规定', '按标准', '本年内完成'
        ];
        for (const word of rulesWords) expect(words(word, { kinds: ['vague', 'deadline'] }), word).toEqual([word]);
    });

    test('rewrites carry placeholders and a source tag, filtered by 二级', () => {
        const improve = vagueEntries().find(e => e.id === 'improve')!;
        expect(improve.tag).toBe('SEED');
        expect(rewritesFor(improve, '12').flatMap(r => r.patterns)).toContain('合格率/达标率≥95%');
        expect(rewritesFor(improve, '22').flatMap(r => r.patterns).some(p => /X|B/.test(p))).toBe(true);
        expect(rewritesFor(improve, '13')).toEqual([]);
        const byRule = vagueEntries().find(e => e.id === 'by-rule')!;
        expect(rewritesFor(byRule, '41').map(r => r.tag)).toEqual(['SUG', 'OFF']);
        for (const entry of vagueEntries()) for (const r of entry.rewrites) expect(['OFF', 'OFF*', 'SEED', 'SYS', '3P', 'SUG']).toContain(r.tag);
    });
});
