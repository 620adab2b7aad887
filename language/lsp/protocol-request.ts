// The custom requests between the VS Code client and the language server: names and shapes only, no runtime
// imports, so that the client bundle can share them without pulling in the server.
import type { Position, Range, TextEdit } from 'vscode-languageserver-types';
import type { CompileTarget } from '../cli/compile.js';
import type { EmptyReason } from '../draft/empty.js';
import type { DraftResult, DraftTargetInfo, Proposal } from '../draft/proposal.js';
import type { DraftTarget } from '../draft/targets.js';
import type { ReviewReport } from '../review/report.js';
import type { DocumentSummary } from '../validation/summary.js';

/** A request that could not do its job: one Chinese sentence for the user (with line and column where it applies). */
export interface RequestFailure {
    ok: false;
    message: string;
}

export type { CompileTarget, DocumentSummary };

/** `jxmb/summary` { uri } → DocumentSummary | null (summary-request.ts registers it; the name is repeated here
 * so that the client does not bundle the server module). */
export const SummaryRequest = 'jxmb/summary';

/** `jxmb/compile` { uri, target } → the open document compiled (the server's parse of it, as the user sees it). */
export const CompileRequest = 'jxmb/compile';
export interface CompileParams {
    uri: string;
    target: CompileTarget;
}
export type CompileResponse = RequestFailure | {
    ok: true;
    /** base64 for the workbook, utf8 for the text targets */
    encoding: 'utf8' | 'base64';
    content: string;
};

/** `jxmb/import` { fileName, base64 } → a table (xlsx, docx, tab-separated or PDF text) as .jxmb text and its report. */
export const ImportRequest = 'jxmb/import';
export interface ImportParams {
    /** only to name the source in the header and to tell a damaged .xlsx from a damaged .docx */
    fileName: string;
    base64: string;
    /** 年度 to write when the table states none */
    year?: number;
}
export type ImportResponse = RequestFailure | {
    ok: true;
    text: string;
    /** one line per unplaced cell and per note, `文件:位置: …` */
    report: string[];
    unplaced: number;
    summary: string;
    /** declarations whose table states no 年度 (written with `year` when it was sent, else left without one) */
    yearless: number;
};

/** `jxmb/draftTargets` { uri, position? } → the tasks and projects a draft can be made for, and the one at the cursor. */
export const DraftTargetsRequest = 'jxmb/draftTargets';
export interface DraftTargetsParams {
    uri: string;
    position?: Position;
}
export type DraftTargetsResponse = RequestFailure | {
    ok: true;
    targets: DraftTargetInfo[];
    /** index into `targets` of the task or project around the position, or null */
    atCursor: number | null;
};

/** Which target, and which part of its text: `selection` keeps only the selected words of its text fields. */
export interface DraftTargetParams {
    uri: string;
    /** index into the draftTargets answer */
    index: number;
    selection?: Range;
    /** 年度 for the dates when the declaration states none (jxmb.defaultYear) */
    year?: number;
}

/** `jxmb/draftTarget` → the target as the drafters read it (the client's LLM drafter needs it; the key stays there). */
export const DraftTargetRequest = 'jxmb/draftTarget';
export type DraftTargetResponse = RequestFailure | { ok: true; target: DraftTarget };

/**
 * `jxmb/draft` → checked proposals. Without `proposals` the rule drafter drafts; with them (the LLM's answer, drafted
 * in the client) the server adds the skeletons and checks them. Cancellable.
 */
export const DraftRequest = 'jxmb/draft';
export interface DraftParams extends DraftTargetParams {
    proposals?: Proposal[];
    model?: string | null;
}
export type DraftResponse = RequestFailure | {
    ok: true;
    result: DraftResult;
    /** why there is no proposal, when there is none */
    empty?: EmptyReason;
};

/** `jxmb/draftEdit` → the edit that puts the chosen proposals into the target's 绩效指标 block (not applied). */
export const DraftEditRequest = 'jxmb/draftEdit';
export interface DraftEditParams {
    uri: string;
    index: number;
    proposals: Proposal[];
    year?: number;
}
export type DraftEditResponse = RequestFailure | {
    ok: true;
    /** the document version the edit was computed for */
    version: number;
    edits: TextEdit[];
};

/**
 * `jxmb/review` { folder, report } → 生成审核报告: the folder's .jxmb files and tables reviewed as `jxmb check <folder>
 * --report` reviews them (each file's jxmb.yaml, not the editor's settings; names relative to the folder), the report
 * written by the server — whole or not at all, never over an input, over an existing file only with `overwrite`.
 * Progress on `workDoneToken` ($/progress, 「已检查 3/10：…」); cancellable, and a cancelled review writes nothing.
 */
export const ReviewRequest = 'jxmb/review';
export interface ReviewParams {
    /** file-system paths, as the server reads and writes them */
    folder: string;
    /** .html (or .json) */
    report: string;
    overwrite?: boolean;
    workDoneToken?: string | number;
}
export type ReviewResponse = RequestFailure | {
    ok: true;
    totals: ReviewReport['totals'];
};
