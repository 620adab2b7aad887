import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ReviewReport } from '../../language/review/report.js';
import { runJxmb } from '../helpers/run-cli.js';
import { seedsDir } from '../helpers/samples.js';

// The reviewer's HTML report (`check --report 报告.html`) printed on A4, as its @page asks: a table-text seed, whose
// places name the item of a 绩效指标 string (「第13行第7列（第 1 项「全年开展科普活动的次数」）」), and long codes
// (hierarchy/missing-quality-or-timeliness). Those cells did not wrap: the findings table ran off the right edge of
// the paper and squeezed the 说明 column to one character a line — 121 pages, one finding to a page.

let browser: Browser;
let dir: string;
let report: ReviewReport;

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jxmb-print-review-'));
    mkdirSync(join(dir, '收件'));
    copyFileSync(join(seedsDir, readdirSync(seedsDir).find(f => f.startsWith('002_'))!), join(dir, '收件', '广州.txt'));
    for (const to of ['html', 'json']) runJxmb(['check', join(dir, '收件'), '--report', join(dir, `报告.${to}`)]);
    report = JSON.parse(readFileSync(join(dir, '报告.json'), 'utf8'));
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
});

test('printed on A4, every table fits the paper and the 说明 column keeps room for its text', async () => {
    const findings = report.files[0]!.findings;
    expect(findings.length).toBeGreaterThan(50);
    expect(findings.some(f => f.place.text.length > 25)).toBe(true);
    const page = await browser.newPage();
    try {
        // A4 (210 mm) less the page's 12 mm margins, at 96 px to the inch: the width printing lays the page out in.
        await page.setViewportSize({ width: Math.floor((210 - 24) / 25.4 * 96), height: 1000 });
        await page.emulateMedia({ media: 'print' });
        await page.goto(`file://${join(dir, '报告.html')}`);
        // A string, as the other print test: the page's DOM is not in this project's TypeScript libraries.
        const layout = await page.evaluate(`(() => {
            const body = document.body.getBoundingClientRect();
            const over = [...document.querySelectorAll('table')].filter(t => t.getBoundingClientRect().right > body.right + 1).length;
            const em = parseFloat(getComputedStyle(document.body).fontSize);
            const narrowest = Math.min(...[...document.querySelectorAll('section table:not(.notes) tbody tr')]
                .map(row => row.children[2].getBoundingClientRect().width / em));
            return { over, narrowest };
        })()`) as { over: number; narrowest: number };
        expect(layout.over).toBe(0);
        expect(layout.narrowest).toBeGreaterThan(15);
        // And the PDF Chromium prints: a few findings a page, not one.
        const pdf = join(dir, '报告.pdf');
        writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true }));
        const pages = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).split('\f').filter(p => p.trim() !== '');
        expect(pages.length).toBeLessThan(findings.length / 3);
    } finally {
        await page.close();
    }
});
