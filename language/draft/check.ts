// Every proposal passes the same validator as hand-written indicators before it is shown: the proposals are placed
// into the declaration (部门整体: the task with the declaration's indicators; 项目支出: the project with its own) as one
// more 绩效指标 block, the small document is printed as .jxmb and validated, and each diagnostic on a proposal's line is
// attached to that proposal. Diagnostics elsewhere (the rest of the table) are not the proposal's business.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { DeclarationFile, DepartmentDeclaration, ProjectExpenditureDeclaration } from '../compile/model.js';
import { MODEL_VERSION } from '../compile/model.js';
import { printModel } from '../compile/print-jxmb.js';
import { parseAndValidate } from '../documents.js';
import type { JxmbServices } from '../jxmb-module.js';
import { statesNumber, unknownUnitOf } from './cells.js';
import { parseValue } from '../domain/values.js';
import { cutChars, fitProposal, MAX_REASON } from './fit.js';
import { printedOrder, proposalList } from './group.js';
import { withConfirmation, type CheckedProposal, type Proposal, type ProposalDiagnostic } from './proposal.js';
import type { DraftTarget } from './targets.js';

/** The reason the issue asks for, word for word: the text does not state the proposal's number. */
export const NUMBER_NOT_IN_TEXT = '原文中没有这个数字';

/**
 * A 实施周期 value of its own (a model may write one beside the 年度 value) states numbers of its own: each must be
 * in the text too, as the proposal's number must (≥960场次 from a text that says 96场次 is invented).
 */
function periodStated(p: Proposal, text: string, year: number | null): boolean {
    if (p.period === p.annual) return true;
    const parsed = parseValue(p.period, { year: year ?? undefined });
    const fields = { ...p, date: null, per: null };
    if (parsed.kind === 'quantity') return statesNumber({ ...fields, number: parsed.value, unit: parsed.unit }, text, year);
    if (parsed.kind === 'range') return [parsed.min, parsed.max].every(n => statesNumber({ ...fields, number: n, unit: parsed.unit }, text, year));
    if (parsed.kind === 'date') return statesNumber({ ...fields, number: null, date: parsed.date }, text, year);
    return true;
}

/** A unit the unit table (language/domain/data/units.yaml) does not know: no check can compare or convert its number. */
export const unknownUnitReason = (unit: string) =>
    `计量单位「${unit}」不在 jxmb 的计量单位表中，数值无法核对：请确认单位，或改用常用单位（如 场次、人次、篇、个、%、万元）`;

/** The target's declaration reduced to the target, with the proposals as its last 绩效指标 block. */
export function placedModel(target: DraftTarget, proposals: readonly Proposal[]): DeclarationFile {
    const list = proposalList(proposals, target.year);
    const d = target.declaration;
    if (d.kind === 'department') {
        const task = d.tasks[target.taskIndex ?? 0];
        const declaration: DepartmentDeclaration = {
            ...d, basicInfo: null, budget: null, overallGoal: null, otherTasks: null, remark: null,
            tasks: task ? [task] : [], indicators: [...d.indicators, list]
        };
        return { version: MODEL_VERSION, declarations: [declaration] };
    }
    const unit = d.spendingUnits[target.unitIndex ?? 0]!;
    const project = unit.projects[target.projectIndex ?? 0]!;
    const declaration: ProjectExpenditureDeclaration = {
        ...d, total: null, remark: null,
        spendingUnits: [{ ...unit, funds: null, projects: [{ ...project, indicators: [...project.indicators, list] }] }]
    };
    return { version: MODEL_VERSION, declarations: [declaration] };
}

const SEVERITY: Record<number, ProposalDiagnostic['severity']> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

interface PrintedLine {
    /** 0-based line of the indicator */
    line: number;
    /** lines of the 一级 and 二级 headers it stands under: where the hierarchy checks report a misplaced block */
    headers: number[];
}

/** The indicators of the last 绩效指标 block (the proposals), in printed order. */
function proposalLines(text: string): PrintedLine[] {
    const lines = text.split('\n');
    let start = -1;
    lines.forEach((line, i) => { if (/^\s*绩效指标 \{$/.test(line)) start = i; });
    const found: PrintedLine[] = [];
    const headers: number[] = [];
    for (let i = start + 1; i < lines.length; i++) {
        const line = lines[i]!.trim();
        if (line.endsWith('{')) headers.push(i);
        else if (line === '}') {
            if (headers.length === 0) break;
            headers.pop();
        } else if (line !== '') found.push({ line: i, headers: [...headers] });
    }
    return found;
}

/**
 * A message that points at a line of the small checked document (hierarchy/duplicate-name: 「第 14 行已有」) would
 * mislead in the preview: it says instead whether the other one is in the table or among the proposals.
 */
function toProposalDiagnostic(d: Diagnostic, proposalLineSet: ReadonlySet<number>): ProposalDiagnostic {
    const text = typeof d.message === 'string' ? d.message : d.message.value;
    const message = text.replace(/（第 (\d+) 行已有）/g, (_, line: string) => proposalLineSet.has(Number(line) - 1) ? '（本次建议中已有）' : '（表中已有）');
    return { severity: SEVERITY[d.severity ?? 1] ?? 'error', code: d.code === undefined ? null : String(d.code), message };
}

/**
 * The proposals, brought within the schema (fit.ts), with their diagnostics, in the order given. Also marks for
 * confirmation what the checks find wrong (an error), a number the target's texts do not state and a unit jxmb does
 * not know.
 */
export async function checkProposals(services: JxmbServices, target: DraftTarget, drafted: readonly Proposal[]): Promise<CheckedProposal[]> {
    if (drafted.length === 0) return [];
    const proposals = drafted.map(fitProposal);
    const text = printModel(placedModel(target, proposals));
    const { diagnostics } = await parseAndValidate(services, text);
    const lines = proposalLines(text);
    const lineSet = new Set(lines.map(l => l.line));
    const order = printedOrder(proposals);
    const sourceText = target.texts.map(t => t.text).join('\n');
    return proposals.map(proposal => {
        const printed = lines[order.indexOf(proposal)];
        const own = diagnostics.filter(d => printed !== undefined
            && ((d.range.start.line <= printed.line && d.range.end.line >= printed.line) || printed.headers.includes(d.range.start.line)));
        let checked: CheckedProposal = { ...proposal, diagnostics: own.map(d => toProposalDiagnostic(d, lineSet)) };
        const error = own.find(d => d.severity === 1);
        if (error) checked = withConfirmation(checked, `未通过检查：${error.message}`);
        if (!proposal.placeholder && !statesNumber(proposal, sourceText, target.year)) checked = withConfirmation(checked, NUMBER_NOT_IN_TEXT);
        else if (!proposal.placeholder && !periodStated(proposal, sourceText, target.year)) {
            checked = withConfirmation(checked, `实施周期指标值「${proposal.period}」：${NUMBER_NOT_IN_TEXT}`);
        }
        const unit = unknownUnitOf(proposal);
        if (unit !== undefined) checked = withConfirmation(checked, unknownUnitReason(unit));
        return checked.reason === null ? checked : { ...checked, reason: cutChars(checked.reason, MAX_REASON) };
    });
}
