// Where the language server spends an editing session: bundles language/main.ts unminified, runs it under
// `node --cpu-prof` through the benchmark's scenario (open, one-character edits, completion) on a generated file,
// and prints self and inclusive time by source module (esbuild's `// path` comments in the bundle) and function.
//   node bench/profile.mjs [--size 2000] [--edits 30] [--completions 30] [--top 25] [--all] [--keep]
// --cold: a new server, initialize, then one didOpen (right away, as VS Code sends it; after 1 s with --settle); only
// the samples between didOpen and its first diagnostics count; with --startup, only those before didOpen (loading
// the bundle, initialize); with --second, the open of the same text under another name after a first one.
import { mkdtempSync, readdirSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { generateDeclaration } from './generate.mjs';
import { findAnchors } from './anchors.mjs';
import { runScenario } from './scenario.mjs';
import { LspServer } from './lsp.mjs';
import { build } from 'esbuild';
import { dataPlugin, rawPlugin } from '../scripts/data-plugin.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => { const i = args.indexOf(`--${name}`); return i === -1 ? fallback : Number(args[i + 1]); };
const size = option('size', 2000);
const edits = option('edits', 30);
const top = option('top', 25);
const completions = option('completions', 30);

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'jxmb-profile-'));
// A readable bundle of the server (dist/ may hold the minified production build): same entry and options as
// scripts/build.mjs, not minified, so that the profile names functions and modules.
const serverPath = join(work, 'server.cjs');
await build({ entryPoints: [join(root, 'language/main.ts')], outfile: serverPath, bundle: true, platform: 'node', target: 'node20', format: 'cjs', plugins: [rawPlugin, dataPlugin], logLevel: 'warning' });
mkdirSync(join(work, 'ws'));
const { text } = generateDeclaration(size, size);
const anchors = findAnchors(text, undefined).map(a => a.jxmb);

const cold = args.includes('--cold');
const command = ['--cpu-prof', '--cpu-prof-dir', work, serverPath, '--stdio'];
const settings = { jxmb: { severity: {}, costModel: 'legacy' } };
const rootUri = pathToFileURL(join(work, 'ws')).href;
const uri = pathToFileURL(join(work, 'decl.jxmb')).href;
// --cold: the window [didOpen sent, diagnostics received] on the monotonic clock, which V8's profile timestamps use.
let window;
if (cold) {
    const server = new LspServer(command, { settings, rootUri, name: 'jxmb' });
    const spawned = process.hrtime.bigint();
    await server.initialize();
    const initialized = process.hrtime.bigint();
    // As VS Code does: didOpen right after initialized (no pause), unless --settle asks for the benchmark's pause.
    if (args.includes('--settle')) await new Promise(r => setTimeout(r, 1000));
    // --second: the window is the open of the same text under another name, in a server that has checked one file.
    if (args.includes('--second')) await server.open(pathToFileURL(join(work, 'first.jxmb')).href, 'jxmb', text, 120_000);
    const start = process.hrtime.bigint();
    const opened = await server.open(uri, 'jxmb', text, 120_000);
    const end = process.hrtime.bigint();
    await server.stop();
    window = args.includes('--startup') ? { start: 0, end: Number(start / 1000n) } : { start: Number(start / 1000n), end: Number(end / 1000n) };
    console.log(`spawn → initialize answered ${Number(initialized - spawned) / 1e6} ms; open ${Math.round(opened.ms)} ms wall, ${Math.round(opened.cpuMs)} ms CPU, ${opened.diagnostics.length} diagnostics`);
} else {
    const result = await runScenario({
        name: 'jxmb', command, settings, rootUri, uri, languageId: 'jxmb', text, anchors, edits, completions, timeoutMs: 120_000
    });
    console.log(`open ${result.openMs} ms, edit median ${result.edit?.median} ms, completion median ${result.completion?.median} ms`);
}

const file = readdirSync(work).find(f => f.endsWith('.cpuprofile'));
const profile = JSON.parse(readFileSync(join(work, file), 'utf8'));
const nodeName = new Map(profile.nodes.map(n => [n.id, n.callFrame.functionName]));
const nodeOf = id => nodeName.get(id);
const bundle = readFileSync(serverPath, 'utf8').split('\n');
// esbuild marks each module of a non-minified bundle with a `// path` line.
const moduleStarts = [];
bundle.forEach((line, i) => { const m = /^\/\/ (\S+\.(?:ts|js|mjs|cjs))$/.exec(line); if (m) moduleStarts.push([i, m[1]]); });
const moduleOf = line => {
    let lo = 0, hi = moduleStarts.length - 1, found = '(bundle)';
    while (lo <= hi) { const mid = (lo + hi) >> 1; if (moduleStarts[mid][0] <= line) { found = moduleStarts[mid][1]; lo = mid + 1; } else hi = mid - 1; }
    return found;
};

// Self time per node: samples × interval.
const interval = (profile.endTime - profile.startTime) / profile.samples.length / 1000;
// Sample times (µs, monotonic): startTime plus the running sum of timeDeltas.
const sampleTimes = [];
for (let i = 0, t = profile.startTime; i < profile.samples.length; i++) sampleTimes.push(t += profile.timeDeltas[i]);
const inWindow = i => !window || (sampleTimes[i] >= window.start && sampleTimes[i] <= window.end);
if (window) {
    const count = name => sampleTimes.filter((t, i) => inWindow(i) && nodeOf(profile.samples[i]) === name).length;
    console.log(`in the window: (program) ${Math.round(count('(program)') * interval)} ms, (idle) ${Math.round(count('(idle)') * interval)} ms`);
}
const hits = new Map();
profile.samples.forEach((id, i) => { if (inWindow(i)) hits.set(id, (hits.get(id) ?? 0) + 1); });
const byModule = new Map();
const byFunction = new Map();
let total = 0;
for (const node of profile.nodes) {
    const ms = (hits.get(node.id) ?? 0) * interval;
    if (ms === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    total += ms;
    const module = url.endsWith('server.cjs') ? moduleOf(lineNumber) : (url || functionName);
    byModule.set(module, (byModule.get(module) ?? 0) + ms);
    const key = `${functionName || '(anonymous)'}  ${module}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
}
const print = (title, map) => {
    console.log(`\n${title} (busy ${Math.round(total)} ms)`);
    for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${String(Math.round(ms)).padStart(7)} ms  ${(100 * ms / total).toFixed(1).padStart(5)}%  ${key}`);
};
// Inclusive time: each sample counts once for every module / function on its stack.
const parent = new Map();

for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
const nodeById = new Map(profile.nodes.map(n => [n.id, n]));
const inclusiveModule = new Map();
const inclusiveFunction = new Map();
const keyOf = node => {
    const { functionName, url, lineNumber } = node.callFrame;
    const module = url.endsWith('server.cjs') ? moduleOf(lineNumber) : (url || functionName);
    return [module, `${functionName || '(anonymous)'}  ${module}:${lineNumber + 1}`];
};
for (const [i, id] of profile.samples.entries()) {
    if (!inWindow(i)) continue;
    const modules = new Set();
    const functions = new Set();
    for (let node = nodeById.get(id); node; node = parent.get(node.id)) {
        if (node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)') break;
        const [module, fn] = keyOf(node);
        modules.add(module);
        functions.add(fn);
    }
    for (const m of modules) inclusiveModule.set(m, (inclusiveModule.get(m) ?? 0) + interval);
    for (const f of functions) inclusiveFunction.set(f, (inclusiveFunction.get(f) ?? 0) + interval);
}
const ours = map => new Map([...map].filter(([k]) => k.includes('language/')));
print('self time by module', byModule);
print('self time by function', byFunction);
print('inclusive time by jxmb module', ours(inclusiveModule));
print('inclusive time by jxmb function', ours(inclusiveFunction));
if (args.includes('--all')) print('inclusive time by function', inclusiveFunction);
if (!args.includes('--keep')) rmSync(work, { recursive: true, force: true });
else console.log(`\nprofile kept in ${work}`);
