import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runJxmb } from '../helpers/run-cli.js';
import { seedsDir } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';

// A name of a file or folder over 255 bytes (85 汉字: a project's full title as a file name), or a whole path over
// 4095 bytes (folders nested deep): the system refuses it with ENAMETOOLONG, which reached the user as 「系统错误
// ENAMETOOLONG」 or 「无法读取（ENAMETOOLONG）」. Now the message says which is too long, by how many bytes, and the limit;
// exit 2 as for any file the command cannot read or write, and no folder is made on the way to an output that cannot be.

const good = '部门整体 "测试单位" 年度 2024 {\n    总体绩效目标 "完成全年工作"\n    绩效指标 { 产出指标 { 数量指标 { "举办活动场次"：≥10场次 } } }\n}\n';
const { at, file } = useTempDir('jxmb-long-paths-');

/** 100 汉字: 300 bytes in UTF-8. */
const longTitle = '广州市南沙区科学技术协会二〇二四年度科普综合工作经费项目支出绩效目标申报表'.repeat(3).slice(0, 100);
/** The shown start of the long name. */
const shownTitle = `${longTitle.slice(0, 20)}…`;
/** Folders nested past the whole path's limit: 24 names of 200 bytes. */
const deep = (top: string) => join(at(top), ...Array.from({ length: 24 }, (_, i) => `${String(i).padStart(2, '0')}${'层'.repeat(66)}`));
const nameTooLong = (bytes: number) => `名称「${shownTitle}」有 ${bytes} 字节，超过了文件或文件夹名称的上限 255 字节（一个汉字占 3 字节）`;
const pathTooLong = (path: string) => `路径有 ${Buffer.byteLength(path)} 字节，超过了系统对整个路径的上限 4095 字节`;

function expectClear(r: { code: number; stderr: string }, message: string): void {
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toContain('ENAMETOOLONG');
    expect(r.code).toBe(2);
}

describe('jxmb check', () => {
    test('a file whose name is over 255 bytes', () => {
        const path = join(at(), `${longTitle}.jxmb`);
        expectClear(runJxmb(['check', path]), `${path}: ${nameTooLong(305)}。`);
    });

    test('a file in a folder whose name is over 255 bytes', () => {
        const path = join(at(), longTitle, 'a.jxmb');
        expectClear(runJxmb(['check', path]), `${path}: ${nameTooLong(300)}。`);
    });

    test('a file whose whole path is over 4095 bytes', () => {
        const path = join(deep('check'), 'a.jxmb');
        expectClear(runJxmb(['check', path]), `${path}: ${pathTooLong(path)}。`);
    });
});

test('check --report with a report name over 255 bytes: nothing written', () => {
    const report = join(at('report'), `${longTitle}.html`);
    expectClear(runJxmb(['check', file('r.jxmb', good), '--report', report]), `${report}: 无法写入：${nameTooLong(305)}。`);
    expect(existsSync(at('report'))).toBe(false);
});

describe('jxmb compile -o', () => {
    test('an output name over 255 bytes: nothing written', () => {
        const output = join(at('compile-name'), `${longTitle}.json`);
        expectClear(runJxmb(['compile', file('a.jxmb', good), '--to', 'json', '-o', output]), `${output}: 无法写入：${nameTooLong(305)}。`);
        expect(existsSync(at('compile-name'))).toBe(false);
    });

    test('an output whose whole path is over 4095 bytes: none of its folders is made', () => {
        const output = join(deep('compile-deep'), 'a.json');
        expectClear(runJxmb(['compile', file('b.jxmb', good), '--to', 'json', '-o', output]), `${output}: 无法写入：${pathTooLong(output)}。`);
        expect(existsSync(at('compile-deep'))).toBe(false);
    });

    test('a name of 250 bytes that the temp file written first would take over 255: told to shorten it', () => {
        const name = `${'甲'.repeat(81)}${'a'.repeat(2)}.json`;
        const output = join(at(), name);
        const r = runJxmb(['compile', file('c.jxmb', good), '--to', 'json', '-o', output]);
        expectClear(r, `${output}: 无法写入：文件名有 ${Buffer.byteLength(name)} 字节，写入时先写成加了后缀`);
        expect(r.stderr).toContain('的临时文件，那就超过了文件或文件夹名称的上限 255 字节（一个汉字占 3 字节）：请把文件名缩短一些。');
        expect(readdirSync(at()).filter(n => n.startsWith('甲'))).toEqual([]);
    });
});

describe('jxmb import -o', () => {
    const table = () => file('表格.txt', readFileSync(join(seedsDir, '001_661c37ddd0e7a460.txt')));

    test('an output name over 255 bytes: nothing written', () => {
        const output = join(at(), `${longTitle}.jxmb`);
        expectClear(runJxmb(['import', table(), '-o', output]), nameTooLong(305));
    });

    test('an output whose whole path is over 4095 bytes', () => {
        const output = join(deep('import-deep'), 'a.jxmb');
        expectClear(runJxmb(['import', table(), '-o', output]), pathTooLong(output));
    });

    test('an input whose name is over 255 bytes', () => {
        const input = join(at(), `${longTitle}.xlsx`);
        expectClear(runJxmb(['import', input]), `${input}: ${nameTooLong(305)}。`);
    });
});
