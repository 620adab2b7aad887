import { describe, expect, test } from 'vitest';
import { runJxmb } from '../helpers/run-cli.js';

// An unknown command got only 「未知命令」 and the usage: a slip (chek), another case (Check), the Chinese name (检查)
// or a file written before the command now get the command meant, or that the command comes first. Exit 2 as before.

describe('an unknown command', () => {
    test.each([
        [['chek', 'a.jxmb'], '未知命令「chek」：您是否要用 check？如 jxmb check a.jxmb'],
        [['Check', 'a.jxmb'], '未知命令「Check」：您是否要用 check？如 jxmb check a.jxmb'],
        [['检查', 'a.jxmb'], '未知命令「检查」：您是否要用 check？如 jxmb check a.jxmb'],
        [['comple', 'a.jxmb', '--to', 'md'], '未知命令「comple」：您是否要用 compile？如 jxmb compile a.jxmb --to md'],
        [['导入', '表.xlsx'], '未知命令「导入」：您是否要用 import？如 jxmb import 表.xlsx'],
        [['a.jxmb', 'check'], '「a.jxmb」不是命令：命令要写在最前，如 jxmb check a.jxmb'],
        [['samples', 'compile', '--to', 'json'], '「samples」不是命令：命令要写在最前，如 jxmb compile samples --to json'],
        [['a.jxmb'], '「a.jxmb」不是命令：命令要写在最前，如 jxmb check a.jxmb'],
        [['foo'], '未知命令「foo」：命令为 check、compile、import、draft 之一。']
    ])('%j: %s, exit 2', (args, message) => {
        const r = runJxmb(args);
        expect(r.code).toBe(2);
        expect(r.stderr.split('\n')[0]).toBe(message);
        expect(r.stdout).toBe('');
    });
});
