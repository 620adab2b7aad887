// A model's answer made whole: the promises of the text that the model left out (the rule drafter reads them, no
// proposal of the model quotes them, the table does not measure them) are added from the rule drafter and marked as
// such, so that none disappears without a word; then what the table measures is set apart and the skeletons are added
// where neither the model nor the text gives a 满意度 or 时效 target (in the 2021 model also a 成本 one). The CLI's
// drafter and the editor's both come here.
import type { CostModel } from '../domain/taxonomy.js';
import { setApartMeasured } from './measured.js';
import { withConfirmation, type MeasuredPromise, type Proposal } from './proposal.js';
import { draftRules } from './rules.js';
import { skeletonsFor } from './skeletons.js';
import type { DraftTarget } from './targets.js';

export const LEFT_OUT_REASON = '模型没有提出这一项：由规则从原文草拟，请核对';

export function completeLlmAnswer(target: DraftTarget, answer: readonly Proposal[], options: { costModel: CostModel; skeletons?: boolean }): { proposals: Proposal[]; measured: MeasuredPromise[] } {
    const { fresh, measured } = setApartMeasured(target, answer);
    const leftOut = draftRules(target, { costModel: options.costModel, skeletons: false }).proposals
        .filter(rule => !answer.some(p => quotesSame(target, p, rule)))
        .map(rule => withConfirmation(rule, LEFT_OUT_REASON));
    const all = [...fresh, ...leftOut];
    return { proposals: options.skeletons === false ? all : [...all, ...skeletonsFor(target, all, options.costModel)], measured };
}

/**
 * Whether the model's proposal stands for the rule's promise: its quote, where it was found, overlaps the words of the
 * promise in that field (主要实施内容 often repeats 期望目标, so the promise's words are looked for there too), or one
 * quote holds the other.
 */
function quotesSame(target: DraftTarget, model: Proposal, rule: Proposal): boolean {
    const [m, r] = [model.source.quote, rule.source.quote];
    if (m && r && (m.includes(r) || r.includes(m))) return true;
    const { field, start, end } = model.source;
    if (start === null || end === null) return false;
    const text = target.texts.find(t => t.field === field)?.text ?? '';
    for (let at = text.indexOf(r); r && at >= 0; at = text.indexOf(r, at + 1)) {
        if (at < end && start < at + r.length) return true;
    }
    return false;
}
