import { readFileSync } from 'node:fs';
import { beforeAll, expect, test } from 'vitest';
import { renderXlsx } from '../../language/compile/xlsx.js';
import type { ReviewReport } from '../../language/review/report.js';
import { runJxmb } from '../helpers/run-cli.js';
import { readSample } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { compiled } from '../import/helpers.js';

// A folder of submissions holds what units send: besides .xlsx and .docx, an old Excel or Word file (.xls, .doc),
// WPS's own formats (.et, .wps), a macro workbook (.xlsm), a scan or print as PDF, and a unit's files packed into an
// archive (.zip, .rar, .7z). `check --report` passed over
// these in silence — 「检查了 1 个文件」, and the reviewer believed every submission looked at. Now each is in the
// report: read where it can be (an .xlsm is a workbook), otherwise listed as not checked with what to do; other
// files (a readme, a picture) stay out of it.

const temp = useTempDir('jxmb-review-formats-');
const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
let run: { code: number; stdout: string; stderr: string };
let report: ReviewReport;

beforeAll(async () => {
    temp.file('收件/南沙.jxmb', readSample('000-nansha-kexie.jxmb'));
    temp.file('收件/湛江.xlsm', await renderXlsx(await compiled(readSample('001-zhanjiang-kexie.jxmb'))));
    temp.file('收件/白云.xls', ole);
    temp.file('收件/二级单位/示例县.DOC', ole);
    temp.file('收件/二级单位/越秀.et', ole);
    temp.file('收件/二级单位/海珠.wps', ole);
    temp.file('收件/扫描件.pdf', '%PDF-1.4\n%âãÏÓ\n');
    temp.file('收件/二级单位.zip', Buffer.from('PK\u0005\u0006' + '\u0000'.repeat(18), 'latin1'));
    temp.file('收件/三级单位.rar', Buffer.from('Rar!\u001a\u0007\u0000', 'latin1'));
    temp.file('收件/四级单位.7z', Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]));
    temp.file('收件/说明.md', '# 说明\n');
    temp.file('收件/照片.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    run = runJxmb(['check', temp.at('收件'), '--report', temp.at('报告.json')]);
    report = JSON.parse(readFileSync(temp.at('报告.json'), 'utf8'));
});

const named = (suffix: string) => report.files.find(f => f.file.endsWith(suffix));

test('every submitted table is in the report, the ones it cannot read with the reason', () => {
    expect(report.files.map(f => f.file.slice(temp.at('收件').length + 1)).sort()).toEqual(
        ['二级单位/海珠.wps', '二级单位/示例县.DOC', '二级单位/越秀.et', '南沙.jxmb', '扫描件.pdf', '湛江.xlsm', '白云.xls',
            '二级单位.zip', '三级单位.rar', '四级单位.7z'].sort());
    for (const archive of ['二级单位.zip', '三级单位.rar', '四级单位.7z']) {
        expect(named(archive)).toMatchObject({ status: 'failed', reason: expect.stringContaining('这是压缩包') });
    }
    for (const old of ['白云.xls', '示例县.DOC', '越秀.et', '海珠.wps']) {
        expect(named(old)).toMatchObject({ status: 'failed', reason: expect.stringContaining('旧版 Office 二进制格式') });
    }
    expect(named('扫描件.pdf')).toMatchObject({ status: 'failed', reason: expect.stringContaining('这是 PDF 文件') });
    expect(named('湛江.xlsm')).toMatchObject({ status: 'checked', format: 'xlsx' });
    expect(report.totals).toMatchObject({ files: 10, checked: 2, failed: 8 });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('检查了 2 个文件（无法检查 8 个）');
});

test('a folder with nothing to review still names what could be reviewed', () => {
    temp.file('别的/说明.md', '# 说明\n');
    const r = runJxmb(['check', temp.at('别的'), '--report', temp.at('别的.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('文件夹中没有 .jxmb/.xlsx/.docx/.txt/.tsv 文件。');
});
