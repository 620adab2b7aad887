import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runJxmb } from '../helpers/run-cli.js';
import { samplesDir } from '../helpers/samples.js';

// `check <folder> --report <path>` where the report cannot be written whatever the review finds: a folder stands at
// the path, or a file stands where a folder of the path should be. Said before the review (which over a folder of
// tables may take minutes), as an existing report is: the review does not run and nothing is written.

let dir: string;
let inputs: string;

beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jxmb-review-path-'));
    inputs = join(dir, '收件');
    mkdirSync(inputs);
    copyFileSync(join(samplesDir, '000-nansha-kexie.jxmb'), join(inputs, '南沙.jxmb'));
    // Reported on stderr while the review runs: its line shows whether the review ran.
    symlinkSync(join(dir, '不存在.xlsx'), join(inputs, '断开的链接.xlsx'));
    writeFileSync(join(dir, '是文件'), 'x');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a folder at the report path is named before the review', () => {
    const folder = join(dir, '报告.html');
    mkdirSync(folder);
    const r = runJxmb(['check', inputs, '--report', folder, '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${folder}: 无法写入：这里已有同名的文件夹，不能写成文件。\n`);
    expect(r.stdout).toBe('');
    expect(readdirSync(folder)).toEqual([]);
});

test('a file where the report path needs a folder is named before the review', () => {
    const blocker = join(dir, '是文件');
    const report = join(blocker, '报告.html');
    const r = runJxmb(['check', inputs, '--report', report]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${report}: 无法写入：路径中的「${blocker}」是文件，不是文件夹。\n`);
    expect(r.stdout).toBe('');
});
