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

// A folder the system will not let the report be written in (/proc takes no new file; a read-only disk, a folder
// without write permission): said before the review too. Checked by creating the temporary file the write would
// create, removed at once: the system's permission check (access) says yes for root under /proc.
test.each([
    ['/proc/报告.html', '/proc'],
    ['/proc/新文件夹/报告.json', '/proc']
])('--report %s, in a folder that takes no new file, is named before the review', (report, folder) => {
    const r = runJxmb(['check', inputs, '--report', report]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${report}: 无法写入：文件夹「${folder}」中不能建立新的文件或文件夹（它是系统的特殊文件夹），请换一个输出路径。\n`);
    expect(r.stdout).toBe('');
});

test('a writable report path: the check before the review leaves nothing behind, the report is written', () => {
    const out = join(dir, '输出');
    mkdirSync(out);
    const r = runJxmb(['check', inputs, '--report', join(out, '新/报告.html')]);
    expect(r.stdout).toContain('报告已写入');
    expect(readdirSync(out, { recursive: true }).sort()).toEqual(['新', join('新', '报告.html')]);
    const here = runJxmb(['check', inputs, '--report', join(out, '报告.json')]);
    expect(here.stdout).toContain('报告已写入');
    expect(readdirSync(out).sort()).toEqual(['报告.json', '新']);
});
