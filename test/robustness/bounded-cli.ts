import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

// The built CLI in its own process with a bounded heap (as a small office PC would give it), and the peak resident
// memory it reached: hostile input must end in a message, not in a heap overflow or a stack trace.

/** The heap the CLI runs with; over it, Node aborts with 「FATAL ERROR … heap out of memory」. */
export const HEAP_LIMIT_MB = 512;
/** Peak resident memory allowed (heap, exceljs buffers, code): what the tests assert. */
export const PEAK_RSS_LIMIT_MB = 768;

const wrapper = fileURLToPath(new URL('./peak-memory.mjs', import.meta.url));

export interface BoundedRun {
    code: number;
    stdout: string;
    stderr: string;
    peakMb: number;
}

/** Asynchronous, so that the test worker stays responsive while a long run goes on. */
export async function runBounded(args: string[], cwd?: string, heapMb = HEAP_LIMIT_MB): Promise<BoundedRun> {
    const dir = mkdtempSync(join(tmpdir(), 'jxmb-rss-'));
    const rssFile = join(dir, 'rss');
    try {
        const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, wrapper, ...args], {
            cwd, env: { ...process.env, JXMB_PEAK_RSS_FILE: rssFile, JXMB_DEBUG: '' }, timeout: 240_000
        });
        const stdout: Buffer[] = [];
        const stderr: Buffer[] = [];
        child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
        const code = await new Promise<number>(resolve => child.on('close', status => resolve(status ?? -1)));
        let peakKb = NaN;
        try {
            peakKb = Number(readFileSync(rssFile, 'utf8'));
        } catch {
            // no file: the process died before exiting normally; the status says so
        }
        return { code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), peakMb: peakKb / 1024 };
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/** The run ended as documented: a status of 0, 1 or 2, no stack trace or internal error, memory within bounds. */
export function expectOrderly(run: BoundedRun, code: 0 | 1 | 2): void {
    const output = run.stdout + run.stderr;
    expect(output).not.toMatch(/\n\s+at \S/);
    expect(output).not.toMatch(/内部错误|FATAL ERROR|heap out of memory|Error:/);
    expect(run.code, run.stderr.slice(0, 2000)).toBe(code);
    expect(run.peakMb).toBeLessThan(PEAK_RSS_LIMIT_MB);
}
