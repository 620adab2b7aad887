// The quick-fix for a name, text or comment holding characters nobody sees (validation/invisible-chars.ts): delete
// them, found again in the string's or comment's token (a finding carries no offsets: kept findings move).
import { CstUtils, type CstNode, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Document } from '../../generated/ast.js';
import { commentRuns, invisibleNames, invisibleRuns, runNames, withoutInvisible } from '../../domain/invisible-chars.js';
import { Code } from '../../validation/codes.js';
import { quote, unquote } from '../../value-converter.js';
import type { FixEdit, FixRegistry, QuickFix } from '../quick-fix.js';
import { FixNotApplicable } from './not-applicable.js';
import { rangeOf } from './text-layout.js';

type Doc = LangiumDocument<Document>;

/** The string token or the comment the finding is on. */
function tokenAt(document: Doc, diagnostic: Diagnostic): CstNode {
    const root = document.parseResult.value.$cstNode;
    const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
    if (!leaf || !/^(?:["“「]|\/[/*])/.test(leaf.text) || invisibleRuns(leaf.text).length === 0) throw new FixNotApplicable();
    return leaf;
}

const isComment = (token: CstNode) => token.hidden && token.text.startsWith('/');

/**
 * In a comment only what the finding names goes (a zero-width space there is left as it was). A run between the 「*」
 * and the 「/」 of a block comment's text becomes a space: deleted, it would close the comment there.
 */
function commentDeletions(document: Doc, token: CstNode): FixEdit[] {
    const raw = token.text;
    return commentRuns(raw).map(run => {
        const closes = raw.startsWith('/*') && run.index > 2 && raw[run.index - 1] === '*' && raw[run.index + run.text.length] === '/';
        return { range: rangeOf(document, token.offset + run.index, token.offset + run.index + run.text.length), newText: closes ? ' ' : '' };
    });
}

/**
 * One deletion per run. In a "…" string a backslash before the run escapes its first character and goes with it
 * (`"…\` would otherwise escape the closing quote). A run that starts a line of a text may be all that keeps the
 * line from reading as a brace or a name, which would end the string: then the whole string is written anew.
 */
function deletions(document: Doc, token: CstNode): FixEdit[] {
    const raw = token.text;
    const edits: FixEdit[] = [];
    for (const run of invisibleRuns(raw)) {
        if (/\n[ \t\u3000]*$/.test(raw.slice(0, run.index))) {
            return [{ range: rangeOf(document, token.offset, token.end), newText: quote(withoutInvisible(unquote(raw))) }];
        }
        const escaped = raw[0] === '"' && /(?:^|[^\\])(?:\\\\)*\\$/.test(raw.slice(0, run.index));
        const start = token.offset + run.index - (escaped ? 1 : 0);
        edits.push({ range: rangeOf(document, start, token.offset + run.index + run.text.length), newText: '' });
    }
    return edits;
}

function removeInvisible(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const token = tokenAt(document, diagnostic);
    const comment = isComment(token);
    const names = comment ? runNames(commentRuns(token.text)) : invisibleNames(token.text);
    if (names.length === 0) throw new FixNotApplicable();
    const edits = comment ? commentDeletions(document, token) : deletions(document, token);
    return [{ title: `删去不可见字符：${names.join('、')}`, edits, isPreferred: true }];
}

export const textFixes: FixRegistry = {
    [Code.invisibleChar]: removeInvisible
};
