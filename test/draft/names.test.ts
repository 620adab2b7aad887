import { describe, expect, test } from 'vitest';
import { draftWithRules } from '../../language/draft/rules.js';
import { workOf } from '../../language/draft/skeletons.js';
import { sampleTarget } from './targets.js';

// The names the rule drafter gives: what a civil servant would write, from the text's own words (a reader must tell
// sibling promises apart, and never find a word the text does not contain).

const SEED002 = '002-guangzhou-kexie-projects.jxmb';
const SEED004 = '004-guangzhou-kexie-2022.jxmb';

describe('skeleton names', () => {
    test('a task name\'s list number is not part of the name', async () => {
        expect(workOf('一、服务科技工作者')).toBe('服务科技工作者工作');
        expect(workOf('三、服务公民科学素质服务')).toBe('服务公民科学素质服务');
        expect(workOf('1. 科普经费')).toBe('科普工作');
        expect(workOf('2、科普综合工作经费')).toBe('科普综合工作');
        expect(workOf('（一）科学素质提升工程')).toBe('科学素质提升工程');
        expect(workOf('(2)年会经费')).toBe('年会工作');
        expect(workOf('第三、学会服务')).toBe('学会服务');
        expect(workOf('①档案整理经费')).toBe('档案整理工作');
        // A number that is part of the name stays.
        expect(workOf('2024年度科普经费')).toBe('2024年度科普工作');
        expect(workOf('十大工程')).toBe('十大工程');
    });

    test('seed 004: 「一、服务科技工作者」 and 「三、服务公民科学素质服务」', async () => {
        const first = draftWithRules(await sampleTarget(SEED004, '一、服务科技工作者'));
        expect(first.filter(p => p.level2 === '时效指标').map(p => p.name)).toEqual(['服务科技工作者工作完成时间']);
        const third = draftWithRules(await sampleTarget(SEED004, '三、服务公民科学素质服务'), { setApartMeasured: false });
        expect(third.filter(p => p.placeholder && p.level2 === '时效指标').map(p => p.name)).toEqual(['服务公民科学素质服务完成时间']);
    });
});

describe('leading verbs that name no thing', () => {
    test('seed 002 「科学素质提升工程」: 为实现…比例达24.5% is the 比例 itself (RULES §5 公民具备科学素质比例)', async () => {
        const [p] = draftWithRules(await sampleTarget(SEED002, '科学素质提升工程'));
        expect(p!.name).toBe('全市公民具备科学素质比例');
        expect(p!.annual).toBe('≥24.5%');
        // The year the clause names is still read (2025, not the budget year).
        expect(p!.reason).toContain('2025年');
    });
});
