import { describe, expect, test } from 'vitest';
import { DRAFT_SCHEME, draftDiffClosed, draftPreviewNotice, endedText, notAppliedMessage, questionClick, whenClosed } from '../../extension/draft-flow.js';
import { format } from '../../extension/translate.js';

// 起草绩效指标's preview, what the editor cannot show a test: which documents are a draft and what a command run
// on one says.

describe('draft flow', () => {
    test('a command run on the draft\'s preview names the file it is not yet written to; on a file it says nothing', () => {
        expect(draftPreviewNotice({ scheme: DRAFT_SCHEME, path: '/3/a.jxmb' }, format))
            .toBe('This is the preview of drafted indicators, not yet written to a.jxmb: apply or discard it first, or run the command in a.jxmb itself.');
        for (const scheme of ['file', 'untitled', 'vscode-remote']) expect(draftPreviewNotice({ scheme, path: '/w/a.jxmb' }, format)).toBeUndefined();
    });

    test('a click on the question of a draft still waiting decides it; closing the question leaves it to the diff', () => {
        expect(questionClick(true, true, 'discarded', format)).toEqual({ decide: true });
        expect(questionClick(false, true, 'discarded', format)).toEqual({ decide: false });
        expect(questionClick(undefined, true, 'discarded', format)).toBeUndefined();
    });

    test('a click on the question left on screen after the draft ended says how it ended, and decides nothing', () => {
        const said = (end: Parameters<typeof questionClick>[2]) => [true, false].map(apply => questionClick(apply, false, end, format));
        expect(said('applied')).toEqual(Array(2).fill({ say: 'This draft was already applied: its indicators are in the file.' }));
        expect(said('discarded')).toEqual(Array(2).fill({ say: 'This draft was already discarded; nothing was written.' }));
        expect(said('closed')).toEqual(Array(2).fill({ say: 'This draft was discarded when its diff was closed; nothing was written.' }));
        expect(said('superseded')).toEqual(Array(2).fill({ say: 'This draft was replaced by a newer one; nothing was written from it.' }));
        expect(said('changed')).toEqual(Array(2).fill({ say: 'This draft was not written: the file changed while drafting. Run Draft Performance Indicators again.' }));
        expect(said('failed')).toEqual(Array(2).fill({ say: 'This draft could not be written to the file.' }));
        expect(questionClick(undefined, false, 'applied', format)).toBeUndefined();
    });

    test('a file closed while drafting is opened again; an untitled one, gone with its text, stops the draft and says so', () => {
        for (const scheme of ['file', 'vscode-remote', 'vscode-vfs']) expect(whenClosed(scheme, format), scheme).toEqual({ reopen: true });
        expect(whenClosed('untitled', format)).toEqual({
            reopen: false, message: 'The file was closed while drafting and, never saved, cannot be opened again; nothing was written.'
        });
    });

    test('closing the diff of the draft waiting discards it; another diff, or a copy of it still open, does not', () => {
        const draft = `${DRAFT_SCHEME}:/2/a.jxmb`;
        expect(draftDiffClosed(draft, [draft], [])).toBe(true);
        expect(draftDiffClosed(draft, [draft], [draft])).toBe(false); // split or moved: still on screen
        expect(draftDiffClosed(draft, [`${DRAFT_SCHEME}:/1/a.jxmb`, 'git:/w/a.jxmb'], [])).toBe(false);
        expect(draftDiffClosed(undefined, [draft], [])).toBe(false); // decided already: closed by the extension
        expect(notAppliedMessage('closed', format)).toBe('The diff was closed, so the proposals were discarded; nothing was written.');
        expect(notAppliedMessage('discarded', format)).toBe('The proposals were discarded; nothing was written.');
        expect(notAppliedMessage('superseded', format)).toBe('A new draft replaced these proposals; nothing was written from them.');
        // Reopened after it ended, the diff says so on its right rather than showing the file deleted.
        expect(endedText('closed', format)).toBe('// This draft was discarded when its diff was closed; nothing was written.\n');
    });
});
