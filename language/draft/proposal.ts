// What a drafter proposes: one complete 三级指标 with where it comes from. schemas/draft.schema.json is the contract
// (language/draft/schema.ts checks it); keep the two in step.
import type { Operator } from '../domain/value-types.js';

export type Level1Name = '产出指标' | '效益指标' | '满意度指标' | '成本指标';
export type Level2Name =
    | '数量指标' | '质量指标' | '时效指标' | '成本指标'
    | '经济效益指标' | '社会效益指标' | '生态效益指标' | '可持续影响指标' | '服务对象满意度指标'
    | '经济成本指标' | '社会成本指标' | '生态环境成本指标';

/** The text fields a drafter reads: a task's 主要实施内容 / 期望目标, a project's 绩效目标. */
export type SourceField = '主要实施内容' | '期望目标' | '绩效目标';

export interface ProposalSource {
    /** null for a skeleton: nothing in the text stands behind it */
    field: SourceField | null;
    /** the words of the text the proposal measures (不少于96场次 with its subject) */
    quote: string;
    /** [start, end) of `quote` in the field's text; null when it could not be found there */
    start: number | null;
    end: number | null;
}

export interface Proposal {
    name: string;
    level1: Level1Name;
    level2: Level2Name;
    operator: Operator;
    /** null for a date target and for a skeleton whose number the user must supply */
    number: number | null;
    unit: string | null;
    /** the period a frequency counts per: 每月不少于1次 → 月 */
    per: string | null;
    /** YYYY-MM-DD for a deadline */
    date: string | null;
    /** 实施周期指标值 and 年度指标值 as cell text (≥96场次, ≤2024-12-31, ≥〔待填〕%) */
    period: string;
    annual: string;
    source: ProposalSource;
    /** a skeleton a reviewer expects (满意度, 时效): its value is the 〔待填〕 placeholder, not a real value */
    placeholder: boolean;
    needsConfirmation: boolean;
    reason: string | null;
}

export interface ProposalDiagnostic {
    severity: 'error' | 'warning' | 'info' | 'hint';
    code: string | null;
    message: string;
}

/** A proposal after it went through the validator: what the user is shown. */
export interface CheckedProposal extends Proposal {
    diagnostics: ProposalDiagnostic[];
}

export type DrafterKind = 'rules' | 'llm';

export interface DraftTargetInfo {
    kind: 'task' | 'project';
    name: string;
    /** 部门名称 */
    unit: string;
    year: number | null;
}

/** A promise of the text that an indicator already in the table measures: set apart, not proposed again. */
export interface MeasuredPromise {
    source: ProposalSource;
    /** the 三级 name of the written indicator that measures it */
    indicator: string;
    /** that indicator's value as written (≥96场次) */
    value: string;
}

/** What `draftIndicators` returns; valid against schemas/draft.schema.json. */
export interface DraftResult {
    drafter: DrafterKind;
    model: string | null;
    target: DraftTargetInfo;
    proposals: CheckedProposal[];
    /** the rule drafter's promises that the table already measures; absent when the drafter did not compare */
    measured?: MeasuredPromise[];
}

/** Adds a reason for confirmation, keeping the ones already given (「；」 between them, each once). */
/** How a reason begins when the table has an indicator of the proposal's name (the picker starts such a one unchosen). */
export const IN_TABLE_REASON = '表中已有指标';
/** Whether the reasons of a proposal say the table has an indicator of its name already. */
export const repeatsTableName = (p: Proposal): boolean => p.reason?.split('；').some(r => r.startsWith(IN_TABLE_REASON)) ?? false;

export function withConfirmation<T extends Proposal>(proposal: T, reason: string): T {
    const reasons = proposal.reason ? proposal.reason.split('；') : [];
    if (!reasons.includes(reason)) reasons.push(reason);
    return { ...proposal, needsConfirmation: true, reason: reasons.join('；') };
}
