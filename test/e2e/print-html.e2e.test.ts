import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** The sample compiled by the CLI, its model, and the text of each printed page. */
async function printed(sample: string): Promise<{ model: DeclarationFile; pages: string[] }> {
    const source = join(samplesDir, sample);
    for (const [to, out] of [['html', 'p.html'], ['json', 'p.json']]) {
        const r = runJxmb(['compile', source, '--to', to!, '-o', join(dir, out!), '--force']);
        expect(r.code, r.stderr).toBe(0);
    }
    const page = await browser.newPage();
    await page.goto(`file://${join(dir, 'p.html')}`);
    writeFileSync(join(dir, 'p.pdf'), await page.pdf({ format: 'A4', landscape: true }));
    await page.close();
    const text = execFileSync('pdftotext', [join(dir, 'p.pdf'), '-'], { encoding: 'utf8' });
    const pages = text.split('\f').filter(p => p.trim() !== '').map(p => p.replace(/\s+/g, ''));
    return { model: JSON.parse(readFileSync(join(dir, 'p.json'), 'utf8')) as DeclarationFile, pages };
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
});
