import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

// A real VS Code for the end-to-end tests: code-server (VS Code's open-source server) with the packaged .vsix
// installed, on 127.0.0.1 only, driven by Playwright in Debian's Chromium (../shared/e2e/RECIPE.md).
// scripts/e2e-tools.sh installs the tools; `npm run test:e2e` runs it first.

const tools = process.env.JXMB_E2E_TOOLS ?? join(homedir(), '.cache', 'jxmb-e2e');
const node24 = join(tools, 'node24/node_modules/node/bin');
const codeServer = join(tools, 'cs/node_modules/.bin/code-server');
export const repo = fileURLToPath(new URL('../..', import.meta.url));
export const vsix = join(repo, 'jxmb.vsix');
export const screenshots = join(repo, 'test-results');

/**
 * The port code-server listens on, from its log: it binds port 0, so that the system gives it a free port. A port
 * found free beforehand and handed over could be taken by another process (or by a connection's own end) by the time
 * code-server bound it, and the editor never came.
 */
async function listeningPort(log: string, server: ChildProcess): Promise<number> {
    const deadline = Date.now() + 60_000;
    for (;;) {
        const found = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(readFileSync(log, 'utf8'));
        if (found) return Number(found[1]);
        if (server.exitCode !== null || Date.now() > deadline) throw new Error(`code-server did not start:\n${readFileSync(log, 'utf8').slice(-2000)}`);
        await new Promise(r => setTimeout(r, 200));
    }
}

export interface Editor {
    page: Page;
    workspace: string;
    stop(): Promise<void>;
}

/**
 * Makes code-server start in 中文: the display language needs a language pack installed, and the real one is not on
 * npm, so a pack that translates nothing of VS Code itself (test/e2e/zh-cn-pack) is packaged and installed, and the
 * cache that VS Code writes when a pack is installed from its UI (languagepacks.json) is written as it would be.
 * VS Code's own texts stay English; jxmb's commands, dialogs and messages come in its zh-cn strings.
 */
function installChinese(root: string, data: string, extensions: string, env: NodeJS.ProcessEnv): string[] {
    const pack = join(root, 'zh-cn-pack.vsix');
    const run = (command: string, args: string[], cwd?: string) => {
        const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
        if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
    };
    run(join(repo, 'node_modules/.bin/vsce'), ['package', '--skip-license', '--allow-missing-repository', '-o', pack], join(repo, 'test/e2e/zh-cn-pack'));
    run(codeServer, ['--extensions-dir', extensions, '--user-data-dir', data, '--install-extension', pack]);
    writeFileSync(join(data, 'languagepacks.json'), JSON.stringify({
        'zh-cn': {
            hash: 'jxmb-e2e',
            extensions: [{ extensionIdentifier: { id: 'jxmb-e2e.jxmb-e2e-zh-cn' }, version: '0.0.1' }],
            translations: { vscode: join(extensions, 'jxmb-e2e.jxmb-e2e-zh-cn-0.0.1/translations/main.i18n.json') },
            label: '中文(简体)'
        }
    }));
    return ['--locale', 'zh-cn'];
}

/**
 * Starts code-server on a copy of `files` and opens it in Chromium; in English unless `chinese`. Always call stop()
 * (in a finally).
 */
export async function startEditor(files: Record<string, string>, { chinese = false } = {}): Promise<Editor> {
    const root = mkdtempSync(join(tmpdir(), 'jxmb-e2e-'));
    const workspace = join(root, 'workspace');
    const data = join(root, 'data');
    const extensions = join(root, 'extensions');
    mkdirSync(join(data, 'User'), { recursive: true });
    mkdirSync(workspace, { recursive: true });
    for (const [name, content] of Object.entries(files)) {
        mkdirSync(dirname(join(workspace, name)), { recursive: true });
        writeFileSync(join(workspace, name), content);
    }
    writeFileSync(join(data, 'User/settings.json'), JSON.stringify({
        'workbench.startupEditor': 'none', 'chat.disableAIFeatures': true, 'workbench.tips.enabled': false,
        'security.workspace.trust.enabled': false, 'extensions.autoUpdate': false, 'telemetry.telemetryLevel': 'off',
        // The block headers that sticky scroll pins over the top lines would take the clicks meant for those lines.
        'editor.stickyScroll.enabled': false, 'workbench.secondarySideBar.defaultVisibility': 'hidden'
    }));
    const env = { ...process.env, PATH: `${node24}:${process.env.PATH}` };
    const install = spawnSync(codeServer, ['--extensions-dir', extensions, '--user-data-dir', data, '--install-extension', vsix], { env, encoding: 'utf8', timeout: 120_000 });
    if (install.status !== 0) throw new Error(`installing ${vsix} failed: ${install.stderr || install.stdout}`);
    const locale = chinese ? installChinese(root, data, extensions, env) : [];

    // Its output goes to a file: a pipe nobody read to the end would fill and hold code-server up.
    const log = join(root, 'code-server.log');
    const output = openSync(log, 'w');
    const server: ChildProcess = spawn(codeServer, [
        '--auth', 'none', '--bind-addr', '127.0.0.1:0', '--user-data-dir', data, '--extensions-dir', extensions,
        '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', ...locale, workspace
    ], { env, detached: true, stdio: ['ignore', output, output] });
    closeSync(output);
    let browser: Browser | undefined;
    const stop = async () => {
        await browser?.close().catch(() => undefined);
        try { process.kill(-server.pid!, 'SIGTERM'); } catch { /* already gone */ }
        rmSync(root, { recursive: true, force: true });
    };
    try {
        browser = await chromium.launch({
            executablePath: '/usr/bin/chromium',
            args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
        });
        const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
        const port = await listeningPort(log, server);
        const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
        const deadline = Date.now() + 60_000;
        for (;;) {
            try {
                await page.goto(url, { timeout: 10_000 });
                break;
            } catch (error) {
                if (Date.now() > deadline) throw new Error(`code-server did not answer on port ${port}: ${String(error)}`);
                await new Promise(r => setTimeout(r, 500));
            }
        }
        await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
        return { page, workspace, stop };
    } catch (error) {
        await stop();
        throw error;
    }
}

/** Opens a file from the explorer and waits for its editor tab. */
export async function openFile(page: Page, name: string): Promise<void> {
    await page.locator('.explorer-folders-view').getByText(name, { exact: true }).click({ timeout: 30_000 });
    await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 30_000 });
}

/** The rows of the Problems panel (opened with its keyboard shortcut, which toggles: only when it is closed). */
export async function problemRows(page: Page): Promise<string[]> {
    const panel = page.locator('.markers-panel');
    if (!await panel.isVisible()) await page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ timeout: 30_000 });
    return page.locator('.markers-panel .monaco-tl-row').allTextContents();
}

/**
 * Does a gesture again, as a person would, when the editor let it pass by (a key pressed while a widget was still
 * opening on a loaded machine); `done` waits for what the gesture shows and fails after its own timeout.
 */
export async function gesture(page: Page, act: () => Promise<void>, done: () => Promise<unknown>, attempts = 3): Promise<void> {
    for (let attempt = 1; ; attempt++) {
        await act();
        try {
            await done();
            return;
        } catch (error) {
            if (attempt >= attempts) throw error;
            await page.keyboard.press('Escape');
        }
    }
}

export async function screenshot(page: Page, name: string): Promise<void> {
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, name) });
}

/**
 * Runs a command from the Command Palette by its title, as a person does; the editor group takes the focus first, so
 * that a command for the active file gets it. Just after a folder opens the palette may not list the extension's
 * commands yet (its host is still starting): then, as a person would, close it and look again.
 */
export async function runCommand(page: Page, title: string, attempts = 6): Promise<void> {
    const input = page.locator('.quick-input-widget input');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title });
    await gesture(page, async () => {
        await page.keyboard.press('Control+1');
        await page.keyboard.press('Control+Shift+P');
        await input.waitFor({ timeout: 30_000 });
        await input.fill(`>${title}`);
    }, () => row.first().waitFor({ timeout: 10_000 }), attempts);
    await page.keyboard.press('Enter');
}

/**
 * VS Code's own file dialog titled `title`: the person types `path` over what it proposes and accepts it — with the
 * dialog's button when one is named (Enter on a folder's path would open the folder), else with Enter.
 */
export async function answerDialog(page: Page, title: string, path: string, proposed: string, button?: string): Promise<void> {
    const dialog = page.locator('.quick-input-widget', { hasText: title });
    await dialog.waitFor({ timeout: 30_000 });
    const input = dialog.locator('input');
    await expect.poll(() => input.inputValue(), { timeout: 30_000 }).toContain(proposed);
    await input.fill(path);
    if (!button) {
        await page.keyboard.press('Enter');
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

export { cpSync };
