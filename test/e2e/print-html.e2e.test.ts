import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DeclarationFile, DepartmentDeclaration } from '../../language/compile/model.js';
import { indicatorHeaders } from '../../language/compile/sheet.js';
import { runJxmb } from '../helpers/run-cli.js';
import { samplesDir } from '../helpers/samples.js';

// `jxmb compile --to html` printed as a person prints it: Chromium (the e2e tools' Debian package) to an A4
// landscape PDF, whose text per page (pdftotext, poppler-utils) shows what is on each sheet of paper.

let browser: Browser;
let dir: string;

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jxmb-print-'));
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
});

const printedFiles = new Map<string, Promise<{ model: DeclarationFile; pages: string[] }>>();

/** A sample (or a file) compiled by the CLI, its model, and the text of each printed page, white space removed. */
function printed(sample: string): Promise<{ model: DeclarationFile; pages: string[] }> {
    if (!printedFiles.has(sample)) printedFiles.set(sample, print(resolve(samplesDir, sample)));
    return printedFiles.get(sample)!;
}

async function print(source: string): Promise<{ model: DeclarationFile; pages: string[] }> {
    const out = join(dir, basename(source, '.jxmb'));
    for (const to of ['html', 'json']) {
        const r = runJxmb(['compile', source, '--to', to, '-o', `${out}.${to}`, '--force']);
        expect(r.code, r.stderr).toBe(0);
    }
    const page = await browser.newPage();
    await page.goto(`file://${out}.html`);
    writeFileSync(`${out}.pdf`, await page.pdf({ format: 'A4', landscape: true }));
    await page.close();
    const text = execFileSync('pdftotext', [`${out}.pdf`, '-'], { encoding: 'utf8' });
    const pages = text.split('\f').filter(p => p.trim() !== '').map(p => p.replace(/\s+/g, ''));
    return { model: JSON.parse(readFileSync(`${out}.json`, 'utf8')) as DeclarationFile, pages };
}

describe('print HTML in Chromium', () => {
    test.each(['004-guangzhou-kexie-2022.jxmb', '000-nansha-kexie.jxmb'])('%s: every page of the 绩效指标 block starts with its header and names 一级 and 二级', async sample => {
        const { model, pages } = await printed(sample);
        // One 部门整体 table that ends with its 绩效指标 block: every page from the block's first to the last holds rows of it.
        expect(model.declarations).toHaveLength(1);
        const d = model.declarations[0] as DepartmentDeclaration;
        expect(d.kind).toBe('department');
        expect(d.remark).toBeNull();
        const headers = indicatorHeaders(d.singleValueColumn);
        const first = pages.findIndex(p => p.includes(headers[0]!));
        const block = pages.slice(first);
        expect(first).toBeGreaterThanOrEqual(0);
        expect(block.length).toBeGreaterThan(1); // the block continues over a page break, or this proves nothing
        const groups = d.indicators.flatMap(list => list.groups);
        const level1 = groups.map(g => g.name);
        const level2 = groups.flatMap(g => g.blocks.map(b => b.name));
        block.forEach((page, i) => {
            const where = `${sample} 第 ${first + i + 1} 页`;
            for (const header of headers) expect(page, where).toContain(header.replace(/\s+/g, ''));
            expect(level1.some(name => page.includes(name)), `${where}：没有一级指标名称`).toBe(true);
            expect(level2.some(name => page.includes(name)), `${where}：没有二级指标名称`).toBe(true);
        });
    });

    test('004: the 年度重点工作任务 header is printed on the page where its first task starts', async () => {
        const { model, pages } = await printed('004-guangzhou-kexie-2022.jxmb');
        const d = model.declarations[0] as DepartmentDeclaration;
        const page = pages.find(p => p.includes('期望达到的目标（概述）'))!;
        // a line of the PDF's text is a line of the page, across the cells: the name's first line
        expect(page).toContain(d.tasks[0]!.name.slice(0, 4));
    });

    test('a 总体绩效目标 longer than a page starts on the first page, right under the budget, and breaks where the page ends', async () => {
        const goal = Array.from({ length: 150 }, (_, i) => `${i + 1}、围绕全民科学素质提升开展科普宣传活动。`).join('').slice(0, 3000);
        writeFileSync(join(dir, 'long.jxmb'), `部门整体 "单位" 年度 2024 {
    预算 { 部门预算支出 { 基本支出 1.00 项目支出 1.00 } 收入来源 { 财政拨款 2.00 其他资金 空 } }
    总体绩效目标 "${goal}"
    任务 "任务甲" { 主要实施内容 "开展活动" 拟投入资金 1.00 期望目标 "完成" }
    绩效指标 { 产出指标 { 数量指标 { "活动场次"：≥1场次 } } }
}
`);
        const { pages } = await printed(join(dir, 'long.jxmb'));
        // a line of the PDF's text is a line of the page, across the cells: short pieces, each on one line
        expect(pages[0]).toContain('总体绩效');
        expect(pages[0]).toContain('1、围绕全民');
        expect(pages[0]).toContain('。30、围绕'); // most of the first page is the goal, not blank
        expect(pages[1]).toContain('。100、围绕');
    });

    test('amounts up to 15 digits stay inside their cells, right-aligned with room before the border', async () => {
        const funds = (amount: string) => `资金 { 总计 ${amount} 财政拨款 ${amount} 财政专户拨款 空 其他资金 空 }`;
        writeFileSync(join(dir, 'amounts.jxmb'), `项目支出 "大额测试局" 年度 2024 {
    合计 { 总计 123,456,789,012.34 财政拨款 123,456,789,012.34 }
    单位 "大额测试局" {
        ${funds('255,883.39')}
        项目 "大项目" { ${funds('123,456,789,012.34')} 绩效目标 "完成。" }
        项目 "最大项目" { 资金 { 总计 999,999,999,999,999.00 财政拨款 999,999,999,999,999.00 财政专户拨款 999,999,999,999,999.00 其他资金 999,999,999,999,999.00 } }
    }
}
`);
        expect(runJxmb(['compile', join(dir, 'amounts.jxmb'), '--to', 'html', '-o', join(dir, 'amounts.html'), '--force']).code).toBe(0);
        const page = await browser.newPage({ viewport: { width: 1047, height: 800 } }); // 277 mm: A4 landscape less the margins
        await page.emulateMedia({ media: 'print' });
        await page.goto(`file://${join(dir, 'amounts.html')}`);
        // mm between each amount's text and its cell's edges (a script in the page: the tests are typed without the DOM)
        const gaps = await page.evaluate(`[...document.querySelectorAll('td.amount')].filter(td => td.textContent).map(td => {
            const range = document.createRange();
            range.selectNodeContents(td);
            const text = range.getBoundingClientRect();
            const cell = td.getBoundingClientRect();
            return { amount: td.textContent, left: (text.left - cell.left) * 25.4 / 96, right: (cell.right - text.right) * 25.4 / 96 };
        })`) as Array<{ amount: string; left: number; right: number }>;
        await page.close();
        expect(gaps).toHaveLength(10);
        for (const { amount, left, right } of gaps) {
            expect(left, amount).toBeGreaterThan(1);
            expect(right, amount).toBeGreaterThan(2);
            expect(right, amount).toBeLessThan(3); // right-aligned
        }
    });
});

