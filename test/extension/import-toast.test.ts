import { describe, expect, test } from 'vitest';
import { importToast, type ImportOutcome } from '../../extension/import-toast.js';
import { format } from '../../extension/translate.js';
import zh from '../../l10n/bundle.l10n.zh-cn.json' with { type: 'json' };

// The message after 从表格导入 says what happened to a 年度 the table does not state, not only where the cells went.

/** vscode.l10n.t with the Chinese bundle. */
const chinese = (message: string, ...args: Array<string | number | boolean>) => format((zh as Record<string, string>)[message] ?? message, ...args);
const outcome = (over: Partial<ImportOutcome>): ImportOutcome => ({ table: 't.txt', destination: 't.jxmb', unplaced: 0, yearless: 0, year: undefined, ...over });

describe('the toast after an import', () => {
    test('a table with its 年度: only where the cells went', () => {
        expect(importToast(outcome({ year: 2025 }), chinese)).toBe('已将 t.txt 导入为 t.jxmb，所有单元格均已放入。');
    });

    test('a table without 年度, jxmb.defaultYear set: says the year was written from the setting', () => {
        expect(importToast(outcome({ yearless: 1, year: 2025 }), chinese))
            .toBe('已将 t.txt 导入为 t.jxmb，所有单元格均已放入。表上没有年度，已按 jxmb.defaultYear 写入年度 2025。');
        expect(importToast(outcome({ yearless: 1, year: 2025 }), format)).toBe('Imported t.txt into t.jxmb; every cell was placed. The table states no 年度: 2025 was written, from jxmb.defaultYear.');
    });

    test('a table without 年度 and no setting: says none was written and how to give one, without --year', () => {
        const message = importToast(outcome({ yearless: 1, unplaced: 2 }), chinese);
        expect(message).toBe('已将 t.txt 导入为 t.jxmb；有 2 个单元格未能放入（列在文件开头和导入报告中）。'
            + '表上没有年度，未写入年度：可在设置 jxmb.defaultYear 中指定年度后重新导入，或在名称后补写「年度 2025」。');
        expect(message).not.toContain('--year');
    });
});
