import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runJxmb } from '../helpers/run-cli.js';
import { openFile, repo, screenshot, startEditor, type Editor } from './code-server.js';

// A person's day with a seed sample in a real VS Code with the packaged extension: the Problems panel agrees with
// `jxmb check`, a vague value is fixed from the lightbulb. One editor for the whole story, in order.

const sampleName = '000-nansha-kexie.jxmb';
const sampleText = readFileSync(join(repo, 'samples', sampleName), 'utf8');
let editor: Editor;

beforeAll(async () => {
    editor = await startEditor({ [sampleName]: sampleText });
    await openFile(editor.page, sampleName);
});
afterAll(async () => {
    await editor?.stop();
});

interface Counts { errors: number; warnings: number; infos: number }

/** What the status bar's problems item says (its label reads "Errors: 2, Warnings: 13, Infos: 3" or "No Problems"). */
async function statusCounts(): Promise<Counts> {
    const label = await editor.page.locator('[id="status.problems"]').getAttribute('aria-label') ?? '';
    const count = (word: string) => Number(new RegExp(`${word}: (\\d+)`).exec(label)?.[1] ?? 0);
    return { errors: count('Errors'), warnings: count('Warnings'), infos: count('Infos') };
}

function checkCounts(file: string): Counts {
    const result = runJxmb(['check', '--format', 'json', file]);
    const findings = (JSON.parse(result.stdout) as { findings: Array<{ severity: string }> }).findings;
    const count = (severity: string) => findings.filter(f => f.severity === severity).length;
    return { errors: count('error'), warnings: count('warning'), infos: count('info') };
}

function lineOf(text: string, needle: string): number {
    return text.split('\n').findIndex(l => l.includes(needle)) + 1;
}

describe('a seed sample in VS Code', () => {
    test('the Problems counts equal jxmb check for the same file', async () => {
        const expected = checkCounts(join(repo, 'samples', sampleName));
        expect(expected.warnings).toBeGreaterThan(0);
        await expect.poll(statusCounts, { timeout: 60_000, interval: 1000 }).toEqual(expected);
        // Stable: no second publication doubles them a moment later.
        await editor.page.waitForTimeout(3000);
        expect(await statusCounts()).toEqual(expected);
        await editor.page.keyboard.press('Control+Shift+M');
        const fileRow = editor.page.locator('.markers-panel .monaco-tl-row', { hasText: sampleName }).first();
        await expect.poll(() => fileRow.locator('.monaco-count-badge').textContent(), { timeout: 30_000 })
            .toBe(String(expected.errors + expected.warnings + expected.infos));
        await screenshot(editor.page, 'seed-problems.png');
    });

    test('the lightbulb rewrites a vague value and its warning goes', async () => {
        const before = await statusCounts();
        // Put the cursor into the vague value the way a person does: click on it.
        await editor.page.keyboard.press('Control+1');
        const line = lineOf(sampleText, '"科普公共服务能力"："提升"');
        await editor.page.keyboard.press('Control+G');
        await editor.page.keyboard.type(String(line));
        await editor.page.keyboard.press('Enter');
        await editor.page.locator('.monaco-editor .view-line', { hasText: '科普公共服务能力' }).locator('span', { hasText: '提升' }).last().click();
        await editor.page.locator('[id="status.editor.selection"]', { hasText: `Ln ${line},` }).waitFor({ timeout: 30_000 });
        await editor.page.keyboard.press('Control+.');
        const fixes = editor.page.locator('.action-widget .monaco-list-row');
        await fixes.first().waitFor({ timeout: 30_000 });
        const titles = await fixes.allTextContents();
        await screenshot(editor.page, 'seed-quickfix-menu.png');
        expect(titles.some(t => t.includes('改写为'))).toBe(true);
        // The count rewrite fits this 社会效益 indicator; its number is a tab stop the person types over.
        await fixes.filter({ hasText: '人次' }).first().click();
        await editor.page.keyboard.type('20000');
        await editor.page.keyboard.press('Escape');
        const lineText = editor.page.locator('.monaco-editor .view-line', { hasText: '科普公共服务能力' });
        await expect.poll(() => lineText.textContent(), { timeout: 30_000 }).toContain('≥20000人次');
        await expect.poll(statusCounts, { timeout: 60_000, interval: 1000 }).toEqual({ ...before, warnings: before.warnings - 1 });
        await screenshot(editor.page, 'seed-quickfix-applied.png');
    });
});
