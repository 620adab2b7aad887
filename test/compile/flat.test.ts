import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { flatIndicators, flatItemsOf, parseFlat, renderFlat, splitFlatLists } from '../../language/compile/flat.js';
import type { DeclarationFile, IndicatorList, Project } from '../../language/compile/model.js';
import { isSyntaxError } from '../../language/cli/diagnostics.js';
import { modelOf, readSample, seedOf } from '../helpers/samples.js';
import { seedProjectRows } from './seed-cells.js';

const SAMPLE = '002-guangzhou-kexie-projects.jxmb';

function projectsOf(model: DeclarationFile): Project[] {
    return model.declarations.flatMap(d => d.kind === 'project' ? d.spendingUnits.flatMap(u => u.projects) : []);
}

async function compile(text: string): Promise<DeclarationFile> {
    const { model, diagnostics } = await modelOf(text);
    expect(diagnostics.filter(isSyntaxError)).toEqual([]);
    return model;
}

describe('flat string rendering (RULES §6.1)', () => {
    let model: DeclarationFile;
    beforeAll(async () => {
        model = await compile(`项目支出 "测试单位" 年度 2024 {
    单位 "测试单位" {
        项目 "甲" {
            绩效指标 {
                产出指标 {
                    数量指标 { "举办活动场次"：≥10场次 }
                    时效指标 { "资金支出进度（%）" }
                }
                效益指标 { 社会效益指标 { "受益人次" 实施周期：≥2万人次 年度：≥1万人次 } }
                满意度指标 { 服务对象满意度指标 { "服务对象满意度"："超过90%；含回访" } }
            }
            绩效指标 {
                产出指标 { 成本指标 { "成本控制率"：≤100% } }
            }
        }
    }
}
`);
    });

    test('numbering, codes, short 二级 names, half-width colons, the truncated form and the restart per list', () => {
        const [project] = projectsOf(model);
        expect(flatIndicators(project!.indicators)).toBe(
            '1、1-产出指标；11-数量指标；举办活动场次；实施周期指标值:≥10场次；年度指标值:≥10场次。'
            + '2、1-产出指标；13-时效指标；资金支出进度（%）。'
            + '3、2-效益指标；22-社会效益；受益人次；实施周期指标值:≥2万人次；年度指标值:≥1万人次。'
            + '4、3-满意度指标；31-服务对象满意度；服务对象满意度；实施周期指标值:超过90%；含回访；年度指标值:超过90%；含回访。'
            + '1、1-产出指标；14-成本指标；成本控制率；实施周期指标值:≤100%；年度指标值:≤100%。'
        );
    });

    test('parseFlat reads it back item by item (a value with 「；」 too, Q4) and splits the restarted lists (Q1)', () => {
        const [project] = projectsOf(model);
        const parsed = parseFlat(flatIndicators(project!.indicators));
        expect(parsed.unmatched).toEqual([]);
        expect(parsed.items[3]).toMatchObject({ name: '服务对象满意度', period: '超过90%；含回访', annual: '超过90%；含回访' });
        expect(parsed.items[1]).toMatchObject({ name: '资金支出进度（%）', period: null, annual: null });
        expect(splitFlatLists(parsed.items).map(list => list.length)).toEqual([4, 1]);
        expect(parsed.items).toEqual(project!.indicators.flatMap(flatItemsOf));
    });

    test('a 三级 name with 「；」 reads back whole, with values or without', async () => {
        const flat = '1、1-产出指标；11-数量指标；讲座；展览场次；实施周期指标值:≥5场次；年度指标值:≥5场次。2、1-产出指标；11-数量指标；甲；乙。';
        const parsed = parseFlat(flat);
        expect(parsed.unmatched).toEqual([]);
        expect(parsed.items.map(i => [i.name, i.period, i.annual])).toEqual([['讲座；展览场次', '≥5场次', '≥5场次'], ['甲；乙', null, null]]);
    });

    test('the 2021 成本 model: 4-成本指标 with its 二级 in the long form', async () => {
        const cost = await compile('项目支出 "单位" 年度 2024 { 单位 "单位" { 项目 "乙" { 绩效指标 { 成本指标 { 经济成本指标 { "单场活动成本"：≤2万元 } } } } } }\n');
        const [project] = projectsOf(cost);
        const flat = flatIndicators(project!.indicators);
        expect(flat).toBe('1、4-成本指标；41-经济成本指标；单场活动成本；实施周期指标值:≤2万元；年度指标值:≤2万元。');
        expect(parseFlat(flat).items).toEqual(project!.indicators.flatMap(flatItemsOf));
    });

    test('parseFlat strips <p> wrappers, accepts the full-width colon and reports what it could not read', () => {
        const parsed = parseFlat('<p>1、1-产出指标；11-数量指标；出版刊物；实施周期指标值：印2000本；年度指标值:印2000本。这不是一项</p>');
        expect(parsed.wrapped).toBe(true);
        expect(parsed.items).toEqual([]);
        expect(parsed.unmatched).toHaveLength(1);
        const ok = parseFlat('<p>1、1-产出指标；11-数量指标；出版刊物；实施周期指标值：印2000本；年度指标值:印2000本。</p>');
        expect(ok.items[0]).toMatchObject({ seq: 1, level1Code: '1', level2Code: '11', level2Name: '数量指标', period: '印2000本' });
        expect(ok.unmatched).toEqual([]);
    });

    test('parseFlat reads a cell whose last item lacks its closing 「。」 (typed by hand) as if it had it', () => {
        const typed = '1、1-产出指标；11-数量指标；出版刊物；实施周期指标值:印2000本；年度指标值:印2000本。2、3-满意度指标；31-服务对象满意度；读者满意度；实施周期指标值:≥90%；年度指标值:≥90%';
        expect(parseFlat(typed)).toEqual(parseFlat(typed + '。'));
        expect(parseFlat(typed).unmatched).toEqual([]);
        const truncated = '1、1-产出指标；11-数量指标；出版刊物';
        expect(parseFlat(truncated).items).toEqual(parseFlat(truncated + '。').items);
        // Text after a closed item stays unread: it may be anything.
        expect(parseFlat('1、1-产出指标；11-数量指标；出版刊物；实施周期指标值:印2000本；年度指标值:印2000本。这不是一项').items).toEqual([]);
    });

    test('renderFlat: one 「名称<TAB>字符串」 line per project; a 部门整体 declaration gets one line with its indicators', async () => {
        const both = await compile(readSample('tutorial.jxmb'));
        const lines = renderFlat(both).trimEnd().split('\n');
        expect(lines).toHaveLength(2);
        expect(lines[0]).toMatch(/^示例区科学技术协会\t1、1-产出指标；11-数量指标；组织科普志愿活动场次；实施周期指标值:≥20场次；/);
        expect(lines[1]).toMatch(/^科普活动经费\t1、1-产出指标；11-数量指标；开展科普活动场次；/);
        expect(lines[1]).toContain('4、3-满意度指标；31-服务对象满意度；服务对象满意度；实施周期指标值:≥90%；年度指标值:≥90%。');
    });
});

describe(`sample ${SAMPLE}`, () => {
    let projects: Project[];
    beforeAll(async () => { projects = projectsOf(await compile(readSample(SAMPLE))); });

    test('every project\'s flat string parses back to the model\'s indicators, list by list', () => {
        expect(projects).toHaveLength(15);
        for (const project of projects) {
            const parsed = parseFlat(flatIndicators(project.indicators));
            expect(parsed.unmatched, project.name).toEqual([]);
            const lists = splitFlatLists(parsed.items);
            expect(lists, project.name).toEqual(project.indicators.map(flatItemsOf));
            // and the items carry exactly the model's names and value texts
            const fromModel = project.indicators.flatMap((list: IndicatorList) => list.groups.flatMap(g => g.blocks.flatMap(b => b.indicators)));
            expect(parsed.items.map(i => i.name)).toEqual(fromModel.map(i => i.name));
            expect(parsed.items.map(i => i.annual)).toEqual(fromModel.map(i => (i.period || i.annual ? i.annual?.text ?? '' : null)));
        }
    });

    test('125 items in all, one of them truncated (Q5), as RULES §6.1 counts for the seed', () => {
        const items = projects.flatMap(p => parseFlat(flatIndicators(p.indicators)).items);
        expect(items).toHaveLength(125);
        expect(items.filter(i => i.period === null).map(i => i.name)).toEqual(['资金支出进度（%）']);
    });

    /**
     * Against the seed's own 绩效指标 cells, joined across split rows (Q3) and compared without whitespace and
     * without `<p>` wrappers (Q2: the model does not keep them, RULES says to re-emit them only from a source).
     * Known difference, named here: the seed writes one colon full-width (「年度指标值：征集并在线上平台发布…」 in
     * 「“科创中国”创新枢纽城市建设经费」, RULES §6.1 counts 247 half-width, 1 full-width); jxmb always writes the
     * half-width colon. Apart from that colon the strings are identical.
     */
    test('equals the seed\'s cells (SEED002), except for the one full-width colon', () => {
        const seed = seedProjectRows(readFileSync(seedOf(SAMPLE)!, 'utf8'));
        expect(seed.map(r => r.name)).toEqual(projects.map(p => p.name));
        const normalise = (s: string) => s.replace(/<\/?p>/g, '').replace(/\s+/g, '');
        const differing: string[] = [];
        projects.forEach((project, i) => {
            const ours = normalise(flatIndicators(project.indicators));
            const theirs = normalise(seed[i]!.indicators);
            if (ours !== theirs) differing.push(project.name);
            expect(ours, project.name).toBe(theirs.replace('年度指标值：', '年度指标值:'));
            // and item by item, through the parser
            expect(parseFlat(ours).items, project.name).toEqual(parseFlat(theirs).items);
        });
        expect(differing).toEqual(['“科创中国”创新枢纽城市建设经费']);
    });
});
