import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, test } from 'vitest';
import { readSample, seedOf } from '../helpers/samples.js';
import { expectOrderly, runBounded } from './bounded-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { gbk, utf16 } from '../helpers/encodings.js';

// Hostile and odd input to the built CLI (`npm run build` first): empty, binary, 50 MB, one 1 MB line, 10,000 nested
// braces, GBK and UTF-16 (with and without a BOM), a BOM, CRLF, control characters, a sheet of 100,000 rows, a jxmb.yaml
// of 200 MB or of exponential aliases, tables of 1.5 GB for the report, temp files of a killed run. Each ends with a clear message
// or a correct result, the exit status README documents (0 / 1 / 2), bounded memory (bounded-cli.ts), no stack
// trace, and no partial or temporary file left behind.

const { at, file } = useTempDir('jxmb-hostile-');

/** Every file under `folder`, relative: what a run left behind. */
function leftIn(folder: string): string[] {
    try {
        return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter(f => statSync(join(folder, f)).isFile()).sort();
    } catch {
        return [];
    }
}

const good = '部门整体 "测试单位" 年度 2024 {\n    总体绩效目标 "完成全年工作"\n    绩效指标 { 产出指标 { 数量指标 { "举办活动场次"：≥10场次 } } }\n}\n';
const MB = 1024 * 1024;
/** 350,000 Chinese characters: one line of about 1 MB in UTF-8. */
const longText = '科'.repeat(350_000);
const nested = '部门整体 "x" 年度 2024 ' + '{'.repeat(10_000) + '}'.repeat(10_000) + '\n';
const binary = Buffer.from(Array.from({ length: 65_536 }, (_, i) => (i * 7919 + 13) % 256));
/** A 50 MB .jxmb: the same real declaration over and over. */
let fiftyMb: string;
beforeAll(() => {
    const sample = readSample('000-nansha-kexie.jxmb') + '\n';
    fiftyMb = file('big/50mb.jxmb', sample.repeat(Math.ceil(50 * MB / Buffer.byteLength(sample))));
});

describe('jxmb check', () => {
    test('an empty file: no declarations, one warning that says so, exit 0', async () => {
        const run = await runBounded(['check', file('check/empty.jxmb', '')]);
        expectOrderly(run, 0);
        expect(run.stdout).toContain('empty.jxmb:1:1 warning structure/empty-file');
        expect(run.stdout).toContain('检查了 1 个文件：0 个错误，1 个警告');
    });

    test('a binary file: exit 2, named as binary', async () => {
        const run = await runBounded(['check', file('check/binary.jxmb', binary)]);
        expectOrderly(run, 2);
        expect(run.stderr).toContain('二进制');
    });

    test('a 50 MB file: refused as too large, exit 2, without exhausting memory', async () => {
        const run = await runBounded(['check', fiftyMb]);
        expectOrderly(run, 2);
        expect(run.stderr).toMatch(/文件过大（50\.\d MB）.*4\.0 MB/);
    });

    test('a device that never ends (/dev/zero): refused at the limit for check and import, memory bounded', async () => {
        const check = await runBounded(['check', '/dev/zero']);
        expectOrderly(check, 2);
        expect(check.stderr).toContain('/dev/zero: 文件过大（超过 4.0 MB）');
        const imported = await runBounded(['import', '/dev/zero']);
        expectOrderly(imported, 2);
        expect(imported.stderr).toContain('/dev/zero: 文件过大（超过 20.0 MB）');
    });

    test('one line of 1 MB: checked', async () => {
        const run = await runBounded(['check', file('check/long-line.jxmb', good.replace('完成全年工作', longText))]);
        expectOrderly(run, 0);
        expect(run.stdout).toContain('检查了 1 个文件：0 个错误');
    });

    test('10,000 nested braces: a few syntax errors at their places, exit 1', async () => {
        const path = file('check/nested.jxmb', nested);
        const run = await runBounded(['check', path]);
        expectOrderly(run, 1);
        expect(run.stdout).toContain(`${path}:1:19 error parsing-error 语法错误`);
        expect(run.stdout.split('\n').length).toBeLessThan(100);
    });

    test('GBK: exit 2 with the advice to save as UTF-8', async () => {
        const run = await runBounded(['check', file('check/gbk.jxmb', gbk(good))]);
        expectOrderly(run, 2);
        expect(run.stderr).toMatch(/GBK.*UTF-8/);
    });

    test('UTF-16 (both byte orders), a BOM and CRLF: the same findings at the same places as UTF-8', async () => {
        const text = readSample('003-baiyun-kexie.jxmb');
        const findings = async (path: string) => {
            const run = await runBounded(['check', path, '--format', 'json']);
            expect(run.code).toBeLessThan(2);
            return (JSON.parse(run.stdout).findings as Array<Record<string, unknown>>).map(({ line, column, endLine, endColumn, code }) => ({ line, column, endLine, endColumn, code }));
        };
        const expected = await findings(file('enc/utf8.jxmb', text));
        expect(expected.length).toBeGreaterThan(0);
        const crlf = text.replace(/\n/g, '\r\n');
        expect(await findings(file('enc/bom-crlf.jxmb', '\ufeff' + crlf))).toEqual(expected);
        expect(await findings(file('enc/utf16le.jxmb', utf16(crlf, 'le')))).toEqual(expected);
        expect(await findings(file('enc/utf16be.jxmb', utf16(text, 'be')))).toEqual(expected);
        // As some Windows tools save "Unicode": no byte-order mark.
        expect(await findings(file('enc/utf16le-nobom.jxmb', utf16(crlf, 'le').subarray(2)))).toEqual(expected);
        expect(await findings(file('enc/utf16be-nobom.jxmb', utf16(text, 'be').subarray(2)))).toEqual(expected);
    });

    test('16-bit binary data (zeros at every second byte, like UTF-16 of ASCII) is still named as binary', async () => {
        const samples = Buffer.from(new Uint16Array(Array.from({ length: 30_000 }, (_, i) => i % 200)).buffer);
        const run = await runBounded(['check', file('check/samples16.jxmb', samples)]);
        expectOrderly(run, 2);
        expect(run.stderr).toContain('二进制');
    });

    test('a file of 5 MB (24,000 三级 take 4 MB): refused as too large before reading', async () => {
        const sample = readSample('000-nansha-kexie.jxmb') + '\n';
        const run = await runBounded(['check', file('big/5mb.jxmb', sample.repeat(Math.ceil(5 * MB / Buffer.byteLength(sample))))]);
        expectOrderly(run, 2);
        expect(run.stderr).toMatch(/5mb\.jxmb: 文件过大（5\.\d MB）：\.jxmb 文件不能超过 4\.0 MB/);
    });

    test('a control character: a lexing error at its line and column, exit 1', async () => {
        const path = file('check/control.jxmb', good.replace('    绩效指标', '  \u0007  绩效指标'));
        const run = await runBounded(['check', path]);
        expectOrderly(run, 1);
        expect(run.stdout).toContain(`${path}:3:3 error lexing-error`);
    });

    test('a NUL byte in a text: refused as binary, exit 2', async () => {
        const run = await runBounded(['check', file('check/nul.jxmb', good.replace('完成', '完\u0000成'))]);
        expectOrderly(run, 2);
        expect(run.stderr).toContain('二进制');
    });
});

describe('jxmb.yaml', () => {
    test('a jxmb.yaml of 200 MB: refused by its size without being read, memory bounded', async () => {
        const config = file('config-huge/jxmb.yaml', '');
        truncateSync(config, 200 * MB);
        const run = await runBounded(['check', file('config-huge/a.jxmb', good)]);
        expectOrderly(run, 2);
        expect(run.stderr).toContain('jxmb.yaml: 配置文件过大（200.0 MB）：jxmb.yaml 不能超过 1.0 MB');
    });

    test('exponential aliases ("billion laughs"): refused at the first alias in Chinese, memory bounded', async () => {
        const levels = ['a: &a ["哈哈哈哈哈哈哈哈", "哈哈哈哈哈哈哈哈", "哈哈哈哈哈哈哈哈", "哈哈哈哈哈哈哈哈", "哈哈哈哈哈哈哈哈", "哈哈哈哈哈哈哈哈", "哈哈哈哈哈哈哈哈", "哈哈哈哈哈哈哈哈", "哈哈哈哈哈哈哈哈"]'];
        for (const name of 'bcdefghi') {
            const previous = levels.at(-1)![0];
            levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
        }
        file('config-bomb/jxmb.yaml', `severity: {}\n${levels.join('\n')}\n`);
        const run = await runBounded(['check', file('config-bomb/a.jxmb', good)]);
        expectOrderly(run, 2);
        expect(run.stderr).toContain('jxmb.yaml:3:8: 配置文件格式错误：别名（*名称）无法展开');
        expect(run.stderr).not.toMatch(/Excessive|ReferenceError|resource exhaustion/);
    });
});

describe('jxmb check --report', () => {
    test('a table and a .jxmb of 1.5 GB beside a good file: refused by their size without being read, in the report', async () => {
        const folder = at('report-huge');
        truncateSync(file('report-huge/big.xlsx', ''), 1536 * MB);
        truncateSync(file('report-huge/big.jxmb', ''), 1536 * MB);
        file('report-huge/good.jxmb', good);
        const report = at('report-huge.json');
        const run = await runBounded(['check', folder, '--report', report]);
        expectOrderly(run, 2);
        const files = JSON.parse(readFileSync(report, 'utf8')).files as Array<{ file: string; status: string; reason?: string }>;
        const byName = Object.fromEntries(files.map(f => [f.file.replace(/.*[\\/]/, ''), f]));
        expect(byName['big.xlsx']).toMatchObject({ status: 'failed', reason: expect.stringContaining('文件过大（1536.0 MB）：可导入的表格文件不超过 20.0 MB') });
        expect(byName['big.jxmb']).toMatchObject({ status: 'failed', reason: expect.stringContaining('文件过大（1536.0 MB）：.jxmb 文件不能超过 4.0 MB') });
        expect(byName['good.jxmb']).toMatchObject({ status: 'checked' });
    });
});

/** The id of a process that has ended: what a run killed with -9 leaves in its temp file's name. */
function deadPid(): number {
    return spawnSync(process.execPath, ['-e', '']).pid!;
}

describe('jxmb compile', () => {
    test('a 年度 or an amount the model cannot hold: an error at its place, exit 1, nothing written', async () => {
        const out = at('compile/out-range');
        const path = file('compile/range.jxmb', `部门整体 "x" 年度 1800 {\n    预算 { 基本支出 ${'9'.repeat(400)} }\n}\n`);
        const run = await runBounded(['compile', path, '--to', 'json', '-o', out]);
        expectOrderly(run, 1);
        expect(run.stderr).toContain(`${path}:1:13 error compile/out-of-range 年度「1800」不是 1900–2200 之间的年份`);
        expect(run.stderr).toContain(`${path}:2:15 error compile/out-of-range 「基本支出」的数额「999999999999…999999（400 位）」位数太多`);
        expect(leftIn(out)).toEqual([]);
    });

    test('a text longer than an Excel cell: no workbook, compile/out-of-range at its place, exit 1; html and md take it whole', async () => {
        const out = at('compile/out-long');
        const path = file('compile/long.jxmb', good.replace('完成全年工作', longText));
        const run = await runBounded(['compile', path, '--to', 'xlsx', '-o', out]);
        expectOrderly(run, 1);
        expect(run.stderr).toContain(`${path}:2:12 error compile/out-of-range 「部门整体」中以「${'科'.repeat(16)}」开头的一段文字有 350,000 个字符，超过 Excel 单元格的上限 32,767 个字符`);
        expect(leftIn(out)).toEqual([]);
        for (const target of ['html', 'md']) {
            const ok = await runBounded(['compile', path, '--to', target, '-o', out]);
            expectOrderly(ok, 0);
            expect(readFileSync(join(out, `long.${target}`), 'utf8')).toContain(longText);
        }
    });

    test('a folder with good, broken and hostile files: the good ones written whole, no stray file, exit 2', async () => {
        const src = at('compile/mixed');
        file('compile/mixed/a-good.jxmb', good);
        file('compile/mixed/b-binary.jxmb', binary);
        file('compile/mixed/c-nested.jxmb', nested);
        file('compile/mixed/d-empty.jxmb', '');
        const out = at('compile/out-mixed');
        const run = await runBounded(['compile', src, '--to', 'json', '-o', out]);
        expectOrderly(run, 2);
        expect(leftIn(out)).toEqual(['a-good.json', 'd-empty.json']);
        expect(JSON.parse(readFileSync(join(out, 'a-good.json'), 'utf8')).declarations[0].unit).toBe('测试单位');
        expect(JSON.parse(readFileSync(join(out, 'd-empty.json'), 'utf8')).declarations).toEqual([]);
    });

    test('a write that fails (the name is taken by a folder): a message, exit 2, no temporary file left', async () => {
        const out = at('compile/out-taken');
        file('compile/out-taken/good.json/keep.txt', 'mine');
        const run = await runBounded(['compile', file('compile/taken/good.jxmb', good), file('compile/taken/other.jxmb', good), '--to', 'json', '-o', out]);
        expectOrderly(run, 2);
        expect(run.stderr).toMatch(/good\.json: 无法写入/);
        expect(leftIn(out)).toEqual(['good.json/keep.txt', 'other.json']);
    });

    test('an output folder that is a file: a message for compile, import and --report alike, exit 2', async () => {
        const blocker = file('blocked/not-a-folder', 'mine');
        const source = file('blocked/good.jxmb', good);
        const runs = [
            await runBounded(['compile', source, '--to', 'json', '-o', join(blocker, 'out.json')]),
            await runBounded(['check', source, '--report', join(blocker, 'report.html')]),
            await runBounded(['import', seedOf('001-zhanjiang-kexie.jxmb')!, '-o', join(blocker, 'x.jxmb')])
        ];
        for (const run of runs) {
            expectOrderly(run, 2);
            expect(run.stderr).toContain('无法写入');
        }
        expect(leftIn(at('blocked'))).toEqual(['good.jxmb', 'not-a-folder']);
        expect(readFileSync(blocker, 'utf8')).toBe('mine');
    });

    test('temp files of a killed run beside the output: removed by the next run that writes it, unless their process runs', async () => {
        const out = at('compile/out-killed');
        const dead = deadPid();
        for (const name of [`good.json.${dead}.tmp`, `good.json.${process.pid}.tmp`, `other.json.${dead}.tmp`, 'good.json.notes.tmp']) {
            file(`compile/out-killed/${name}`, '{"partial');
        }
        const run = await runBounded(['compile', file('compile/killed/good.jxmb', good), '--to', 'json', '-o', join(out, 'good.json')]);
        expectOrderly(run, 0);
        expect(leftIn(out)).toEqual(['good.json', 'good.json.notes.tmp', `good.json.${process.pid}.tmp`, `other.json.${dead}.tmp`].sort());
    });

    test('a 50 MB file: refused, nothing written', async () => {
        const out = at('compile/out-big');
        const run = await runBounded(['compile', fiftyMb, '--to', 'xlsx', '-o', out]);
        expectOrderly(run, 2);
        expect(run.stderr).toContain('文件过大');
        expect(leftIn(out)).toEqual([]);
    });
});

describe('jxmb import', () => {
    const seed = seedOf('000-nansha-kexie.jxmb')!;
    const seedText = readFileSync(seed, 'utf8');
    /** The imported .jxmb without its first line (which names the source and its encoding). */
    const body = (stdout: string) => stdout.split('\n').slice(1).join('\n');

    test.each([
        ['empty', () => Buffer.alloc(0), '文件是空的'],
        ['only whitespace', () => Buffer.from(' \r\n\t\u3000\n'), '文件是空的'],
        ['binary', () => binary, '二进制'],
        ['one line of 1 MB', () => Buffer.from(longText), '没有找到表格'],
        // It opens a declaration: a (broken) .jxmb under another name, for check to report, not a table.
        ['10,000 nested braces', () => Buffer.from(nested), '已是 .jxmb 申报表文本']
    ])('%s: a reason, exit 2, nothing written', async (_, bytes, reason) => {
        const out = at(`import/out-${_}`);
        mkdirSync(out, { recursive: true });
        const run = await runBounded(['import', file(`import/${_}.txt`, bytes()), '-o', join(out, 'x.jxmb')]);
        expectOrderly(run, 2);
        expect(run.stderr).toContain(reason);
        expect(run.stderr).toContain('未写入任何文件');
        expect(leftIn(out)).toEqual([]);
    });

    test('a temp file of a killed import beside the output: removed by the next import to it', async () => {
        const out = at('import/out-killed');
        file(`import/out-killed/x.jxmb.${deadPid()}.1767225600000.tmp`, '部门整体 "');
        const run = await runBounded(['import', seed, '-o', join(out, 'x.jxmb')]);
        expectOrderly(run, 0);
        expect(leftIn(out)).toEqual(['x.jxmb']);
    });

    test('a 50 MB text: refused as too large, without exhausting memory', async () => {
        const run = await runBounded(['import', file('import/50mb.txt', seedText.repeat(Math.ceil(50 * MB / Buffer.byteLength(seedText))))]);
        expectOrderly(run, 2);
        expect(run.stderr).toMatch(/文件过大（50\.\d MB）：可导入的表格文件不超过 20\.0 MB/);
    });

    test('GBK, UTF-16 (both byte orders), a BOM with CRLF: the same .jxmb as from UTF-8', async () => {
        const expected = await runBounded(['import', seed]);
        expectOrderly(expected, 0);
        const crlf = seedText.replace(/\n/g, '\r\n');
        for (const [name, bytes] of [['gbk', gbk(seedText)], ['utf16le', utf16(crlf, 'le')], ['utf16be', utf16(seedText, 'be')], ['bom', Buffer.from('\ufeff' + crlf)]] as const) {
            const run = await runBounded(['import', file(`import/${name}.txt`, bytes)]);
            expectOrderly(run, 0);
            expect(body(run.stdout), name).toBe(body(expected.stdout));
        }
    });

    test('control characters in cells: imported, the .jxmb it writes checks without syntax errors', async () => {
        const out = at('import/control.jxmb');
        const run = await runBounded(['import', file('import/control.txt', seedText.replace('238.97', '238.97\u0007').replace('科普', '科\u001b普')), '-o', out]);
        expectOrderly(run, 0);
        const check = await runBounded(['check', out, '--format', 'json']);
        expect(JSON.parse(check.stdout).findings.filter((f: { code: string }) => /^(lexing|parsing)-error$/.test(f.code))).toEqual([]);
    });

    test('an amount of 400 digits: imported, the cell reported, exit 0', async () => {
        const run = await runBounded(['import', file('import/huge-amount.txt', seedText.replace('238.97', '9'.repeat(400)))]);
        expectOrderly(run, 0);
        expect(run.stderr).toMatch(/第\d+行第3列: 未放入「9+」：「基本支出」位数太多，不是可用的金额/);
        expect(run.stdout).not.toContain('基本支出 9');
    });

    test('a sheet of 100,000 rows: refused with the limit, memory bounded, nothing written', async () => {
        const path = at('import/100k.xlsx');
        const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path });
        const sheet = workbook.addWorksheet('项目支出');
        sheet.addRow(['项目名称（资金使用单位）', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标']).commit();
        for (let i = 0; i < 100_000; i++) {
            sheet.addRow([`项目${i}`, 1.5, 1.5, null, null, `完成第${i}项工作`, `1、1-产出指标；11-数量指标；举办活动场次；实施周期指标值:≥${i}场次；年度指标值:≥${i}场次。`]).commit();
        }
        sheet.commit();
        await workbook.commit();
        const out = at('import/out-100k');
        mkdirSync(out, { recursive: true });
        const run = await runBounded(['import', path, '-o', join(out, '100k.jxmb')]);
        expectOrderly(run, 2);
        expect(run.stderr).toContain('工作表「项目支出」有 100,001 行，超过可导入的上限 50,000 行');
        expect(leftIn(out)).toEqual([]);
    }, 240_000);

    test('a stray cell far to the right (XFD100) beside a small table: read (it holds no table), not refused by its range, within memory', async () => {
        const workbook = new ExcelJS.Workbook();
        const sheet = workbook.addWorksheet('表');
        sheet.getCell('A1').value = '部门名称';
        sheet.getCell('XFD100').value = '远处的单元格';
        const path = file('import/stray.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
        const run = await runBounded(['import', path]);
        // read, not refused by its range: no table in it
        expectOrderly(run, 2);
        expect(run.stderr).not.toContain('范围达');
        expect(run.stderr).toContain('没有找到部门整体预算绩效目标申报表或项目支出绩效目标表');
    });
});
