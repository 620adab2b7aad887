import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runJxmb } from '../helpers/run-cli.js';
import { samplesDir } from '../helpers/samples.js';

// A folder of submissions whose file names hold characters nobody sees: a direction override (「合同\u202Excod.jxmb」
// shows as 合同dcox.jxmb turned around, 「合同bmxj.docx」: a .jxmb passing for a Word file) and a zero-width space
// (「a\u200B.jxmb」 beside a.jxmb: two rows that read the same). The HTML report shows such characters as 〈U+202E〉,
// as the findings' messages do; the JSON keeps the path as it is, for programs.

let dir: string;
let page: string;
let json: { files: { file: string }[] };
const spoof = '合同\u202Excod.jxmb';
const twin = 'a\u200B.jxmb';

beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jxmb-review-names-'));
    const inputs = join(dir, '收件');
    mkdirSync(inputs);
    for (const name of [spoof, twin, 'a.jxmb']) copyFileSync(join(samplesDir, '000-nansha-kexie.jxmb'), join(inputs, name));
    expect(runJxmb(['check', inputs, '--report', join(dir, '报告.html')]).code).toBe(0);
    expect(runJxmb(['check', inputs, '--report', join(dir, '报告.json')]).code).toBe(0);
    page = readFileSync(join(dir, '报告.html'), 'utf8');
    json = JSON.parse(readFileSync(join(dir, '报告.json'), 'utf8'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the HTML report shows a file name\'s invisible characters, in the summary and in its section', () => {
    expect(page).not.toMatch(/[\u200B\u202E]/);
    const summary = page.slice(page.indexOf('<table class="summary">'), page.indexOf('</table>'));
    const names = [...summary.matchAll(/<a href="#f\d+">([^<]+)<\/a>/g)].map(m => m[1]!.replace(/^.*\//, ''));
    expect(names.sort()).toEqual(['a.jxmb', 'a〈U+200B〉.jxmb', '合同〈U+202E〉xcod.jxmb']);
    expect(page).toMatch(/<h2>\d\. [^<]*\/收件\/合同〈U\+202E〉xcod\.jxmb<\/h2>/);
});

test('the JSON report keeps the paths as they are', () => {
    expect(json.files.map(f => f.file.replace(/^.*\//, '')).sort()).toEqual(['a.jxmb', twin, spoof].sort());
});
