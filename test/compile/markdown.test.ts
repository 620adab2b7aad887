import { describe, expect, test } from 'vitest';
import { flatIndicators } from '../../language/compile/flat.js';
import { escapeMarkdown, renderMarkdown } from '../../language/compile/markdown.js';
import { compileText, indicatorsOf, sampleModels } from './compiled.js';

/** Cells of a table line, split on the pipes that are not escaped. */
function cells(line: string): string[] {
    return line.slice(1, -1).split(/(?<!\\)\|/).map(c => c.trim());
}

/** Every table: its header, and every row with as many cells as the header. */
function tables(md: string): Array<{ header: string[]; rows: string[][] }> {
    const out: Array<{ header: string[]; rows: string[][] }> = [];
    const lines = md.split('\n');
    for (let i = 0; i < lines.length; i++) {
        if (!lines[i]!.startsWith('|') || !/^\| ?-{3}/.test(lines[i + 1] ?? '')) continue;
        const table = { header: cells(lines[i]!), rows: [] as string[][] };
        for (i += 2; i < lines.length && lines[i]!.startsWith('|'); i++) table.rows.push(cells(lines[i]!));
        out.push(table);
    }
    return out;
}

describe('markdown: every sample', async () => {
    const samples = await sampleModels();
    test.each(samples.map(s => [s.sample, s.model] as const))('%s: the tables, every indicator, well-formed rows', (_sample, model) => {
        const md = renderMarkdown(model);
        const all = tables(md);
        for (const t of all) for (const row of t.rows) expect(row).toHaveLength(t.header.length);
        for (const d of model.declarations) {
            if (d.kind === 'department') {
                expect(md).toContain(`# ${d.title ?? '部门整体预算绩效目标申报表'}`);
                const headers = all.map(t => t.header.join('|'));
                expect(headers).toContain('名称|主要实施内容|拟投入的资金（万元）|期望达到的目标（概述）');
                const indicators = all.find(t => t.header[0] === '一级指标')!;
                expect(indicators.header).toEqual(['一级指标', '二级指标', '三级指标', ...(d.singleValueColumn ? ['指标值'] : ['实施周期指标值', '年度指标值'])]);
                const names = indicators.rows.map(r => r[2]).filter(Boolean);
                expect(names).toEqual(indicatorsOf(d.indicators).map(x => escapeMarkdown(x.name)));
                if (d.budget) expect(all.some(t => t.header[0] === '部门预算支出')).toBe(true);
            } else {
                const table = all.find(t => t.header[0] === '项目名称（资金使用单位）')!;
                expect(table.header).toEqual(['项目名称（资金使用单位）', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标']);
                for (const p of d.spendingUnits.flatMap(u => u.projects)) {
                    const row = table.rows.find(r => r[0] === escapeMarkdown(p.name))!;
                    expect(row[6]).toBe(escapeMarkdown(flatIndicators(p.indicators)));
                }
                expect(table.rows[0]![0]).toBe('**合计**');
            }
        }
    });
});

describe('markdown escaping', () => {
    test('pipes, emphasis marks and tags are escaped; line breaks inside a cell become <br>', async () => {
        const model = await compileText(`部门整体 "单位" 年度 2024 {
    任务 "A|B" { 主要实施内容 "第一行\n第二行 *重点* <b>x</b>" 拟投入资金 1,234.5 }
    绩效指标 { 产出指标 { 数量指标 { "成本率(实际/总*100%)"："<3起" } } }
}
`);
        const md = renderMarkdown(model);
        expect(md).toContain('| A\\|B | 第一行<br>第二行 \\*重点\\* \\<b>x\\</b> | 1,234.50 |');
        expect(md).toContain('| 产出指标 | 数量指标 | 成本率(实际/总\\*100%) | <3起 | <3起 |');
        expect(tables(md).every(t => t.rows.every(r => r.length === t.header.length))).toBe(true);
    });
});

describe('markdown: what the other tables show', () => {
    test('the 年度 beside 部门名称 when the title does not say it, as the workbook and the page print it', async () => {
        const md = renderMarkdown(await compileText(`部门整体 "测试单位" 年度 2024 { }
项目支出 "测试单位" 年度 2025 { }
部门整体 "测试单位" 年度 2024 { 标题 "测试单位2024年部门整体预算绩效目标申报表" }
`));
        expect(md).toContain('**部门名称**：测试单位　　年度：2024\n');
        expect(md).toContain('部门名称：测试单位　　年度：2025　　单位：万元\n');
        expect(md).toContain('# 测试单位2024年部门整体预算绩效目标申报表\n\n**部门名称**：测试单位\n');
    });

    test('entity text written in a name stays text (单位&amp;部门 is not shown as 单位&部门)', async () => {
        const md = renderMarkdown(await compileText(`部门整体 "单位&amp;部门&#38;&lt;" 年度 2024 { }
`));
        expect(md).toContain('**部门名称**：单位\\&amp;部门\\&#38;\\&lt;');
    });
});

describe('markdown: 预算整体情况', () => {
    test('a group not written is left out (label and amount), as in the workbook and the page', async () => {
        const md = renderMarkdown(await compileText(`部门整体 "测试单位" 年度 2024 {
    预算 { 部门预算支出 { 基本支出 1.00  项目支出 0.00 }  收入来源 { 财政拨款 1.00  其他资金 0.00 }  按预算级次划分 { 本级使用资金 1.00 } }
}
`));
        const budget = tables(md).find(t => t.header[0] === '部门预算支出')!;
        expect(budget.rows).toEqual([
            ['基本支出', '1.00', '财政拨款', '1.00'],
            ['项目支出', '0.00', '其他资金', '0.00'],
            ['', '', '**按预算级次划分**', '**预算金额（万元）**'],
            ['', '', '本级使用资金', '1.00'],
            ['', '', '拟用于对下转移支付资金', '']
        ]);
        expect(md).not.toContain('事业发展性支出');
    });
});
