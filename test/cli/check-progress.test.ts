import { beforeAll, describe, expect, test, vi } from 'vitest';
import { runCli } from '../../language/cli/main.js';
import type { ProgressStream } from '../../language/review/progress.js';
import { readSample } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';

// `jxmb check <folder>` of many files shows on a terminal how far it got, as --report does (review-progress.test.ts
// tests the line itself): one line on stderr, rewritten after each file and cleared before the findings are printed.
// Where stderr is no terminal (a pipe, a log, the CLI runs of the other tests) nothing is written.

const { at, file } = useTempDir('jxmb-check-progress-');

beforeAll(() => {
    // A terminal that obeys escape codes (a dumb one is cleared with spaces: review-progress.test.ts).
    vi.stubEnv('TERM', 'xterm-256color');
    for (const [i, name] of ['000-nansha-kexie.jxmb', '001-zhanjiang-kexie.jxmb', '003-baiyun-kexie.jxmb'].entries()) {
        file(`收件/${i + 1}-${name}`, readSample(name));
    }
    file('收件/坏.jxmb', '部门 "未写完');
});

/** A run of the CLI whose stderr is `terminal` (a terminal when isTTY), every write in the order made. */
async function check(args: string[], isTTY: boolean | undefined) {
    const log: Array<['out' | 'err' | 'terminal', string]> = [];
    const terminal: ProgressStream = { isTTY, columns: 100, write: text => log.push(['terminal', text]) };
    const code = await runCli(['check', ...args], { out: t => { log.push(['out', t]); }, err: t => { log.push(['err', t]); }, terminal });
    const of = (stream: string) => log.filter(([s]) => s === stream).map(([, text]) => text).join('');
    return { code, log, out: of('out'), err: of('err'), terminal: of('terminal') };
}

describe('plain check of a folder on a terminal', () => {
    test.each([['text'], ['json']])('--format %s: the count and the file after each one, then cleared before anything else is written', async format => {
        const run = await check([at('收件'), '--format', format], true);
        const lines = run.log.filter(([s]) => s === 'terminal').map(([, text]) => text.replace(/^\r\x1b\[2K/, ''));
        expect(lines).toEqual([
            `已检查 1/4：${at('收件/1-000-nansha-kexie.jxmb')}`,
            `已检查 2/4：${at('收件/2-001-zhanjiang-kexie.jxmb')}`,
            `已检查 3/4：${at('收件/3-003-baiyun-kexie.jxmb')}`,
            `已检查 4/4：${at('收件/坏.jxmb')}`,
            ''
        ]);
        // The line is gone before the first finding or the summary: they start on a clean line.
        const cleared = run.log.findIndex(([s, text]) => s === 'terminal' && text === '\r\x1b[2K');
        expect(run.log.findIndex(([s]) => s !== 'terminal')).toBeGreaterThan(cleared);
        expect(run.code).toBe(1);
    });

    test('what goes to stdout and stderr is the same as where stderr is no terminal', async () => {
        for (const format of ['text', 'json']) {
            const tty = await check([at('收件'), '--format', format], true);
            const pipe = await check([at('收件'), '--format', format], false);
            expect(tty.out).toBe(pipe.out);
            expect(tty.err).toBe(pipe.err);
            expect(pipe.out).toMatch(format === 'text' ? /检查了 4 个文件/ : /"files"/);
        }
    });

    test.each([['a pipe or a file', false], ['a stream that does not say', undefined]])('stderr %s: no progress at all', async (_name, isTTY) => {
        expect((await check([at('收件')], isTTY)).terminal).toBe('');
    });
});
