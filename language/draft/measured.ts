// What the table already measures. A promise of the text that an indicator already written measures (部门整体: the
// declaration's indicators, shared by all its tasks; 项目支出: the project's own) is not proposed again: the user would
// only get the same row twice under another wording. The matching is the checker's (text-consistency-match.ts), so
// that what the check calls measured, the drafter sets apart.
import type { Indicator, IndicatorList } from '../compile/model.js';
import type { TextPromise } from '../domain/promises.js';
import type { MeasuredPromise, Proposal } from './proposal.js';
import type { DraftTarget } from './targets.js';
import { indicatorValueMeasures, matchPromise, type Measure } from '../validation/text-consistency-match.js';

/** Every number the written indicators state, each with its indicator and value text. */
export interface TableRef {
    indicator: Indicator;
    value: string;
}

export function tableMeasures(lists: readonly IndicatorList[], year: number | null): Array<Measure<TableRef>> {
    const measures: Array<Measure<TableRef>> = [];
    for (const block of lists.flatMap(l => l.groups.flatMap(g => g.blocks))) {
        for (const indicator of block.indicators) {
            // Written once for both periods: one value, read once.
            const values = indicator.sameValue ? [indicator.period] : [indicator.period, indicator.annual];
            for (const value of values) {
                if (!value) continue;
                const ref = { indicator, value: value.text };
                measures.push(...indicatorValueMeasures(indicator.name, value.text, value.form === 'text', year ?? undefined, ref));
            }
        }
    }
    return measures;
}

/** The written indicator that measures `promise`, if one does. */
export function measuringIndicator(promise: TextPromise, measures: ReadonlyArray<Measure<TableRef>>): TableRef | undefined {
    const match = matchPromise(promise, measures);
    return match.kind === 'measured' ? match.measure.ref : undefined;
}

/**
 * The written indicator that measures what a proposal states (a model's proposal: its name and its value stand for
 * the promise, as a written indicator's do), if one does.
 */
export function measuringIndicatorOf(proposal: Proposal, measures: ReadonlyArray<Measure<TableRef>>, year: number | null): TableRef | undefined {
    if (proposal.placeholder || measures.length === 0) return undefined;
    const [stated] = indicatorValueMeasures(proposal.name, proposal.annual, false, year ?? undefined, null);
    return stated ? measuringIndicator({ ...stated.promise, subject: proposal.name }, measures) : undefined;
}

/**
 * A model's proposals split into those the table already measures (set apart, as the rule drafter sets its promises
 * apart: accepting them would add a duplicate) and the fresh ones. The CLI's drafter and the editor's both come here.
 */
export function setApartMeasured(target: DraftTarget, proposals: readonly Proposal[]): { fresh: Proposal[]; measured: MeasuredPromise[] } {
    const measures = tableMeasures(target.existing, target.year);
    const written = proposals.map(p => measuringIndicatorOf(p, measures, target.year));
    return {
        fresh: proposals.filter((_, i) => !written[i]),
        measured: proposals.flatMap((p, i) => written[i] ? [{ source: p.source, indicator: written[i]!.indicator.name, value: written[i]!.value }] : [])
    };
}
