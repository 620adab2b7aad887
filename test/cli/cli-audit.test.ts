import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runJxmb } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

// What an audit of the command line found: compile writing over its own inputs or one output twice, a stack trace
// on a closed pipe, an internal error on a number in a date-formatted cell, amounts rounded instead of refused.

const { at, file } = useTempDir('jxmb-cli-audit-');
const samples = fileURLToPath(new URL('../../samples/', import.meta.url));
const sampleText = (name: string) => readFileSync(samples + name, 'utf8');
const bin = fileURLToPath(new URL('../../bin/jxmb.js', import.meta.url));
const good = '部门整体 "测试单位" 年度 2024 {\n    预算 { 基本支出 100.00 }\n}\n';

describe('compile never writes over an input of its run', () => {
    test('a source with another extension, compiled into its own folder: refused, exit 2, the source unchanged', () => {
        const source = sampleText('002-guangzhou-kexie-projects.jxmb');
        const input = file('own/绩效目标.txt', source);
        const r = runJxmb(['compile', input, '--to', 'flat', '-o', at('own')]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('输出路径就是本次的输入文件');
        expect(readFileSync(input, 'utf8')).toBe(source);
    });

    test('the same file reached through a link or another spelling of its path: refused too', () => {
        const input = file('linked/a.txt', good);
        symlinkSync(input, at('linked/b.txt'));
        const viaLink = runJxmb(['compile', at('linked/b.txt'), '--to', 'flat', '-o', at('linked/a.txt')]);
        expect(viaLink.code).toBe(2);
        const viaDots = runJxmb(['compile', 'a.txt', '--to', 'flat', '-o', './'], at('linked'));
        expect(viaDots.code).toBe(2);
        expect(readFileSync(input, 'utf8')).toBe(good);
    });

    test('two inputs with one name into one folder: both named, exit 2, nothing written for them', () => {
        const a = file('two/单位A/绩效目标.jxmb', good);
        const b = file('two/单位B/绩效目标.jxmb', good.replace('测试单位', '另一单位'));
        const other = file('two/单位B/其他.jxmb', good);
        const r = runJxmb(['compile', a, b, other, '--to', 'json', '-o', at('two/out')]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`「${a}」与「${b}」会写到同一个输出文件`);
        expect(readdirSync(at('two/out'))).toEqual(['其他.json']);
    });

    test('different names into one folder still compile (exit 0)', () => {
        const r = runJxmb(['compile', file('fine/a.jxmb', good), file('fine/b.jxmb', good), '--to', 'json', '-o', at('fine/out')]);
        expect(r.code).toBe(0);
        expect(readdirSync(at('fine/out')).sort()).toEqual(['a.json', 'b.json']);
    });
});

describe('compile keeps an existing file unless --force', () => {
    test('the workbook a .jxmb was imported from: kept, exit 2; --force writes it', () => {
        const original = file('kept/湛江.xlsx', 'the user\'s own workbook');
        const source = file('kept/湛江.jxmb', good);
        const r = runJxmb(['compile', source, '--to', 'xlsx', '-o', at('kept')]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`${original}: 输出文件已存在：未覆盖（要覆盖请加 --force）`);
        expect(readFileSync(original, 'utf8')).toBe('the user\'s own workbook');
        const forced = runJxmb(['compile', source, '--to', 'xlsx', '-o', at('kept'), '--force']);
        expect(forced.code).toBe(0);
        expect(readFileSync(original).subarray(0, 2).toString()).toBe('PK');
    });

    test('--force never reaches an input of the run', () => {
        const input = file('forced/a.txt', good);
        const r = runJxmb(['compile', input, '--to', 'flat', '-o', at('forced'), '--force']);
        expect(r.code).toBe(2);
        expect(readFileSync(input, 'utf8')).toBe(good);
    });
});

describe('a closed pipe', () => {
    test('check into `head -1`: the first line, no stack trace', () => {
        // --format json over every sample is well beyond a pipe's buffer, so the writes go on after head has left.
        const r = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" check "${samples}" --format json | head -1`], { encoding: 'utf8', timeout: 120_000 });
        expect(r.stdout).toBe('{\n');
        expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
        expect(r.stderr).toBe('');
    });
});

describe('import of a workbook with a number in a date-formatted cell', () => {
    test('a message naming the cell, exit 2, no internal error', async () => {
        const workbook = new ExcelJS.Workbook();
        const sheet = workbook.addWorksheet('部门整体');
        const rows: Array<Array<string | number | null>> = [
            ['示例区科学技术协会2023年部门整体预算绩效目标申报表'],
            ['部门名称', '示例区科学技术协会'],
            ['基本信息', '财政供养人员数（人）', 12, '下属二级单位数（个）', 0],
            ['预算整体情况', '部门预算支出', '预算金额（万元）', '收入来源', '预算金额（万元）'],
            [null, '基本支出', 238970000, '财政拨款', 100],
            ['总体绩效目标', '开展科普活动。'],
            ['绩效指标', '一级指标', '二级指标', '三级指标', '实施周期指标值', '年度指标值'],
            [null, '产出指标', '数量指标', '组织科普志愿活动场次', '≥20场次', '≥20场次']
        ];
        rows.forEach(row => sheet.addRow(row));
        sheet.getCell('C5').numFmt = 'yyyy-mm-dd';
        const input = file('date-cell/湛江.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer() as ArrayBuffer));
        const r = runJxmb(['import', input]);
        expect(r.stderr).not.toContain('内部错误');
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('部门整体!C5 设为日期格式，但其数值不是可用的日期');
    });
});

describe('compile refuses amounts of more than 15 digits (README)', () => {
    test('20 digits: compile/out-of-range at its place, exit 1, nothing written; 15 digits compile exactly', () => {
        const big = file('digits/big.jxmb', good.replace('100.00', '12345678901234567890.00'));
        const r = runJxmb(['compile', big, '--to', 'json', '-o', at('digits/out')]);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(`${big}:2:15 error compile/out-of-range 「基本支出」的数额「12345678901234567890.00」位数太多（超过 15 位有效数字）`);
        expect(existsSync(at('digits/out'))).toBe(false);
        const fifteen = runJxmb(['compile', file('digits/ok.jxmb', good.replace('100.00', '1,234,567,890,123.45')), '--to', 'json']);
        expect(fifteen.code).toBe(0);
        expect(JSON.stringify(JSON.parse(fifteen.stdout))).toContain('1234567890123.45');
    });
});

describe('compile --to xlsx refuses a text longer than a cell (README: at its place, compile/out-of-range)', () => {
    test('a 总体绩效目标 of 40,000 characters: file:line:col, the code, exit 1, no workbook', () => {
        const long = '长'.repeat(40_000);
        const input = file('long-cell/a.jxmb', `部门整体 "x" 年度 2024 {\n    总体绩效目标 "${long}"\n}\n`);
        const r = runJxmb(['compile', input, '--to', 'xlsx', '-o', at('long-cell/a.xlsx')]);
        expect(r.code).toBe(1);
        expect(r.stderr).toBe(`${input}:2:12 error compile/out-of-range 「部门整体」中以「${'长'.repeat(16)}」开头的一段文字有 40,000 个字符，`
            + `超过 Excel 单元格的上限 32,767 个字符：请缩短这段文字，或导出为 html、md。\n${input}: 有错误（见上），未编译。\n`);
        expect(existsSync(at('long-cell/a.xlsx'))).toBe(false);
    });

    test('a project whose 绩效指标 string only together is too long: placed at the longest text in it', () => {
        const value = (n: number) => `"${'值'.repeat(n)}"`;
        const input = file('long-cell/p.jxmb', `项目支出 "x" 年度 2024 {\n    单位 "甲" {\n        项目 "项目一" {\n            绩效指标 { 产出指标 { 数量指标 {\n`
            + `                "一"：${value(12_000)}\n                "二"：${value(12_001)}\n                "三"：${value(12_000)}\n            } } }\n        }\n    }\n}\n`);
        const r = runJxmb(['compile', input, '--to', 'xlsx', '-o', at('long-cell/p.xlsx')]);
        expect(r.code).toBe(1);
        expect(r.stderr.startsWith(`${input}:6:21 error compile/out-of-range 「项目支出」中以「1、1-产出指标；11-数量指标」开头的一段文字有 72,107 个字符`)).toBe(true);
        expect(existsSync(at('long-cell/p.xlsx'))).toBe(false);
    });
});

describe('check prints what a table says, not what it would make the terminal do', () => {
    test('an ESC sequence or a line break in a name: each finding on one line, no control character printed', () => {
        const name = '举办活动\u001b]0;pwned\u0007\u001b[2J\n场次';
        const input = file('escapes/a.jxmb', `部门整体 "测试单位" 年度 2024 {\n    绩效指标 { 产出指标 { 数量指标 { "${name}"："提升" } } }\n}\n`);
        const r = runJxmb(['check', input]);
        expect(r.stdout).toContain('measurability/vague-value');
        expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
        const lines = r.stdout.trimEnd().split('\n');
        expect(lines.slice(0, -1).every(line => line.startsWith(`${input}:`))).toBe(true);
    });
});

describe('a file name or a link\'s target with an ESC sequence, in a line about a file that could not be read', () => {
    // A submitted folder holds a link to nothing, its name and target carrying a terminal's title and clear-screen
    // sequences: the line saying so named both raw, and the terminal obeyed them.
    test('check and check --report print them with ? for each control character', () => {
        const folder = at('escaped-names');
        file('escaped-names/a.jxmb', good);
        symlinkSync('/nowhere\u001b]0;pwned\u0007', at('escaped-names', 'b\u001b[2J.jxmb'));
        for (const args of [['check', folder], ['check', folder, '--report', at('escaped-names.json')]]) {
            const r = runJxmb(args);
            expect(r.code).toBe(2);
            expect(r.stderr).toContain(`b?[2J.jxmb: 这是一个链接，它指向的「/nowhere?]0;pwned?」不存在。`);
            expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
        }
    });
});

describe('compile of a folder holding a file whose name has an ESC sequence', () => {
    test('the lines 「源 → 输出」 and 「有错误（见上），未编译」 print ? for each control character', () => {
        file('escaped-compile/c\u001b[2J.jxmb', good);
        file('escaped-compile/d\u001b]0;pwned\u0007.jxmb', '部门整体 {\n');
        const r = runJxmb(['compile', at('escaped-compile'), '--to', 'json', '-o', at('escaped-compile-out')]);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(`c?[2J.jxmb → ${at('escaped-compile-out')}/c?[2J.json`);
        expect(r.stderr).toContain('d?]0;pwned?.jxmb: 有错误（见上），未编译。');
        expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    });
});

describe('compile -o with another target\'s extension', () => {
    test('`--to json -o 表.html` is refused, nothing created; `-o 表.json` writes the file', () => {
        const input = file('ext/a.jxmb', good);
        const r = runJxmb(['compile', input, '--to', 'json', '-o', at('ext/out/表.html')]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('输出文件的扩展名 .html 与 --to json 不符：应为 .json');
        expect(existsSync(at('ext/out'))).toBe(false);
        expect(runJxmb(['compile', input, '--to', 'json', '-o', at('ext/out/表.json')]).code).toBe(0);
        expect(JSON.parse(readFileSync(at('ext/out/表.json'), 'utf8'))).toHaveProperty('declarations');
    });
});

describe('compile output that cannot be written: what stands in the way, by its path, never ENOTDIR or EISDIR', () => {
    test('a file where a folder of the output path should be', () => {
        const input = file('blocked-out/a.jxmb', good);
        const blocker = file('blocked-out/f', 'mine');
        const r = runJxmb(['compile', input, '--to', 'json', '-o', `${blocker}/sub/x.json`]);
        expect(r.code).toBe(2);
        expect(r.stderr).toBe(`${blocker}/sub/x.json: 无法写入：路径中的「${blocker}」是文件，不是文件夹。\n`);
        expect(readFileSync(blocker, 'utf8')).toBe('mine');
    });

    test('a folder with the output file\'s name, with or without --force', () => {
        const input = file('folder-out/a.jxmb', good);
        file('folder-out/out/a.json/keep.txt', 'mine');
        for (const force of [[], ['--force']]) {
            const r = runJxmb(['compile', input, '--to', 'json', '-o', at('folder-out/out'), ...force]);
            expect(r.code).toBe(2);
            expect(r.stderr).toBe(`${at('folder-out/out/a.json')}: 无法写入：这里已有同名的文件夹，不能写成文件。\n`);
        }
        expect(readdirSync(at('folder-out/out/a.json'))).toEqual(['keep.txt']);
    });
});
