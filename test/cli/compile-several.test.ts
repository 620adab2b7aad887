import { mkdirSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { runJxmb } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

// Several inputs without -o used to be written, unasked, into the working directory — while --help says xlsx needs
// -o. They are refused, nothing written, with what to add.

const good = (name: string) => `部门整体 "${name}" 年度 2024 {\n    总体绩效目标 "完成全年工作"\n    绩效指标 { 产出指标 { 数量指标 { "举办活动场次"：≥10场次 } } }\n}\n`;

const { at, file } = useTempDir('jxmb-compile-several-');

describe('compile of several inputs without -o', () => {
    test.each(['xlsx', 'json', 'md'])('two files, --to %s: refused with the -o advice, exit 2, nothing written', target => {
        const a = file('in/a.jxmb', good('甲单位'));
        const b = file('in/b.jxmb', good('乙单位'));
        const cwd = at(`cwd-${target}`);
        mkdirSync(cwd, { recursive: true });
        const r = runJxmb(['compile', a, b, '--to', target], cwd);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('有多个输入');
        expect(r.stderr).toContain('请用 -o 指定输出文件夹');
        expect(r.stdout).toBe('');
        expect(readdirSync(cwd)).toEqual([]);
        expect(readdirSync(at('in')).sort()).toEqual(['a.jxmb', 'b.jxmb']);
    });

    test('a folder of two files: refused the same way, nothing written', () => {
        file('folder/a.jxmb', good('甲单位'));
        file('folder/sub/b.jxmb', good('乙单位'));
        const cwd = at('cwd-folder');
        mkdirSync(cwd, { recursive: true });
        const r = runJxmb(['compile', at('folder'), '--to', 'json'], cwd);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('共 2 个 .jxmb 文件）时请用 -o 指定输出文件夹');
        expect(readdirSync(cwd)).toEqual([]);
    });

    test('with -o a folder, the same inputs are written there, exit 0', () => {
        const a = file('ok/a.jxmb', good('甲单位'));
        const b = file('ok/b.jxmb', good('乙单位'));
        const r = runJxmb(['compile', a, b, '--to', 'json', '-o', at('out')]);
        expect(r.code).toBe(0);
        expect(readdirSync(at('out')).sort()).toEqual(['a.json', 'b.json']);
    });

    test('one file without -o still prints to the terminal', () => {
        const r = runJxmb(['compile', file('one/a.jxmb', good('甲单位')), '--to', 'md']);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('甲单位');
    });
});
