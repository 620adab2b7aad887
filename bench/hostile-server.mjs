// Adversarial inputs in the editor: each shape of hostile.mjs, and some that stress one feature (one very long line,
// thousands of 二级 blocks, projects, tasks or tables, very long names, a value of thousands of units), opened in the
// real server at 1, n and 4n repetitions; each feature's request is timed (the median of three where it is short) at a
// fixed place in the long part (inside the long value, at the end of the long goal, on the last row…). With the time at
// one repetition taken off, a feature linear in its input takes ≈ 4× as long at 4n, a quadratic one ≈ 16×. The grammar
// nests no deeper than 表 → 单位 → 项目 → 一级 → 二级 → 三级, so there is no deep nesting to try.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { HOSTILE_CASES, project } from './hostile.mjs';
import { LspServer, positionAt } from './lsp.mjs';

const indent = ' '.repeat(24);
/** The offset just before the last `needle` (+ `shift`): a place in the long part of a shape. */
const before = (needle, shift = 0) => text => text.lastIndexOf(needle) + shift;
/** The end of the last row of 数量指标 (the line before its closing brace). */
const lastRow = text => text.lastIndexOf('\n', text.indexOf('\n                    }\n                    时效指标')) - 2;

/** The places of hostile.mjs's cases, in its order. */
const PLACES = [
    before('≥1', 1), before('"\n            绩效指标'), before('不少于20场次；', 3), before('力争原则上', 2),
    before('１万', 1), lastRow, lastRow, lastRow, lastRow
];

/** Shapes that stress one feature of the editor more than the CLI's: a label, the text of n repetitions, a place. */
const EDITOR_CASES = [
    ['一行写 n 个三级', n => project({ rows: `${indent}${Array.from({ length: n }, (_, i) => `"活动${i}"：≥20场次`).join(' ')}\n` }), before('：≥20场次', 2)],
    ['n 个二级块', level2Blocks, before('：≥90% }\n                    数量指标', 1)],
    // ≈ 600 bytes a project: half of n, so that 4n stays under the size the server refuses (4 MB)
    ['n/2 个项目', n => projects(Math.max(1, Math.round(n / 2))), before('绩效目标 "', 8)],
    ['部门整体里 n 个任务', n => tasks(n), before('期望目标 "', 6)],
    ['n/8 张表', n => Array.from({ length: Math.max(1, Math.round(n / 8)) }, () => project({})).join('\n'), before('绩效目标 "', 8)],
    ['名称是 n 个「科普活动」的三级', n => project({ rows: `${indent}"${'科普活动'.repeat(n)}"：≥20场次\n` }), before('科普活动"', 2)],
    ['一个指标值里 n 个单位', n => project({ value: `"≥20${'场次'.repeat(n)}"` }), before('场次"', 1)]
];

/** n 质量指标 blocks of one row each after the first 数量指标, and a second 数量指标 that the row lines close. */
function level2Blocks(n) {
    const blocks = Array.from({ length: n }, (_, i) => `                    质量指标 { "合格率${i}"：≥90% }\n`).join('');
    return project({ value: `≥20场次 }\n${blocks}                    数量指标 { "场次"：≥20场次` });
}

/** A 部门整体 of n 任务 whose amounts add up to its budget, and one indicator tree. */
function tasks(n) {
    return `部门整体 "示例单位" 年度 2024 {
    预算 { 部门预算支出 { 基本支出 0.00  项目支出 ${n}.00 } 收入来源 { 财政拨款 ${n}.00  其他资金 0.00 } }
    总体绩效目标 "全年开展科普活动不少于20场次。"
${Array.from({ length: n }, (_, i) => `    任务 "科普任务${i}" { 主要实施内容 "开展科普活动" 拟投入资金 1.00 期望目标 "开展科普活动不少于20场次" }\n`).join('')}    绩效指标 {
        产出指标 { 数量指标 { "开展科普活动场次"：≥20场次 } 时效指标 { "活动完成时间"：≤2024-12-31 } 成本指标 { "活动成本"：≤50万元 } }
        效益指标 { 社会效益指标 { "科普受益人次"：≥2万人次 } }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }
    }
}
`;
}

/** A 项目支出 of n projects, each with its own name and amounts that add up. */
function projects(n) {
    const one = i => `        项目 "科普活动经费${i}" {
            资金 { 总计 1.00  财政拨款 1.00 }
            绩效目标 "全年开展科普活动不少于20场次。"
            绩效指标 {
                产出指标 { 数量指标 { "开展科普活动场次"：≥20场次 } 时效指标 { "活动完成时间"：≤2024-12-31 } 成本指标 { "活动成本"：≤1万元 } }
                效益指标 { 社会效益指标 { "科普受益人次"：≥2万人次 } }
                满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }
            }
        }
`;
    return `项目支出 "示例单位" 年度 2024 {
    合计 { 总计 ${n}.00  财政拨款 ${n}.00 }
    单位 "示例单位" {
        资金 { 总计 ${n}.00  财政拨款 ${n}.00 }
${Array.from({ length: n }, (_, i) => one(i)).join('')}    }
}
`;
}

export const SERVER_CASES = [...HOSTILE_CASES.map(([label, make], i) => [label, make, PLACES[i]]), ...EDITOR_CASES];

/** The requests timed: a name and the request's method and params for a document, its text, the place and its diagnostics. */
const FEATURES = [
    ['hover', 'textDocument/hover', d => ({ textDocument: { uri: d.uri }, position: d.position })],
    ['completion', 'textDocument/completion', d => ({ textDocument: { uri: d.uri }, position: d.position, context: { triggerKind: 1 } })],
    ['formatting', 'textDocument/formatting', d => ({ textDocument: { uri: d.uri }, options: { tabSize: 4, insertSpaces: true } })],
    ['rangeFormatting', 'textDocument/rangeFormatting', d => ({ textDocument: { uri: d.uri }, range: d.line, options: { tabSize: 4, insertSpaces: true } })],
    ['folding', 'textDocument/foldingRange', d => ({ textDocument: { uri: d.uri } })],
    ['documentSymbol', 'textDocument/documentSymbol', d => ({ textDocument: { uri: d.uri } })],
    ['workspaceSymbol', 'workspace/symbol', () => ({ query: '活动' })],
    ['codeAction(全文)', 'textDocument/codeAction', d => ({ textDocument: { uri: d.uri }, range: d.whole, context: { diagnostics: d.diagnostics, triggerKind: 1 } })],
    ['codeAction(此处)', 'textDocument/codeAction', d => ({ textDocument: { uri: d.uri }, range: { start: d.position, end: d.position }, context: { diagnostics: d.diagnostics.filter(x => x.range.start.line <= d.position.line && x.range.end.line >= d.position.line), triggerKind: 2 } })],
    ['jxmb/summary', 'jxmb/summary', d => ({ uri: d.uri })],
    ['jxmb/compile json', 'jxmb/compile', d => ({ uri: d.uri, target: 'json' })],
    ['jxmb/compile xlsx', 'jxmb/compile', d => ({ uri: d.uri, target: 'xlsx' })],
    ['jxmb/draftTargets', 'jxmb/draftTargets', d => ({ uri: d.uri, position: d.position })]
];
export const SERVER_FEATURES = FEATURES.map(([name]) => name);
/** The features' column heads in the printed table, in FEATURES' order. */
const SHORT_NAMES = ['悬停', '补全', '格式化', '行格式化', '折叠', '大纲', '工作区', '全文修复', '此处修复', 'summary', 'json', 'xlsx', 'targets'];

function timed(server, method, params, ms) {
    let timer;
    const start = performance.now();
    return Promise.race([
        // A refusal (an error answer) is timed too, but is not the feature's work: it is reported as such.
        server.connection.sendRequest(method, params).then(() => Math.round(performance.now() - start), () => 'error'),
        new Promise(resolve => { timer = setTimeout(() => resolve(null), ms); })
    ]).finally(() => clearTimeout(timer));
}

/** Opens `text` in `server` and times each feature: { feature: ms | 'error' (refused) | null (no answer in time) }. */
async function measureText(server, uri, text, place, timeoutMs) {
    const { diagnostics } = await server.open(uri, 'jxmb', text, timeoutMs);
    const position = positionAt(text, place);
    const lineEnd = text.indexOf('\n', place);
    const d = {
        uri, position, diagnostics,
        line: { start: { line: position.line, character: 0 }, end: positionAt(text, lineEnd === -1 ? text.length : lineEnd) },
        whole: { start: { line: 0, character: 0 }, end: positionAt(text, text.length) }
    };
    const times = {};
    for (const [name, method, params] of FEATURES) {
        // One request varies by a collection or another process: the median of three where they are short.
        const runs = [await timed(server, method, params(d), timeoutMs)];
        while (typeof runs[0] === 'number' && runs[0] < 500 && runs.length < 3) runs.push(await timed(server, method, params(d), timeoutMs));
        times[name] = runs.length === 3 && runs.every(r => typeof r === 'number') ? runs.sort((a, b) => a - b)[1] : runs[0];
        if (times[name] === null) break; // the server is still at it: what follows (and 4n) would wait for it
    }
    await server.close(uri);
    return times;
}

/**
 * Each shape at 1, n and 4n repetitions in a new server of its own (so that one shape's memory and a request that
 * did not end do not reach the next). Growth = (4n − 1) / (n − 1) per feature; null where the feature takes under
 * `minMs` more at n than at 1 (noise) or did not answer.
 */
export async function measureHostileServer(serverPath, dir, { n = 2000, minMs = 20, timeoutMs = 60_000, cases = SERVER_CASES, log = () => {} } = {}) {
    mkdirSync(dir, { recursive: true });
    const rootUri = pathToFileURL(dir).href;
    const results = [];
    for (const [index, [label, make, place]] of cases.entries()) {
        const server = new LspServer([serverPath, '--stdio'], { settings: { jxmb: { severity: {} } }, rootUri, name: 'jxmb' });
        const byReps = {};
        try {
            await server.initialize();
            // Once beforehand, so that the figure at 1 is not the loading of a feature's code (the workbook writer's).
            const warm = make(1);
            await measureText(server, pathToFileURL(join(dir, `editor${index + 1}-warm.jxmb`)).href, warm, place(warm), timeoutMs);
            for (const reps of [1, n, 4 * n]) {
                const text = make(reps);
                byReps[reps] = await measureText(server, pathToFileURL(join(dir, `editor${index + 1}-${reps}.jxmb`)).href, text, place(text), timeoutMs);
                if (Object.values(byReps[reps]).includes(null)) break;
            }
        } catch (error) {
            log(`  ${label}: ${error.message}`);
        } finally {
            await server.stop();
        }
        const features = {};
        for (const feature of SERVER_FEATURES) {
            const [base, at, at4] = [byReps[1], byReps[n], byReps[4 * n]].map(t => t?.[feature] ?? null);
            const growth = [base, at, at4].every(ms => typeof ms === 'number') && at - base >= minMs
                ? Math.round((at4 - base) / (at - base) * 10) / 10 : null;
            features[feature] = { ms1: base, ms: at, ms4n: at4, growth };
        }
        const row = { case: label, n, features };
        const worst = Object.entries(features).filter(([, f]) => f.growth !== null).sort((a, b) => b[1].growth - a[1].growth)[0];
        log(`  ${label}: ${worst ? `growth at most ${worst[1].growth} (${worst[0]}, ${worst[1].ms} → ${worst[1].ms4n} ms)` : 'all under noise'}`);
        results.push(row);
    }
    return results;
}

/** One line per shape: each feature's growth (— under noise, 超时 / 拒绝 where it had no answer), then the slowest at 4n. */
export function renderHostileServer(rows) {
    if (!rows?.length) return '';
    // Chinese characters take two columns of a terminal.
    const pad = (text, width) => text + ' '.repeat(Math.max(0, width - [...text].reduce((w, c) => w + (c.charCodeAt(0) >= 0x2e80 ? 2 : 1), 0)));
    const lines = [
        `\n编辑器功能在异常输入下的增长（语言服务器，n 与 4n 次重复，扣除 1 次重复的时间，短的请求取三次的中位数；线性 ≈ 4，平方 ≈ 16）`,
        `  ${SHORT_NAMES.map(name => pad(name, 9)).join('')}  4n 最慢`
    ];
    for (const r of rows) {
        const features = Object.entries(r.features);
        const cells = features.map(([, f]) => pad(f.ms4n === null ? '超时' : f.ms4n === 'error' ? '拒绝' : String(f.growth ?? '—'), 9));
        const [slowest, f] = features.filter(([, f]) => typeof f.ms4n === 'number').sort((a, b) => b[1].ms4n - a[1].ms4n)[0] ?? ['—', {}];
        lines.push(`  ${cells.join('')}  ${slowest} ${f.ms4n ?? ''} ms   ${r.case}（n=${r.n}）`);
    }
    return lines.join('\n');
}
