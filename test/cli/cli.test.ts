import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkModel } from '../../language/compile/schema.js';
import { runJxmb } from '../helpers/run-cli.js';
import { seedsDir } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';

const good = '部门整体 "测试单位" 年度 2024 {\n    总体绩效目标 "完成全年工作"\n    绩效指标 { 产出指标 { 数量指标 { "举办活动场次"：≥10场次 } } }\n}\n';
const broken = '部门整体 "测试单位" {\n    预算 { 基本支出 "一百" }\n}\n';

const { at, file } = useTempDir('jxmb-cli-');

describe('jxmb check', () => {
    test('a clean file: exit 0 and a summary', () => {
        const r = runJxmb(['check', file('good.jxmb', good)]);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('检查了 1 个文件：0 个错误');
    });

    test('a syntax error: file:line:col severity code message, exit 1', () => {
        const path = file('broken.jxmb', broken);
        const r = runJxmb(['check', path]);
        expect(r.code).toBe(1);
        expect(r.stdout).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:15 error parsing-error 语法错误`, 'm'));
    });

    test('control characters in a file are named by their code, never printed raw to the terminal', () => {
        const r = runJxmb(['check', file('escape.jxmb', '部门整体 "测试单位" {\n    \u001b[2J\u0007\n}\n')]);
        expect(r.code).toBe(1);
        expect(r.stdout).toContain('U+001B');
        expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    });

    test('a file name with a line break or an ESC keeps each finding on its line, and nothing reaches the terminal raw', () => {
        const r = runJxmb(['check', file('a\nb\u001b[31m.jxmb', broken)]);
        expect(r.code).toBe(1);
        expect(r.stdout).toMatch(/^\S*a\?b\?\[31m\.jxmb:2:15 error parsing-error /m);
        expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    });

    test('--format json lists the findings with their place', () => {
        const r = runJxmb(['check', file('broken2.jxmb', broken), '--format', 'json']);
        expect(r.code).toBe(1);
        const report = JSON.parse(r.stdout);
        // in the order of the text: the table (no 绩效指标), then the syntax error in its 预算
        expect(report.findings).toMatchObject([
            { line: 1, column: 6, severity: 'warning', code: 'structure/missing-indicators' },
            { line: 2, column: 15, severity: 'error', code: 'parsing-error' }
        ]);
    });

    test('folders are searched recursively for .jxmb files', () => {
        file('tree/a/one.jxmb', good);
        file('tree/b/two.jxmb', broken);
        file('tree/b/notes.txt', 'not a declaration');
        const r = runJxmb(['check', at('tree')]);
        expect(r.code).toBe(1);
        expect(r.stdout).toContain('检查了 2 个文件：1 个错误');
    });

    test.each([
        ['a missing file', () => at('nope.jxmb'), '不存在'],
        ['a folder with no .jxmb', () => { mkdirSync(at('empty'), { recursive: true }); return at('empty'); }, '没有 .jxmb'],
        ['a GBK file', () => file('gbk.jxmb', Buffer.from([0xb2, 0xbf, 0xc3, 0xc5, 0xd5, 0xfb, 0xcc, 0xe5, 0x20, 0x22, 0x22])), 'GBK'],
        ['a binary file', () => file('binary.jxmb', Buffer.from([0x00, 0x9c, 0x03, 0x04, 0x00, 0x00, 0xff])), '二进制'],
        // A table given as it is: told how to read it (import, or the reviewer's report).
        ['an .xlsx table', () => file('表格.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff])), '用 jxmb import 导入为 .jxmb，或用 jxmb check --report']
    ])('%s: a clear message, exit 2, no stack trace', (_name, make, words) => {
        const r = runJxmb(['check', make()]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(words);
        expect(r.stderr).not.toMatch(/\n\s+at /);
    });

    test('a text table (seed 001) given to check or compile: one line of advice, not a syntax error per cell', () => {
        const table = file('表格.txt', readFileSync(join(seedsDir, '001_661c37ddd0e7a460.txt')));
        for (const command of [['check'], ['compile', '--to', 'json']]) {
            const r = runJxmb([...command, table]);
            expect(r.code).toBe(2);
            expect(r.stderr.trim().split('\n')).toEqual([`${table}: 这是表格的文本（制表符分隔，或从 PDF 提取），不是 .jxmb 申报表：用 jxmb import 导入为 .jxmb，或用 jxmb check --report 报告.html 直接审核表格。`]);
            expect(r.stdout).not.toContain('lexing-error');
        }
        // A .jxmb under another name is still checked as one.
        const r = runJxmb(['check', file('declaration.txt', good)]);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('检查了 1 个文件：0 个错误');
    });

    test('UTF-8 with a BOM, UTF-16 and CRLF files are read', () => {
        const crlf = good.replace(/\n/g, '\r\n');
        const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(crlf, 'utf16le')]);
        const r = runJxmb(['check', file('bom.jxmb', '\ufeff' + crlf), file('utf16.jxmb', utf16)]);
        expect(r.stdout).toContain('检查了 2 个文件：0 个错误');
        expect(r.code).toBe(0);
    });

    test('no arguments or an unknown command: usage and exit 2', () => {
        expect(runJxmb(['check']).code).toBe(2);
        const r = runJxmb(['frobnicate']);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('用法');
    });
});

describe('jxmb compile --to json', () => {
    test('writes the canonical model, valid against the schema', () => {
        const out = at('out/good.json');
        const r = runJxmb(['compile', file('c/good.jxmb', good), '--to', 'json', '-o', out]);
        expect(r.code).toBe(0);
        const model = JSON.parse(readFileSync(out, 'utf8'));
        expect(checkModel(model)).toEqual([]);
        expect(model.declarations[0]).toMatchObject({ kind: 'department', unit: '测试单位', year: 2024 });
        const indicator = model.declarations[0].indicators[0].groups[0].blocks[0].indicators[0];
        expect(indicator).toMatchObject({ name: '举办活动场次', sameValue: true, period: { text: '≥10场次', form: 'quantity' } });
        expect(indicator.period.parsed).toMatchObject({ kind: 'quantity', op: '≥', value: 10, unit: '场次' });
    });

    test('without -o, one file goes to standard output', () => {
        const r = runJxmb(['compile', file('c/stdout.jxmb', good), '--to', 'json']);
        expect(r.code).toBe(0);
        expect(JSON.parse(r.stdout).declarations).toHaveLength(1);
    });

    test('a file with syntax errors is not compiled and nothing is written', () => {
        const outDir = at('out-broken');
        const r = runJxmb(['compile', file('c2/broken.jxmb', broken), '--to', 'json', '-o', outDir]);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain('有错误（见上），未编译');
        expect(existsSync(outDir) ? readdirSync(outDir) : []).toEqual([]);
    });

    test('refuses to write over a .jxmb source', () => {
        const target = file('c3/keep.jxmb', good);
        const r = runJxmb(['compile', file('c3/src.jxmb', good), '--to', 'json', '-o', target]);
        expect(r.code).toBe(2);
        expect(readFileSync(target, 'utf8')).toBe(good);
    });

    test('an unknown target: exit 2 with the list of targets', () => {
        const r = runJxmb(['compile', file('c4/x.jxmb', good), '--to', 'pdf']);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('json');
    });
});
