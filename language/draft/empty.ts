// Why a draft proposes nothing, so that the message names the right cause: the table (it measures every promise of
// the text already), the model (the text states promises, the model proposed none of them) or the text (it states
// none). The rule drafter's promise finder tells whether the text states any.
import type { DraftResult } from './proposal.js';
import { draftRules } from './rules.js';
import type { DraftTarget } from './targets.js';

export type EmptyReason = 'measured' | 'model' | 'text';

/** For a result without proposals. */
export function emptyReason(target: DraftTarget, result: DraftResult): EmptyReason {
    if (result.measured?.length) return 'measured';
    if (result.drafter !== 'llm') return 'text';
    const rules = draftRules(target, { skeletons: false });
    if (rules.proposals.length > 0) return 'model';
    // The model left out only what the table measures already: rightly.
    return rules.measured.length > 0 ? 'measured' : 'text';
}
