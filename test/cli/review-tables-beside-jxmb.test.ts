import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { checkPaths } from '../../language/cli/check.js';
import { runJxmb } from '../helpers/run-cli.js';
import { readSample, seedsDir } from '../helpers/samples.js';
import { jxmb } from '../helpers/services.js';
import { useTempDir } from '../helpers/temp-dir.js';

// `jxmb check <folder>` reads only .jxmb files. Tables beside them (a workbook, a Word table, a table saved as text)
// were passed over in silence — 「检查了 2 个文件」 and the reviewer believed the folder checked. Now one line says how
// many tables were not checked and how to check them; notes in .txt files, lock files and what check reads are not
// counted, and nothing else changes (no problem, so the exit status stays that of the .jxmb files).

const temp = useTempDir('jxmb-tables-beside-');
const seed = (prefix: string) => readFileSync(join(seedsDir, readdirSync(seedsDir).find(f => f.startsWith(prefix))!));

beforeAll(() => {
    temp.file('收件/南沙.jxmb', readSample('000-nansha-kexie.jxmb'));
    temp.file('收件/二级单位/湛江.jxmb', readSample('001-zhanjiang-kexie.jxmb'));
    temp.file('收件/白云.xlsx', 'PK\u0003\u0004');
    temp.file('收件/二级单位/示例县.docx', 'PK\u0003\u0004');
    temp.file('收件/广州2022.txt', seed('004_'));
    temp.file('收件/说明.txt', '这些是 2024 年各单位报来的表格，请审核。\n');
    temp.file('收件/南沙副本.txt', readSample('000-nansha-kexie.jxmb'));
    temp.file('收件/~$白云.xlsx', Buffer.alloc(165, 0x20));
    temp.file('只有申报表/南沙.jxmb', readSample('000-nansha-kexie.jxmb'));
    temp.file('只有表格/白云.xlsx', 'PK\u0003\u0004');
});

describe('check of a folder with tables beside the .jxmb files', () => {
    test('says in one line how many tables, of which kinds, were not checked, and how to check them', async () => {
        const result = await checkPaths(jxmb(), [temp.at('收件')]);
        expect(result.files).toHaveLength(2);
        expect(result.notes).toEqual(['另有 3 个表格（.xlsx、.docx、.txt）未检查：用 jxmb import 导入为 .jxmb，或用 jxmb check --report 报告.html 直接审核表格。']);
        expect(result.problems).toEqual([]);
    });

    test('a folder of .jxmb files only: no such line', async () => {
        const result = await checkPaths(jxmb(), [temp.at('只有申报表')]);
        expect(result.notes).toEqual([]);
    });

    test('a folder of tables only: its problem gives the advice, once — no second line counting the same tables', async () => {
        const result = await checkPaths(jxmb(), [temp.at('只有表格')]);
        expect(result.problems.map(p => p.message)).toEqual(['文件夹中没有 .jxmb 文件，只有 1 个表格（.xlsx）：用 jxmb import 导入为 .jxmb，或用 jxmb check --report 报告.html 直接审核表格。']);
        expect(result.notes).toEqual([]);
    });

    test('jxmb check prints that line on stderr; the exit status is that of the .jxmb files', () => {
        const withTables = runJxmb(['check', temp.at('收件')]);
        const without = runJxmb(['check', temp.at('只有申报表')]);
        expect(withTables.stderr).toContain('另有 3 个表格（.xlsx、.docx、.txt）未检查：');
        expect(without.stderr).not.toContain('未检查');
        expect(withTables.code).toBe(runJxmb(['check', temp.at('收件/南沙.jxmb'), temp.at('收件/二级单位/湛江.jxmb')]).code);
    });
});
