import { describe, expect, test } from 'vitest';
import { displayWidth } from '../../language/compile/sheet.js';
import { formatProgress, terminalProgress, type ProgressStream } from '../../language/review/progress.js';

// The progress line of a long review: its text, and that it is written only to a terminal. (The CLI runs in
// test/cli/review.test.ts have a pipe for stderr and check that it stays empty.)

function stream(isTTY: boolean | undefined, columns?: number): ProgressStream & { written: string[] } {
    const written: string[] = [];
    return { written, isTTY, ...(columns ? { columns } : {}), write: (text: string) => written.push(text) };
}

describe('the progress line', () => {
    test('names the count and the file last checked', () => {
        expect(formatProgress(37, 500, '收件/湛江.xlsx')).toBe('已检查 37/500：收件/湛江.xlsx');
    });

    test('a long path loses its beginning, so that the line fits the terminal and still names the file', () => {
        const path = '审核/2024年/各区科协/' + '很长的文件夹名'.repeat(10) + '/白云区科学技术协会.docx';
        const line = formatProgress(3, 12, path, 60);
        expect(displayWidth(line)).toBeLessThanOrEqual(59);
        expect(line.startsWith('已检查 3/12：…')).toBe(true);
        expect(line.endsWith('白云区科学技术协会.docx')).toBe(true);
    });

    test('a file name with a line break or an ESC stays on the one line, and the terminal is given no escape of its own', () => {
        expect(formatProgress(2, 3, '收件/甲\n乙\u001b[2J.jxmb')).toBe('已检查 2/3：收件/甲 乙 [2J.jxmb');
    });

    test('a terminal too narrow for a name gets the count alone', () => {
        expect(formatProgress(1, 2, '甲.xlsx', 14)).toBe('已检查 1/2');
    });
});

describe('where it is written', () => {
    test('on a terminal: rewritten in place, and cleared at the end', () => {
        const tty = stream(true, 80);
        const progress = terminalProgress(tty, 'xterm-256color');
        progress.update(1, 2, 'a.jxmb');
        progress.update(2, 2, 'b.xlsx');
        progress.done();
        expect(tty.written).toEqual(['\r\x1b[2K已检查 1/2：a.jxmb', '\r\x1b[2K已检查 2/2：b.xlsx', '\r\x1b[2K']);
    });

    test('on a dumb terminal (TERM=dumb, Emacs\' shell): no escape codes, the line cleared with spaces', () => {
        const tty = stream(true, 20);
        const progress = terminalProgress(tty, 'dumb');
        progress.update(1, 2, 'a.jxmb');
        progress.done();
        const blank = `\r${' '.repeat(19)}\r`;
        expect(tty.written).toEqual([`${blank}已检查 1/2：a.jxmb`, blank]);
        expect(tty.written.join('')).not.toContain('\x1b');
    });

    test.each([
        ['a pipe or a file', stream(false)],
        ['a stream that does not say', stream(undefined)],
        ['no stream (a caller\'s own io)', null]
    ])('%s: nothing at all', (_name, target) => {
        const progress = terminalProgress(target);
        progress.update(1, 1, 'a.jxmb');
        progress.done();
        if (target) expect(target.written).toEqual([]);
    });
});
