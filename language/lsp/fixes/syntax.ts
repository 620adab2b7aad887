// Quick-fixes for syntax errors whose repair the line makes certain (syntax-hints.ts): the 「：」 between a 三级 name
// and its value, the quotes of a name or text, 「～」 for a hyphen in a range, the full name of a 一级 or 二级. The
// validator put the repair into the finding's data.
import type { LangiumDocument } from 'langium';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { Document } from '../../generated/ast.js';
import { quote } from '../../value-converter.js';
import { Code } from '../../validation/codes.js';
import type { FixRegistry, QuickFix } from '../quick-fix.js';
import { unquotedValueEnd } from './quote-extent.js';

interface Repair {
    title: string;
    range: Range;
    newText: string;
}

interface RepairData {
    repair?: Repair;
}

function repairOf(diagnostic: Diagnostic, document: LangiumDocument<Document>): QuickFix[] {
    const data = (diagnostic.data as RepairData | undefined)?.repair;
    if (!data) return [];
    const repair = wholeQuote(data, document) ?? data;
    return [{ title: repair.title, edits: [{ range: repair.range, newText: repair.newText }], isPreferred: true }];
}

/**
 * A repair that quotes one word of a value (`"不少于"`) widened to the whole value (`"不少于50篇"`): the parser named
 * the first word it could not take, the rest of the value is as unreadable. A name (a word before a 「：」) is left.
 */
function wholeQuote(repair: Repair, document: LangiumDocument<Document>): Repair | undefined {
    const textDocument = document.textDocument;
    const text = textDocument.getText();
    const start = textDocument.offsetAt(repair.range.start);
    const end = textDocument.offsetAt(repair.range.end);
    const word = text.slice(start, end);
    if (repair.newText !== `"${word}"` || /^[ \t\u3000]*[：:]/.test(text.slice(end))) return undefined;
    const valueEnd = Math.max(end, unquotedValueEnd(text, start));
    if (valueEnd === end) return undefined;
    const newText = quote(text.slice(start, valueEnd));
    return { title: `加上引号：「${newText}」`, range: { start: repair.range.start, end: textDocument.positionAt(valueEnd) }, newText };
}

export const syntaxFixes: FixRegistry = {
    [Code.parsingError]: repairOf,
    [Code.lexingError]: repairOf,
    // A quoted value without its 「：」 parses, so a check reports it (validation/missing-colon.ts), with the same repair.
    [Code.missingColon]: repairOf,
    // Not syntax, but a finding that carries its one certain repair in the same way: the 保密 mark after the name.
    [Code.secretUnmarked]: repairOf
};
