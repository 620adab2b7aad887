// Quick-fixes for syntax errors whose repair the line makes certain (syntax-hints.ts): the 「：」 between a 三级 name
// and its value, the quotes of a name or text, 「～」 for a hyphen in a range, the full name of a 一级 or 二级. The
// validator put the repair into the finding's data.
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { Code } from '../../validation/codes.js';
import type { FixRegistry, QuickFix } from '../quick-fix.js';

interface RepairData {
    repair?: { title: string; range: Range; newText: string };
}

function repairOf(diagnostic: Diagnostic): QuickFix[] {
    const repair = (diagnostic.data as RepairData | undefined)?.repair;
    return repair ? [{ title: repair.title, edits: [{ range: repair.range, newText: repair.newText }], isPreferred: true }] : [];
}

export const syntaxFixes: FixRegistry = {
    [Code.parsingError]: repairOf,
    [Code.lexingError]: repairOf,
    // A quoted value without its 「：」 parses, so a check reports it (validation/missing-colon.ts), with the same repair.
    [Code.missingColon]: repairOf,
    // Not syntax, but a finding that carries its one certain repair in the same way: the 保密 mark after the name.
    [Code.secretUnmarked]: repairOf
};
