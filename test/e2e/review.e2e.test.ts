import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import { runJxmb } from '../helpers/run-cli.js';
import { readSample, samplesDir } from '../helpers/samples.js';
import { answerDialog, runCommand, screenshot, startEditor, type Editor } from './code-server.js';

// 生成审核报告 in a real VS Code with the packaged extension: a reviewer picks the folder of submissions in the folder
// dialog, accepts the report's proposed place, and gets the page `jxmb check . --report` writes for that folder, with
// a message that sums it up.

let editor: Editor;
const reportName = '审核报告.html';

beforeAll(async () => {
    editor = await startEditor({ '南沙.jxmb': readSample('000-nansha-kexie.jxmb') });
    // A submitted workbook beside it: sample 003 as the CLI compiles it (a table the review has to import).
    const compiled = runJxmb(['compile', join(samplesDir, '003-baiyun-kexie.jxmb'), '--to', 'xlsx', '-o', join(editor.workspace, '..', '白云.xlsx')]);
    expect(compiled.code, compiled.stderr).toBe(0);
    writeFileSync(join(editor.workspace, '白云.xlsx'), readFileSync(join(editor.workspace, '..', '白云.xlsx')));
});
beforeEach(context => {
    onTestFailed(async () => screenshot(editor.page, `failed-${context.task.name.slice(0, 40)}.png`));
});
afterAll(async () => {
    await editor?.stop();
});

const withoutTime = (html: string) => html.replace(/生成时间（UTC）：[^；]*；/, '');

describe('生成审核报告 in VS Code', () => {
    test('the folder picked in the dialog is reviewed into 审核报告.html, the same page as jxmb check --report', async () => {
        await runCommand(editor.page, 'jxmb: Review a Folder of Tables');
        await answerDialog(editor.page, 'Choose the folder of tables to review', editor.workspace, editor.workspace, 'Review');
        await answerDialog(editor.page, 'Save the review report', join(editor.workspace, reportName), reportName);
        const report = join(editor.workspace, reportName);
        await expect.poll(() => existsSync(report), { timeout: 120_000, interval: 500 }).toBe(true);
        const message = editor.page.locator('.notifications-toasts .notification-list-item', { hasText: 'Reviewed 2 files' }).first();
        await message.waitFor({ timeout: 30_000 });
        await screenshot(editor.page, 'review-done.png');
        expect(await message.textContent()).toContain(reportName);

        const cli = runJxmb(['check', '.', '--report', join(editor.workspace, '..', 'cli.html')], editor.workspace);
        expect(cli.code, cli.stderr).toBe(0);
        const fromEditor = withoutTime(readFileSync(report, 'utf8'));
        expect(fromEditor).toContain('白云.xlsx');
        expect(fromEditor).toBe(withoutTime(readFileSync(join(editor.workspace, '..', 'cli.html'), 'utf8')));
    });
});
