import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ReviewReport } from '../../language/review/report.js';
import { samplesDir } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';

// A folder given to check, check --report or compile may hold entries named *.jxmb that are no file: a named pipe
// (mkfifo), a socket, a link that goes round in a loop. Each was passed over without a word (or named by its errno);
// each is now one line naming it, as an unreadable file is, and nothing opens the pipe — which would wait for a
// writer for ever. A jxmb.yaml found beside the files that is a pipe stopped the run for ever; now it says so.

const bin = fileURLToPath(new URL('../../bin/jxmb.js', import.meta.url));
const { at } = useTempDir('jxmb-odd-entries-');
let socket: Server;

/** The CLI in its own process, run in the temp folder; a hang (the old reading of a pipe) is a failure, not a stall. */
function run(args: string[]) {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: at(), encoding: 'utf8', timeout: 30_000 });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
    mkdirSync(at('收件'));
    copyFileSync(join(samplesDir, '000-nansha-kexie.jxmb'), at('收件', '南沙.jxmb'));
    execFileSync('mkfifo', [at('收件', '管道.jxmb'), at('收件', '管道.xlsx')]);
    symlinkSync('管道.jxmb', at('收件', '链到管道.jxmb'));
    symlinkSync('循环.jxmb', at('收件', '循环.jxmb'));
    socket = createServer();
    await new Promise<void>(done => socket.listen(at('收件', '套接字.jxmb'), done));
});
afterAll(() => new Promise<void>(done => socket.close(() => done())));

const lines = [
    '收件/管道.jxmb: 不是普通文件（命名管道），未读取。',
    '收件/链到管道.jxmb: 不是普通文件（命名管道），未读取。',
    '收件/套接字.jxmb: 不是普通文件（套接字），未读取。',
    '收件/循环.jxmb: 这是一个链接，它经过的链接绕成了循环，没有指向任何文件。'
];

describe('entries of a folder that are not files', () => {
    test('check: one line for each, the real file still checked, exit 2 (a file could not be read)', () => {
        const r = run(['check', '收件']);
        expect(r.code).toBe(2);
        for (const line of lines) expect(r.stderr).toContain(line);
        expect(r.stdout).toContain('检查了 1 个文件');
    });

    test('check --report: each is in the report as a file that could not be checked, with the reason', () => {
        const r = run(['check', '收件', '--report', '报告.json']);
        expect(r.code).toBe(2);
        const report = JSON.parse(readFileSync(at('报告.json'), 'utf8')) as ReviewReport;
        const failed = Object.fromEntries(report.files.filter(f => f.status === 'failed').map(f => [f.file, f.reason]));
        expect(failed).toEqual({
            '收件/管道.jxmb': '不是普通文件（命名管道），未读取。',
            '收件/管道.xlsx': '不是普通文件（命名管道），未读取。',
            '收件/链到管道.jxmb': '不是普通文件（命名管道），未读取。',
            '收件/套接字.jxmb': '不是普通文件（套接字），未读取。',
            '收件/循环.jxmb': '这是一个链接，它经过的链接绕成了循环，没有指向任何文件。'
        });
        expect(report.totals).toMatchObject({ files: 6, checked: 1, failed: 5 });
    });

    test('compile: the same lines, the real file still compiled', () => {
        const r = run(['compile', '收件', '--to', 'json', '-o', '输出']);
        expect(r.code).toBe(2);
        for (const line of lines) expect(r.stderr).toContain(line);
        expect(JSON.parse(readFileSync(at('输出', '南沙.json'), 'utf8'))).toBeTruthy();
    });

    test('import of a link that goes round in a loop: said so, not 「ELOOP」', () => {
        symlinkSync('环2.xlsx', at('环1.xlsx'));
        symlinkSync('环1.xlsx', at('环2.xlsx'));
        const r = run(['import', '环1.xlsx']);
        expect(r.code).toBe(2);
        expect(r.stderr).toBe('环1.xlsx: 这是一个链接，它经过的链接绕成了循环，没有指向任何文件。未写入任何文件。\n');
    });

    test('a jxmb.yaml that is a named pipe: the run says so and stops (exit 2), instead of waiting for ever', () => {
        mkdirSync(at('有设置'));
        copyFileSync(join(samplesDir, '000-nansha-kexie.jxmb'), at('有设置', '南沙.jxmb'));
        execFileSync('mkfifo', [at('有设置', 'jxmb.yaml')]);
        const r = run(['check', '有设置']);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`${at('有设置', 'jxmb.yaml')}: 无法读取配置文件：不是普通文件（命名管道），未读取。`);
    });

    test('check --report of a named pipe given by name: its text, written into the pipe, is reviewed whole', async () => {
        // Named, a pipe is read (as `<(…)` is). The review first looked for a zip's four bytes in it, which took them
        // from the text and left the real read waiting for a writer for ever.
        execFileSync('mkfifo', [at('管道送审.jxmb')]);
        const child = spawn(process.execPath, [bin, 'check', '管道送审.jxmb', '--report', '管道报告.json'], { cwd: at() });
        const exited = new Promise<number | null>(done => child.on('exit', done));
        const timer = setTimeout(() => child.kill(), 30_000);
        await writeFile(at('管道送审.jxmb'), readFileSync(join(samplesDir, '000-nansha-kexie.jxmb')));
        const code = await exited;
        clearTimeout(timer);
        expect(code).not.toBeNull();
        const findings = (name: string) => (JSON.parse(readFileSync(at(name), 'utf8')) as ReviewReport).files
            .map(({ status, findings }) => ({ status, findings }));
        copyFileSync(join(samplesDir, '000-nansha-kexie.jxmb'), at('文件送审.jxmb'));
        run(['check', '文件送审.jxmb', '--report', '文件报告.json']);
        expect(findings('管道报告.json')).toEqual(findings('文件报告.json'));
    });
});
