import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import { runJxmb } from '../helpers/run-cli.js';
import { readSample, samplesDir } from '../helpers/samples.js';
import { runCommand, screenshot, startEditor, type Editor } from './code-server.js';

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

/**
 * VS Code's own file dialog titled `title`: the person types `path` over what it proposes and accepts it — with the
 * dialog's button when one is named (Enter on a folder's path would open the folder), else with Enter.
 */
async function answerDialog(title: string, path: string, proposed: string, button?: string): Promise<void> {
    const dialog = editor.page.locator('.quick-input-widget', { hasText: title });
    await dialog.waitFor({ timeout: 30_000 });
    const input = dialog.locator('input');
    await expect.poll(() => input.inputValue(), { timeout: 30_000 }).toContain(proposed);
    await input.fill(path);
    if (!button) {
        await editor.page.keyboard.press('Enter');
        await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
        return;
    }
    // VS Code's dialog ignores a click that comes while it is still listing the folder just typed (seen on a slow
    // host: the dialog stayed open with the button focused); a person clicks again, and so does this.
    const accept = dialog.getByRole('button', { name: button });
    await expect.poll(async () => {
        if (await dialog.isVisible()) await accept.click({ timeout: 5_000 }).catch(() => undefined);
        return dialog.isVisible();
    }, { timeout: 30_000, interval: 2_000 }).toBe(false);
}

const withoutTime = (html: string) => html.replace(/生成时间（UTC）：[^；]*；/, '');

describe('生成审核报告 in VS Code', () => {
    test('the folder picked in the dialog is reviewed into 审核报告.html, the same page as jxmb check --report', async () => {
        await runCommand(editor.page, 'jxmb: Review a Folder of Tables');
        await answerDialog('Choose the folder of tables to review', editor.workspace, editor.workspace, 'Review');
        await answerDialog('Save the review report', join(editor.workspace, reportName), reportName);
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
