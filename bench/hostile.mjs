// Adversarial inputs, measured for how their time grows: each case is written at n and at 4n repetitions and checked
// by the CLI; with the start-up (a file of one repetition) taken off, a check linear in its input takes ≈ 4× as long
// at 4n, a quadratic one ≈ 16×. Issue 7 asks bad input to end in bounded time; these are the shapes that once did not
// (bench/NOTES.md, seventeenth session): one value of thousands of numbers, a goal of thousands of promises, clauses,
// hedge words, rows without values, input-method slips, rows the parser has to recover from.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** One 项目支出 with `value` as the first 三级's value, `goal` as its 绩效目标 and `rows` as extra lines of 数量指标. */
export function project({ value = '≥20场次', goal = '全年开展科普活动不少于20场次。', rows = '' }) {
    return `项目支出 "示例单位" 年度 2024 {
    合计 { 总计 100.00  财政拨款 100.00 }
    单位 "示例单位" {
        资金 { 总计 100.00  财政拨款 100.00 }
        项目 "科普活动经费" {
            资金 { 总计 100.00  财政拨款 100.00  财政专户拨款 空  其他资金 空 }
            绩效目标 "${goal}"
            绩效指标 {
                产出指标 {
                    数量指标 {
                        "开展科普活动场次"：${value}
${rows}                    }
                    时效指标 { "活动完成时间"：≤2024-12-31 }
                    成本指标 { "活动成本"：≤50万元 }
                }
                效益指标 { 社会效益指标 { "科普受益人次"：≥2万人次 } }
                满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }
            }
        }
    }
}
`;
}

const rows = (n, line) => Array.from({ length: n }, (_, i) => `                        ${line(i)}\n`).join('');

/** The cases: a label and the text of n repetitions. */
export const HOSTILE_CASES = [
    ['一个指标值里 n 个数（"≥1≥1…场次"）', n => project({ value: `"${'≥1'.repeat(n)}场次"` })],
    ['绩效目标里 n 个承诺', n => project({ goal: '举办科普活动不少于96场次，'.repeat(n) })],
    ['一个指标值里 n 个分句（不少于20场次；…）', n => project({ value: `"${'不少于20场次；'.repeat(n)}"` })],
    ['一个指标值里 n 个「力争原则上」', n => project({ value: `"${'力争原则上'.repeat(n)}≥20场次"` })],
    ['一个指标值里 n 组全角数字与单位', n => project({ value: `"${'１万２千３百场次人次万元%'.repeat(n)}"` })],
    ['n 行只有名称、没有值', n => project({ rows: rows(n, i => `"活动名称${i}"`) })],
    ['n 行「：」打了两次', n => project({ rows: rows(n, i => `"活动场次${i}"：：20场次`) })],
    ['n 行未加引号的文字值', n => project({ rows: rows(n, i => `"发布文章${i}"：不少于50篇`) })],
    ['n 行写作 ≤2024年12月31日（语法错误）', n => project({ rows: rows(n, i => `"完成时间${i}"：≤2024年12月31日`) })]
];

function checkMs(cli, file, timeoutMs) {
    return new Promise(resolve => {
        const start = performance.now();
        // JSON output carries each finding's quick-fixes: the editor computes them too, and one was quadratic.
        const child = spawn(process.execPath, [cli, 'check', '--format', 'json', file], { stdio: 'ignore' });
        const timer = setTimeout(() => child.kill(), timeoutMs);
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            resolve({ ms: Math.round(performance.now() - start), code, timedOut: signal !== null });
        });
    });
}

/**
 * Each case at 1, n and 4n repetitions (one run each: the growth, not the last millisecond, is the figure). Where n
 * repetitions take less than `minMs` over the start-up, the growth would be noise over a few milliseconds, so n is
 * taken 4 times larger (up to `maxN`, and while 4n stays under jxmb's file limit). A check that takes longer than `timeoutMs` is stopped and reported so.
 */
// jxmb refuses a file over 4 MB (MAX_SOURCE_BYTES, language/cli/source-files.ts) at once: a 4n past it measures the refusal.
const MAX_BYTES = 4 * 1024 * 1024;

export async function measureHostile(cli, dir, { n = 2500, maxN = 160_000, minMs = 100, timeoutMs = 60_000, log = () => {} } = {}) {
    mkdirSync(dir, { recursive: true });
    const results = [];
    for (const [index, [label, make]] of HOSTILE_CASES.entries()) {
        const times = {};
        const measure = async reps => {
            const file = join(dir, `case${index + 1}-${reps}.jxmb`);
            writeFileSync(file, make(reps));
            times[reps] = await checkMs(cli, file, timeoutMs);
        };
        await measure(1);
        const base = times[1].ms;
        const at = reps => times[reps].timedOut ? null : times[reps].ms;
        let reps = n;
        await measure(reps);
        const fits = reps => Buffer.byteLength(make(reps)) <= MAX_BYTES;
        while (at(reps) !== null && at(reps) - base < minMs && reps * 4 <= maxN && fits(reps * 16)) await measure(reps *= 4);
        await measure(4 * reps);
        const growth = at(reps) !== null && at(4 * reps) !== null && at(reps) - base > 0
            ? Math.round((at(4 * reps) - base) / (at(reps) - base) * 10) / 10 : null;
        const row = { case: label, n: reps, startupMs: base, ms: at(reps), ms4n: at(4 * reps), growth, timedOut: times[4 * reps].timedOut || times[reps].timedOut };
        log(`  ${label}: ${row.ms ?? '超时'} ms at n=${reps}, ${row.ms4n ?? '超时'} ms at 4n (start-up ${base} ms), growth ${growth ?? '—'}`);
        results.push(row);
    }
    return results;
}

export function renderHostile(rows) {
    if (!rows?.length) return '';
    const lines = [`\n异常输入的增长（jxmb check --format json，含快速修复，n 与 4n 次重复，扣除启动时间；线性 ≈ 4，平方 ≈ 16）`];
    for (const r of rows) {
        const cell = ms => (ms === null ? '超时' : `${ms} ms`).padStart(9);
        lines.push(`  n=${r.n}:${cell(r.ms)}   4n:${cell(r.ms4n)}   增长 ${String(r.growth ?? '—').padStart(4)}   ${r.case}`);
    }
    return lines.join('\n');
}
