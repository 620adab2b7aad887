import type { LangiumDocument } from 'langium';
import { MAX_SOURCE_BYTES } from '../cli/source-files.js';

/**
 * Whether the document's text is over the limit at which the document factory refuses to parse it (its one finding
 * is 「文件过大」, its tree is empty). Features that re-read the raw text (formatting and completion lex it again)
 * answer such a document with nothing: on 5 MB they took a minute and gigabytes for a text that is not checked.
 */
export function isRefusedAsTooLarge(document: LangiumDocument): boolean {
    return utf8Size(document.textDocument.getText()) > MAX_SOURCE_BYTES;
}

/** The text's size in UTF-8, or 0 when it is surely within the limit: the character count first, so that a normal text is not measured. */
export function utf8Size(text: string): number {
    return text.length * 3 > MAX_SOURCE_BYTES ? Buffer.byteLength(text) : 0;
}
