import type { Translate } from './translate.js';

// The decisions of 起草绩效指标's preview that need no editor (extension/draft-preview.ts, commands/draft.ts use
// them): which documents are a draft's preview and what a command run on one says.

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
