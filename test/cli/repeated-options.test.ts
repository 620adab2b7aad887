import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { runJxmb } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

// An option written twice used to take the last value silently, and an option that does nothing beside the others
// was ignored silently: the user believed it applied. Both are a 参数错误 that names the option, exit 2, nothing done.

const good = '部门整体 "测试单位" 年度 2024 {\n    总体绩效目标 "完成全年工作"\n    绩效指标 { 产出指标 { 数量指标 { "举办活动场次"：≥10场次 } } }\n}\n';

const { at, file } = useTempDir('jxmb-repeated-');

describe('an option written twice', () => {
    test.each([
        ['compile --to md --to json', (f: string) => ['compile', f, '--to', 'md', '--to', 'json'], '参数错误：选项「--to」给了 2 次（「md」、「json」），只能给一次。'],
        ['compile -o a.md -o b.md', (f: string) => ['compile', f, '--to', 'md', '-o', at('a.md'), '-o', at('b.md')], () => `参数错误：选项「-o/--output」给了 2 次（「${at('a.md')}」、「${at('b.md')}」），只能给一次。`],
        ['check --format text --format json', (f: string) => ['check', f, '--format', 'text', '--format', 'json'], '参数错误：选项「--format」给了 2 次（「text」、「json」），只能给一次。'],
        ['draft --task a --task b', (f: string) => ['draft', f, '--task', '甲', '--task', '乙'], '参数错误：选项「--task」给了 2 次（「甲」、「乙」），只能给一次。']
    ])('%s: named, exit 2, nothing written or printed', (_, args, message) => {
        const r = runJxmb(args(file('a.jxmb', good)));
        expect(r.code).toBe(2);
        expect(r.stderr.split('\n')[0]).toBe(typeof message === 'string' ? message : message());
        expect(r.stdout).toBe('');
        expect(existsSync(at('a.md'))).toBe(false);
        expect(existsSync(at('b.md'))).toBe(false);
    });
});

describe('an option that does nothing beside the others', () => {
    test.each([
        ['check --report … --format json', (f: string) => ['check', f, '--report', at('r.html'), '--format', 'json'], '参数错误：--format 不用于 --report'],
        ['check --report … --summary', (f: string) => ['check', f, '--report', at('r.html'), '--summary'], '参数错误：--summary 不用于 --report'],
        ['check --format json --summary', (f: string) => ['check', f, '--format', 'json', '--summary'], '参数错误：--summary 只用于文本输出'],
        ['check --force without --report', (f: string) => ['check', f, '--force'], '参数错误：--force 只用于 --report'],
        ['compile --force without -o', (f: string) => ['compile', f, '--to', 'md', '--force'], '参数错误：--force 只用于 -o'],
        ['import --force without -o', (f: string) => ['import', f, '--force'], '参数错误：--force 只用于 -o'],
        ['draft --model without --llm', (f: string) => ['draft', f, '--task', '甲', '--model', 'gpt'], '参数错误：--model 只用于 --llm'],
        ['draft --timeout without --llm', (f: string) => ['draft', f, '--task', '甲', '--timeout', '5'], '参数错误：--timeout 只用于 --llm']
    ])('%s: named, exit 2, no report written', (_, args, message) => {
        const r = runJxmb(args(file('b.jxmb', good)));
        expect(r.code).toBe(2);
        expect(r.stderr.split('\n')[0]).toContain(message);
        expect(r.stdout).toBe('');
        expect(existsSync(at('r.html'))).toBe(false);
    });

    test('the same options where they count still work: --report alone, --summary with text', () => {
        const f = file('c.jxmb', good);
        expect(runJxmb(['check', f, '--report', at('ok.html')]).code).toBe(0);
        expect(existsSync(at('ok.html'))).toBe(true);
        const r = runJxmb(['check', f, '--summary']);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('检查了 1 个文件');
    });
});
