import { describe, expect, test } from 'vitest';
import { runJxmb } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

// Scripts and CI read the exit status: --help says what each one means, and the commands keep to it.

const { at, file } = useTempDir('jxmb-help-exit-');

describe('jxmb --help', () => {
    const help = () => runJxmb(['--help']);

    test('lists the exit statuses 0, 1 and 2 with what each means', () => {
        const r = help();
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('退出码 / exit status:');
        expect(r.stdout).toMatch(/^ {2}0 {2}没有错误/m);
        expect(r.stdout).toMatch(/^ {2}1 {2}输入有错误/m);
        expect(r.stdout).toMatch(/^ {2}2 {2}命令无法完成：参数错误/m);
    });

    test('the commands keep to it: an error found → 1, a bad option or a missing input → 2, clean → 0', () => {
        const clean = file('ok.jxmb', '部门整体 "测试单位" 年度 2024 {\n    总体绩效目标 "完成全年工作"\n    绩效指标 { 产出指标 { 数量指标 { "举办活动场次"：≥10场次 } } }\n}\n');
        const broken = file('broken.jxmb', '部门整体 "测试单位" {\n    预算 { 基本支出 "一百" }\n}\n');
        expect(runJxmb(['check', clean]).code).toBe(0);
        expect(runJxmb(['check', broken]).code).toBe(1);
        expect(runJxmb(['compile', broken, '--to', 'json']).code).toBe(1);
        expect(runJxmb(['check', clean, '--bogus']).code).toBe(2);
        expect(runJxmb(['check', at('missing.jxmb')]).code).toBe(2);
    });
});
