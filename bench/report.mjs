// The benchmark's table (stdout) and its targets.

/** Targets of issue 7, on the project's 2-core machine. `pick` reads the measured figure from the results. */
export const targets = [
    { id: 'edit-2000', description: '一字符编辑 → 诊断（2,000 个三级指标，中位数）', limit: 50, unit: 'ms', pick: r => r.sizes?.['2000']?.jxmb?.edit?.median },
    { id: 'completion', description: '补全（2,000 个三级指标的文件中，中位数）', limit: 20, unit: 'ms', pick: r => r.sizes?.['2000']?.jxmb?.completion?.median },
    { id: 'open-2000', description: '打开 → 首次诊断（2,000 个三级指标）', limit: 250, unit: 'ms', pick: r => r.sizes?.['2000']?.jxmb?.openMs },
    { id: 'check-500', description: 'jxmb check 500 个典型文件', limit: 10, unit: 's', pick: r => r.cli?.check?.seconds }
];

export function judgeTargets(results) {
    return targets.map(({ pick, ...target }) => {
        const measured = pick(results);
        const known = typeof measured === 'number' && Number.isFinite(measured);
        return { ...target, measured: known ? measured : null, status: known ? (measured <= target.limit ? 'pass' : 'miss') : 'not measured' };
    });
}

const fmtMs = x => x === null || x === undefined || !Number.isFinite(x) ? '—' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const fmtMb = x => x === null || x === undefined || !Number.isFinite(x) ? '—' : `${Math.round(x)} MB`;
const ratio = (a, b) => (typeof a === 'number' && typeof b === 'number' && b > 0 && Number.isFinite(a)) ? (a / b >= 10 ? (a / b).toFixed(0) : (a / b).toFixed(2)) : '—';
const kb = chars => chars >= 1e6 ? `${(chars / 1e6).toFixed(1)} M` : `${Math.round(chars / 1000)} k`;

function table(rows) {
    const widths = rows[0].map((_, c) => Math.max(...rows.map(r => width(String(r[c])))));
    return rows.map(r => r.map((cell, c) => c === 0 ? pad(String(cell), widths[c]) : padStart(String(cell), widths[c])).join('  ')).join('\n');
}
// CJK characters take two columns in a terminal.
const width = s => [...s].reduce((w, ch) => w + (/[\u2e80-\uffdc]/.test(ch) ? 2 : 1), 0);
const pad = (s, w) => s + ' '.repeat(Math.max(0, w - width(s)));
const padStart = (s, w) => ' '.repeat(Math.max(0, w - width(s))) + s;

export function renderTable(results) {
    const out = [];
    const head = ['', 'jxmb', 'YAML-LS', 'jxmb/YAML', 'floor', 'jxmb/floor'];
    for (const [size, s] of Object.entries(results.sizes ?? {})) {
        out.push(`\n${Number(size).toLocaleString('en-US')} 个三级指标 — .jxmb ${kb(s.chars.jxmb)} 字符, YAML ${kb(s.chars.yaml)}, JSON ${kb(s.chars.json)}`);
        const j = s.jxmb ?? {};
        const y = s.yaml ?? {};
        const f = s.floor ?? {};
        const row = (label, ours, theirs, floor, fmt = fmtMs) => [label, fmt(ours), fmt(theirs), ratio(ours, theirs), floor === undefined ? '—' : fmt(floor), floor === undefined ? '—' : ratio(ours, floor)];
        out.push(table([
            head,
            row(`open → diagnostics (cold)${j.openRuns?.length > 1 ? `, median of ${j.openRuns.length}` : ''}`, j.openMs, y.openMs, f.firstMs),
            row('open → diagnostics (warm)', j.reopenMs, y.reopenMs, f.median),
            row('open, file of the opened folder', j.inFolder?.openMs, y.openMs, f.firstMs),
            row('edit → diagnostics median', j.edit?.median, y.edit?.median, f.median),
            row('edit → diagnostics p95', j.edit?.p95, y.edit?.p95, f.p95),
            row('edit: server CPU, median', j.edit?.cpuMedian, y.edit?.cpuMedian, f.median),
            row('typing a new 三级 line, per key, median', j.typing?.median, undefined, f.median),
            row('typing a new 三级 line, per key, p95', j.typing?.p95, undefined, f.p95),
            row('backspacing it, per key, median', j.typing?.backspaces?.median, undefined, f.median),
            row('backspacing it, per key, p95', j.typing?.backspaces?.p95, undefined, f.p95),
            row('the line typed at 30 ms a key: last key → diagnostics', j.typing?.burst?.typed?.ms, undefined, undefined),
            row('backspaced at 30 ms a key: last key → diagnostics', j.typing?.burst?.erased?.ms, undefined, undefined),
            row('completion median', j.completion?.median, y.completion?.median, undefined),
            row('completion p95', j.completion?.p95, y.completion?.p95, undefined),
            row('peak memory (VmHWM)', j.peakMemoryMb, y.peakMemoryMb, undefined, fmtMb)
        ]));
        const notes = [];
        if (j.completion) notes.push(`jxmb completion items: ${j.completion.items ?? '—'}`);
        if (y.completion) notes.push(`YAML-LS items: ${y.completion.items ?? '—'}`);
        notes.push(`diagnostics after open: jxmb ${j.openDiagnostics ?? '—'}, YAML-LS ${y.openDiagnostics ?? '—'}`);
        if (j.inFolder) notes.push(`file of the opened folder: jxmb checked it ${fmtMs(j.inFolder.folderLoadMs)} after spawn, before the open${j.inFolder.error ? ` (${j.inFolder.error})` : ''}; YAML-LS checks open files only (its cold open)`);
        for (const [name, r] of [['jxmb', j], ['YAML-LS', y]]) if (r.errors?.length) notes.push(`${name} errors: ${r.errors.join('; ')}`);
        out.push(`  (${notes.join('; ')})`);
    }
    if (results.cli) {
        out.push('\nCLI (wall time, process start-up included)');
        const c = results.cli;
        const s2 = x => typeof x === 'number' ? `${x.toFixed(2)} s` : '—';
        out.push(table([
            ['', 'wall', 'CPU', 'exit'],
            [`check ${c.check?.files ?? '?'} typical files (${c.check?.indicators ?? '?'} 三级指标)`, s2(c.check?.seconds), s2(c.check?.cpuSeconds), String(c.check?.exitCode ?? '—')],
            ['compile --to xlsx, 2,000 三级指标', s2(c.xlsx?.seconds), s2(c.xlsx?.cpuSeconds), String(c.xlsx?.exitCode ?? '—')]
        ]));
    }
    out.push('\nTargets');
    out.push(table([['', 'limit', 'measured', ''], ...results.targets.map(t => [t.description, `${t.limit} ${t.unit}`, t.measured === null ? '—' : `${t.measured} ${t.unit}`, t.status])]));
    if (results.yamlNote) out.push(`\n${results.yamlNote}`);
    return out.join('\n');
}
