import { describe, expect, test } from 'vitest';
import { runJxmb } from '../helpers/run-cli.js';

// A mistyped command line gets one Chinese line that names the option and what is wrong with it, then the usage of
// the command typed (not of all four), and exit status 2 — not Node's English sentence for programmers.

/** Node's own wording for parseArgs errors, which must not reach the user. */
const english = /Unknown option|argument missing|does not take an argument|ambiguous|positional|Option '/;

describe('a bad command line', () => {
    test.each([
        ['an unknown option', ['check', '--bogus', 'x.jxmb'], '参数错误：不认识的选项「--bogus」。可用的选项：--format、--config、--summary、--report、--force。以 - 开头的文件名请写在 -- 之后。', 'check'],
        ['an unknown short option', ['compile', '-z', 'x.jxmb'], '参数错误：不认识的选项「-z」。可用的选项：--to、-o/--output、--force。以 - 开头的文件名请写在 -- 之后。', 'compile'],
        ['an option without its value, last', ['compile', 'x.jxmb', '--to'], '参数错误：选项「--to」缺少取值。', 'compile'],
        ['an option without its value, before another option', ['check', '--format', '--summary', 'x.jxmb'],
            '参数错误：选项「--format」缺少取值：其后的「--summary」是另一个选项（取值本以 - 开头时请写成 --format=--summary）。', 'check'],
        ['a value given to a switch', ['check', '--summary=yes', 'x.jxmb'], '参数错误：选项「--summary」不带取值，请去掉「=yes」。', 'check'],
        ['import: a short option without its value', ['import', 'x.txt', '-o'], '参数错误：选项「-o」缺少取值。', 'import'],
        ['draft: a value given to a switch', ['draft', 'x.jxmb', '--llm=1'], '参数错误：选项「--llm」不带取值，请去掉「=1」。', 'draft']
    ])('%s: a Chinese message naming it, the usage of that command only, exit 2', (_, args, message, command) => {
        const r = runJxmb(args);
        expect(r.code).toBe(2);
        expect(r.stderr.split('\n')[0]).toBe(message);
        expect(r.stderr).not.toMatch(english);
        expect(r.stderr).toContain(`jxmb ${command} <`);
        for (const other of ['check', 'compile', 'import', 'draft'].filter(c => c !== command)) {
            expect(r.stderr).not.toContain(`jxmb ${other} <`);
        }
        expect(r.stdout).toBe('');
    });

    test('a file name that starts with - is read after --', () => {
        const r = runJxmb(['check', '--', '--no-such.jxmb']);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('--no-such.jxmb: 文件或文件夹不存在。');
    });
});
