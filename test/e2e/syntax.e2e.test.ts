import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { gesture, openFile, problemRows, screenshot, startEditor } from './code-server.js';

// The extension as a user has it: installed from the .vsix into a real VS Code, a .jxmb file opened, its syntax
// error shown in Chinese in the Problems panel with its place, and gone once the text is fixed — by typing, or by
// the lightbulb where the line makes the repair certain.

test('a syntax error in a .jxmb file shows in the Problems panel, and the lightbulb repairs a missing 「：」', async () => {
    const editor = await startEditor({ 'broken.jxmb': '部门整体 "测试单位" {\n    预算 { 基本支出 "一百" }\n}\n' });
    try {
        await openFile(editor.page, 'broken.jxmb');
        await expect.poll(() => problemRows(editor.page), { timeout: 60_000, interval: 1000 })
            .toContainEqual(expect.stringContaining('语法错误'));
        const rows = await problemRows(editor.page);
        expect(rows.join('\n')).toContain('parsing-error');
        expect(rows.join('\n')).toContain('Ln 2, Col 15');
        await screenshot(editor.page, 'syntax-error.png');

        // Fix it the way a person would: retype line 2 with a number (Home goes to the first non-blank character).
        await editor.page.locator('.monaco-editor .view-line').nth(1).click();
        await editor.page.keyboard.press('Home');
        await editor.page.keyboard.press('Shift+End');
        await editor.page.keyboard.type('预算 { 基本支出 100.00 }');
        await expect.poll(async () => (await problemRows(editor.page)).filter(r => r.includes('语法错误')).length, { timeout: 60_000, interval: 1000 }).toBe(0);
        await screenshot(editor.page, 'syntax-fixed.png');

        // A 三级 row without its 「：」 in a file put into the folder: the message says so, and the lightbulb inserts it.
        writeFileSync(join(editor.workspace, 'colon.jxmb'), '部门整体 "测试单位" 年度 2024 {\n    绩效指标 {\n        产出指标 {\n            数量指标 {\n                "举办活动场次" ≥45场次\n            }\n        }\n    }\n}\n');
        await openFile(editor.page, 'colon.jxmb');
        await expect.poll(() => problemRows(editor.page), { timeout: 60_000, interval: 1000 })
            .toContainEqual(expect.stringContaining('三级指标名称与指标值之间应有「：」'));
        const fixes = editor.page.locator('.action-widget .monaco-list-row');
        await gesture(editor.page, async () => {
            await editor.page.locator('.monaco-editor .view-line', { hasText: '举办活动场次' }).locator('span', { hasText: '≥' }).last().click();
            await editor.page.keyboard.press('Control+.');
        }, () => fixes.filter({ hasText: '在名称后插入「：」' }).first().waitFor({ timeout: 15_000 }));
        await screenshot(editor.page, 'syntax-quickfix-menu.png');
        await fixes.filter({ hasText: '在名称后插入「：」' }).first().click();
        await expect.poll(async () => (await problemRows(editor.page)).filter(r => r.includes('语法错误')).length, { timeout: 60_000, interval: 1000 }).toBe(0);
        await expect.poll(() => editor.page.locator('.monaco-editor .view-line', { hasText: '举办活动场次' }).first().textContent(), { timeout: 30_000 })
            .toContain('"举办活动场次"：≥45场次');
    } finally {
        await editor.stop();
    }
});
