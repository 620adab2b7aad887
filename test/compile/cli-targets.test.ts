import ExcelJS from 'exceljs';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseFlat } from '../../language/compile/flat.js';
import { runJxmb } from '../helpers/run-cli.js';
import { samplesDir } from '../helpers/samples.js';

// `jxmb compile --to xlsx|html|flat|md` as a user runs it (the built CLI, its own process).

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'jxmb-compile-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sample = (name: string) => join(samplesDir, name);

describe('jxmb compile to the official tables', () => {
    test('--to xlsx -o file.xlsx writes a workbook that exceljs opens', async () => {
        const out = join(dir, 'nansha.xlsx');
        const r = runJxmb(['compile', sample('000-nansha-kexie.jxmb'), '--to', 'xlsx', '-o', out]);
        expect(r.code).toBe(0);
        expect(r.stderr).toContain('→');
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.readFile(out);
        expect(workbook.worksheets[0]!.getCell('A1').value).toBe('部门整体预算绩效目标申报表');
    });

    test('--to xlsx without -o: a clear message, exit 2, nothing on the terminal or in the folder', () => {
        const r = runJxmb(['compile', sample('001-zhanjiang-kexie.jxmb'), '--to', 'xlsx'], dir);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('请用 -o 指定输出文件或文件夹');
        expect(r.stdout).toBe('');
        expect(existsSync(join(dir, '001-zhanjiang-kexie.xlsx'))).toBe(false);
    });

    test('a folder of samples to html: one .html per file in the -o folder', () => {
        const out = join(dir, 'html');
        const r = runJxmb(['compile', samplesDir, '--to', 'html', '-o', out]);
        expect(r.code).toBe(0);
        const files = readdirSync(out).sort();
        expect(files).toContain('002-guangzhou-kexie-projects.html');
        expect(files.every(f => f.endsWith('.html'))).toBe(true);
        expect(readFileSync(join(out, '002-guangzhou-kexie-projects.html'), 'utf8')).toContain('@page { size: A4 landscape;');
    });

    test('--to flat prints one 「项目名称<TAB>扁平字符串」 line per project, each parsing whole', () => {
        const r = runJxmb(['compile', sample('002-guangzhou-kexie-projects.jxmb'), '--to', 'flat']);
        expect(r.code).toBe(0);
        const lines = r.stdout.trimEnd().split('\n');
        expect(lines).toHaveLength(15);
        expect(lines[0]).toBe('TZMMZX\t1、1-产出指标；11-数量指标；保密项目；实施周期指标值:保密项目；年度指标值:保密项目。');
        for (const line of lines) {
            const [, cell] = line.split('\t');
            expect(parseFlat(cell!).unmatched).toEqual([]);
        }
    });

    test('--to flat of a 部门整体 file: one line, the 部门名称 and its indicators in the same form (see the usage text)', () => {
        const r = runJxmb(['compile', sample('003-baiyun-kexie.jxmb'), '--to', 'flat', '-o', join(dir, 'baiyun.txt')]);
        expect(r.code).toBe(0);
        const text = readFileSync(join(dir, 'baiyun.txt'), 'utf8');
        expect(text.split('\n').filter(Boolean)).toHaveLength(1);
        expect(text).toMatch(/^广州市白云区科学技术协会\(部门\)\t1、1-产出指标；11-数量指标；/);
        expect(runJxmb(['--help']).stdout).toContain('部门整体表也照此输出');
    });

    test('--to md prints Markdown tables', () => {
        const r = runJxmb(['compile', sample('tutorial.jxmb'), '--to', 'md']);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('| 一级指标 | 二级指标 | 三级指标 | 实施周期指标值 | 年度指标值 |');
        expect(r.stdout).toContain('| 项目名称（资金使用单位） | 总计 |');
    });

    test('the usage and the error for an unknown target list every target', () => {
        const r = runJxmb(['compile', sample('tutorial.jxmb'), '--to', 'pdf']);
        expect(r.code).toBe(2);
        for (const target of ['json', 'xlsx', 'html', 'flat', 'md']) expect(r.stderr).toContain(target);
    });
});
