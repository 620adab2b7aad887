import { readFileSync, symlinkSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../language/cli/main.js';
import type { ReviewReport } from '../../language/review/report.js';
import { readSample } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';

// What `check` and `check --report` read: each file once, however many ways the command line reaches it (named
// twice, inside a folder also named, through a link), and a link to nothing in a folder named with its reason
// instead of left out without a word.

const { at, file } = useTempDir('jxmb-inputs-once-');

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runCli(args, { out: t => { out += t; }, err: t => { err += t; } });
    return { code, out, err };
}

let a: string;
let gone: string;
let goneReason: string;
beforeAll(() => {
    const seed = readSample('000-nansha-kexie.jxmb');
    a = file('收件/a.jxmb', seed);
    file('收件/子/b.jxmb', seed.replace('南沙区科学技术协会', '另一单位'));
    symlinkSync(a, at('收件/a-link.jxmb'));
    gone = at('收件/已删除.jxmb');
    symlinkSync(at('no-such-target.jxmb'), gone);
    goneReason = `这是一个链接，它指向的「${at('no-such-target.jxmb')}」不存在。`;
});

describe('each file once', () => {
    test('check: a file named again, inside a folder named too and through a link, is checked and counted once', async () => {
        const once = await cli('check', a, '--format', 'json');
        const again = await cli('check', at('收件/子'), a, at('收件/a-link.jxmb'), at('收件'), a, '--format', 'json');
        const files = JSON.parse(again.out).files as string[];
        expect(files).toEqual([at('收件/子/b.jxmb'), a]);
        const findingsOf = (out: string, name: string) => (JSON.parse(out).findings as Array<{ file: string }>).filter(f => f.file === name).length;
        expect(findingsOf(again.out, a)).toBe(findingsOf(once.out, a));
        const text = await cli('check', a, a, a);
        expect(text.out).toMatch(/检查了 1 个文件：/);
    });

    test('--report: one entry per file, and the totals those of one reading each', async () => {
        const report = at('r-once.json');
        await cli('check', at('收件/子'), at('收件/子/b.jxmb'), at('收件/子/b.jxmb'), '--report', report);
        const written: ReviewReport = JSON.parse(readFileSync(report, 'utf8'));
        expect(written.files.map(f => f.file)).toEqual([at('收件/子/b.jxmb')]);
        expect(written.totals).toMatchObject({ files: 1, checked: 1, failed: 0 });
    });
});

describe('a link to nothing in a folder', () => {
    test('check names it with its reason (exit 2); the other files are checked', async () => {
        const r = await cli('check', at('收件'));
        expect(r.code).toBe(2);
        expect(r.err).toContain(`${gone}: ${goneReason}`);
        expect(r.out).toMatch(/检查了 2 个文件：/);
    });

    test('--report lists it as a file that could not be checked, with the reason', async () => {
        const report = at('r-link.json');
        const r = await cli('check', at('收件'), '--report', report);
        expect(r.code).toBe(2);
        const written: ReviewReport = JSON.parse(readFileSync(report, 'utf8'));
        expect(written.totals).toMatchObject({ files: 3, checked: 2, failed: 1 });
        expect(written.files.find(f => f.file === gone)).toMatchObject({ status: 'failed', reason: goneReason });
    });

    test('named on the command line, it is said to be a link to nothing, not a missing file', async () => {
        const r = await cli('check', gone);
        expect(r.code).toBe(2);
        expect(r.err).toBe(`${gone}: ${goneReason}\n`);
    });
});
