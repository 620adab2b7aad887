// The quick-fix for a name or text holding characters nobody sees (validation/invisible-chars.ts): delete every one of
// them in that string, found again in the string's token (a finding carries no offsets: kept findings move).
import { CstUtils, type CstNode, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Document } from '../../generated/ast.js';
import { invisibleNames, invisibleRuns, withoutInvisible } from '../../domain/invisible-chars.js';
import { Code } from '../../validation/codes.js';
import { quote, unquote } from '../../value-converter.js';
import type { FixEdit, FixRegistry, QuickFix } from '../quick-fix.js';
import { FixNotApplicable } from './not-applicable.js';
import { rangeOf } from './text-layout.js';

type Doc = LangiumDocument<Document>;

/** The string token the finding is on. */
function tokenAt(document: Doc, diagnostic: Diagnostic): CstNode {
    const root = document.parseResult.value.$cstNode;
    const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
    if (!leaf || !/^["“「]/.test(leaf.text) || invisibleRuns(leaf.text).length === 0) throw new FixNotApplicable();
    return leaf;
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
    const names = invisibleNames(token.text);
    return [{ title: `删去不可见字符：${names.join('、')}`, edits: deletions(document, token), isPreferred: true }];
}

export const textFixes: FixRegistry = {
    [Code.invisibleChar]: removeInvisible
};
