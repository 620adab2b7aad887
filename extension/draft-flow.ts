import type { Translate } from './translate.js';

// The decisions of 起草绩效指标's preview that need no editor (extension/draft-preview.ts, commands/draft.ts use
// them), so that tests see them: which documents are a draft's preview, what a click on a draft's question does once
// the draft is decided, when closing a diff discards its draft, and what becomes of a file closed while drafting.

/** The scheme of a draft's proposed text, the diff's right side: a virtual document the language server never sees. */
export const DRAFT_SCHEME = 'jxmb-draft';

interface UriParts {
    scheme: string;
    path: string;
}

/**
 * What a command meant for a .jxmb file says when it is run on a draft's preview (its path is `/<n>/<file name>`),
 * or undefined for any other document. The preview is not the file: exporting or previewing it would show a table
 * that is not written anywhere, and the server could not answer for it.
 */
export function draftPreviewNotice(uri: UriParts, t: Translate): string | undefined {
    if (uri.scheme !== DRAFT_SCHEME) return undefined;
    const name = uri.path.replace(/^.*\//, '');
    return t('This is the preview of drafted indicators, not yet written to {0}: apply or discard it first, or run the command in {0} itself.', name);
}

/**
 * How a draft ended, which its question, still on screen, tells when clicked: the user applied it (the command then
 * settles it as written, `changed` or `failed`), discarded it, closed its diff, or started a new draft.
 */
export type DraftEnd = 'applied' | 'discarded' | 'closed' | 'superseded' | 'changed' | 'failed';

const ENDED: Record<DraftEnd, (t: Translate) => string> = {
    applied: t => t('This draft was already applied: its indicators are in the file.'),
    discarded: t => t('This draft was already discarded; nothing was written.'),
    closed: t => t('This draft was discarded when its diff was closed; nothing was written.'),
    superseded: t => t('This draft was replaced by a newer one; nothing was written from it.'),
    changed: t => t('This draft was not written: the file changed while drafting. Run Draft Performance Indicators again.'),
    failed: t => t('This draft could not be written to the file.')
};

/** The line the diff shows on its right when reopened (Reopen Closed Editor) after its draft ended. */
export const endedText = (end: DraftEnd, t: Translate): string => `// ${ENDED[end](t)}\n`;

/** What the command says when the user did not apply the draft. */
export function notAppliedMessage(end: 'discarded' | 'closed' | 'superseded', t: Translate): string {
    if (end === 'closed') return t('The diff was closed, so the proposals were discarded; nothing was written.');
    if (end === 'superseded') return t('A new draft replaced these proposals; nothing was written from them.');
    return t('The proposals were discarded; nothing was written.');
}

/**
 * Whether closing `closed` tabs (the URIs of their diffs' right sides) closed the diff of the draft waiting: then it is
 * discarded, for what is no longer on screen is not applied. A copy of the diff still open (split, moved to another
 * group) keeps it waiting.
 */
export function draftDiffClosed(waiting: string | undefined, closed: readonly string[], shown: readonly string[]): boolean {
    return waiting !== undefined && closed.includes(waiting) && !shown.includes(waiting);
}

export type QuestionClick = { decide: boolean } | { say: string } | undefined;

/**
 * What a click on a draft's question (采用 / 放弃, `apply` true or false; undefined when the notification was closed)
 * does: decide the draft while it waits; afterwards say how it ended. VS Code cannot take a notification off the
 * screen, so the question outlives a draft decided in the diff's title bar or the palette; a click on it must not
 * go unanswered, nor decide a later draft.
 */
export function questionClick(apply: boolean | undefined, waiting: boolean, end: DraftEnd, t: Translate): QuestionClick {
    if (apply === undefined) return undefined;
    return waiting ? { decide: apply } : { say: ENDED[end](t) };
}

/**
 * The document, closed by the user while the draft ran: a file is opened again (its text is on disk; the diff shows
 * it, nothing is written unasked); an untitled document closed is gone, and what the user chose not to keep is not
 * brought back — the draft stops and says why.
 */
export function whenClosed(scheme: string, t: Translate): { reopen: true } | { reopen: false; message: string } {
    return scheme === 'untitled'
        ? { reopen: false, message: t('The file was closed while drafting and, never saved, cannot be opened again; nothing was written.') }
        : { reopen: true };
}
