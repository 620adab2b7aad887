import { describe, expect, test } from 'vitest';
import { asReportPath, reportPathFor, reviewToast } from '../../extension/review-toast.js';
import { format } from '../../extension/translate.js';
import zh from '../../l10n/bundle.l10n.zh-cn.json' with { type: 'json' };

// 生成审核报告 without the editor: where the report is proposed and the message when it is written.

/** vscode.l10n.t with the Chinese bundle. */
const chinese = (message: string, ...args: Array<string | number | boolean>) => format((zh as Record<string, string>)[message] ?? message, ...args);

describe('the review report', () => {
    test('is proposed as 审核报告.html in the reviewed folder', () => {
        expect(reportPathFor('/w/收件')).toBe('/w/收件/审核报告.html');
        expect(reportPathFor('/w/收件/')).toBe('/w/收件/审核报告.html');
    });

    test('is a web page whatever name is typed: never a name the review reads (a table or a .jxmb)', () => {
        expect(asReportPath('/w/报告.html')).toBe('/w/报告.html');
        expect(asReportPath('/w/报告.HTM')).toBe('/w/报告.HTM');
        expect(asReportPath('/w/报告')).toBe('/w/报告.html');
        for (const input of ['/w/表.xlsx', '/w/表.jxmb', '/w/表.docx', '/w/表.txt', '/w/表.tsv']) expect(asReportPath(input)).toBe(`${input}.html`);
    });
});

describe('the toast after a review', () => {
    test('says in Chinese how many files, errors and warnings, and where the report is', () => {
        expect(reviewToast({ files: 12, failed: 0, errors: 3, warnings: 40 }, '收件/审核报告.html', chinese))
            .toBe('审核了 12 个文件：3 个错误，40 个警告。报告已写入 收件/审核报告.html。');
    });

    test('names the files that could not be read, when there are some', () => {
        expect(reviewToast({ files: 3, failed: 1, errors: 0, warnings: 2 }, '审核报告.html', chinese))
            .toBe('审核了 3 个文件：0 个错误，2 个警告；1 个文件无法读取。报告已写入 审核报告.html。');
        expect(reviewToast({ files: 3, failed: 1, errors: 0, warnings: 2 }, '审核报告.html', format))
            .toBe('Reviewed 3 files: 0 errors, 2 warnings; 1 files could not be read. The report is in 审核报告.html.');
    });
});
