import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import { runJxmb } from '../helpers/run-cli.js';
import { readSample, samplesDir } from '../helpers/samples.js';
import { answerDialog, runCommand, screenshot, startEditor, type Editor } from './code-server.js';

// The other end-to-end tests run VS Code in English; budget units run it in 中文. Here VS Code's display language is
// zh-cn (code-server.ts: installChinese), and a reviewer's whole errand goes through jxmb's Chinese strings: the
// command as the palette lists it, the two dialogs, their button and the closing message.

let editor: Editor;

beforeAll(async () => {
    editor = await startEditor({ '南沙.jxmb': readSample('000-nansha-kexie.jxmb') }, { chinese: true });
    const compiled = runJxmb(['compile', join(samplesDir, '003-baiyun-kexie.jxmb'), '--to', 'xlsx', '-o', join(editor.workspace, '..', '白云.xlsx')]);
    expect(compiled.code, compiled.stderr).toBe(0);
    writeFileSync(join(editor.workspace, '白云.xlsx'), readFileSync(join(editor.workspace, '..', '白云.xlsx')));
});
beforeEach(context => {
    onTestFailed(async () => screenshot(editor.page, `failed-zh-${context.task.name.slice(0, 40)}.png`));
});
afterAll(async () => {
    await editor?.stop();
});

describe('jxmb in a VS Code whose display language is 中文', () => {
    test('生成审核报告: the palette, the dialogs and the message in Chinese; the report written', async () => {
        await runCommand(editor.page, 'jxmb: 生成审核报告');
        await answerDialog(editor.page, '选择要审核的申报表所在的文件夹', editor.workspace, editor.workspace, '审核');
        await answerDialog(editor.page, '保存审核报告', join(editor.workspace, '审核报告.html'), '审核报告.html');
        await expect.poll(() => existsSync(join(editor.workspace, '审核报告.html')), { timeout: 120_000, interval: 500 }).toBe(true);
        const message = editor.page.locator('.notifications-toasts .notification-list-item', { hasText: '审核了 2 个文件' }).first();
        await message.waitFor({ timeout: 30_000 });
        await screenshot(editor.page, 'zh-review-done.png');
        expect(await message.textContent()).toMatch(/审核了 2 个文件：\d+ 个错误，\d+ 个警告。报告已写入 .*审核报告\.html。/);
    });
});
