import { printIndicator } from '../language/compile/print-jxmb.js';
import { oneLine as toOneLine } from '../language/domain/one-line.js';
import { indicatorOf } from '../language/draft/cells.js';
import type { EmptyReason } from '../language/draft/empty.js';
import { printedOrder } from '../language/draft/group.js';
import { repeatsTableName, type CheckedProposal, type DraftResult, type DraftTargetInfo } from '../language/draft/proposal.js';
import type { Translate } from './translate.js';

// The proposals of a draft as the choices the user accepts or leaves out, before the edit is previewed.

export interface ProposalPick {
    label: string;
    description: string;
    detail: string;
    picked: boolean;
    proposal: CheckedProposal;
}

const oneLine = (text: string, max = 80) => toOneLine(text, max);

export function targetTitle(target: DraftTargetInfo, t: Translate): string {
    return target.kind === 'task' ? t('Task “{0}”', target.name) : t('Project “{0}”', target.name);
}

/** A proposal whose name the table already has (the check says 「表中已有」): adding it would duplicate a row. */
// Renamed by the drafter, or the same name from a model: either way two indicators for what the table has.
const repeatsTable = (p: CheckedProposal) => repeatsTableName(p) || p.diagnostics.some(d => d.code === 'hierarchy/duplicate-name' && d.message.includes('表中已有'));

/** In the order they would be written (一级 → 二级 → the drafter's order); chosen to begin with unless a repeat. */
export function proposalPicks(result: DraftResult, t: Translate): ProposalPick[] {
    return printedOrder(result.proposals).map(p => {
        const notes: string[] = [];
        if (p.source.field) notes.push(`${p.source.field}「${oneLine(p.source.quote, 60)}」`);
        if (p.placeholder) notes.push(t('Skeleton: fill in the value'));
        else if (p.needsConfirmation && p.reason) notes.push(t('Needs confirmation: {0}', oneLine(p.reason)));
        for (const d of p.diagnostics) {
            if (d.severity !== 'error' && d.severity !== 'warning') continue;
            if (p.placeholder && d.code === 'value/placeholder') continue;
            notes.push(`${d.severity === 'error' ? t('Error') : t('Warning')} ${d.code ?? ''}：${oneLine(d.message)}`);
        }
        return {
            label: printIndicator(indicatorOf(p, result.target.year)),
            description: `${p.level1} › ${p.level2}`,
            detail: notes.join(' · '),
            picked: !repeatsTable(p),
            proposal: p
        };
    });
}

export function draftSummary(result: DraftResult, t: Translate): string {
    const skeletons = result.proposals.filter(p => p.placeholder).length;
    const confirm = result.proposals.filter(p => p.needsConfirmation && !p.placeholder).length;
    const how = result.drafter === 'llm' ? t('model {0}', result.model ?? '') : t('rules');
    const summary = t('{0}: {1} proposals ({2}); {3} skeletons, {4} need confirmation. Choose the ones to preview.',
        targetTitle(result.target, t), result.proposals.length, how, skeletons, confirm);
    // Said, not counted: what the table measures already is no proposal.
    const measured = result.measured?.length ?? 0;
    return measured > 0 ? `${summary} ${t('{0} promises of the text are already measured by indicators of the table and are not proposed again.', measured)}` : summary;
}

/** What is said instead of a list when a draft proposes nothing, by why (the server's emptyReason). */
export function emptyDraftMessage(title: string, reason: EmptyReason, t: Translate): string {
    switch (reason) {
        case 'measured': return t('{0}: every quantified promise of the text is already measured by an indicator of the table; nothing new to propose.', title);
        case 'text': return t('{0}: the text states no quantified promise to draft from.', title);
    }
}
