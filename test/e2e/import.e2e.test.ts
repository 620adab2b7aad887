import { closeSync, existsSync, ftruncateSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import { importTooLarge } from '../../language/import/limits.js';
import { runJxmb } from '../helpers/run-cli.js';
import { seedOf } from '../helpers/samples.js';
import { answerDialog, runCommand, screenshot, startEditor, type Editor } from './code-server.js';

// 从表格导入 in a real VS Code with the packaged extension: a person picks a table in the file dialog and gets a new
// .jxmb beside it, the same as `jxmb import` writes, opened in an editor; a second import asks, and never replaces the first;
// a file far too large is refused with the size message. One editor for the whole story, in order.

const tableName = '南沙科协申报表.xlsx';
const jxmbName = '南沙科协申报表.jxmb';
const secondName = '南沙科协申报表-1.jxmb'; // freePath's next name beside the first
let editor: Editor;
let tableBytes: Buffer;

/** The seed's table as a person has it: copied out of the system into an Excel sheet, one cell per tab. */
async function seedWorkbook(): Promise<Buffer> {
    const text = readFileSync(seedOf('000-nansha-kexie.jxmb')!, 'utf8');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('部门整体');
    for (const line of text.replace(/\r\n?/g, '\n').split('\n')) sheet.addRow(line.split('\t'));
    return Buffer.from(await workbook.xlsx.writeBuffer());
}

beforeAll(async () => {
    tableBytes = await seedWorkbook();
    editor = await startEditor({});
    // Put into the folder while it is open, as a person saves a download into it.
    writeFileSync(join(editor.workspace, tableName), tableBytes);
});
beforeEach(context => {
    // A picture of the editor as it was when a step failed, for the person reading the failure.
    onTestFailed(async () => screenshot(editor.page, `failed-${context.task.name.slice(0, 40)}.png`));
});
afterAll(async () => {
    await editor?.stop();
});

/** 从表格导入 from the Command Palette; in the file dialog (VS Code's own, a path to type), the file's path, Enter. */
async function importThroughDialog(name: string): Promise<void> {
    await runCommand(editor.page, 'jxmb: Import from Table');
    // The dialog starts in the open folder; the person types the table's path over it.
    await answerDialog(editor.page, 'Import a performance target table', join(editor.workspace, name), editor.workspace);
}

/** The first notification on screen that contains `text`. */
function notification(text: string) {
    return editor.page.locator('.notifications-toasts .notification-list-item', { hasText: text }).first();
}

/** What `jxmb import` prints for the same file, run in its folder as a person runs it there. */
function cliImport(name: string): string {
    const result = runJxmb(['import', name], editor.workspace);
    expect(result.code, result.stderr).toBe(0);
    return result.stdout;
}

const indicatorNames = (text: string) => [...text.matchAll(/^\s*"([^"]+)"\s*[：:]/gm)].map(m => m[1]);

describe('从表格导入 in VS Code', () => {
    test('a table picked in the dialog becomes a .jxmb beside it, as jxmb import writes it, opened in an editor', async () => {
        await importThroughDialog(tableName);
        const imported = join(editor.workspace, jxmbName);
        await expect.poll(() => existsSync(imported), { timeout: 60_000, interval: 500 }).toBe(true);
        await editor.page.locator('.tab.active', { hasText: jxmbName }).waitFor({ timeout: 30_000 });
        await notification(jxmbName).waitFor({ timeout: 30_000 });
        await screenshot(editor.page, 'import-opened.png');
        const expected = cliImport(tableName);
        expect(indicatorNames(expected).length).toBeGreaterThan(10); // the table's indicators, not an empty shell
        expect(readFileSync(imported, 'utf8')).toBe(expected);
        // The editor shows the imported declaration.
        const firstIndicator = indicatorNames(expected)[0]!;
        await editor.page.locator('.monaco-editor .view-line', { hasText: firstIndicator }).first().waitFor({ timeout: 30_000 });
        expect(readFileSync(join(editor.workspace, tableName))).toEqual(tableBytes);
    });

    test('importing the same table again asks first: 打开 opens the first file, 导入为 writes a second one; neither touches the first', async () => {
        const first = readFileSync(join(editor.workspace, jxmbName));
        const question = () => editor.page.locator('.monaco-dialog-box', { hasText: `${jxmbName} already exists` });
        // Open the one there: nothing is imported or written.
        await runCommand(editor.page, 'View: Close All Editors');
        const before = readdirSync(editor.workspace).sort();
        await importThroughDialog(tableName);
        await question().waitFor({ timeout: 60_000 });
        await screenshot(editor.page, 'import-again-question.png');
        await question().getByRole('button', { name: `Open ${jxmbName}` }).click();
        await editor.page.locator('.tab.active', { hasText: jxmbName }).waitFor({ timeout: 30_000 });
        expect(readdirSync(editor.workspace).sort()).toEqual(before);
        // Import anew: the next free name.
        await importThroughDialog(tableName);
        await question().getByRole('button', { name: `Import as ${secondName}` }).click();
        const second = join(editor.workspace, secondName);
        await expect.poll(() => existsSync(second), { timeout: 60_000, interval: 500 }).toBe(true);
        await editor.page.locator('.tab.active', { hasText: secondName }).waitFor({ timeout: 30_000 });
        await screenshot(editor.page, 'import-second.png');
        expect(readFileSync(join(editor.workspace, jxmbName))).toEqual(first);
        expect(readFileSync(second, 'utf8')).toBe(cliImport(tableName));
        expect(readFileSync(join(editor.workspace, tableName))).toEqual(tableBytes);
    });

    test('a file far over the import limit is refused with the size message, and nothing is written', async () => {
        // A database export saved as .xlsx by mistake, larger than a file can be read at once (2 GiB); sparse, so it
        // takes no disk. The size is enough to refuse it: the editor must not try to read it.
        const big = join(editor.workspace, 'big.xlsx');
        const fd = openSync(big, 'w');
        ftruncateSync(fd, 2.5 * 1024 ** 3);
        closeSync(fd);
        const before = readdirSync(editor.workspace).sort();
        await importThroughDialog('big.xlsx');
        const message = `Nothing was imported: big.xlsx：${importTooLarge(statSync(big).size).message}`;
        const error = notification('Nothing was imported');
        await error.waitFor({ timeout: 60_000 });
        await screenshot(editor.page, 'import-too-large.png');
        expect(await error.locator('.notification-list-item-message').textContent()).toBe(message);
        expect(await error.locator('.codicon-error').count()).toBe(1);
        expect(readdirSync(editor.workspace).sort()).toEqual(before);
    });
});
