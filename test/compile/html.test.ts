import { describe, expect, test } from 'vitest';
import { flatIndicators } from '../../language/compile/flat.js';
import { escapeHtml, renderHtml } from '../../language/compile/html.js';
import type { DeclarationFile, DepartmentDeclaration } from '../../language/compile/model.js';
import { formatAmount } from '../../language/compile/numbers.js';
import { TABLE_MM } from '../../language/compile/html-layout.js';
import { indicatorHeaders } from '../../language/compile/sheet.js';
import { compileText, indicatorsOf, sampleModels } from './compiled.js';

const VOID = new Set(['meta', 'col', 'br', 'link', 'img', 'hr', 'input', 'wbr']);

/**
 * Well-formedness as far as these documents go: every tag closed in order, attributes quoted, and no `<` or `>`
 * left in text once the tags are taken out (so every text was escaped). Returns the problems found.
 */
function wellFormedProblems(html: string): string[] {
    const problems: string[] = [];
    if (!html.startsWith('<!DOCTYPE html>')) problems.push('no doctype');
    const body = html.replace('<!DOCTYPE html>', '').replace(/<style>[\s\S]*?<\/style>/, '<style></style>');
    const stack: string[] = [];
    const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>/g;
    let text = '';
    let last = 0;
    for (const m of body.matchAll(tag)) {
        text += body.slice(last, m.index);
        last = m.index! + m[0].length;
        const [, closing, name] = m;
        const lower = name!.toLowerCase();
        if (VOID.has(lower)) continue;
        if (!closing) stack.push(lower);
        else if (stack.pop() !== lower) problems.push(`</${lower}> closes the wrong element`);
    }
    text += body.slice(last);
    if (stack.length) problems.push(`unclosed: ${stack.join(', ')}`);
    if (/[<>]/.test(text)) problems.push(`raw < or > in text: ${text.match(/.{0,20}[<>].{0,20}/)![0]}`);
    return problems;
}

/** The text a reader sees. */
function visibleText(html: string): string {
    return html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, '\n')
        .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

function expectShows(html: string, model: DeclarationFile): void {
    const text = visibleText(html);
    for (const d of model.declarations) {
        expect(text).toContain(d.unit);
        if (d.kind === 'department') {
            for (const task of d.tasks) {
                expect(text).toContain(task.name);
                if (task.amount !== null) expect(text).toContain(formatAmount(task.amount));
            }
            for (const x of indicatorsOf(d.indicators)) {
                expect(text).toContain(x.name);
                for (const v of [x.period, x.annual]) if (v) expect(text).toContain(v.text.split('\n')[0]);
            }
        } else {
            for (const project of d.spendingUnits.flatMap(u => u.projects)) {
                expect(text).toContain(project.name);
                expect(text).toContain(flatIndicators(project.indicators));
                for (const x of indicatorsOf(project.indicators)) expect(text).toContain(x.name);
            }
        }
    }
}

/** The table of the 绩效指标 block: the one whose header names 一级指标. */
function indicatorTable(html: string): string {
    const table = html.match(/<table\b[^>]*>(?:(?!<\/table>)[\s\S])*?<th class="header" scope="col">一级指标<\/th>[\s\S]*?<\/table>/);
    if (!table) throw new Error('no 绩效指标 table');
    return table[0];
}

/** The texts of a row's cells. */
function cellTexts(row: string): string[] {
    return [...row.matchAll(/<t[dh]\b[^>]*>(.*?)<\/t[dh]>/g)].map(m => m[1]!.replace(/<[^>]+>/g, ''));
}

/** The 一级 and 二级 each row of the 绩效指标 block belongs to, as the model has them. */
function levelNames(d: DepartmentDeclaration): string[][] {
    return d.indicators.flatMap(list => list.groups).flatMap(group => group.blocks.length === 0
        ? [[group.name, '']]
        : group.blocks.flatMap(block => Array.from({ length: Math.max(1, block.indicators.length) }, () => [group.name, block.name])));
}

describe('html: every sample', async () => {
    const samples = await sampleModels();
    const departmentSamples = samples.filter(s => s.model.declarations[0]?.kind === 'department');
    test.each(samples.map(s => [s.sample, s.model] as const))('%s: well-formed, print-ready, shows every indicator', (_sample, model) => {
        const html = renderHtml(model);
        expect(wellFormedProblems(html)).toEqual([]);
        expect(html).toContain('<meta charset="utf-8">');
        expect(html).toMatch(/@page \{ size: A4 landscape;/);
        expect(html).toMatch(/font-family: "SimSun", "宋体", .*"Noto Serif CJK SC"/);
        expect(html).not.toMatch(/<script|<link|src=|url\(/);          // self-contained, no scripts
        expect(html.match(/<section class="sheet/g)).toHaveLength(model.declarations.length);
        expectShows(html, model);
    });

    test('部门整体: the 绩效指标 header is the <thead> of the block\'s own table, so it repeats on every printed page', () => {
        expect(departmentSamples.length).toBeGreaterThanOrEqual(4);
        for (const { sample, model } of departmentSamples) {
            const d = model.declarations[0] as DepartmentDeclaration;
            const heads = indicatorHeaders(d.singleValueColumn).map(h => `<th class="header" scope="col">${h}</th>`).join('');
            const table = indicatorTable(renderHtml(model));
            expect(table, sample).toMatch(new RegExp(`^<table class="block">\n<colgroup>.*</colgroup>\n<thead>\n`
                + `<tr><th class="label" scope="row">绩效指标</th>${heads}</tr>\n</thead>\n<tbody>\n`));
        }
    });

    test('部门整体: every indicator row names its 一级 and 二级 itself (no cell spans rows across a page break)', () => {
        for (const { sample, model } of departmentSamples) {
            const d = model.declarations[0] as DepartmentDeclaration;
            const table = indicatorTable(renderHtml(model));
            expect(table, sample).not.toContain('rowspan');
            const rows = [...table.split('<tbody>')[1]!.matchAll(/<tr\b[^>]*>(.*?)<\/tr>/g)].map(m => cellTexts(m[1]!));
            expect(rows.map(r => r.slice(1, 3)), sample).toEqual(levelNames(d));
            expect(rows.every(r => r[0] === ''), sample).toBe(true); // the label column: 绩效指标 stands in the header
        }
    });

    test('部门整体: a 一级/二级 name repeated below its first row is muted, the rule between repeats dotted', () => {
        const html = renderHtml(samples.find(s => s.sample.startsWith('000'))!.model);
        const table = indicatorTable(html);
        expect(table).toContain('<tr><td class="filler"></td><td class="category">产出指标</td><td class="category">数量指标</td>');
        expect(table).toContain('<tr><td class="filler"></td><td class="category repeat">产出指标</td><td class="category repeat">数量指标</td>');
        expect(table).toContain('<td class="category repeat">产出指标</td><td class="category">时效指标</td>');
        expect(html).toContain('td.repeat { color: #767676; }');
        expect(html).toMatch(/td\.filler, td\.repeat \{ border-top: 0\.75pt dotted #999; \}/);
    });

    test('项目支出: the column header row is a <thead>, so it repeats on every printed page', () => {
        const model = samples.find(s => s.sample.startsWith('002'))!.model;
        const html = renderHtml(model);
        expect(html).toMatch(/<thead>\n<tr><th class="header" scope="col">项目名称（资金使用单位）<\/th>.*<th class="header" scope="col">绩效指标<\/th><\/tr>\n<\/thead>/);
        expect(html).toContain('<td class="amount">8,234.33</td>');
        expect(html).toContain('部门名称：广州市科学技术协会（本级）');
    });
});

describe('html escaping', () => {
    test('names, values and texts with < > & " are escaped, never markup', async () => {
        const model = await compileText(`部门整体 "A&B <单位>" 年度 2024 {
    总体绩效目标 "目标 <b>加粗</b> & \\"引号\\""
    任务 "<img src=x onerror=alert(1)>" { 主要实施内容 "第一行\n第二行" }
    绩效指标 { 效益指标 { 社会效益指标 {
        "<script>alert('x')</script>"："<3起 & >2次"
        "法律纠纷发生数"：< 3起
    } } }
}
`);
        const html = renderHtml(model);
        expect(wellFormedProblems(html)).toEqual([]);
        expect(html).not.toContain('<script>');
        expect(html).not.toContain('<img');
        expect(html).not.toContain('<b>');
        expect(html).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
        expect(html).toContain('&lt;3起 &amp; &gt;2次');
        expect(html).toContain('>&lt;3起<');
        expect(html).toContain('A&amp;B &lt;单位&gt;');
        expect(html).toContain('<p>第一行</p><p>第二行</p>');
        expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
    });

    test('a <p>…</p> wrapper from the finance system (RULES Q2) becomes paragraphs; other tags stay text', async () => {
        const model = await compileText('部门整体 "单位" 年度 2024 { 总体绩效目标 "<p>1、第一段</p> <p>2、第二段<br></p>" }\n');
        const html = renderHtml(model);
        expect(html).toContain('<p>1、第一段</p><p>2、第二段&lt;br&gt;</p>');
    });
});

describe('html: the budget year', () => {
    test('a table whose title does not name the year says 年度 beside it, as the workbook does', async () => {
        for (const kind of ['部门整体', '项目支出']) {
            const untitled = visibleText(renderHtml(await compileText(`${kind} "单位" 年度 2024 { }\n`)));
            expect(untitled).toContain('年度：2024');
            const titled = visibleText(renderHtml(await compileText(`${kind} "单位" 年度 2024 { 标题 "2024年${kind}绩效目标表" }\n`)));
            expect(titled).toContain('2024年');
            expect(titled).not.toContain('年度：');
            const yearless = visibleText(renderHtml(await compileText(`${kind} "单位" { }\n`)));
            expect(yearless).not.toContain('年度：');
        }
    });
});

describe('html: page breaks', async () => {
    const samples = await sampleModels();
    const goal = (length: number) => '围绕全民科学素质提升开展科普宣传活动。'.repeat(Math.ceil(length / 19)).slice(0, length);
    const department = (text: string) => compileText(`部门整体 "单位" 年度 2024 {
    预算 {
        部门预算支出 { 基本支出 1.00 项目支出 1.00 } 收入来源 { 财政拨款 2.00 其他资金 空 }
        事业发展性支出 { 财政专项资金 0.00 其他事业发展性支出 0.00 } 按预算级次划分 { 区本级使用资金 2.00 拟用于对下转移支付资金 0.00 }
    }
    总体绩效目标 "${text}"
    任务 "任务甲" { 主要实施内容 "开展活动" 拟投入资金 1.00 期望目标 "完成" }
    绩效指标 { 产出指标 { 数量指标 { "活动场次"：≥1场次 } } }
}
`);

    test('a row taller than a third of a page may break where the page ends; shorter rows are kept whole', async () => {
        const long = renderHtml(await department(goal(3000)));
        expect(long).toContain('<tr class="breakable"><th class="label" scope="row">总体绩效目标</th>');
        expect(long).toContain('<tr><th class="label" scope="row">部门名称</th>');
        expect(long).toContain('<tr><td class="filler"></td><td class="text">任务甲</td>');
        expect(renderHtml(await department(goal(200)))).toContain('<tr><th class="label" scope="row">总体绩效目标</th>');
        expect(long).toContain('tr, tbody.keep { break-inside: avoid; }\ntr.breakable { break-inside: auto; }\ntr.breakable > * { vertical-align: top; }');
        expect(long).not.toContain(':has(');
    });

    test('预算整体情况 is one <tbody> kept on one page', async () => {
        const html = renderHtml(await department(goal(3000)));
        expect(html).toMatch(/<tbody class="keep">\n<tr><th class="label" scope="row" rowspan="6">预算整体情况<\/th>(?:(?!<\/tbody>)[\s\S])*其他事业发展性支出/);
    });

    test('a header row stays with the first row under it: 年度重点工作任务 is a <thead>, and a heading is not left at a page end', () => {
        const html = renderHtml(samples.find(s => s.sample.startsWith('004'))!.model);
        expect(html).toMatch(/<table class="block">\n<colgroup>.*<\/colgroup>\n<thead>\n<tr><th class="label" scope="row">年度重点工作任务<\/th><th class="header" scope="col">名称<\/th>.*<\/tr>\n<\/thead>\n<tbody>\n<tr class="breakable"><td class="filler"><\/td><td class="text">五、发展高等职业教育<\/td>/);
        expect(html).toContain('h1, .caption, thead { break-after: avoid; }');
    });

    test('项目支出: a short row is kept whole, a long one may break', () => {
        const html = renderHtml(samples.find(s => s.sample.startsWith('002'))!.model);
        expect(html).toContain('<tr><td class="strong">合计</td>');
        expect(html).toMatch(/<tr class="breakable"><td class="text indent1">科普经费<\/td>/);
        expect(html).not.toContain('.project tbody tr { break-inside: auto; }');
    });
});

describe('html: amount columns', () => {
    /** The printed widths of a sheet's columns in mm (the <col> percentages of the table's width). */
    const colsMm = (html: string) => [...html.matchAll(/<col style="width: ([\d.]+)%">/g)].map(m => Number(m[1]) * TABLE_MM / 100);
    const projects = (amount: string, columns: string[]) => compileText(`项目支出 "大额测试局" 年度 2024 {
    合计 { ${columns.map(c => `${c} ${amount}`).join(' ')} }
    单位 "大额测试局" {
        资金 { ${columns.map(c => `${c} ${amount}`).join(' ')} }
        项目 "大项目" { 资金 { ${columns.map(c => `${c} ${amount}`).join(' ')} } 绩效目标 "完成。" }
    }
}
`);

    test('a column is as wide as its longest amount with padding; the text columns give up the room', async () => {
        const html = renderHtml(await projects('123,456,789,012.34', ['总计', '财政拨款']));
        const cols = colsMm(html.slice(0, html.indexOf('</colgroup>')));
        // Chromium draws 123,456,789,012.34 33.9 mm wide in the font stack; 2.4 mm right and 1.6 mm left padding
        expect(cols[1]).toBeGreaterThanOrEqual(33.9 + 4);
        expect(cols[2]).toBeGreaterThanOrEqual(33.9 + 4);
        expect(cols.reduce((a, b) => a + b, 0)).toBeCloseTo(TABLE_MM, 0);
        expect(cols[3]).toBeGreaterThanOrEqual(TABLE_MM * 15 / 204 - 0.01); // an amount column never narrower than on the workbook
        expect(html).toContain('<td class="amount">123,456,789,012.34</td>');
        expect(html).toContain('td.amount { padding-right: 2.4mm; }');
    });

    test('255,883.39 (a city\'s 合计) no longer touches the border: its column leaves the padding', async () => {
        const cols = colsMm(renderHtml(await projects('255,883.39', ['总计'])));
        expect(cols[1]).toBeGreaterThanOrEqual(19.1 + 4); // Chromium: 19.1 mm of digits, then the padding
    });

    test('amounts too long for half the table wrap after a thousands separator rather than overprint the next column', async () => {
        const html = renderHtml(await projects('999,999,999,999,999.00', ['总计', '财政拨款', '财政专户拨款', '其他资金']));
        const cols = colsMm(html);
        expect(cols.slice(1, 5).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(TABLE_MM / 2 + 0.1);
        expect(html).toContain('<td class="amount long">999,<wbr>999,<wbr>999,<wbr>999,<wbr>999.00</td>');
        expect(html).toContain('td.amount.long { white-space: normal;');
        expect(visibleText(html).replace(/\n/g, '')).toContain('999,999,999,999,999.00');
    });
});
