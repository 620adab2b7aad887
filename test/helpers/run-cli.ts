import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/jxmb.js', import.meta.url));

/** Runs the built CLI as a user would, in its own process. */
export function runJxmb(args: string[], cwd?: string): { code: number; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
    return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
