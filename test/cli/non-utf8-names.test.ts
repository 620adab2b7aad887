import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import type { ReviewReport } from '../../language/review/report.js';
import { runJxmb } from '../helpers/run-cli.js';
import { samplesDir } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';

// A zip made on a Chinese Windows records its names in GBK; unpacked on Linux (unzip without -O GBK), the files are
// named in bytes that are not UTF-8. Node reads such a name with U+FFFD in place of the bytes and cannot open the
// file by it: check said 「gbk/��ɳ.jxmb: 文件或文件夹不存在。」 of a file `ls` shows. Now it says what the name is and
// what to do, for files and for a folder so named; the other files are checked as before.

const { at } = useTempDir('jxmb-non-utf8-');
const gbk = (text: string) => Buffer.from(text === '南沙' ? [0xc4, 0xcf, 0xc9, 0xb3] : [0xd5, 0xbf, 0xbd, 0xad]); // 南沙, 湛江 in GBK
const bytePath = (...parts: Array<string | Buffer>) => Buffer.concat(parts.map(p => typeof p === 'string' ? Buffer.from(p) : p));

beforeAll(() => {
    mkdirSync(at('收件'));
    copyFileSync(join(samplesDir, '000-nansha-kexie.jxmb'), at('收件', '好.jxmb'));
    writeFileSync(bytePath(at('收件'), '/', gbk('南沙'), '.jxmb'), readFileSync(join(samplesDir, '000-nansha-kexie.jxmb')));
    mkdirSync(bytePath(at('收件'), '/', gbk('湛江')));
    writeFileSync(bytePath(at('收件'), '/', gbk('湛江'), '/a.jxmb'), readFileSync(join(samplesDir, '000-nansha-kexie.jxmb')));
});

const reason = '名不是 UTF-8 编码';

test('check names a file and a folder whose names are not UTF-8, with what to do, not as missing', () => {
    const r = runJxmb(['check', at('收件')]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('不存在');
    const lines = r.stderr.trimEnd().split('\n').filter(line => line.includes(reason));
    expect(lines).toHaveLength(2);
    expect(lines.every(line => line.includes('unzip -O GBK'))).toBe(true);
    expect(r.stdout).toContain('好.jxmb:');
});

test('check --report lists them as not checked, with the reason', () => {
    const r = runJxmb(['check', at('收件'), '--report', at('报告.json')]);
    expect(r.code).toBe(2);
    const report: ReviewReport = JSON.parse(readFileSync(at('报告.json'), 'utf8'));
    const failed = report.files.filter(f => f.status === 'failed');
    expect(failed).toHaveLength(2);
    expect(failed.every(f => f.reason?.includes(reason))).toBe(true);
    expect(report.totals.checked).toBe(1);
});
