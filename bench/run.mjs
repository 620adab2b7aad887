// `npm run bench`: jxmb's language server and CLI against yaml-language-server on the same declarations, and against
// the floor (JSON.parse + AJV). Prints a table and writes bench/results.json.
//   node bench/run.mjs [--sizes 200,2000,10000] [--edits 40] [--completions 40] [--opens 5] [--files 500] [--no-yaml] [--no-cli]
//                      [--out bench/results.json] [--keep] [--dist <dir with server.cjs and cli.mjs>] [--no-hostile]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import YAML from 'yaml';
import { findAnchors } from './anchors.mjs';
import { compileJson, measureCheck, measureCompileXlsx, writeTypicalFiles } from './cli.mjs';
import { measureFloor } from './floor.mjs';
import { measureHostile, renderHostile } from './hostile.mjs';
import { measureHostileServer, renderHostileServer } from './hostile-server.mjs';
import { generateDeclaration } from './generate.mjs';
import { LspServer } from './lsp.mjs';
import { judgeTargets, renderTable } from './report.mjs';
import { againUri, openInNewServer, runScenario } from './scenario.mjs';
import { summarize } from './stats.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flag = name => args.includes(`--${name}`);
const option = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i === -1 || i + 1 >= args.length ? fallback : args[i + 1];
};
const sizes = option('sizes', '200,2000,10000').split(',').map(s => Number(s.replace(/[_,]/g, ''))).filter(n => Number.isInteger(n) && n > 0);
const editsOption = option('edits');
const completionsOption = option('completions');
const fileCount = Number(option('files', 500));
/** New servers per open figure (the first is the editing session's): one cold open varies by ±20 % here. */
const opens = Math.max(1, Number(option('opens', 5)));
const out = option('out', join(root, 'bench/results.json'));
const timeoutMs = 180_000;
/** yaml-language-server validates 200 ms after the last change (yamlSettings.validationDelayMs; no setting). */
const YAML_VALIDATION_DELAY_MS = 200;

const yamlServerPath = join(root, 'node_modules/yaml-language-server/bin/yaml-language-server');
const schemaPath = join(root, 'schemas/declaration.schema.json');

// --dist <dir> measures other bundles (e.g. a build of an earlier version, for before/after figures).
const distDir = option('dist', join(root, 'dist'));
for (const bundle of ['server.cjs', 'cli.mjs']) {
    if (!existsSync(join(distDir, bundle))) {
        process.stderr.write(`找不到 ${join(distDir, bundle)}：请先运行 npm run build（npm run bench 会先构建）。\n`);
        process.exit(2);
    }
}
const withYaml = !flag('no-yaml') && existsSync(yamlServerPath);
if (!flag('no-yaml') && !withYaml) process.stderr.write(`找不到 ${yamlServerPath}：跳过 YAML 对照。\n`);

const work = mkdtempSync(join(os.tmpdir(), 'jxmb-bench-'));
const emptyWorkspace = join(work, 'workspace');
mkdirSync(emptyWorkspace);
// The bundles as built when the run starts: a rebuild of dist/ during the run does not change what is measured.
// (bin/jxmb.js only imports dist/cli.mjs; the server loads the libraries of dist/lib/ when first needed.)
mkdirSync(join(work, 'dist'));
for (const bundle of ['server.cjs', 'cli.mjs']) copyFileSync(join(distDir, bundle), join(work, 'dist', bundle));
if (existsSync(join(distDir, 'lib'))) cpSync(join(distDir, 'lib'), join(work, 'dist/lib'), { recursive: true });
const serverPath = join(work, 'dist/server.cjs');
const cliPath = join(work, 'dist/cli.mjs');
const bundleHash = file => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);
const log = message => process.stderr.write(`${message}\n`);

const jxmbSettings = { jxmb: { severity: {}, costModel: 'legacy' } };
const yamlSettings = documentUri => ({
    yaml: {
        schemas: { [pathToFileURL(schemaPath).href]: [documentUri, againUri(documentUri)] },
        validate: true, completion: true, hover: true, format: { enable: true },
        schemaStore: { enable: false }, kubernetesCRDStore: { enable: false }, maxItemsComputed: 5000
    },
    http: { proxy: '', proxyStrictSSL: false },
    '[yaml]': {},
    editor: { tabSize: 2, insertSpaces: true }
});

function packageVersion(name) {
    try {
        return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
        return null;
    }
}

function gitState() {
    try {
        const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
        const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }).trim().length > 0;
        return { head, dirty };
    } catch {
        return null;
    }
}

/** yaml-language-server really applies the schema: a model with a wrong version gets a diagnostic. */
async function probeYamlSchema() {
    const uri = pathToFileURL(join(work, 'probe.yaml')).href;
    const server = new LspServer([yamlServerPath, '--stdio'], { settings: yamlSettings(uri), rootUri: pathToFileURL(emptyWorkspace).href, name: 'yaml-probe' });
    try {
        await server.initialize();
        await new Promise(r => setTimeout(r, 500));
        const { diagnostics } = await server.open(uri, 'yaml', 'version: 2\ndeclarations: []\n', 30_000);
        return diagnostics.length > 0;
    } catch {
        return false;
    } finally {
        await server.stop();
    }
}

/**
 * Cold opens in further new servers, one server of each entry in turn (jxmb's and YAML-LS's: a change of the host's
 * speed during the run reaches both alike, and their ratio holds); each `result.openMs` (and openCpuMs,
 * folderLoadMs) becomes the median of all, the single figures stay in `openRuns`. A server that fails an open leaves
 * the figures it has.
 * @param {...[object, object]} entries each a result and its `openInNewServer` options
 */
async function medianOfOpens(...entries) {
    const runs = entries.map(([result]) => (result.openMs === undefined ? [] : [{ openMs: result.openMs, openCpuMs: result.openCpuMs }]));
    const failed = new Set();
    for (let more = true; more;) {
        more = false;
        for (const [i, [result, o]] of entries.entries()) {
            if (failed.has(i) || runs[i].length >= opens) continue;
            const run = await openInNewServer(o);
            if (run.error) {
                (result.errors ??= []).push(`open: ${run.error}`);
                failed.add(i);
                continue;
            }
            runs[i].push(run);
            result.openDiagnostics ??= run.openDiagnostics;
            more = true;
        }
    }
    for (const [i, [result, o]] of entries.entries()) {
        if (runs[i].length === 0) continue;
        result.openRuns = runs[i].map(r => r.openMs);
        result.openMs = summarize(result.openRuns).median;
        result.openCpuMs = summarize(runs[i].map(r => r.openCpuMs)).median;
        if (o.fromFolder) result.folderLoadMs = summarize(runs[i].map(r => r.folderLoadMs)).median;
    }
}

async function measureSize(size) {
    const dir = join(work, `size-${size}`);
    mkdirSync(dir);
    const declaration = generateDeclaration(size, size);
    const jxmbFile = join(dir, `申报-${size}.jxmb`);
    writeFileSync(jxmbFile, declaration.text);
    const jsonFile = join(dir, `申报-${size}.json`);
    await compileJson(cliPath, jxmbFile, jsonFile);
    const json = readFileSync(jsonFile, 'utf8');
    const yaml = YAML.stringify(JSON.parse(json));
    const yamlFile = join(dir, `申报-${size}.yaml`);
    writeFileSync(yamlFile, yaml);
    const anchors = findAnchors(declaration.text, yaml);
    const edits = Number(editsOption ?? (size > 2000 ? 30 : 40));
    const completions = Number(completionsOption ?? (size > 2000 ? 30 : 40));
    // Time boxes keep the run under ten minutes where a server takes seconds per message (YAML-LS at 10,000).
    const budget = { minSamples: 3, budgetMs: size > 2000 ? 30_000 : 60_000 };
    const result = {
        indicators: declaration.indicators, projects: declaration.projects, tasks: declaration.tasks,
        chars: { jxmb: declaration.text.length, yaml: yaml.length, json: json.length },
        anchors: anchors.map(a => a.name)
    };

    result.floor = measureFloor(json, size > 2000 ? 10 : 30);
    log(`  floor: JSON.parse + AJV ${result.floor.median} ms`);

    const jxmbUri = pathToFileURL(jxmbFile).href;
    const jxmbOpen = { name: 'jxmb', command: [serverPath, '--stdio'], settings: jxmbSettings, rootUri: pathToFileURL(emptyWorkspace).href, uri: jxmbUri, languageId: 'jxmb', text: declaration.text, timeoutMs };
    result.jxmb = await runScenario({
        ...jxmbOpen, anchors: anchors.map(a => a.jxmb), edits, completions, ...budget,
        typing: newLineAfter(declaration.text, anchors[0].jxmb.edit)
    });
    log(`  jxmb: edit median ${result.jxmb.edit?.median} ms, completion median ${result.jxmb.completion?.median} ms`);
    // The folder holds this file only (.json and .yaml are not the server's).
    result.jxmb.inFolder = {};
    await medianOfOpens([result.jxmb.inFolder, { ...jxmbOpen, rootUri: pathToFileURL(dir).href, fromFolder: true }]);
    log(`  jxmb, file of the opened folder: checked ${result.jxmb.inFolder.folderLoadMs} ms after spawn, then open ${result.jxmb.inFolder.openMs} ms`);

    const coldOpens = [[result.jxmb, jxmbOpen]];
    if (withYaml) {
        const yamlUri = pathToFileURL(yamlFile).href;
        const yamlOpen = { name: 'yaml-language-server', command: [yamlServerPath, '--stdio'], settings: yamlSettings(yamlUri), rootUri: pathToFileURL(emptyWorkspace).href, uri: yamlUri, languageId: 'yaml', text: yaml, timeoutMs };
        result.yaml = await runScenario({ ...yamlOpen, anchors: anchors.map(a => a.yaml), edits, completions, ...budget });
        if (result.yaml.edit?.median !== null && result.yaml.edit?.median !== undefined) {
            result.yaml.editMedianNetOfDelay = Math.round((result.yaml.edit.median - YAML_VALIDATION_DELAY_MS) * 100) / 100;
        }
        log(`  YAML-LS: edit median ${result.yaml.edit?.median} ms, completion median ${result.yaml.completion?.median} ms`);
        coldOpens.push([result.yaml, yamlOpen]);
    }
    await medianOfOpens(...coldOpens);
    log(`  open in a new server (median of ${opens}, servers in turn): jxmb ${result.jxmb.openMs} ms${withYaml ? `, YAML-LS ${result.yaml.openMs} ms` : ''}`);
    return result;
}

async function measureCli() {
    const dir = join(work, 'check');
    const indicators = writeTypicalFiles(dir, fileCount);
    log(`CLI: jxmb check of ${fileCount} files (${indicators} 三级指标)…`);
    const check = { files: fileCount, indicators, ...await measureCheck(cliPath, dir) };
    log(`  ${check.seconds} s`);
    const xlsxDir = join(work, 'xlsx');
    mkdirSync(xlsxDir);
    const source = join(xlsxDir, '申报-2000.jxmb');
    writeFileSync(source, generateDeclaration(2000, 2000).text);
    log('CLI: jxmb compile --to xlsx (2,000 三级指标)…');
    const xlsx = await measureCompileXlsx(cliPath, source, join(xlsxDir, '申报-2000.xlsx'));
    log(`  ${xlsx.seconds} s`);
    return { check, xlsx };
}

const started = performance.now();
const results = {
    date: new Date().toISOString(),
    node: process.version,
    machine: {
        cpu: os.cpus()[0]?.model ?? null, cores: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30 * 10) / 10,
        platform: `${os.platform()} ${os.release()}`, loadAverageAtStart: os.loadavg().map(x => Math.round(x * 100) / 100)
    },
    versions: {
        jxmb: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version, git: gitState(),
        bundles: { from: distDir, 'server.cjs': bundleHash(serverPath), 'cli.mjs': bundleHash(cliPath), minified: !readFileSync(serverPath, 'utf8').slice(0, 5000).includes('\n// ') }, langium: packageVersion('langium'), 'yaml-language-server': packageVersion('yaml-language-server') },
    method: {
        transport: 'stdio, vscode-languageserver-protocol; initialize with VS Code\'s client capabilities; settings via workspace/didChangeConfiguration and workspace/configuration',
        open: 'didOpen → first textDocument/publishDiagnostics for the URI: cold = median over --opens new servers that have opened nothing before (openRuns), the first where each scenario starts, the others of jxmb and YAML-LS in turn after both scenarios; warm = the same text under another name after the edits and completions',
        inFolder: 'jxmb only: a new server whose workspace folder holds the file (as VS Code starts it for a folder with .jxmb files); spawn → the file\'s diagnostics published unasked (folderLoadMs), then didOpen → diagnostics (openMs). YAML-LS checks only open files: its cold open is its figure',
        edit: 'incremental didChange typing one character into a 三级 name, then deleting it (two unrecorded edits first); time to the next publishDiagnostics',
        typing: 'jxmb only: Enter at the end of a 三级 line, then "新增培训人数"：≥ 50 人次 typed key by key as VS Code sends it (quotes closed automatically; bench/typing.mjs) and taken back by backspaces (reported apart: deleting the closing quote leaves a string open to the next quote of the file); the text has a syntax error at most keys; time to the next publishDiagnostics per key; then the same line typed and backspaced at 30 ms a key (key repeat) without waiting: time from the last key to the diagnostics of that version',
        completion: 'textDocument/completion (invoked) at the start of a 三级 indicator: before its name in .jxmb, at its `name` key in YAML',
        memory: 'VmHWM of the server process from /proc at the end of the session',
        yaml: 'the canonical JSON model (jxmb compile --to json) as YAML (yaml.stringify), yaml.schemas → schemas/declaration.schema.json',
        floor: 'JSON.parse + AJV (allErrors, strict, allowUnionTypes) of the canonical JSON, in-process; schema compiled once beforehand',
        cli: 'wall time of the CLI process (node dist/cli.mjs, which bin/jxmb.js imports; copied at the start of the run), start-up included'
    },
    config: { sizes, opens, timeBox: 'at least 3 samples, then stop a phase after 60 s (sizes ≤ 2000) or 30 s (larger); n in the results', edits: editsOption ? Number(editsOption) : 'size ≤ 2000: 40, larger: 30', completions: completionsOption ? Number(completionsOption) : 'size ≤ 2000: 40, larger: 30', files: fileCount, yaml: withYaml, cli: !flag('no-cli') },
    sizes: {}
};

try {
    if (withYaml) {
        results.yamlSchemaApplied = await probeYamlSchema();
        log(`yaml-language-server applies the schema: ${results.yamlSchemaApplied}`);
    }
    for (const size of sizes) {
        log(`${size} 三级指标…`);
        results.sizes[size] = await measureSize(size);
    }
    if (!flag('no-cli')) results.cli = await measureCli();
    if (!flag('no-hostile')) {
        log('CLI: adversarial inputs at n and 4n…');
        results.hostile = await measureHostile(cliPath, join(work, 'hostile'), { log });
        log('Language server: each feature on adversarial inputs at 1, n and 4n…');
        results.hostileServer = await measureHostileServer(serverPath, join(work, 'hostile-server'), { log });
    }
} finally {
    if (!flag('keep')) rmSync(work, { recursive: true, force: true });
    else log(`files kept in ${work}`);
}

results.machine.loadAverageAtEnd = os.loadavg().map(x => Math.round(x * 100) / 100);
results.totalSeconds = Math.round(performance.now() - started) / 1000;
results.targets = judgeTargets(results);
if (withYaml) {
    results.yamlNote = `yaml-language-server validates ${YAML_VALIDATION_DELAY_MS} ms after the last change (validationDelayMs, not a setting): `
        + 'its open and edit figures include that delay; editMedianNetOfDelay in results.json subtracts it.';
}
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(renderTable(results));
console.log(renderHostile(results.hostile));
console.log(renderHostileServer(results.hostileServer));
console.log(`\nload average ${results.machine.loadAverageAtStart.join(' ')} → ${results.machine.loadAverageAtEnd.join(' ')}; ${results.totalSeconds} s in all; results in ${out}`);

/** Enter at the end of the line holding `offset` (a 三级 name), indented as that line: where a new 三级 is typed. */
function newLineAfter(text, offset) {
    const at = text.indexOf('\n', offset);
    const lineStart = text.lastIndexOf('\n', offset) + 1;
    return { at, indent: /^[ \t]*/.exec(text.slice(lineStart))[0], line: '"新增培训人数"：≥ 50 人次' };
}
