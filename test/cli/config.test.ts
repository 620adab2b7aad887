import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runJxmb } from '../helpers/run-cli.js';

// A unit's jxmb.yaml changes severities per code for every file below it.
const duplicate = '部门整体 "测试单位" {\n    预算 { 基本支出 1.00  基本支出 2.00 }\n}\n';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'jxmb-config-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(path: string, content: string): string {
    const full = join(dir, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, content);
    return full;
}

describe('jxmb.yaml', () => {
    test('without one, the default severity holds', () => {
        const r = runJxmb(['check', write('plain/a.jxmb', duplicate)]);
        expect(r.code).toBe(1);
        expect(r.stdout).toContain('error structure/duplicate-amount');
    });

    test('the nearest one above a file lowers a code to a warning', () => {
        write('unit/jxmb.yaml', 'severity:\n  structure/duplicate-amount: warning\n');
        const r = runJxmb(['check', write('unit/sub/a.jxmb', duplicate)]);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('warning structure/duplicate-amount');
    });

    test('off silences a code; --config names the file explicitly', () => {
        const config = write('elsewhere/quiet.yaml', 'severity:\n  structure/duplicate-amount: off\n');
        const r = runJxmb(['check', write('plain/b.jxmb', duplicate), '--config', config]);
        expect(r.code).toBe(0);
        expect(r.stdout).not.toContain('duplicate-amount');
    });

    test('a wrong value is reported with its line and the allowed values', () => {
        write('bad/jxmb.yaml', 'severity:\n  structure/duplicate-amount: loud\n');
        const r = runJxmb(['check', write('bad/a.jxmb', duplicate)]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/jxmb\.yaml:2:\d+: 配置项/);
        expect(r.stderr).toContain('error、warning、info、hint、off');
    });

    test('an own 指标库 is accepted; a key that is no 二级, or names not in a list, are refused at their place in Chinese', () => {
        write('library/jxmb.yaml', 'indicators:\n  数量指标: [举办科普大篷车巡展站点数]\n  服务对象满意度:\n    - 参展公众满意度\n');
        expect(runJxmb(['check', write('library/a.jxmb', duplicate)]).code).toBe(1); // checked as usual
        write('library-key/jxmb.yaml', 'indicators:\n  数量指标: [甲]\n  科普指标: [乙]\n');
        const key = runJxmb(['check', write('library-key/a.jxmb', duplicate)]);
        expect(key.code).toBe(2);
        expect(key.stderr).toContain('jxmb.yaml:3:3: 配置项 indicators → 科普指标：不是二级指标的名称');
        write('library-type/jxmb.yaml', 'indicators:\n  数量指标: 甲\n');
        const type = runJxmb(['check', write('library-type/a.jxmb', duplicate)]);
        expect(type.code).toBe(2);
        expect(type.stderr).toContain('jxmb.yaml:2:9: 配置项 indicators → 数量指标：应为列表。');
    });

    test('a misspelt code is refused at its place, with the codes of its family, instead of changing nothing', () => {
        write('typo/jxmb.yaml', 'severity:\n  structure/duplicate-amount: warning\n  measurability/vauge-value: off\n');
        const r = runJxmb(['check', write('typo/a.jxmb', duplicate)]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('jxmb.yaml:3:3: 配置项 severity → measurability/vauge-value：不认识的诊断代码；这一类的代码有：measurability/vague-value、');
    });

    test('broken YAML is reported with its place, not a stack trace', () => {
        write('broken/jxmb.yaml', 'severity: [unclosed\n');
        const r = runJxmb(['check', write('broken/a.jxmb', duplicate)]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/jxmb\.yaml:\d+:\d+: 配置文件格式错误/);
        expect(r.stderr).not.toMatch(/\n\s+at /);
    });
});
