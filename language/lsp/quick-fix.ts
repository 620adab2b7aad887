import type { LangiumDocument } from 'langium';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { Document } from '../generated/ast.js';

// A quick-fix, independent of the LSP plumbing: what to replace with what. `newText` must leave a file that
// parses; `snippet` (LSP snippet syntax, `${1:数值}`) is what an editor that supports snippet edits inserts instead,
// so that the number to fill in is selected.
export interface FixEdit {
    range: Range;
    newText: string;
    snippet?: string;
}

export interface QuickFix {
    title: string;
    edits: FixEdit[];
    isPreferred?: boolean;
}

/** Fixes for one diagnostic code. `diagnostic.data` carries what the check knew (see each family's checks). */
export type FixProvider = (diagnostic: Diagnostic, document: LangiumDocument<Document>) => QuickFix[];

export type FixRegistry = Record<string, FixProvider>;
