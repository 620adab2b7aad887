// `npm run test:electron`: the end-to-end scenario (test/electron/suite) in a real VS Code through
// @vscode/test-electron, for machines that have one. @vscode/test-electron downloads VS Code from
// update.code.visualstudio.com unless JXMB_VSCODE_PATH names an installed VS Code executable. Where neither is
// possible this script says why, plainly, and exits 0: the scenario did not run — it neither failed nor passed.
// (On machines without internet access the same scenario runs in code-server: npm run test:e2e.)
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

class NotRun extends Error {}

function report(reason) {
    console.log(`test:electron did not run: ${reason}`);
    console.log('Nothing was tested here. The same scenario runs in code-server with `npm run test:e2e`.');
}

let testElectron;
try {
    testElectron = await import('@vscode/test-electron');
} catch {
    report('@vscode/test-electron is not installed (not in node_modules: run npm ci). '
        + 'Install it (npm install --save-dev @vscode/test-electron) on a machine with internet access to run this scenario.');
    process.exit(0);
}
const { downloadAndUnzipVSCode, runTests } = testElectron;

const work = mkdtempSync(join(tmpdir(), 'jxmb-electron-'));
try {
    const workspace = join(work, 'workspace');
    mkdirSync(workspace);
    cpSync(join(root, 'samples', '000-nansha-kexie.jxmb'), join(workspace, '000-nansha-kexie.jxmb'));
    const suite = join(work, 'suite.cjs');
    await build({
        entryPoints: [join(root, 'test/electron/suite/index.ts')], outfile: suite, bundle: true,
        platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning'
    });

    let vscodeExecutablePath = process.env.JXMB_VSCODE_PATH;
    if (!vscodeExecutablePath) {
        try {
            vscodeExecutablePath = await downloadAndUnzipVSCode({ cachePath: join(homedir(), '.cache', 'jxmb-vscode-test'), version: 'stable' });
        } catch (error) {
            throw new NotRun(`VS Code could not be downloaded (${String(error?.message ?? error).split('\n')[0]}). `
                + 'This machine has no access to update.code.visualstudio.com; set JXMB_VSCODE_PATH to an installed VS Code to use that instead.');
        }
    }
    const code = await runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath: root,
        extensionTestsPath: suite,
        launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${join(work, 'user')}`],
        extensionTestsEnv: { JXMB_ELECTRON_WORKSPACE: workspace, JXMB_ELECTRON_CLI: join(root, 'dist', 'cli.mjs') }
    }).catch(error => {
        console.error(`test:electron failed: ${String(error?.message ?? error)}`);
        return 1;
    });
    process.exitCode = code === 0 ? 0 : 1;
} catch (error) {
    if (!(error instanceof NotRun)) throw error;
    report(error.message);
    process.exitCode = 0;
} finally {
    rmSync(work, { recursive: true, force: true });
}
