import { expect, test } from 'vitest';
import { openFile, problemRows, screenshot, startEditor } from './code-server.js';

// The extension as a user has it: installed from the .vsix into a real VS Code, a .jxmb file opened, its syntax
// error shown in Chinese in the Problems panel with its place, and gone once the text is fixed.

test('a syntax error in a .jxmb file shows in the Problems panel', async () => {
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
    } finally {
        await editor.stop();
    }
});
