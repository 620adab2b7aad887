import { describe, expect, test } from 'vitest';
import { statusText } from '../../extension/status-text.js';
import { format } from '../../extension/translate.js';
import type { DocumentSummary } from '../../language/validation/summary.js';
import zh from '../../l10n/bundle.l10n.zh-cn.json' with { type: 'json' };

// The status bar's words for the active file.

const summary = (over: Partial<DocumentSummary>): DocumentSummary =>
    ({ indicators: 42, measurable: 30, share: 30 / 42, errors: 2, warnings: 9, infos: 3, byFamily: {}, ...over });

/** vscode.l10n.t with the Chinese bundle. */
const chinese = (message: string, ...args: Array<string | number | boolean>) => format((zh as Record<string, string>)[message] ?? message, ...args);

describe('status bar text', () => {
    test('the measurable share and the error count, details in the tooltip', () => {
        const status = statusText(summary({}), format);
        expect(status.text).toBe('$(checklist) Measurable 71%  $(error) 2');
        expect(status.tooltip).toContain('30 of 42 (71%)');
        expect(status.tooltip).toContain('Errors 2, warnings 9, infos 3.');
        expect(status.hasErrors).toBe(true);
        expect(status.label).not.toContain('$(');
    });

    test('in Chinese', () => {
        const status = statusText(summary({}), chinese);
        expect(status.text).toBe('$(checklist) 可度量 71%  $(error) 2');
        expect(status.tooltip).toContain('可度量的三级指标：30/42（71%）。');
        expect(status.tooltip).toContain('“问题”面板');
    });

    test('a file without indicators or errors', () => {
        const status = statusText(summary({ indicators: 0, measurable: 0, share: 1, errors: 0 }), format);
        expect(status.text).toBe('$(checklist) No indicators  $(error) 0');
        expect(status.hasErrors).toBe(false);
    });
});
