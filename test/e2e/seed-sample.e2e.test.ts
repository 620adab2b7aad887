import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import { runJxmb } from '../helpers/run-cli.js';
import { gesture, openFile, repo, runCommand, screenshot, startEditor, type Editor } from './code-server.js';

// A person's day with a seed sample in a real VS Code with the packaged extension: the Problems panel agrees with
// `jxmb check`, a vague value is fixed from the lightbulb. One editor for the whole story, in order.

const sampleName = '000-nansha-kexie.jxmb';
const sampleText = readFileSync(join(repo, 'samples', sampleName), 'utf8');
// Another declaration in the workspace: a 数量指标 name of its own that completion should offer, and a task whose
// promises no indicator measures yet, for the drafter.
const otherText = '部门整体 "另一单位" 年度 2024 {\n    任务 "科普讲座经费" {\n        主要实施内容 "举办科普讲座不少于12场次，发放科普资料3000份。"\n        拟投入资金 10.00\n    }\n    绩效指标 {\n        产出指标 {\n            数量指标 {\n                "编印科普挂图数量"：≥500张\n            }\n        }\n    }\n}\n';
let editor: Editor;

beforeAll(async () => {
    // The folder is opened with no file in an editor, as a reviewer opens the submissions.
    editor = await startEditor({ [sampleName]: sampleText, 'other.jxmb': otherText });
});
beforeEach(context => {
    // A picture of the editor as it was when a step failed, for the person reading the failure.
    onTestFailed(async () => screenshot(editor.page, `failed-${context.task.name.slice(0, 40)}.png`));
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

/** `jxmb check` of the same files, run as a user runs it. */
function checkCounts(...files: string[]): Counts {
    const result = runJxmb(['check', '--format', 'json', ...files]);
    const findings = (JSON.parse(result.stdout) as { findings: Array<{ severity: string }> }).findings;
    const count = (severity: string) => findings.filter(f => f.severity === severity).length;
    return { errors: count('error'), warnings: count('warning'), infos: count('info') };
}

/** Puts the cursor on a line with the editor's own Go to Line, and waits until the editor has it again. */
async function goToLine(line: number): Promise<void> {
    const input = editor.page.locator('.quick-input-widget input');
    await gesture(editor.page, async () => {
        await editor.page.keyboard.press('Control+1');
        await editor.page.keyboard.press('Control+G');
        await input.waitFor({ timeout: 30_000 });
        await input.fill(`:${line}`);
        await editor.page.locator('.quick-input-list .monaco-list-row', { hasText: `line ${line}` }).first().waitFor({ timeout: 30_000 });
        await editor.page.keyboard.press('Enter');
    }, () => editor.page.locator('[id="status.editor.selection"]', { hasText: `Ln ${line},` }).waitFor({ timeout: 10_000 }));
    await editor.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 30_000 });
}

function lineOf(text: string, needle: string): number {
    return text.split('\n').findIndex(l => l.includes(needle)) + 1;
}

describe('a seed sample in VS Code', () => {
    test('opening the folder checks its tables before any is opened: the Problems counts equal jxmb check', async () => {
        const sample = checkCounts(join(editor.workspace, sampleName));
        const workspace = checkCounts(join(editor.workspace, sampleName), join(editor.workspace, 'other.jxmb'));
        expect(sample.warnings).toBeGreaterThan(0);
        // The status bar counts the whole workspace; the Problems panel counts each file.
        await expect.poll(statusCounts, { timeout: 60_000, interval: 1000 }).toEqual(workspace);
        expect(await editor.page.locator('.monaco-editor .view-line').count()).toBe(0); // still no file open
        await openFile(editor.page, sampleName);
        // Stable: opening the file, or a second publication, does not double them a moment later.
        await editor.page.waitForTimeout(3000);
        expect(await statusCounts()).toEqual(workspace);
        await editor.page.keyboard.press('Control+Shift+M');
        const fileRow = editor.page.locator('.markers-panel .monaco-tl-row', { hasText: sampleName }).first();
        await expect.poll(() => fileRow.locator('.monaco-count-badge').textContent(), { timeout: 30_000 })
            .toBe(String(sample.errors + sample.warnings + sample.infos));
        await screenshot(editor.page, 'seed-problems.png');
    });

    test('the editor colours keywords, names, numbers and comments apart', async () => {
        const line = editor.page.locator('.monaco-editor .view-line', { hasText: '部门整体 "广州市南沙区科学技术协会"' });
        const colourOf = (text: string) => line.locator('span > span', { hasText: text }).first().getAttribute('class');
        const comment = editor.page.locator('.monaco-editor .view-line', { hasText: 'Interpretation choices' }).locator('span > span').first();
        // VS Code colours a line a moment after showing it.
        const classes = async () => [await colourOf('部门整体'), await colourOf('广州市南沙区科学技术协会'), await colourOf('2024'), await comment.getAttribute('class')];
        await expect.poll(async () => new Set(await classes()).size, { timeout: 30_000 }).toBe(4);
    });

    test('a jxmb.yaml put into the folder applies at once, as jxmb check applies it; removed, the counts come back', async () => {
        const files = [join(editor.workspace, sampleName), join(editor.workspace, 'other.jxmb')];
        const before = checkCounts(...files);
        const config = join(editor.workspace, 'jxmb.yaml');
        writeFileSync(config, 'severity:\n  measurability/vague-value: off\n  hierarchy/empty-level2: warning\n');
        const configured = checkCounts(...files);
        expect(configured).not.toEqual(before);
        await expect.poll(statusCounts, { timeout: 60_000, interval: 1000 }).toEqual(configured);
        rmSync(config);
        await expect.poll(statusCounts, { timeout: 60_000, interval: 1000 }).toEqual(before);
    });

    test('the lightbulb rewrites a vague value and its warning goes', async () => {
        const before = await statusCounts();
        // Put the cursor into the vague value the way a person does: click on it.
        const line = lineOf(sampleText, '"科普公共服务能力"："提升"');
        await goToLine(line);
        const fixes = editor.page.locator('.action-widget .monaco-list-row');
        await gesture(editor.page, async () => {
            await editor.page.locator('.monaco-editor .view-line', { hasText: '科普公共服务能力' }).locator('span', { hasText: '提升' }).last().click();
            await editor.page.locator('[id="status.editor.selection"]', { hasText: `Ln ${line},` }).waitFor({ timeout: 30_000 });
            await editor.page.keyboard.press('Control+.');
        }, () => fixes.first().waitFor({ timeout: 15_000 }));
        const titles = await fixes.allTextContents();
        await screenshot(editor.page, 'seed-quickfix-menu.png');
        expect(titles.some(t => t.includes('改写为'))).toBe(true);
        // A capacity (能力) is measured by its change on last year; the rate and the baseline are tab stops the person
        // types over, one after the other.
        await fixes.filter({ hasText: '较上年提升' }).first().click();
        await editor.page.keyboard.type('5');
        await editor.page.keyboard.press('Tab');
        await editor.page.keyboard.type('120');
        await editor.page.keyboard.press('Escape');
        const lineText = editor.page.locator('.monaco-editor .view-line', { hasText: '科普公共服务能力' });
        await expect.poll(() => lineText.textContent(), { timeout: 30_000 }).toContain('较上年提升≥5%（基数120）');
        await expect.poll(statusCounts, { timeout: 60_000, interval: 1000 }).toEqual({ ...before, warnings: before.warnings - 1 });
        await screenshot(editor.page, 'seed-quickfix-applied.png');
    });

    test('completion offers the names of the 二级 the cursor is in, found by pinyin initials', async () => {
        const line = lineOf(sampleText, '数量指标 {');
        await goToLine(line);
        await editor.page.keyboard.press('End');
        await editor.page.keyboard.press('Enter');
        await editor.page.locator('[id="status.editor.selection"]', { hasText: `Ln ${line + 1},` }).waitFor({ timeout: 30_000 });
        await editor.page.keyboard.press('Control+Space');
        const rows = editor.page.locator('.suggest-widget .monaco-list-row');
        await rows.first().waitFor({ timeout: 30_000 });
        const offered = await rows.allTextContents();
        await screenshot(editor.page, 'seed-completion-names.png');
        expect(offered.join('\n')).toContain('编印科普挂图数量'); // used in the workspace under 数量指标
        expect(offered.join('\n')).toContain('举办活动场次'); // RULES §5, 数量指标
        expect(offered.join('\n')).not.toContain('服务对象满意度'); // another 二级's name
        await editor.page.keyboard.type('jbhd');
        await expect.poll(async () => (await rows.first().textContent()) ?? '', { timeout: 30_000 }).toContain('举办活动场次');
        await screenshot(editor.page, 'seed-completion-pinyin.png');
        await editor.page.keyboard.press('Enter');
        const lineText = editor.page.locator('.monaco-editor .view-line', { hasText: '举办活动场次' });
        await expect.poll(() => lineText.textContent(), { timeout: 30_000 }).toMatch(/"举办活动场次"[：:]/);
        // The value follows the colon the completion put there.
        await editor.page.keyboard.press('Escape');
        await editor.page.keyboard.type('≥3场次');
        await editor.page.keyboard.press('Escape');
        await expect.poll(() => lineText.textContent(), { timeout: 30_000 }).toMatch(/"举办活动场次"[：:]≥3场次/);
    });

    test('导出 Excel writes the official table next to the file', async () => {
        await runCommand(editor.page, 'jxmb: Export Excel');
        const xlsx = join(editor.workspace, sampleName.replace(/\.jxmb$/, '.xlsx'));
        await expect.poll(() => existsSync(xlsx), { timeout: 60_000, interval: 500 }).toBe(true);
        await screenshot(editor.page, 'seed-export-excel.png');
        // The exported table is the edited text: the indicator typed a moment ago is in it.
        const workbook = new ExcelJS.Workbook();
        await expect.poll(async () => {
            try {
                await workbook.xlsx.readFile(xlsx);
            } catch {
                return ''; // still being written
            }
            const cells: string[] = [];
            workbook.eachSheet(sheet => sheet.eachRow(row => row.eachCell(cell => {
                if (typeof cell.value === 'string') cells.push(cell.value);
            })));
            return cells.join('\n');
        }, { timeout: 30_000, interval: 500 }).toContain('举办活动场次');
    });

    test('起草绩效指标 proposes indicators for a task, shows them, and adds them once accepted', async () => {
        await openFile(editor.page, 'other.jxmb');
        await goToLine(lineOf(otherText, '主要实施内容'));
        await runCommand(editor.page, 'jxmb: Draft Performance Indicators');
        const proposals = editor.page.locator('.quick-input-list .monaco-list-row');
        await expect.poll(async () => (await proposals.allTextContents()).join('\n'), { timeout: 60_000 }).toContain('12');
        await screenshot(editor.page, 'draft-proposals.png');
        await editor.page.keyboard.press('Enter');
        // The preview: nothing is written before the person accepts it.
        await editor.page.locator('.monaco-diff-editor').first().waitFor({ timeout: 60_000 });
        await screenshot(editor.page, 'draft-preview.png');
        expect(readFileSync(join(editor.workspace, 'other.jxmb'), 'utf8')).toBe(otherText);
        await runCommand(editor.page, 'jxmb: Apply Drafted Indicators');
        await openFile(editor.page, 'other.jxmb');
        const drafted = editor.page.locator('.monaco-editor .view-line', { hasText: '≥12场次' });
        await drafted.first().waitFor({ timeout: 60_000 });
        await screenshot(editor.page, 'draft-applied.png');
    });
});
