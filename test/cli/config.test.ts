import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { yamlErrorMessage } from '../../language/cli/yaml-errors.js';
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

    test('the advice on long 三级 names (info) is lowered to a hint or silenced like any code', () => {
        const text = '部门整体 "测试单位" 年度 2024 {\n    绩效指标 { 产出指标 { 数量指标 { "通过开展科普进社区活动，进一步提升辖区居民科学素质水平"：≥5场次 } } }\n}\n';
        expect(runJxmb(['check', write('long/plain/a.jxmb', text)]).stdout).toContain(':2:26 info hierarchy/long-name 三级指标名称');
        write('long/hint/jxmb.yaml', 'severity:\n  hierarchy/long-name: hint\n');
        expect(runJxmb(['check', write('long/hint/a.jxmb', text)]).stdout).toContain(':2:26 hint hierarchy/long-name');
        write('long/off/jxmb.yaml', 'severity:\n  hierarchy/long-name: off\n');
        const off = runJxmb(['check', write('long/off/a.jxmb', text)]);
        expect(off.stderr).toBe('');
        expect(off.stdout).not.toContain('long-name');
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

    test('costModel: 2021 written without quotes (a number to YAML) is the 2021 model', () => {
        const text = '部门整体 "测试单位" 年度 2024 {\n    绩效指标 { 成本指标 { 经济成本指标 { "单场活动成本"：≤2万元 } } }\n}\n';
        write('cost/jxmb.yaml', 'costModel: 2021\n');
        const r = runJxmb(['check', write('cost/a.jxmb', text)]);
        expect(r.stderr).toBe('');
        expect(r.stdout).not.toContain('hierarchy/cost-model-differs');
        // The advice names where a CLI user sets it: jxmb.yaml (the VS Code setting only where there is none).
        expect(runJxmb(['check', write('cost-default/a.jxmb', text)]).stdout).toMatch(/hierarchy\/cost-model-differs .*请把 jxmb\.yaml 的 costModel/);
    });

    test('syntax errors cannot be lowered or silenced: the file could not be read right', () => {
        write('syntax/jxmb.yaml', 'severity:\n  parsing-error: off\n');
        const r = runJxmb(['check', write('syntax/a.jxmb', duplicate)]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('jxmb.yaml:2:3: 配置项 severity → parsing-error：语法错误不能调整级别或关闭');
    });

    test('a jxmb.yaml saved as UTF-16 is read; one in GBK is refused as not UTF-8, not read as garbage', () => {
        const settings = 'severity:\n  structure/duplicate-amount: warning\n';
        write('utf16/jxmb.yaml', '');
        writeFileSync(join(dir, 'utf16/jxmb.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(settings, 'utf16le')]));
        const r = runJxmb(['check', write('utf16/a.jxmb', duplicate)]);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('warning structure/duplicate-amount');
        write('gbk/jxmb.yaml', '');
        writeFileSync(join(dir, 'gbk/jxmb.yaml'), Buffer.from([...Buffer.from('indicators:\n  '), 0xca, 0xfd, 0xc1, 0xbf, 0xd6, 0xb8, 0xb1, 0xea, ...Buffer.from(': [a]\n')]));
        const gbk = runJxmb(['check', write('gbk/a.jxmb', duplicate)]);
        expect(gbk.code).toBe(2);
        expect(gbk.stderr).toContain('不是 UTF-8 编码');
    });

    test('an item of a list is named by its place counted from 1', () => {
        write('items/jxmb.yaml', 'indicators:\n  数量指标: [甲, 2]\n');
        expect(runJxmb(['check', write('items/a.jxmb', duplicate)]).stderr).toContain('配置项 indicators → 数量指标 → 第 2 项：应为文字。');
    });

    test('an unknown key is refused on its own line, not at the top of the file', () => {
        write('unknown/jxmb.yaml', '# 本单位配置\nseverity:\n  value/hedged: off\n\n\nfoo: 1\n');
        expect(runJxmb(['check', write('unknown/a.jxmb', duplicate)]).stderr).toContain('jxmb.yaml:6:1: 配置项 （根）：不认识的配置项「foo」');
    });

    test('a bracket left open is named at the bracket, not at the next line', () => {
        write('bracket/jxmb.yaml', 'indicators:\n  数量指标: [甲, 乙\ncostModel: legacy\n');
        expect(runJxmb(['check', write('bracket/a.jxmb', duplicate)]).stderr).toContain('jxmb.yaml:2:9: 配置文件格式错误：「[」没有对应的「]」');
    });

    test('a full-width colon (an IME\'s 「：」) is named as such, at its place', () => {
        write('colon/jxmb.yaml', 'severity：\n  value/hedged： off\n');
        expect(runJxmb(['check', write('colon/a.jxmb', duplicate)]).stderr).toContain('jxmb.yaml:1:9: 配置项 （根）：应为映射（键: 值）：键后的冒号须为半角「:」（后跟空格），这里是全角「：」。');
        write('colon2/jxmb.yaml', 'severity:\n  value/hedged： off\n');
        expect(runJxmb(['check', write('colon2/a.jxmb', duplicate)]).stderr).toContain('jxmb.yaml:2:15: 配置项 severity：应为映射（键: 值）：键后的冒号须为半角「:」');
    });

    test('a misspelt code is refused at its place, with the codes of its family, instead of changing nothing', () => {
        write('typo/jxmb.yaml', 'severity:\n  structure/duplicate-amount: warning\n  measurability/vauge-value: off\n');
        const r = runJxmb(['check', write('typo/a.jxmb', duplicate)]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('jxmb.yaml:3:3: 配置项 severity → measurability/vauge-value：不认识的诊断代码；这一类的代码有：measurability/vague-value、');
    });

    test.each([
        ['an unclosed bracket', 'severity: [unclosed\n', '1:11', '「[」没有对应的「]」：方括号、花括号须在同一项之内闭合。'],
        ['an indentation that is wrong', 'severity:\n    value/hedged: off\n  value/vague: off\n', '3:1', '缩进不对：同一层的各项须左端对齐'],
        ['a tab as indentation', 'severity:\n\tvalue/hedged: off\n', '2:1', '缩进不能用制表符（Tab），请改用空格。'],
        ['a key twice', 'costModel: legacy\ncostModel: 2021\n', '2:1', '同一个键出现了两次。'],
        ['an unclosed quote', 'indicators:\n  数量指标: ["举办讲座场次]\n', '3:1', '缺少字符：可能是引号未闭合'],
        ['a second document', 'costModel: legacy\n---\ncostModel: 2021\n', '2:1', '文件中只能有一份设置：请删去 --- 分隔的其余部分。'],
        ['an alias to no anchor', 'severity:\n  value/hedged: *quiet\n', '2:17', '别名（*名称）无法展开：须先用 &名称 定义锚点']
    ])('broken YAML (%s) is reported at its place in Chinese, not in the library\'s English', (_, yaml, place, message) => {
        const folder = `broken-${yaml.length}-${place}`;
        write(`${folder}/jxmb.yaml`, yaml);
        const r = runJxmb(['check', write(`${folder}/a.jxmb`, duplicate)]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`jxmb.yaml:${place}: 配置文件格式错误：${message}`);
        expect(r.stderr.split('配置文件格式错误：')[1]).not.toMatch(/[a-z]+ [a-z]+/);
        expect(r.stderr).not.toMatch(/\n\s+at /);
    });

    test('an error code the YAML library may add later gets a general Chinese sentence', () => {
        expect(yamlErrorMessage('SOMETHING_NEW')).toBe('不是有效的 YAML（请检查缩进、冒号和引号）。');
    });
});
