import { describe, expect, test } from 'vitest';
import { draftWithRules } from '../../language/draft/rules.js';
import { workOf } from '../../language/draft/skeletons.js';
import type { DraftTarget } from '../../language/draft/targets.js';
import { sampleTarget, sampleTargets, seedSamples } from './targets.js';

// The names the rule drafter gives: what a civil servant would write, from the text's own words (a reader must tell
// sibling promises apart, and never find a word the text does not contain).

const SEED002 = '002-guangzhou-kexie-projects.jxmb';
const SEED004 = '004-guangzhou-kexie-2022.jxmb';

/** name → annual value of every non-placeholder proposal, as if the table were blank. */
async function names(sample: string, task: string): Promise<Map<string, string>> {
    const proposals = draftWithRules(await sampleTarget(sample, task), { setApartMeasured: false }).filter(p => !p.placeholder);
    return new Map(proposals.map(p => [p.name, p.annual]));
}

/** A task of a table without indicators, with `text` as its 期望目标. */
function fresh(text: string): DraftTarget {
    return {
        kind: 'task', name: '测试任务经费', unit: '测试单位', year: 2024, texts: [{ field: '期望目标', text }], budgets: [], existing: [],
        declaration: { kind: 'department', unit: '测试单位', year: 2024, title: null, singleValueColumn: false, basicInfo: null, budget: null, overallGoal: null, tasks: [{ name: '测试任务经费', content: null, amount: null, expectedGoal: text }], otherTasks: null, indicators: [], remark: null },
        taskIndex: 0
    };
}

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

describe('what tells sibling promises apart', () => {
    test('seed 004 「五、发展高等职业教育」: a list item keeps the level of the item before it (院级 / 省级 老师获奖)', async () => {
        const drafted = await names(SEED004, '五、发展高等职业教育');
        expect(drafted.get('院级赛项学生获奖数量')).toBe('≥200项');
        expect(drafted.get('院级老师获奖数量')).toBe('≥11项');
        expect(drafted.get('省级赛项学生获奖数量')).toBe('≥75项');
        expect(drafted.get('省级老师获奖数量')).toBe('≥12项');
        expect([...drafted.keys()].filter(n => n.includes('老师获奖'))).toEqual(['院级老师获奖数量', '省级老师获奖数量']);
    });

    test('seed 004 「三、服务公民科学素质服务」: a promise that starts with its verb is about who acted just before', async () => {
        const drafted = await names(SEED004, '三、服务公民科学素质服务');
        expect(drafted.get('大篷车开展活动次数')).toBe('≥40次');
        expect(drafted.get('大篷车参加活动人次')).toBe('≥5万人次');
        expect(drafted.get('广州院士专家校园行开展活动场次')).toBe('≥80场');
        expect(drafted.get('广州院士专家校园行参加学生人次')).toBe('≥1.6万人次');
        // 科普游 is named in the promise itself.
        expect(drafted.get('科普游参加活动人次')).toBe('≥2万人次');
    });

    test('a level is not lent past the list, nor an actor to a promise with its own', () => {
        const subjects = (text: string) => draftWithRules(fresh(text), { skeletons: false }).map(p => p.name);
        expect(subjects('新建省级实验室2个，工作站3个。')).toEqual(['新建省级实验室数量', '工作站数量']);
        expect(subjects('科普馆开展活动10场，志愿者参加活动200人次。')).toEqual(['科普馆开展活动场次', '志愿者参加活动人次']);
        // 服务, 培训, 宣传 are nouns as often as verbs: no actor is read before them.
        expect(subjects('长廊宣传图5期，设计海报15条。')).toEqual(['长廊宣传图数量', '设计海报数量']);
    });
});

describe('the thing counted', () => {
    test('seed 004: 抖音150条视频全网播放量不少于2000万 counts 视频; their 播放量 is the next number\'s', async () => {
        const drafted = await names(SEED004, '三、服务公民科学素质服务');
        expect(drafted.get('抖音视频数量')).toBe('≥150条');
        expect(drafted.get('视频全网播放量')).toBe('≥2000万');
        expect(drafted.has('抖音数量')).toBe(false);
    });

    test('the noun after the unit, in other texts', () => {
        const named = (text: string) => draftWithRules(fresh(text), { skeletons: false }).map(p => `${p.name} ${p.annual}`);
        expect(named('公众号推出100篇文章阅读量超过10万。')).toEqual(['公众号推出文章数量 ≥100篇', '文章阅读量 >10万']);
        // A noun that is a measure of nothing before it is not split (参与人数 counts 院士: not taken).
        expect(named('宣传的人数不少于15位院士。')).toEqual(['宣传的人数 ≥15位']);
    });

    test('seed 004: 在国际、国内核心期刊不少于150篇 counts what those journals publish, not the journals', async () => {
        const proposals = draftWithRules(await sampleTarget(SEED004, '一、服务科技工作者'), { setApartMeasured: false });
        const p = proposals.find(q => q.source.quote.includes('核心期刊'))!;
        expect(p.name).toBe('国际、国内核心期刊篇数');
        expect(p.annual).toBe('≥150篇');
        // 论文 is not in the text: the rules do not write it, they ask for it.
        expect(p.needsConfirmation).toBe(true);
        expect(p.reason).toContain('国际、国内核心期刊');
    });
});

describe('names within one draft', () => {
    test('two promises of the same thing in the same unit get no synonym pretending to be another thing', () => {
        const proposals = draftWithRules(fresh('老师获奖11项；老师获奖12项。'), { skeletons: false });
        expect(proposals.map(p => p.name)).toEqual(['老师获奖数量', '老师获奖数量（2）']);
        expect(proposals[1]!.needsConfirmation).toBe(true);
        expect(proposals[1]!.reason).toContain('「老师获奖数量」');
    });

    test('in another unit, the unit tells them apart (长廊宣传图5期185幅)', () => {
        const proposals = draftWithRules(fresh('长廊宣传图5期185幅。'), { skeletons: false });
        expect(proposals.map(p => `${p.name} ${p.annual}`)).toEqual(['长廊宣传图数量 ≥5期', '长廊宣传图幅数 ≥185幅']);
        expect(proposals.every(p => !p.needsConfirmation)).toBe(true);
    });

    test('every seed draft: names unique, none kept a list number', async () => {
        for (const sample of seedSamples()) {
            for (const target of await sampleTargets(sample)) {
                const all = draftWithRules(target, { setApartMeasured: false }).map(p => p.name);
                expect(new Set(all).size, `${sample} ${target.name}`).toBe(all.length);
                expect(all.filter(n => /^(?:[一二三四五六七八九十]+、|\d+[、.])/.test(n))).toEqual([]);
            }
        }
    });
});
