import { describe, expect, test } from 'vitest';
import { DRAFT_SCHEME, draftPreviewNotice } from '../../extension/draft-flow.js';
import { format } from '../../extension/translate.js';

// 起草绩效指标's preview, what the editor cannot show a test: which documents are a draft and what a command run
// on one says.

describe('draft flow', () => {
    test('a command run on the draft\'s preview names the file it is not yet written to; on a file it says nothing', () => {
        expect(draftPreviewNotice({ scheme: DRAFT_SCHEME, path: '/3/a.jxmb' }, format))
            .toBe('This is the preview of drafted indicators, not yet written to a.jxmb: apply or discard it first, or run the command in a.jxmb itself.');
        for (const scheme of ['file', 'untitled', 'vscode-remote']) expect(draftPreviewNotice({ scheme, path: '/w/a.jxmb' }, format)).toBeUndefined();
    });
});
