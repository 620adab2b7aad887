import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { renderXlsx } from '../../language/compile/xlsx.js';
import type { ReviewReport } from '../../language/review/report.js';
import { runJxmb } from '../helpers/run-cli.js';
import { readSample, seedsDir } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { compiled } from '../import/helpers.js';

// A folder as it arrives from a submitter: beside the workbook, the lock file Excel or WPS leaves while it is open
// (~$湛江.xlsx) and the AppleDouble file a Mac writes into a zip (._湛江.xlsx). The reviewer sees neither in the
// file manager; the report must not fail on them.

const temp = useTempDir('jxmb-leftovers-');

/** What Excel writes in ~$表.xlsx: the user's name, once in bytes and once in UTF-16, padded to 165 bytes. */
const lockFile = Buffer.concat([Buffer.from([5]), Buffer.from('alice'), Buffer.alloc(48, 0x20), Buffer.from([5, 0]),
    Buffer.from('alice', 'utf16le'), Buffer.alloc(54, 0x20)]).subarray(0, 165);
/** An AppleDouble header (magic 00 05 16 07, version 2, "Mac OS X") and nothing after it. */
const appleDouble = Buffer.concat([Buffer.from([0, 5, 0x16, 7, 0, 2, 0, 0]), Buffer.from('Mac OS X        '), Buffer.alloc(4070)]);

let folder: string;

beforeAll(async () => {
    folder = temp.at('收件');
    temp.file('收件/南沙.jxmb', readSample('000-nansha-kexie.jxmb'));
    temp.file('收件/湛江.xlsx', await renderXlsx(await compiled(readSample('001-zhanjiang-kexie.jxmb'))));
    temp.file('收件/~$湛江.xlsx', lockFile);
    temp.file('收件/._湛江.xlsx', appleDouble);
    temp.file('收件/._南沙.jxmb', appleDouble);
    temp.file('收件/二级单位/~$说明.docx', lockFile);
});

describe('lock files and AppleDouble files in a reviewed folder', () => {
    test('are passed over without a word: the report holds the workbook and the .jxmb, and nothing failed', () => {
        const result = runJxmb(['check', folder, '--report', temp.at('报告.json')]);
        const report: ReviewReport = JSON.parse(readFileSync(temp.at('报告.json'), 'utf8'));
        expect(report.files.map(f => f.file.slice(folder.length + 1)).sort()).toEqual(['南沙.jxmb', '湛江.xlsx']);
        expect(report.files.filter(f => f.status === 'failed')).toEqual([]);
        expect(result.stdout).toMatch(/^检查了 2 个文件：/);
        expect(result.stderr).not.toMatch(/~\$|\._/);
        expect(result.code).not.toBe(2);
    }, 120_000);

    test('check without --report does not read them either', () => {
        const result = runJxmb(['check', folder]);
        expect(result.stdout).toMatch(/检查了 1 个文件：/);
        expect(result.stderr).not.toMatch(/~\$|\._|二进制/);
        expect(result.code).not.toBe(2);
    });

    test('a lock file named on the command line is said to be one, in the report and in check', () => {
        const lock = join(folder, '~$湛江.xlsx');
        const reviewed = runJxmb(['check', lock, '--report', temp.at('锁.json')]);
        const report: ReviewReport = JSON.parse(readFileSync(temp.at('锁.json'), 'utf8'));
        expect(report.files).toMatchObject([{ status: 'failed', reason: expect.stringContaining('这是 Excel/WPS 打开工作簿时留下的锁定文件，不是表格') }]);
        expect(reviewed.code).toBe(2);
        const checked = runJxmb(['check', lock]);
        expect(checked.stderr).toContain(`${lock}: 这是 Excel/WPS 打开工作簿时留下的锁定文件，不是表格`);
        expect(checked.code).toBe(2);
    }, 120_000);
});

describe('tables in a folder given to check without --report', () => {
    test('a folder of tables only: the message points to --report and to import', () => {
        temp.file('只有表格/湛江.xlsx', readFileSync(join(folder, '湛江.xlsx')));
        temp.file('只有表格/~$湛江.xlsx', lockFile);
        const seed = readdirSync(seedsDir).find(f => f.startsWith('003_'))!;
        temp.file('只有表格/白云.txt', readFileSync(join(seedsDir, seed)));
        temp.file('只有表格/说明.txt', '这些是 2024 年各单位报来的表格，请审核。\n');
        const result = runJxmb(['check', temp.at('只有表格')]);
        expect(result.stderr).toContain(`${temp.at('只有表格')}: 文件夹中没有 .jxmb 文件，只有 2 个表格（.xlsx、.txt）：`
            + '用 jxmb import 导入为 .jxmb，或用 jxmb check --report 报告.html 直接审核表格。');
        expect(result.code).toBe(2);
    });

    test('a folder of notes only: just that there is no .jxmb', () => {
        temp.file('只有说明/说明.txt', '这些是 2024 年各单位报来的表格，请审核。\n');
        const result = runJxmb(['check', temp.at('只有说明')]);
        expect(result.stderr).toBe(`${temp.at('只有说明')}: 文件夹中没有 .jxmb 文件。\n`);
        expect(result.code).toBe(2);
    });
});
