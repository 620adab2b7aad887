import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { sleep, until } from './wait.js';

// The end-to-end scenario of test/e2e (code-server), for a machine that has VS Code: a seed sample opened, the
// Problems agree with `jxmb check`, completion offers a 一级's own 二级, the lightbulb rewrites a vague value,
// 导出 Excel writes the workbook, 起草绩效指标 drafts for a task and its preview is accepted.

export interface ScenarioContext {
    /** the copy of samples/000-nansha-kexie.jxmb in the test workspace */
    sample: string;
    /** dist/cli.mjs */
    cli: string;
}

export type Step = [name: string, run: () => Promise<void>];

function checkCount(ctx: ScenarioContext): number {
    const out = execFileSync(process.execPath, [ctx.cli, 'check', '--format', 'json', ctx.sample], { encoding: 'utf8' });
    return (JSON.parse(out) as { findings: unknown[] }).findings.length;
}

function offsetPosition(document: vscode.TextDocument, needle: string, after = 0): vscode.Position {
    const index = document.getText().indexOf(needle);
    assert.ok(index >= 0, `「${needle}」 is not in the sample`);
    return document.positionAt(index + after);
}

export function scenario(ctx: ScenarioContext): Step[] {
    const uri = vscode.Uri.file(ctx.sample);
    let editor: vscode.TextEditor;
    const diagnostics = () => vscode.languages.getDiagnostics(uri);

    return [
        ['opens the seed sample with the extension active', async () => {
            editor = await vscode.window.showTextDocument(uri);
            assert.equal(editor.document.languageId, 'jxmb');
            await until('the extension', async () => {
                const extension = vscode.extensions.all.find(e => e.packageJSON?.name === 'jxmb');
                await extension?.activate();
                return extension?.isActive;
            });
        }],

        ['shows as many problems as jxmb check finds', async () => {
            const expected = checkCount(ctx);
            assert.ok(expected > 0);
            await until(`${expected} diagnostics`, () => diagnostics().length === expected);
            await sleep(2000);
            assert.equal(diagnostics().length, expected);
        }],

        ['completion in 产出指标 offers its own 二级 only', async () => {
            const position = offsetPosition(editor.document, '产出指标 {', '产出指标 {'.length);
            const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
            const labels = list.items.map(item => typeof item.label === 'string' ? item.label : item.label.label);
            assert.ok(labels.includes('数量指标'), `completion: ${labels.join(' ')}`);
            assert.ok(!labels.includes('社会效益指标'), `completion: ${labels.join(' ')}`);
        }],

        ['the quick-fix rewrites the vague value and its warning goes', async () => {
            const vague = () => diagnostics().filter(d => d.code === 'measurability/vague-value' && editor.document.getText(d.range).includes('提升'));
            const before = vague().length;
            const target = vague().find(d => editor.document.lineAt(d.range.start.line).text.includes('科普公共服务能力'));
            assert.ok(target, 'the sample has 「科普公共服务能力」：「提升」 flagged');
            const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, target.range, vscode.CodeActionKind.QuickFix.value);
            const fix = actions.find(a => a.diagnostics?.some(d => d.code === 'measurability/vague-value') && a.edit);
            assert.ok(fix?.edit, `quick-fixes: ${actions.map(a => a.title).join(' | ')}`);
            assert.ok(await vscode.workspace.applyEdit(fix.edit));
            assert.ok(!editor.document.lineAt(target.range.start.line).text.includes('"提升"'));
            await until('the warning to go', () => vague().length === before - 1);
        }],

        ['导出 Excel writes the workbook beside the file', async () => {
            const xlsx = ctx.sample.replace(/\.jxmb$/, '.xlsx');
            rmSync(xlsx, { force: true });
            await vscode.commands.executeCommand('jxmb.exportExcel');
            await until('the .xlsx', () => existsSync(xlsx));
            assert.equal(readFileSync(xlsx).subarray(0, 2).toString(), 'PK');
        }],

        ['起草绩效指标 drafts for the task at the cursor; the accepted preview writes the proposals', async () => {
            await vscode.window.showTextDocument(editor.document);
            const position = offsetPosition(editor.document, '主要实施内容', 2);
            editor.selection = new vscode.Selection(position, position);
            const before = editor.document.getText();
            let done = false;
            const running = Promise.resolve(vscode.commands.executeCommand<number>('jxmb.draftIndicators')).finally(() => { done = true; });
            // The proposals' quick pick, then the diff preview: accept each as a person presses Enter and 采用.
            await until('the draft to be applied', async () => {
                if (done) return true;
                await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
                await sleep(500);
                await vscode.commands.executeCommand('jxmb.acceptDraft');
                return done;
            }, 120_000);
            const written = await running;
            assert.ok(written > 0, 'some proposals were written');
            assert.notEqual(editor.document.getText(), before);
        }]
    ];
}
