import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runJxmb } from '../helpers/run-cli.js';
import { seedsDir } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';

// An output under /proc was said to be in a folder 「/proc」 that 「不存在，请先建立它」 — it exists, and compile makes
// missing folders itself. The message says what failed; an output folder to be made under /proc no longer hangs
// (Node's recursive mkdir retried there forever).

const good = '部门整体 "测试单位" 年度 2024 {\n    总体绩效目标 "完成全年工作"\n    绩效指标 { 产出指标 { 数量指标 { "举办活动场次"：≥10场次 } } }\n}\n';
const special = '文件夹「/proc」中不能建立新的文件或文件夹（它是系统的特殊文件夹），请换一个输出路径';

const { at, file } = useTempDir('jxmb-special-folders-');

describe('an output in a folder that takes no new file', () => {
    test.each([['/proc/x.xlsx', 'xlsx'], ['/proc/新文件夹/x.json', 'json']])('compile -o %s: says so, exit 2, does not hang', (output, target) => {
        const r = runJxmb(['compile', file('a.jxmb', good), '--to', target, '-o', output]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`${output}: 无法写入：${special}。`);
        expect(r.stderr).not.toContain('不存在');
    });

    test('import -o /proc/a.jxmb: says so, exit 2', () => {
        const table = file('表格.txt', readFileSync(join(seedsDir, '001_661c37ddd0e7a460.txt')));
        const r = runJxmb(['import', table, '-o', '/proc/a.jxmb']);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(special);
        expect(r.stderr).not.toContain('请先建立它');
    });

    test('compile still makes missing folders of an ordinary path', () => {
        const output = at('新/一层/二层/a.json');
        const r = runJxmb(['compile', file('b.jxmb', good), '--to', 'json', '-o', output]);
        expect(r.code).toBe(0);
        expect(existsSync(output)).toBe(true);
    });

    test('import into a missing folder: told to make it (import does not make folders)', () => {
        const table = file('表格2.txt', readFileSync(join(seedsDir, '001_661c37ddd0e7a460.txt')));
        const r = runJxmb(['import', table, '-o', at('没有/a.jxmb')]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`文件夹「${at('没有')}」不存在，请先建立它或换一个输出路径`);
    });
});
