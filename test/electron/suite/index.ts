import { join } from 'node:path';
import { scenario } from './scenario.js';

// The entry @vscode/test-electron loads in the extension host (scripts/test-electron.mjs bundles it): runs the
// scenario's steps in order and fails with every failed step named. No test framework is needed for one story.

export async function run(): Promise<void> {
    const workspace = process.env.JXMB_ELECTRON_WORKSPACE;
    const cli = process.env.JXMB_ELECTRON_CLI;
    if (!workspace || !cli) throw new Error('JXMB_ELECTRON_WORKSPACE and JXMB_ELECTRON_CLI are set by scripts/test-electron.mjs');
    const failures: string[] = [];
    for (const [name, step] of scenario({ sample: join(workspace, '000-nansha-kexie.jxmb'), cli })) {
        try {
            await step();
            console.log(`  ✓ ${name}`);
        } catch (error) {
            console.log(`  ✗ ${name}\n    ${String((error as Error).stack ?? error)}`);
            failures.push(name);
            // Later steps build on earlier ones.
            break;
        }
    }
    if (failures.length > 0) throw new Error(`electron scenario failed: ${failures.join('; ')}`);
}
