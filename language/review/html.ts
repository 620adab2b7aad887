import { escapeHtml, htmlPage } from '../compile/html.js';
import { markInvisible } from '../domain/invisible-chars.js';
import { formatNames } from '../import/source.js';
import { severityLabels, type FileReview, type ReviewReport } from './report.js';

// The reviewer's report as one self-contained HTML page (inline CSS, no scripts, nothing fetched): a summary table,
// worst file first, then one section per file with each finding's severity, code, message and place in the original.
// Readable on screen and printed on A4.

const STYLE = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 8mm; font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
  "Source Han Sans SC", "WenQuanYi Micro Hei", "SimSun", sans-serif; font-size: 10.5pt; line-height: 1.5; color: #111; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 12.5pt; margin: 8mm 0 2mm; padding-bottom: 1mm; border-bottom: 1.5pt solid #333; overflow-wrap: anywhere; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm; }
.meta { color: #444; margin: 0 0 4mm; }
table { width: 100%; border-collapse: collapse; margin: 0 0 3mm; }
th, td { border: 0.75pt solid #999; padding: 1mm 1.6mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eee; font-weight: bold; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
/* Code and place wrap (a place may name an item, 第13行第7列（第 1 项「…」）): kept on one line they ran off the A4 page. */
td.code, td.place { font-family: Consolas, "DejaVu Sans Mono", monospace; font-size: 9.5pt; }
.error { color: #b00020; font-weight: bold; }
.warning { color: #8a5a00; font-weight: bold; }
.info, .hint { color: #245; }
.failed { color: #b00020; font-weight: bold; }
.clean { color: #176b2c; }
.reason { border-left: 3pt solid #b00020; padding: 1mm 3mm; background: #fff3f3; }
table.notes td { color: #333; background: #f7f9fb; }
section + section { break-before: auto; }
@media print { body { padding: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
`;

/**
 * Text from the submissions (a file name, a link's target, a sheet name in a place, a cell): its invisible characters
 * shown as 〈U+202E〉, as in the messages. A direction override in a file name would turn it around on the page
 * (合同\u202Excod.jxmb reads 合同bmxj.docx) and a zero-width space make two rows read the same.
 */
const shown = (text: string) => escapeHtml(markInvisible(text));

const percent = (share: number) => `${Math.round(share * 100)}%`;

function formatName(f: FileReview): string {
    if (f.format === 'jxmb') return '.jxmb';
    return f.format ? formatNames[f.format] : '—';
}

function measurability(f: FileReview): string {
    const m = f.measurability;
    if (!m) return '—';
    return m.indicators === 0 ? '无三级指标' : `${m.measurable}/${m.indicators}（${percent(m.share)}）`;
}

function status(f: FileReview): string {
    if (f.status === 'failed') return '<span class="failed">无法检查</span>';
    if (f.errors > 0) return '<span class="error">有错误</span>';
    if (f.warnings > 0) return '<span class="warning">有警告</span>';
    return '<span class="clean">通过</span>';
}

function summaryTable(report: ReviewReport): string {
    const rows = report.files.map((f, i) => `<tr><td class="n">${i + 1}</td><td><a href="#f${i + 1}">${shown(f.file)}</a></td>`
        + `<td>${escapeHtml(formatName(f))}</td><td>${status(f)}</td><td class="n">${f.errors}</td><td class="n">${f.warnings}</td>`
        + `<td class="n">${f.infos}</td><td class="n">${measurability(f)}</td></tr>`);
    return '<table class="summary"><thead><tr><th>序号</th><th>文件</th><th>格式</th><th>结论</th><th>错误</th><th>警告</th><th>提示</th>'
        + `<th>可度量指标</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function fileSection(f: FileReview, index: number): string {
    const parts = [`<section id="f${index}"><h2>${index}. ${shown(f.file)}</h2>`];
    if (f.status === 'failed') {
        parts.push(`<p class="reason">无法检查：${shown(f.reason ?? '')}</p></section>`);
        return parts.join('');
    }
    parts.push(`<p class="meta">格式：${escapeHtml(formatName(f))}；错误 ${f.errors}，警告 ${f.warnings}，提示 ${f.infos}；可度量指标 ${measurability(f)}</p>`);
    if (f.findings.length === 0) {
        parts.push('<p class="clean">没有发现问题。</p>');
    } else {
        const rows = f.findings.map(x => `<tr><td class="${x.severity}">${severityLabels[x.severity]}</td><td class="code">${escapeHtml(x.code)}</td>`
            + `<td>${escapeHtml(x.message)}</td><td class="place">${shown(x.place.text)}</td></tr>`);
        parts.push(`<table><thead><tr><th style="width:4em">级别</th><th style="width:13em">代码</th><th>说明</th><th style="width:11em">位置</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
    }
    parts.push(unplacedTable(f), importNotesTable(f), '</section>');
    return parts.join('');
}

function unplacedTable(f: FileReview): string {
    const unplaced = (f.importReport ?? []).filter(e => e.kind === 'unplaced');
    if (unplaced.length === 0) return '';
    const rows = unplaced.map(e => `<tr><td class="place">${shown(e.where)}</td><td>${shown(e.text ?? '')}</td><td>${escapeHtml(e.message)}</td></tr>`);
    return `<h3>导入时未能放入的单元格（${unplaced.length} 个）</h3>`
        + `<table><thead><tr><th style="width:11em">位置</th><th>原文</th><th>原因</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * What the import read in a way the reviewer should know (a label added, a year taken from a text): not problems of
 * the declaration, so apart from the findings and under their own heading, but in the page as they are in the JSON.
 */
function importNotesTable(f: FileReview): string {
    const notes = (f.importReport ?? []).filter(e => e.kind === 'note');
    if (notes.length === 0) return '';
    const rows = notes.map(e => `<tr><td class="place">${shown(e.where)}</td><td>${escapeHtml(e.message)}</td></tr>`);
    return `<h3 class="notes">导入说明（${notes.length} 条，不是问题，供核对）</h3>`
        + `<table class="notes"><thead><tr><th style="width:11em">位置</th><th>说明</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function renderReviewHtml(report: ReviewReport): string {
    const t = report.totals;
    const when = report.generatedAt.slice(0, 19).replace('T', ' ');
    return htmlPage('绩效目标审核报告', STYLE, [
        '<h1>绩效目标审核报告</h1>',
        `<p class="meta">生成时间（UTC）：${escapeHtml(when)}；共 ${t.files} 个文件，已检查 ${t.checked} 个，无法检查 ${t.failed} 个；`
            + `错误 ${t.errors}，警告 ${t.warnings}，提示 ${t.infos}。按问题轻重排列，最需要处理的在前。</p>`,
        summaryTable(report),
        ...report.files.map((f, i) => fileSection(f, i + 1))
    ]);
}
