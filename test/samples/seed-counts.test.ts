import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { DeclarationFile, IndicatorList } from '../../language/compile/model.js';
import { modelOf, readSample, sampleFiles, seedOf } from '../helpers/samples.js';

// Each seed is written out completely in samples/: the sample holds as many 年度重点工作任务, projects and 三级
// indicators as the seed table. The seed side is counted from the seed text here, each in the way its layout allows.

const labels = new Set([
    '绩效指标', '一级指标', '二级指标', '三级指标', '实施周期指标值', '年度指标值', '指标值',
    '产出指标', '效益指标', '满意度指标', '成本指标', '数量指标', '质量指标', '时效指标',
    '经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标', '服务对象满意度指标'
]);
const amount = /^\d{1,3}(,\d{3})*\.\d{2}$|^\d+\.\d{2}$/;

function cells(line: string): string[] {
    return line.split('\t').map(c => c.trim());
}

/**
 * Tab-separated 部门整体 tables (000, 001, 004).
 * Tasks: the rows between the 年度重点工作任务 header and the 绩效指标 header that carry an amount cell.
 * Indicators: the rows after the first 「一级指标 … 三级指标」 header that still hold a name and a value once the
 * 一级/二级 labels and header words are removed (merged cells lost and rows shifted left or right do not matter:
 * the row is counted by what it holds, not where).
 */
function countTabSeed(text: string): { tasks: number; indicators: number; projects: number } {
    const lines = text.split('\n');
    const taskHeader = lines.findIndex(l => l.includes('年度重点工作任务') && l.includes('名称'));
    const indicatorHeader = lines.findIndex(l => l.includes('一级指标') && l.includes('三级指标'));
    const tasks = lines.slice(taskHeader + 1, indicatorHeader).filter(l => l.includes('\t') && cells(l).some(c => amount.test(c))).length;
    const indicators = lines.slice(indicatorHeader + 1)
        .filter(l => l.includes('\t'))
        .filter(l => cells(l).filter(c => c !== '' && !labels.has(c)).length >= 2).length;
    return { tasks, indicators, projects: 0 };
}

/**
 * 项目支出 (002). Projects: rows whose first cell is a name and second an amount, less 合计 and the unit row.
 * Indicators: the items `n、d-一级；` of the flattened strings, counted after removing line breaks and tabs so that
 * an item split across physical rows (RULES §6.2 Q3) counts once.
 */
function countProjectSeed(text: string): { tasks: number; indicators: number; projects: number } {
    const rows = text.split('\n').map(cells).filter(c => c.length > 2 && c[0] !== '' && amount.test(c[1]!));
    const projects = rows.filter(c => c[0] !== '合计' && c[0] !== '广州市科学技术协会').length;
    const indicators = text.replace(/[\n\t]/g, '').match(/\d+、\d-(产出指标|效益指标|满意度指标|成本指标)；/g)?.length ?? 0;
    return { tasks: 0, indicators, projects };
}

/**
 * Seed 003 is PDF text with cells broken across lines. Tasks: the amount lines standing alone between the
 * 年度重点工作任务 header and 其他需完成的任务. Indicators: the 三级 names, read off the seed by hand and listed here;
 * the test checks that each occurs in the seed (line breaks removed), so the list cannot drift from it.
 */
const seed003IndicatorNames = [
    '组织学会开展科普活动次数（次）', '社区科普图书室个数(个)', '召开换届会议次数（次）', '各科普活动参加人数(人数）',
    '组织学术交流次数（次）', '举办科普宣传活动次数（次）', '提高公众的科技素质程度（%）', '群众对科普活动收益程度',
    '落实做好科普管理事务工作', '会议举办及时性', '会议经费预算执行率', '公众对科普知识知晓度(%)', '科普日活动受益度(%)',
    '会议通过事项数', '公众对科普工作满意度(%)'
];

function countPdfSeed(text: string): { tasks: number; indicators: number; projects: number } {
    const lines = text.split('\n').map(l => l.trim());
    const start = lines.findIndex(l => l === '年度重点工作任务');
    const end = lines.findIndex(l => l.startsWith('其他需完成的任务'));
    const tasks = lines.slice(start, end).filter(l => amount.test(l)).length;
    const joined = text.replace(/\s+/g, '');
    for (const name of seed003IndicatorNames) {
        expect(joined, `「${name}」 is not in seed 003`).toContain(name.replace(/\s+/g, ''));
    }
    return { tasks, indicators: seed003IndicatorNames.length, projects: 0 };
}

function countModel(model: DeclarationFile): { tasks: number; indicators: number; projects: number } {
    const indicatorsIn = (lists: IndicatorList[]) => lists.flatMap(l => l.groups).flatMap(g => g.blocks).flatMap(b => b.indicators).length;
    let tasks = 0, indicators = 0, projects = 0;
    for (const d of model.declarations) {
        if (d.kind === 'department') {
            tasks += d.tasks.length;
            indicators += indicatorsIn(d.indicators);
        } else {
            for (const p of d.spendingUnits.flatMap(u => u.projects)) {
                projects++;
                indicators += indicatorsIn(p.indicators);
            }
        }
    }
    return { tasks, indicators, projects };
}

const seedSamples = sampleFiles().filter(name => seedOf(name));

test('every seed has a sample', () => {
    expect(seedSamples.map(s => s.slice(0, 3))).toEqual(['000', '001', '002', '003', '004']);
});

describe.each(seedSamples)('%s', name => {
    test('holds every task, project and indicator of its seed', async () => {
        const seed = readFileSync(seedOf(name)!, 'utf8');
        const expected = name.startsWith('002') ? countProjectSeed(seed) : name.startsWith('003') ? countPdfSeed(seed) : countTabSeed(seed);
        const { model } = await modelOf(readSample(name));
        expect(countModel(model)).toEqual(expected);
    });
});
