import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Ajv } from 'ajv';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderXlsx } from '../../language/compile/xlsx.js';
import schema from '../../schemas/review-report.schema.json' with { type: 'json' };
import type { FileReview, ReviewFinding, ReviewReport } from '../../language/review/report.js';
import { runJxmb } from '../helpers/run-cli.js';
import { readSample, samplesDir, seedsDir } from '../helpers/samples.js';
import { compiled, docx, type DocxCell } from '../import/helpers.js';

// `jxmb check <folder> --report`: a folder as a reviewer receives it — a .jxmb, a workbook compiled from a sample, a
// Word table, two seeds as text (tab-separated and PDF-extracted) and a damaged file — reviewed into one report.
// The report is checked against what `jxmb check` says of the same content, and each finding's place against the
// original file: the cell at that address holds what the finding is about.

let dir: string;
let inputs: string;
let json: { code: number; stdout: string; stderr: string };
let html: { code: number; stdout: string; stderr: string };
let report: ReviewReport;
let before: string[];

const t = (text: string): DocxCell => ({ text });
/** A small 部门整体 table in Word with two vague values and a task whose promise has no indicator. */
const wordTable = docx(['示例县科学技术协会2024年部门整体预算绩效目标申报表'], [
    [t('部门名称'), { text: '示例县科学技术协会', span: 5 }],
    [t('总体绩效目标'), { text: '开展科普活动，服务科技工作者。', span: 5 }],
    [{ text: '年度重点工作任务', merge: 'start' }, t('名称'), t('主要实施内容'), t('拟投入的资金（万元）'), { text: '期望达到的目标（概述）', span: 2 }],
    [{ merge: 'continue' }, t('科普活动'), t('组织科普讲座不少于12场。'), t('30.00'), { text: '公众科学素质有效提升。', span: 2 }],
    [{ text: '绩效指标', merge: 'start' }, t('一级指标'), t('二级指标'), t('三级指标'), t('实施周期指标值'), t('年度指标值')],
    [{ merge: 'continue' }, { text: '产出指标', merge: 'start' }, t('数量指标'), t('开展科普活动场次'), t('≥10场'), t('≥10场')],
    [{ merge: 'continue' }, { merge: 'continue' }, t('质量指标'), t('活动质量'), t('显著提升'), t('显著提升')],
    [{ merge: 'continue' }, t('效益指标'), t('社会效益指标'), t('科普服务能力'), t('有所增强'), t('有所增强')]
]);

function findingsOf(name: string): { file: FileReview; findings: ReviewFinding[] } {
    const file = report.files.find(f => basename(f.file) === name);
    if (!file) throw new Error(`${name} not in the report`);
    return { file, findings: file.findings };
}

/** The 「…」 quotations of a message: what a finding is about (a value, a name, a promise). */
const quoted = (message: string) => [...message.matchAll(/「([^」]{2,})」/g)].map(m => m[1]!.replace(/…$/, ''));
const squash = (text: string) => text.replace(/<\/?p>/gi, '').replace(/[\s\u3000]+/g, '');
/** The families whose messages quote the value the finding is about (classification/compound quotes the name of an
 * indicator whose value is at fault). */
const quotingFamilies = /^(value|measurability)\//;

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jxmb-review-'));
    inputs = join(dir, '收件');
    mkdirSync(join(inputs, '二级单位'), { recursive: true });
    copyFileSync(join(samplesDir, '000-nansha-kexie.jxmb'), join(inputs, '南沙.jxmb'));
    writeFileSync(join(inputs, '湛江.xlsx'), await renderXlsx(await compiled(readSample('001-zhanjiang-kexie.jxmb'))));
    writeFileSync(join(inputs, '二级单位', '示例县.docx'), wordTable);
    const seed = (prefix: string) => join(seedsDir, readdirSync(seedsDir).find(f => f.startsWith(prefix))!);
    copyFileSync(seed('004_'), join(inputs, '二级单位', '广州2022.txt'));
    copyFileSync(seed('003_'), join(inputs, '白云.txt'));
    // A workbook cut off in transfer: a zip header and nothing after it.
    writeFileSync(join(inputs, '损坏.xlsx'), Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(40, 7)]));
    writeFileSync(join(inputs, '说明.md'), '# 不是申报表，不在检查范围内\n');
    before = listing(inputs);
    json = runJxmb(['check', inputs, '--report', join(dir, '报告.json')]);
    html = runJxmb(['check', inputs, '--report', join(dir, '报告.html')]);
    report = JSON.parse(readFileSync(join(dir, '报告.json'), 'utf8'));
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function listing(folder: string): string[] {
    return readdirSync(folder, { recursive: true, withFileTypes: false }).map(String).sort();
}

describe('the JSON report', () => {
    test('has the documented shape (schemas/review-report.schema.json)', () => {
        const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
        expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
        expect(report.files.map(f => basename(f.file)).sort()).toEqual(['南沙.jxmb', '广州2022.txt', '损坏.xlsx', '湛江.xlsx', '白云.txt', '示例县.docx'].sort());
    });

    test('the damaged file is in it, worst, with its reason; the others are checked and read as what they are', () => {
        expect(report.files[0]).toMatchObject({ status: 'failed', findings: [], measurability: null });
        expect(basename(report.files[0]!.file)).toBe('损坏.xlsx');
        expect(report.files[0]!.reason).toMatch(/无法读取 \.xlsx|损坏|不完整/);
        const formats = Object.fromEntries(report.files.map(f => [basename(f.file), f.format]));
        expect(formats).toMatchObject({ '南沙.jxmb': 'jxmb', '湛江.xlsx': 'xlsx', '示例县.docx': 'docx', '广州2022.txt': 'tsv', '白云.txt': 'pdf-text' });
        expect(report.totals).toMatchObject({ files: 6, checked: 5, failed: 1 });
    });

    test('worst first: errors, then warnings, then the lower measurability', () => {
        const checked = report.files.filter(f => f.status === 'checked');
        for (let i = 1; i < checked.length; i++) {
            const [a, b] = [checked[i - 1]!, checked[i]!];
            const key = (f: FileReview) => [f.errors, f.warnings, -(f.measurability!.share)];
            const [ka, kb] = [key(a), key(b)];
            const firstDiff = ka.findIndex((v, k) => v !== kb[k]);
            expect(firstDiff === -1 || ka[firstDiff]! > kb[firstDiff]!, `${a.file} before ${b.file}`).toBe(true);
        }
        // Non-vacuous: the files differ in what decides their order.
        expect(new Set(checked.map(f => `${f.errors}/${f.warnings}`)).size).toBeGreaterThan(2);
    });

    test('counts are those of `jxmb check` on the same content (a .jxmb as is, a table as `jxmb import` writes it)', () => {
        const out = join(dir, '对照');
        mkdirSync(out, { recursive: true });
        for (const file of report.files.filter(f => f.status === 'checked')) {
            let target = file.file;
            if (file.format !== 'jxmb') {
                target = join(out, basename(file.file) + '.jxmb');
                expect(runJxmb(['import', file.file, '-o', target, '--force']).code).toBe(0);
            }
            const check = JSON.parse(runJxmb(['check', target, '--format', 'json']).stdout);
            const summary = check.summaries[target];
            expect({ errors: file.errors, warnings: file.warnings, infos: file.infos }, file.file).toEqual({ errors: summary.errors, warnings: summary.warnings, infos: summary.infos });
            expect(file.measurability, file.file).toEqual({ indicators: summary.indicators, measurable: summary.measurable, share: summary.share });
            const codes = (list: Array<{ code: string; message: string }>) => list.map(f => `${f.code} ${f.message}`).sort();
            expect(codes(file.findings), file.file).toEqual(codes(check.findings));
        }
    }, 240_000);

    test('totals add up', () => {
        const sum = (k: 'errors' | 'warnings' | 'infos') => report.files.reduce((n, f) => n + f[k], 0);
        expect(report.totals).toMatchObject({ errors: sum('errors'), warnings: sum('warnings'), infos: sum('infos') });
        expect(report.totals.warnings).toBeGreaterThan(0);
    });
});

describe('places in the original files', () => {
    test('.jxmb: line:column, and the line holds what the finding quotes', () => {
        const { findings } = findingsOf('南沙.jxmb');
        const lines = readFileSync(join(inputs, '南沙.jxmb'), 'utf8').split('\n');
        const quoting = findings.filter(f => quotingFamilies.test(f.code));
        expect(quoting.length).toBeGreaterThan(3);
        for (const f of findings) {
            if (f.place.kind !== 'jxmb') throw new Error(`${f.code}: ${f.place.kind}`);
            expect(f.place.text).toBe(`${f.place.line}:${f.place.column}`);
        }
        for (const f of quoting) {
            if (f.place.kind !== 'jxmb') continue;
            const line = squash(lines[f.place.line - 1]!);
            expect(quoted(f.message).some(q => line.includes(squash(q))), `${f.place.text} ${f.message}`).toBe(true);
        }
    });

    test('.xlsx: Sheet!Cell, and the cell at that address holds what the finding quotes', async () => {
        const { findings } = findingsOf('湛江.xlsx');
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.readFile(join(inputs, '湛江.xlsx'));
        expect(findings.length).toBeGreaterThan(3);
        let quotedChecked = 0;
        for (const f of findings) {
            if (f.place.kind !== 'sheet-cell') throw new Error(`${f.code} ${f.message}: ${f.place.text}`);
            expect(f.place.text).toBe(`${f.place.sheet}!${f.place.cell}`);
            const sheet = workbook.getWorksheet(f.place.sheet);
            expect(sheet, f.place.sheet).toBeDefined();
            if (!quotingFamilies.test(f.code)) continue;
            const cell = squash(String(sheet!.getCell(f.place.cell).value ?? ''));
            expect(quoted(f.message).some(q => cell.includes(squash(q))), `${f.place.text}「${cell}」: ${f.message}`).toBe(true);
            quotedChecked++;
        }
        expect(quotedChecked).toBeGreaterThan(2);
        // One by name: the blank 市本级使用资金 amount is its own (empty) cell, right of its label.
        const blank = findings.find(f => f.code === 'budget/missing-amount' && f.message.includes('市本级使用资金'));
        expect(blank?.place.kind).toBe('sheet-cell');
        if (blank?.place.kind === 'sheet-cell') {
            const sheet = workbook.getWorksheet(blank.place.sheet)!;
            const cell = sheet.getCell(blank.place.cell);
            expect(cell.value ?? null).toBeNull();
            expect(sheet.getCell(Number(cell.row), Number(cell.col) - 1).value).toBe('市本级使用资金');
        }
    });

    test('.docx: table, row and column of the cell', () => {
        const { findings } = findingsOf('示例县.docx');
        const place = (code: string, words: string) => findings.find(f => f.code === code && f.message.includes(words))?.place;
        // The table rows as built above: 活动质量 「显著提升」 on row 7, 科普服务能力 「有所增强」 on row 8, both in
        // column 5 (实施周期; the value is written once); the task's 主要实施内容 on row 4, column 3.
        expect(place('measurability/vague-value', '活动质量')).toMatchObject({ kind: 'table-cell', table: 1, row: 7, column: 5, text: '表1 第7行第5列' });
        expect(place('measurability/vague-value', '科普服务能力')).toMatchObject({ kind: 'table-cell', table: 1, row: 8, column: 5 });
        expect(place('text-consistency/unmeasured-promise', '组织科普讲座不少于12场')).toMatchObject({ kind: 'table-cell', table: 1, row: 4, column: 3 });
    });

    test('text: the line and the tab-separated field (or the lines of a PDF-extracted cell) hold what the finding quotes', () => {
        for (const name of ['广州2022.txt', '白云.txt']) {
            const { findings } = findingsOf(name);
            const path = report.files.find(f => basename(f.file) === name)!.file;
            const lines = readFileSync(path, 'utf8').split(/\r?\n/);
            const quoting = findings.filter(f => quotingFamilies.test(f.code));
            expect(quoting.length, name).toBeGreaterThan(2);
            for (const f of quoting) {
                if (f.place.kind !== 'line') throw new Error(`${name} ${f.code}: ${f.place.text}`);
                const { line, endLine, field } = f.place;
                const text = field !== undefined ? lines[line - 1]!.split('\t')[field - 1]! : lines.slice(line - 1, endLine ?? line).join('');
                // A value the importer normalised (「>=90%」 → 「≥90%」) is compared loosely.
                const loose = (s: string) => squash(s).replace(/>=|＞＝/g, '≥').replace(/<=|＜＝/g, '≤');
                expect(quoted(f.message).some(q => loose(text).includes(loose(q))), `${name} ${f.place.text}「${text.slice(0, 60)}」: ${f.message}`).toBe(true);
            }
        }
    });
});

describe('the run', () => {
    test('nothing is written beside the inputs; the report is whole and no temporary file is left', () => {
        expect(listing(inputs)).toEqual(before);
        expect(readdirSync(dir).filter(f => f.endsWith('.tmp'))).toEqual([]);
    });

    test('exit status 2 when a file could not be checked; the summary line on stdout; no progress when stderr is no terminal', () => {
        for (const run of [json, html]) {
            expect(run.code).toBe(2);
            expect(run.stdout).toMatch(/检查了 5 个文件（无法检查 1 个）：\d+ 个错误，\d+ 个警告，\d+ 条提示。报告已写入 .*报告\.(json|html)。/);
            expect(run.stderr).toBe('');
        }
    });

    test('exit status 1 with errors (SEED002 has two), 0 for a file with warnings only', () => {
        const seed002 = join(seedsDir, readdirSync(seedsDir).find(f => f.startsWith('002_'))!);
        const withErrors = runJxmb(['check', seed002, '--report', join(dir, 'r1.json')]);
        expect(withErrors.code).toBe(1);
        expect(JSON.parse(readFileSync(join(dir, 'r1.json'), 'utf8')).totals.errors).toBeGreaterThan(0);
        const clean = runJxmb(['check', join(inputs, '南沙.jxmb'), '--report', join(dir, 'r0.json')]);
        expect(clean.code).toBe(0);
        // Nothing failed: the summary does not speak of 「无法检查 0 个」.
        expect(clean.stdout).toMatch(/^检查了 1 个文件：0 个错误/);
    });

    test.each([
        ['a report named like a declaration', '报告.jxmb', /须以 \.html 或 \.json 结尾/],
        ['a report with another extension', '报告.txt', /须以 \.html 或 \.json 结尾/]
    ])('%s is refused: exit 2, nothing written', (_name, report, message) => {
        const r = runJxmb(['check', join(inputs, '南沙.jxmb'), '--report', join(dir, report)]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(message);
        expect(existsSync(join(dir, report))).toBe(false);
    });

    test('a path that does not exist is in the report as an input that could not be checked, counted, with its reason', () => {
        const missing = join(dir, '未交.xlsx');
        const r = runJxmb(['check', join(inputs, '南沙.jxmb'), missing, '--report', join(dir, 'r-missing.json')]);
        expect(r.code).toBe(2);
        expect(r.stdout).toMatch(/^检查了 1 个文件（无法检查 1 个）：/);
        const written: ReviewReport = JSON.parse(readFileSync(join(dir, 'r-missing.json'), 'utf8'));
        const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
        expect(validate(written), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
        expect(written.totals).toMatchObject({ files: 2, checked: 1, failed: 1 });
        expect(written.files[0]).toEqual({
            file: missing, format: null, status: 'failed', reason: '文件或文件夹不存在。',
            errors: 0, warnings: 0, infos: 0, measurability: null, findings: []
        });
    });

    test('a file that could not be read has no format, whatever its name: an empty .txt and .xlsx, a binary .jxmb', () => {
        const odd = join(dir, '无法读取');
        mkdirSync(odd);
        writeFileSync(join(odd, 'empty.txt'), '');
        writeFileSync(join(odd, 'empty.xlsx'), '');
        // a JPEG's first bytes under a .jxmb name
        writeFileSync(join(odd, 'binary.jxmb'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x48]));
        const r = runJxmb(['check', odd, '--report', join(dir, 'r-odd.json')]);
        expect(r.code).toBe(2);
        const written: ReviewReport = JSON.parse(readFileSync(join(dir, 'r-odd.json'), 'utf8'));
        expect(written.files.map(f => [basename(f.file), f.status, f.format]).sort())
            .toEqual([['binary.jxmb', 'failed', null], ['empty.txt', 'failed', null], ['empty.xlsx', 'failed', null]]);
        runJxmb(['check', odd, '--report', join(dir, 'r-odd.html')]);
        const page = readFileSync(join(dir, 'r-odd.html'), 'utf8');
        const summary = page.slice(page.indexOf('<table class="summary">'), page.indexOf('</table>'));
        expect(summary).not.toContain('.jxmb</td>');
        expect(summary.match(/<td>—<\/td><td><span class="failed">无法检查<\/span>/g)).toHaveLength(3);
    });

    test('only paths that do not exist: the report lists them rather than nothing', () => {
        const missing = join(dir, '不存在的文件夹');
        const r = runJxmb(['check', missing, '--report', join(dir, 'r-none.html')]);
        expect(r.code).toBe(2);
        expect(r.stdout).toMatch(/^检查了 0 个文件（无法检查 1 个）/);
        const page = readFileSync(join(dir, 'r-none.html'), 'utf8');
        expect(page).toContain(`<a href="#f1">${missing}</a>`);
        expect(page).toContain('无法检查：文件或文件夹不存在。');
    });

    test('an existing report is kept unless --force, as compile -o keeps its outputs; --force without --report is refused', () => {
        const old = join(dir, '审核意见.html');
        writeFileSync(old, '上周的审核意见');
        const kept = runJxmb(['check', join(inputs, '南沙.jxmb'), '--report', old]);
        expect(kept.code).toBe(2);
        expect(kept.stderr).toBe(`${old}: 输出文件已存在：未覆盖（要覆盖请加 --force）。\n`);
        expect(kept.stdout).toBe('');
        expect(readFileSync(old, 'utf8')).toBe('上周的审核意见');
        const forced = runJxmb(['check', join(inputs, '南沙.jxmb'), '--report', old, '--force']);
        expect(forced.code).toBe(0);
        expect(readFileSync(old, 'utf8')).toContain('南沙.jxmb');
        const plain = runJxmb(['check', join(inputs, '南沙.jxmb'), '--force']);
        expect(plain.code).toBe(2);
        expect(plain.stderr).toContain('--force 只用于 --report');
    });

    test('a report path that is one of the inputs is refused, and the input left as it was', () => {
        const input = join(dir, '旧报告.json');
        writeFileSync(input, '{"a":1}');
        const r = runJxmb(['check', input, '--report', input]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('报告路径就是要检查的文件之一');
        expect(readFileSync(input, 'utf8')).toBe('{"a":1}');
    });
});

describe('the HTML report', () => {
    let page: string;
    beforeAll(() => { page = readFileSync(join(dir, '报告.html'), 'utf8'); });

    test('is one self-contained Chinese page: no scripts, nothing fetched', () => {
        expect(page).toMatch(/^<!DOCTYPE html>/);
        expect(page).toContain('<html lang="zh-CN">');
        expect(page).not.toMatch(/<script|<link|\bsrc=|url\(|href="(?!#)/i);
        expect(page).toContain('绩效目标审核报告');
        expect(page).toContain('@page');
    });

    test('the summary table lists the files worst first, as the JSON does, each linked to its section', () => {
        const summary = page.slice(page.indexOf('<table class="summary">'), page.indexOf('</table>'));
        const names = [...summary.matchAll(/<a href="#f(\d+)">([^<]+)<\/a>/g)].map(m => basename(m[2]!));
        expect(names).toEqual(report.files.map(f => basename(f.file)));
        expect(summary).toContain('无法检查');
        for (let i = 1; i <= names.length; i++) expect(page).toContain(`<section id="f${i}">`);
    });

    test('each finding shows severity, code, message and place', () => {
        const { findings } = findingsOf('示例县.docx');
        const f = findings.find(x => x.code === 'measurability/vague-value')!;
        const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
        expect(page).toContain(`<td class="warning">警告</td><td class="code">${f.code}</td><td>${escaped(f.message)}</td><td class="place">${escaped(f.place.text)}</td>`);
        expect(page).toContain('无法检查：');
    });
});

describe('import notes in the HTML report', () => {
    let page: string;
    beforeAll(() => { page = readFileSync(join(dir, '报告.html'), 'utf8'); });
    const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    const sectionOf = (index: number) => {
        const start = page.indexOf(`<section id="f${index}">`);
        return page.slice(start, page.indexOf('</section>', start));
    };

    test('every note the JSON has is on the page, under 导入说明 after the problems, never among them', () => {
        const withNotes = report.files.filter(f => f.importReport?.some(e => e.kind === 'note'));
        expect(withNotes.length).toBeGreaterThan(0);
        report.files.forEach((f, i) => {
            const section = sectionOf(i + 1);
            const notes = f.importReport?.filter(e => e.kind === 'note') ?? [];
            if (notes.length === 0) {
                expect(section).not.toContain('导入说明');
                return;
            }
            const heading = section.indexOf('<h3 class="notes">');
            expect(heading, f.file).toBeGreaterThan(0);
            const table = section.slice(heading);
            expect(table).toContain(`导入说明（${notes.length} 条，不是问题，供核对）`);
            for (const note of notes) {
                const row = `<tr><td class="place">${escaped(note.where)}</td><td>${escaped(note.message)}</td></tr>`;
                expect(table).toContain(row);
                expect(section.slice(0, heading)).not.toContain(escaped(note.message));
            }
        });
    });
});
