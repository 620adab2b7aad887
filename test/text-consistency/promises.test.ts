import { describe, expect, test } from 'vitest';
import type { DepartmentDeclaration } from '../../language/compile/model.js';
import {
    categoryFor, findPromises, indicatorNameFor, structuredValueFor, subjectSimilarity, type TextPromise
} from '../../language/domain/promises.js';
import { modelOf, readSample } from '../helpers/samples.js';

// The quantity extractor (language/domain/promises.ts): every quantified promise of a free text, with its subject and
// its place in the text; numbers that promise nothing are skipped.

/** subject, operator, value and unit of each promise, compactly: 组织科普志愿活动 ≥96场次. */
function brief(p: TextPromise): string {
    return p.kind === 'date' ? `${p.subject} ${p.op}${p.date}` : `${p.subject} ${p.op}${p.value}${p.unit ?? ''}${p.per ? `/${p.per}` : ''}`;
}

const briefs = (text: string, options = {}) => findPromises(text, options).map(brief);

describe('seed 000, task 「科普综合工作经费」', () => {
    test('its 主要实施内容 yields every quantity with a sensible subject', async () => {
        const { model } = await modelOf(readSample('000-nansha-kexie.jxmb'));
        const task = (model.declarations[0] as DepartmentDeclaration).tasks.find(t => t.name === '科普综合工作经费')!;
        const text = task.content!;
        // The text holds eight numbers (one of them, 45场次, twice): 20 themes, then seven activity counts.
        expect(findPromises(text, { budgets: [task.amount!], year: 2024 }).map(brief)).toEqual([
            '科普志愿活动系列主题 =20个',
            '组织科普志愿活动 ≥96场次',
            '举办全国科普日系列活动 ≥45场次',
            '举办全国科技周系列活动 ≥5场次',
            '举办科普赋能“双减”系列活动 ≥45场次',
            '举办“最美科技工作者”学习宣传活动 ≥2场次',
            '发布科普文章 ≥210篇',
            '发布科普活动宣传报道 ≥100条'
        ]);
    });

    test('spans point into the original text', async () => {
        const { model } = await modelOf(readSample('000-nansha-kexie.jxmb'));
        const text = (model.declarations[0] as DepartmentDeclaration).tasks[0]!.content!;
        const promises = findPromises(text);
        expect(promises.map(p => text.slice(p.quantitySpan[0], p.quantitySpan[1]))).toEqual([
            '20个', '不少于96场次', '不少于45场次', '不少于5场次', '不少于45场次', '不少于2场次', '不少于210篇', '不少于100条'
        ]);
        expect(text.slice(promises[1]!.span[0], promises[1]!.span[1])).toBe('组织科普志愿活动不少于96场次');
        // A list item's span starts after the 、 that joins it.
        expect(text.slice(promises[3]!.span[0], promises[3]!.span[1])).toBe('全国科技周系列活动不少于5场次');
    });
});

describe('forms of a promise', () => {
    test('word operators, suffixes, hedges, percentages', () => {
        expect(findPromises('组织科普志愿活动不少于96场次')[0]).toMatchObject({
            kind: 'quantity', subject: '组织科普志愿活动', op: '≥', value: 96, unit: '场次', span: [0, 15], quantitySpan: [8, 15]
        });
        expect(briefs('发布科普文章不少于210篇')).toEqual(['发布科普文章 ≥210篇']);
        expect(briefs('全年接受科普知识传播人次3000万人次以上')).toEqual(['接受科普知识传播人次 ≥3000万人次']);
        expect(briefs('服务对象满意度超过90%')).toEqual(['服务对象满意度 >90%']);
        expect(briefs('征集线上平台科技成果约5000项')).toEqual(['征集线上平台科技成果 =5000项']);
        expect(findPromises('征集线上平台科技成果约5000项')[0]).toMatchObject({ hedge: '约', approximate: true });
        expect(briefs('每期峰会参会人数不少于100人')).toEqual(['每期峰会参会人数 ≥100人/期']);
    });

    test('a deadline', () => {
        expect(briefs('2024年12月前完成科学馆主体工程招标')).toEqual(['科学馆主体工程招标 ≤2024-12-31']);
        expect(briefs('展教工程招标于2024年6月底前完成')).toEqual(['展教工程招标 ≤2024-06-30']);
        // Without the budget year 年底前 says no date.
        expect(briefs('年底前完成验收')).toEqual([]);
        expect(briefs('年底前完成验收', { year: 2024 })).toEqual(['验收 ≤2024-12-31']);
    });

    test('the thing counted after the number (建设1个…重点实验室)', () => {
        expect(briefs('建设1个智能交互技术与应用重点实验室和1个智能电气装备研究所')).toEqual([
            '建设智能交互技术与应用重点实验室 =1个',
            '建设智能电气装备研究所 =1个'
        ]);
        expect(briefs('举办20场专项活动')).toEqual(['举办专项活动 =20场']);
        // 进行… after the number is a new action, not the thing counted.
        expect(briefs('组织校长代表约175名进行换届选举')).toEqual(['组织校长代表 =175名']);
    });

    test('list items carry the verb and the thing counted over', () => {
        expect(briefs('建设教育部现代学徒制试点专业2个，省级4个，省级高水平专业群3个')).toEqual([
            '建设教育部现代学徒制试点专业 =2个',
            '建设省级现代学徒制试点专业 =4个',
            '建设省级高水平专业群 =3个'
        ]);
        expect(briefs('省级4个、省级高水平专业群3个')).toEqual(['省级 =4个', '省级高水平专业群 =3个']);
        expect(briefs('新增省级不少于1门、院级60门精品在线开放课程')).toEqual([
            '新增省级精品在线开放课程 ≥1门',
            '新增院级精品在线开放课程 =60门'
        ]);
        expect(briefs('长廊宣传图5期185幅')).toEqual(['长廊宣传图 =5期', '长廊宣传图 =185幅']);
        // The subject of 「预期达到98%」 is the clause before it.
        expect(briefs('扩大学生资助面，有效提升社会及广大师生的满意度，预期达到98%')).toEqual(['社会及广大师生的满意度 ≥98%']);
    });

    test('enumerations are not the subject', () => {
        expect(briefs('设立“甲研究”“乙研究”等四个专题，共12个项目')).toEqual(['设立专题 =4个', '设立项目 =12个']);
    });
});

describe('numbers that promise nothing', () => {
    test('the budget: an amount equal to it, amounts adding up to it, money named 资金/经费', () => {
        expect(briefs('本项目安排176.70万元', { budgets: [176.7] })).toEqual([]);
        expect(briefs('其中活动费100万元，宣传费76.70万元', { budgets: [176.7] })).toEqual([]);
        expect(briefs('投入资金50万元')).toEqual([]);
        // Money that is a result stays.
        expect(briefs('促成技术成果转化交易金额不少于100亿元', { budgets: [176.7] })).toEqual(['促成技术成果转化交易金额 ≥100亿元']);
    });

    test('years and periods', () => {
        expect(briefs('贯彻落实《全民科学素质行动规划纲要（2021-2035年）》，2024年全面推进，2021年至2025年持续开展')).toEqual([]);
    });

    test('list numbers and ordinals', () => {
        expect(briefs('1、修改章程；2. 选举产生委员会；一、开展联系服务；（3）召开第九届代表大会')).toEqual([]);
    });

    test('percentages and numbers inside titles, quotes and parentheses', () => {
        expect(briefs('落实《关于提升95%覆盖率的通知》，推进“十四五”规划，（广州市为首批四个城市之一）')).toEqual([]);
    });

    test('time spans as context, slogans, ranks', () => {
        expect(briefs('审查近5年来工作报告，研究今后5年的任务，实施科普三年计划')).toEqual([]);
        expect(briefs('巩固科技社团两个全覆盖效果，加强市科协十届全委会建设，围绕这五类人群')).toEqual([]);
    });

    test('a date qualifies a number rather than being its subject', () => {
        expect(findPromises('截止2022年底建站数量不少于40个').map(p => [brief(p), p.year])).toEqual([['建站数量 ≥40个', 2022]]);
        expect(findPromises('为实现2025年全市公民具备科学素质比例达24.5%奠定基础')[0]).toMatchObject({ value: 24.5, unit: '%', year: 2025 });
    });

    test('a year counts for the promises of its own clause, the last year before the number', () => {
        const years = (text: string) => findPromises(text).map(p => [brief(p), p.year]);
        expect(years('2023年计划，建站数量不少于40个')).toEqual([['建站数量 ≥40个', null]]);
        expect(years('2022年至2024年建站数量不少于40个')).toEqual([['建站数量 ≥40个', 2024]]);
        expect(years('建站数量不少于40个，2024年培训不少于20人次')).toEqual([['建站数量 ≥40个', null], ['培训 ≥20人次', 2024]]);
        expect(years('2024年建站数量不少于40个，培训不少于20人次')).toEqual([['建站数量 ≥40个', 2024], ['培训 ≥20人次', null]]);
    });
});

describe('offsets survive layout', () => {
    test('HTML tags, spaces and full-width digits are mapped back', () => {
        const text = '<p>1. 发布科普文章不少于 ２１０ 篇</p>';
        const [p] = findPromises(text);
        expect(brief(p!)).toBe('发布科普文章 ≥210篇');
        expect(text.slice(p!.span[0], p!.span[1])).toBe('发布科普文章不少于 ２１０ 篇');
    });
});

describe('what an indicator for a promise looks like', () => {
    const one = (text: string) => findPromises(text, { year: 2024 })[0]!;

    test('name, value and place', () => {
        const cases: Array<[string, string, string, string]> = [
            ['组织科普志愿活动不少于96场次', '组织科普志愿活动场次', '≥96场次', '产出指标/数量指标'],
            ['发布科普文章不少于210篇', '发布科普文章数量', '≥210篇', '产出指标/数量指标'],
            ['开展科普活动不少于6次', '开展科普活动次数', '≥6次', '产出指标/数量指标'],
            ['公众满意度超过90%', '公众满意度', '>90%', '满意度指标/服务对象满意度指标'],
            ['设备到位及时率100%', '设备到位及时率', '100%', '产出指标/时效指标'],
            ['验收合格率100%', '验收合格率', '100%', '产出指标/质量指标'],
            ['实践教学学分占总学分比例不少于50%', '实践教学学分占总学分比例', '≥50%', '效益指标/社会效益指标'],
            ['2024年12月前完成主体工程招标', '主体工程招标完成时间', '≤2024-12-31', '产出指标/时效指标'],
            ['参展项目约1200项', '参展项目数量', '≥1200项', '产出指标/数量指标'],
            ['科普游参加活动2万人次', '科普游参加活动人次', '2万人次', '产出指标/数量指标'],
            ['每月开展活动不少于1次', '开展活动次数', '≥1次/月', '产出指标/数量指标']
        ];
        for (const [text, name, value, place] of cases) {
            const p = one(text);
            const { level1, level2 } = categoryFor(p);
            expect([text, indicatorNameFor(p), structuredValueFor(p), `${level1}/${level2}`]).toEqual([text, name, value, place]);
        }
    });
});

describe('subject similarity', () => {
    test('shared character pairs of the shorter name, generic pairs left out', () => {
        expect(subjectSimilarity('组织科普志愿活动', '举办科普志愿活动场次')).toBeGreaterThanOrEqual(0.8);
        expect(subjectSimilarity('满意度', '服务对象满意度')).toBe(1);
        // 建设 and 数量 are in every other name: they make no match.
        expect(subjectSimilarity('建设智能交互技术与应用重点实验室', '建设产业学院数量')).toBe(0);
        expect(subjectSimilarity('', '举办活动')).toBe(0);
    });
});
