// The command line as a reviewer runs it: `jxmb check` over a folder of typical files, `jxmb compile --to xlsx` of
// one large file. Wall time of the whole process (start-up included), as a user waits for it.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateTypicalFile } from './generate.mjs';

// The process's own CPU time (all threads), written to fd 3 as it exits: on a busy machine wall time also counts
// the time other processes had the CPU.
const reportCpu = `data:text/javascript,${encodeURIComponent(
    "import { writeSync } from 'node:fs'; process.on('exit', () => { const u = process.cpuUsage(); try { writeSync(3, String((u.user + u.system) / 1000)); } catch {} });"
)}`;

// `cli` is the CLI bundle (dist/cli.mjs, what bin/jxmb.js imports).
function run(cli, args, timeoutMs) {
    return new Promise(resolve => {
        const start = performance.now();
        const child = spawn(process.execPath, ['--import', reportCpu, cli, ...args], { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        let cpu = '';
        child.stdout.on('data', chunk => { stdout += chunk; });
        child.stderr.on('data', chunk => { if (stderr.length < 10_000) stderr += chunk; });
        child.stdio[3].on('data', chunk => { cpu += chunk; });
        const timer = setTimeout(() => child.kill(), timeoutMs);
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            const cpuMs = Number(cpu);
            resolve({ ms: performance.now() - start, cpuSeconds: cpu && Number.isFinite(cpuMs) ? Math.round(cpuMs) / 1000 : null, code, signal, stdout, stderr });
        });
    });
}

/** Writes `count` typical files (seeded) into `dir`; returns the number of 三级 indicators in them. */
export function writeTypicalFiles(dir, count, seed = 500) {
    mkdirSync(dir, { recursive: true });
    let indicators = 0;
    for (let i = 0; i < count; i++) {
        const file = generateTypicalFile(seed + i);
        indicators += file.indicators;
        writeFileSync(join(dir, `申报-${String(i + 1).padStart(3, '0')}.jxmb`), file.text);
    }
    return indicators;
}

/** `jxmb check <dir>`: wall time, exit status, and the closing count line. */
export async function measureCheck(cli, dir, timeoutMs = 300_000) {
    const r = await run(cli, ['check', dir], timeoutMs);
    const lines = r.stdout.trim().split('\n');
    return {
        seconds: Math.round(r.ms) / 1000, cpuSeconds: r.cpuSeconds, exitCode: r.code, signal: r.signal,
        findings: lines.length - 1, summary: lines.at(-1), stderr: r.stderr.slice(0, 500) || undefined
    };
}

/** `jxmb compile <file> --to xlsx -o <out>`: wall time and exit status. */
export async function measureCompileXlsx(cli, file, out, timeoutMs = 300_000) {
    const r = await run(cli, ['compile', file, '--to', 'xlsx', '-o', out], timeoutMs);
    return { seconds: Math.round(r.ms) / 1000, cpuSeconds: r.cpuSeconds, exitCode: r.code, signal: r.signal, stderr: r.stderr.slice(0, 500) || undefined };
}

/** `jxmb compile <file> --to json -o <out>`: the canonical model of a generated file (input of the YAML side). */
export async function compileJson(cli, file, out, timeoutMs = 300_000) {
    const r = await run(cli, ['compile', file, '--to', 'json', '-o', out], timeoutMs);
    if (r.code !== 0 && r.code !== 1) throw new Error(`jxmb compile --to json failed (${r.code}): ${r.stderr}`);
    return { seconds: Math.round(r.ms) / 1000, exitCode: r.code };
}
