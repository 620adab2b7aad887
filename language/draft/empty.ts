// Why a draft proposes nothing, so that the message names the right cause: the table (it measures every promise of
// the text already) or the text (it states none). A model's answer is completed by the rules (left-out.ts), so a model
// that proposed nothing leaves a list only when the rules find nothing either; their promise finder tells which.
import type { DraftResult } from './proposal.js';
import { draftRules } from './rules.js';
import type { DraftTarget } from './targets.js';

export type EmptyReason = 'measured' | 'text';

/** For a result without proposals. */
export function emptyReason(target: DraftTarget, result: DraftResult): EmptyReason {
    if (result.measured?.length) return 'measured';
    // The model left out only what the table measures already: rightly.
    return result.drafter === 'llm' && draftRules(target, { skeletons: false }).measured.length > 0 ? 'measured' : 'text';
}
