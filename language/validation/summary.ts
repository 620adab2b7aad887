import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Document } from '../generated/ast.js';
import { measurabilityOf } from './measurability-score.js';

// One summary of a document, for the CLI (`jxmb check --summary`), the language server (`jxmb/summary`) and the
// editor's status bar: how much of it can be measured, and how many findings of each family.

export interface Counts {
    errors: number;
    warnings: number;
    infos: number;
}

export interface DocumentSummary extends Counts {
    /** 三级 indicators considered (保密 projects excluded) */
    indicators: number;
    measurable: number;
    /** measurable / indicators, 0…1 (1 when there is no indicator) */
    share: number;
    /** by the code's family: `value/…` → value */
    byFamily: Record<string, Counts>;
}

function emptyCounts(): Counts {
    return { errors: 0, warnings: 0, infos: 0 };
}

function count(counts: Counts, diagnostic: Diagnostic): void {
    if (diagnostic.severity === DiagnosticSeverity.Error || diagnostic.severity === undefined) counts.errors++;
    else if (diagnostic.severity === DiagnosticSeverity.Warning) counts.warnings++;
    else counts.infos++;
}

export function familyOf(code: string): string {
    return code.includes('/') ? code.slice(0, code.indexOf('/')) : 'syntax';
}

export function summarize(document: Document, diagnostics: Diagnostic[]): DocumentSummary {
    const { indicators, measurable, share } = measurabilityOf(document);
    const summary: DocumentSummary = { indicators, measurable, share, ...emptyCounts(), byFamily: {} };
    for (const diagnostic of diagnostics) {
        count(summary, diagnostic);
        count(summary.byFamily[familyOf(String(diagnostic.code))] ??= emptyCounts(), diagnostic);
    }
    return summary;
}

/** 「可度量 30/42（71%）；错误 2，警告 9，提示 3」, or 「无三级指标；…」 */
export function formatSummary(summary: DocumentSummary): string {
    const percent = Math.round(summary.share * 100);
    const families = Object.entries(summary.byFamily).sort(([a], [b]) => a.localeCompare(b))
        .map(([family, c]) => `${family} ${c.errors}/${c.warnings}/${c.infos}`).join('，');
    // No 三级 at all is not 「100% measurable」: nothing is (the status bar and the review say so too).
    const measurable = summary.indicators === 0 ? '无三级指标' : `可度量 ${summary.measurable}/${summary.indicators}（${percent}%）`;
    return `${measurable}；错误 ${summary.errors}，警告 ${summary.warnings}，提示 ${summary.infos}`
        + (families ? `；按类（错/警/提）：${families}` : '');
}
