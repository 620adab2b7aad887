import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { renderXlsx } from '../../language/compile/xlsx.js';
import type { ReviewReport } from '../../language/review/report.js';
import { compiled } from '../import/helpers.js';
import { runJxmb } from '../helpers/run-cli.js';
import { readSample } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';

// A workbook saved or renamed as 表.jxmb: `check` says it looks like a table and advises `jxmb import` or
// `check --report` — and both refused it by its name (「这已是 .jxmb 文件，不必导入」, and the review failed it with
// the very advice to review it). Now the advice holds: the review reads it as the workbook it is.

const temp = useTempDir('jxmb-table-named-jxmb-');

test('check --report reviews a workbook named .jxmb as a workbook, as check advises', async () => {
    temp.file('收件/湛江.jxmb', await renderXlsx(await compiled(readSample('001-zhanjiang-kexie.jxmb'))));
    const plain = runJxmb(['check', '收件'], temp.at());
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('收件/湛江.jxmb: 这是二进制文件，不是 .jxmb 文本。它像是 Excel 或 Word 表格');

    const r = runJxmb(['check', '收件', '--report', '报告.json'], temp.at());
    const report = JSON.parse(readFileSync(temp.at('报告.json'), 'utf8')) as ReviewReport;
    expect(report.files).toMatchObject([{ file: '收件/湛江.jxmb', format: 'xlsx', status: 'checked' }]);
    expect(r.code, r.stderr).toBe(report.files[0]!.errors > 0 ? 1 : 0);
});
