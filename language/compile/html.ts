import type { DeclarationFile } from './model.js';
import { formatAmount } from './numbers.js';
import { gridsOf, paragraphsOf, type CellKind, type Grid, type GridCell } from './sheet.js';

// The official tables as one print-ready HTML document: the same grid as the workbook (sheet.ts), drawn with
// rowspan/colspan. Self-contained (inline CSS, no scripts, no external resources) so that the extension's preview
// webview can show it under a strict content security policy and a browser can print it to A4 landscape.

const FONTS = '"SimSun", "宋体", "Songti SC", "STSong", "Noto Serif CJK SC", "Source Han Serif SC", '
    + '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", serif';

const STYLE = `
@page { size: A4 landscape; margin: 12mm 10mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${FONTS}; font-size: 10.5pt; line-height: 1.45; color: #000; }
.sheet { width: 100%; }
.sheet + .sheet { break-before: page; }
h1 { margin: 0 0 4mm; font-size: 16pt; font-weight: bold; text-align: center; letter-spacing: 0.05em; }
.caption { display: flex; justify-content: space-between; margin: 0 0 1.5mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 0.75pt solid #000; padding: 1.2mm 1.6mm; vertical-align: middle; text-align: left;
  overflow-wrap: anywhere; word-break: break-word; }
th { font-weight: bold; text-align: center; }
th.header { background: #f2f2f2; }
td.category, td.item { text-align: center; }
td.amount, td.count { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.strong { font-weight: bold; }
td.indent1 { padding-left: 5mm; }
td p { margin: 0; }
td p + p { margin-top: 0.8em; }
thead { display: table-header-group; }
/* A row that starts a merged 一级/二级 block may break (it can span pages); other rows keep together. */
tr:not(:has(> [rowspan])) { break-inside: avoid; }
/* 项目支出 rows can be taller than a page: let them break rather than leave half-empty pages, and read from the top. */
.project tbody tr { break-inside: auto; }
.project tbody td { vertical-align: top; }
@media screen {
  body { background: #e8e8e8; padding: 8mm 0; }
  .sheet { width: 277mm; margin: 0 auto 8mm; padding: 10mm; background: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25); }
}
`;

export function escapeHtml(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function renderHtml(model: DeclarationFile): string {
    const grids = gridsOf(model);
    const first = model.declarations[0];
    const docTitle = first ? `${first.unit} · ${grids[0]!.title}` : '绩效目标表';
    return htmlPage(docTitle, STYLE, grids.length ? grids.map(sheetHtml) : ['<p>（此文件没有申报表）</p>']);
}

/** A self-contained Chinese HTML page (the tables, the review report): no outside resources, prints as shown. */
export function htmlPage(title: string, style: string, body: string[]): string {
    return [
        '<!DOCTYPE html>',
        '<html lang="zh-CN">',
        '<head>',
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="jxmb">',
        `<title>${escapeHtml(title)}</title>`,
        `<style>${style}</style>`,
        '</head>',
        '<body>',
        ...body,
        '</body>',
        '</html>',
        ''
    ].join('\n');
}

function sheetHtml(grid: Grid): string {
    const total = grid.widths.reduce((a, b) => a + b, 0);
    const cols = grid.widths.map(w => `<col style="width: ${(100 * w / total).toFixed(2)}%">`).join('');
    const rows: string[][] = Array.from({ length: grid.rows }, () => []);
    for (const cell of grid.cells) rows[cell.row]!.push(cellHtml(cell));
    const tr = (cells: string[]) => `<tr>${cells.join('')}</tr>`;
    const head = rows.slice(0, grid.headRows).map(tr);
    const body = rows.slice(grid.headRows).map(tr);
    const captions = [grid.caption?.left, grid.year, grid.caption?.right].filter((c): c is string => !!c);
    const caption = captions.length
        ? `<div class="caption">${captions.map(c => `<span>${escapeHtml(c)}</span>`).join('')}</div>\n`
        : '';
    return `<section class="sheet ${grid.kind}">\n<h1>${escapeHtml(grid.title)}</h1>\n${caption}<table>\n<colgroup>${cols}</colgroup>\n`
        + (head.length ? `<thead>\n${head.join('\n')}\n</thead>\n` : '')
        + `<tbody>\n${body.join('\n')}\n</tbody>\n</table>\n</section>`;
}

function cellHtml(cell: GridCell): string {
    const tag = cell.kind === 'header' || cell.kind === 'label' ? 'th' : 'td';
    const classes = [cell.kind, ...(cell.indent ? [`indent${cell.indent}`] : [])].join(' ');
    const spans = (cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : '') + (cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : '');
    const scope = cell.kind === 'label' ? ' scope="row"' : cell.kind === 'header' ? ' scope="col"' : '';
    return `<${tag} class="${classes}"${scope}${spans}>${contentHtml(cell.value, cell.kind)}</${tag}>`;
}

function contentHtml(value: string | number | null, kind: CellKind): string {
    if (value === null) return '';
    if (typeof value === 'number') return kind === 'amount' ? formatAmount(value) : String(value);
    const paragraphs = paragraphsOf(value);
    if (paragraphs.length <= 1) return escapeHtml(paragraphs[0] ?? '');
    return paragraphs.map(p => `<p>${escapeHtml(p)}</p>`).join('');
}
