// Open → first diagnostics in new servers, N times: the median wall and CPU time of the benchmark's cold open,
// quicker than a whole `npm run bench` for trying a change.
//   node bench/cold.mjs [--size 2000] [--runs 7] [--settle] [-- node flags…]
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { generateDeclaration } from './generate.mjs';
import { performance } from 'node:perf_hooks';
import { LspServer } from './lsp.mjs';

const dash = process.argv.indexOf('--');
const args = process.argv.slice(2, dash === -1 ? undefined : dash);
const nodeFlags = dash === -1 ? [] : process.argv.slice(dash + 1);
const option = (name, fallback) => { const i = args.indexOf(`--${name}`); return i === -1 ? fallback : Number(args[i + 1]); };
const size = option('size', 2000);
const runs = option('runs', 7);
const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'jxmb-cold-'));
mkdirSync(join(work, 'ws'));
const { text } = generateDeclaration(size, size);
const settings = { jxmb: { severity: {}, costModel: 'legacy' } };
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const walls = [], cpus = [], waits = [], starts = [];
for (let i = 0; i < runs; i++) {
    const spawned = performance.now();
    const server = new LspServer([...nodeFlags, join(root, 'dist/server.cjs'), '--stdio'], { settings, rootUri: pathToFileURL(join(work, 'ws')).href, name: 'jxmb' });
    await server.initialize();
    starts.push(performance.now() - spawned);
    if (args.includes('--settle')) await new Promise(r => setTimeout(r, 1000));
    const opened = await server.open(pathToFileURL(join(work, `d${i}.jxmb`)).href, 'jxmb', text, 120_000);
    await server.stop();
    walls.push(opened.ms);
    cpus.push(opened.cpuMs);
    waits.push(opened.waitMs);
}
rmSync(work, { recursive: true, force: true });
console.log(`${size} indicators, ${runs} new servers: spawn → initialize answered ${Math.round(median(starts))} ms; open → diagnostics median ${Math.round(median(walls))} ms wall (${walls.map(Math.round).join(' ')}), ${Math.round(median(cpus))} ms CPU, ${Math.round(median(waits))} ms waiting for a core`);
