import type { DeclarationFile } from './model.js';
import { amountMm, columnWidthsMm, KEEP_MAX_MM, rowHeightMm, TABLE_MM, usableMm } from './html-layout.js';
import { formatAmount } from './numbers.js';
import { gridsOf, paragraphsOf, type CellKind, type Grid, type GridCell } from './sheet.js';

// The official tables as one print-ready HTML document: the same grid as the workbook (sheet.ts), drawn with
// rowspan/colspan, except in a block with a header row (年度重点工作任务, 绩效指标): that is a table of its own whose
// header repeats on every printed page, and whose row-spanning cells are repeated on each row. Self-contained
// (inline CSS, no scripts, no external resources) so that the extension's preview webview can show it under a
// strict content security policy and a browser can print it to A4 landscape.

// SimSun and the other CJK fonts stop at the BMP: a name with a character of Extension B (𠀀, 𠮷) printed as a box.
// SimSun-ExtB (Windows, beside SimSun) and HanaMinB (free) hold them; the browser falls back per character.
const FONTS = '"SimSun", "宋体", "SimSun-ExtB", "Songti SC", "STSong", "Noto Serif CJK SC", "Source Han Serif SC", '
    + '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", "HanaMinB", serif';

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
/* Room on the right (html-layout.ts AMOUNT_PAD_MM), so that an amount never touches the border. */
td.amount { padding-right: 2.4mm; }
td.amount.long { white-space: normal; overflow-wrap: normal; word-break: normal; }
td.strong { font-weight: bold; }
td.indent1 { padding-left: 5mm; }
td p { margin: 0; }
td p + p { margin-top: 0.8em; }
thead { display: table-header-group; }
/* The tables of a sheet follow one another as one: their borders overlap instead of doubling. */
table + table { margin-top: -0.75pt; }
/* A block's label heads its column; 一级/二级 are repeated, muted, on each row of their span, so that a continuation
   page names them. Between repeats the rule is dotted and grey (a solid rule wins over it), so that on paper a span
   still reads as one merged cell, yet a page that ends inside it still closes the table. */
td.repeat { color: #767676; }
thead th.label, td.filler, td.category { border-bottom: 0.75pt dotted #999; }
td.filler, td.repeat { border-top: 0.75pt dotted #999; }
tbody > tr:last-child > td { border-bottom: 0.75pt solid #000; }
/* A row is kept whole, and so are the rows under one label (预算整体情况), unless estimated taller than a third of a
   page (html-layout.ts): that one breaks where the page ends, rather than leave much of a page blank, and is read
   from the top, so that its first page shows its name. */
tr, tbody.keep { break-inside: avoid; }
tr.breakable { break-inside: auto; }
tr.breakable > * { vertical-align: top; }
/* A heading stays with what follows it: the title with the table, a header row with the first row under it. */
h1, .caption, thead { break-after: avoid; }
/* 项目支出 rows can be long: read from the top. */
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
    const widths = columnWidthsMm(grid);
    const cols = widths.map(w => `<col style="width: ${(100 * w / TABLE_MM).toFixed(2)}%">`).join('');
    const captions = [grid.caption?.left, grid.year, grid.caption?.right].filter((c): c is string => !!c);
    const caption = captions.length
        ? `<div class="caption">${captions.map(c => `<span>${escapeHtml(c)}</span>`).join('')}</div>\n`
        : '';
    const tables = tablesOf(grid, widths).map(t => tableHtml(cols, t));
    return `<section class="sheet ${grid.kind}">\n<h1>${escapeHtml(grid.title)}</h1>\n${caption}${tables.join('\n')}\n</section>`;
}

/** One printed table: header rows (repeated on every page it continues on) and its row groups, each a <tbody>. */
interface TableRows {
    block: boolean;
    head: string[];
    bodies: string[];
}

function tableHtml(cols: string, t: TableRows): string {
    return `<table${t.block ? ' class="block"' : ''}>\n<colgroup>${cols}</colgroup>\n`
        + (t.head.length ? `<thead>\n${t.head.join('\n')}\n</thead>\n` : '')
        + `${t.bodies.join('\n')}\n</table>`;
}

const tbody = (rows: string[], keep = false) => `<tbody${keep ? ' class="keep"' : ''}>\n${rows.join('\n')}\n</tbody>`;

/** A row; one estimated taller than KEEP_MAX_MM may break at the page end. */
function tr(cells: GridCell[], widths: readonly number[], html: string[] = cells.map(c => cellHtml(c, widths))): string {
    return rowHeightMm(cells, widths) > KEEP_MAX_MM ? `<tr class="breakable">${html.join('')}</tr>` : `<tr>${html.join('')}</tr>`;
}

/**
 * The grid as consecutive tables of one column layout. A block whose first row is a header row under a label
 * spanning the block (年度重点工作任务, 绩效指标) gets a table of its own with that row as <thead>, so that a browser
 * prints it again at the top of every page the block continues on (RULES §6.3). The rest stays in plain tables,
 * where the rows under one label (预算整体情况) are a <tbody> kept on one page if short.
 */
function tablesOf(grid: Grid, widths: readonly number[]): TableRows[] {
    const rows: GridCell[][] = Array.from({ length: grid.rows }, () => []);
    for (const cell of grid.cells) rows[cell.row]!.push(cell);
    const tables: TableRows[] = [];
    let plain: TableRows = { block: false, head: rows.slice(0, grid.headRows).map(r => tr(r, widths)), bodies: [] };
    let loose: string[] = [];
    const endLoose = () => {
        if (loose.length) plain.bodies.push(tbody(loose));
        loose = [];
    };
    const flush = () => {
        endLoose();
        if (plain.head.length || plain.bodies.length) tables.push(plain);
        plain = { block: false, head: [], bodies: [] };
    };
    for (let r = grid.headRows; r < grid.rows;) {
        const span = rows[r]!.find(c => c.col === 0)?.rowSpan ?? 1;
        const block = rows.slice(r, r + span);
        if (isHeadedBlock(block)) {
            flush();
            tables.push(headedBlock(block, widths));
        } else if (span > 1) {
            endLoose();
            plain.bodies.push(labelledRows(block, widths));
        } else {
            loose.push(tr(block[0]!, widths));
        }
        r += span;
    }
    flush();
    return tables;
}

/** The rows under one label as a <tbody>, kept on one page if short enough. */
function labelledRows(block: GridCell[][], widths: readonly number[]): string {
    const height = block.reduce((h, cells) => h + rowHeightMm(cells, widths), 0);
    return tbody(block.map(cells => tr(cells, widths)), height <= KEEP_MAX_MM);
}

/** A label over several rows whose first row is column headers and whose other rows hold no header. */
function isHeadedBlock(block: GridCell[][]): boolean {
    const [first, ...rest] = block;
    return rest.length > 0 && first!.length > 1
        && first!.every(c => c.col === 0 || c.kind === 'header')
        && rest.every(cells => cells.every(c => c.kind !== 'header'));
}

/**
 * A headed block as its own table. Its label heads the label column; below it the column is left blank. A cell
 * spanning rows (一级, 二级) is repeated on each of its rows, because a browser prints a row-spanning cell's text
 * on one page only: a row on a continuation page still says which 一级/二级 it belongs to.
 */
function headedBlock(block: GridCell[][], widths: readonly number[]): TableRows {
    const [first, ...rest] = block;
    const top = first![0]!.row;
    const spanning = rest.flat().filter(c => c.rowSpan > 1);
    const body = rest.map((cells, i) => {
        const row = top + 1 + i;
        const repeats = spanning.filter(c => c.row < row && row < c.row + c.rowSpan);
        const all = [...cells, ...repeats].sort((a, b) => a.col - b.col);
        const html = all.map(c => cellHtml({ ...c, rowSpan: 1 }, widths, repeats.includes(c)));
        return tr(all.map(c => ({ ...c, rowSpan: 1 })), widths, ['<td class="filler"></td>', ...html]);
    });
    const head = first!.map(c => ({ ...c, rowSpan: 1 }));
    return { block: true, head: [tr(head, widths)], bodies: [tbody(body)] };
}

function cellHtml(cell: GridCell, widths: readonly number[], repeated = false): string {
    const tag = cell.kind === 'header' || cell.kind === 'label' ? 'th' : 'td';
    const amount = cell.kind === 'amount' && typeof cell.value === 'number' ? formatAmount(cell.value) : null;
    // An amount wider than its column (the columns are widened only so far) may wrap after a thousands separator.
    const long = amount !== null && amountMm(amount) > usableMm(cell, widths);
    const classes = [cell.kind, long && 'long', cell.indent && `indent${cell.indent}`, repeated && 'repeat'].filter(c => !!c);
    const spans = (cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : '') + (cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : '');
    const scope = cell.kind === 'label' ? ' scope="row"' : cell.kind === 'header' ? ' scope="col"' : '';
    const content = long ? amount.replace(/,/g, ',<wbr>') : contentHtml(cell.value, cell.kind);
    return `<${tag} class="${classes.join(' ')}"${scope}${spans}>${content}</${tag}>`;
}

function contentHtml(value: string | number | null, kind: CellKind): string {
    if (value === null) return '';
    if (typeof value === 'number') return kind === 'amount' ? formatAmount(value) : String(value);
    const paragraphs = paragraphsOf(value);
    if (paragraphs.length <= 1) return escapeHtml(paragraphs[0] ?? '');
    return paragraphs.map(p => `<p>${escapeHtml(p)}</p>`).join('');
}
