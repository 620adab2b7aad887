// An LLM answer that passed the schema is still only a claim: its quote must be found in the text (its span is
// computed here, never taken from the model), its cell text must say what its structured fields say, and a skeleton
// must carry the placeholder instead of a number. The number itself is checked against the text in check.ts, for
// every drafter alike.
import { parseValue } from '../domain/values.js';
import { cellText, locateQuote } from './cells.js';
import { oneLine } from '../domain/one-line.js';
import { withConfirmation, type Proposal } from './proposal.js';
import type { DraftTarget } from './targets.js';

/** Answers longer than this are cut: no task states more promises, and a runaway answer must not flood the preview. */
export const MAX_PROPOSALS = 100;


/** The JSON of an answer; a ```json fence around it, which some endpoints add despite the schema, is dropped. */
export function parseAnswerText(content: string): unknown {
    const fenced = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/.exec(content);
    return JSON.parse(fenced ? fenced[1]! : content);
}

export function normalizeAnswer(target: DraftTarget, proposals: readonly Proposal[]): Proposal[] {
    return proposals.slice(0, MAX_PROPOSALS).map(p => normalizeProposal(target, p));
}

function normalizeProposal(target: DraftTarget, raw: Proposal): Proposal {
    let p: Proposal = { ...raw, name: oneLine(raw.name).slice(0, 80) || '未命名指标', unit: raw.unit === null ? null : oneLine(raw.unit) || null };
    if (!oneLine(raw.name)) p = withConfirmation(p, '模型没有给出指标名称');
    if (p.placeholder || (p.number === null && p.date === null)) {
        const fields = { ...p, number: null, date: null };
        p = { ...fields, placeholder: true, period: cellText(fields), annual: cellText(fields), source: { field: null, quote: '', start: null, end: null } };
        return withConfirmation(p, '占位骨架：原文没有给出目标值，请填写〔待填〕处后再采用');
    }
    p = { ...p, ...cells(p), source: located(target, p) };
    if (p.source.start === null) p = withConfirmation(p, `原文中找不到引文「${p.source.quote.slice(0, 40)}」`);
    return p;
}

/** annual = the structured fields; period as the model wrote it only where it differs and reads as a value. */
function cells(p: Proposal): Pick<Proposal, 'period' | 'annual'> {
    const annual = cellText(p);
    const period = oneLine(p.period);
    const readable = ['quantity', 'date', 'range'].includes(parseValue(period).kind);
    return { annual, period: period !== oneLine(p.annual) && readable ? period : annual };
}

/** The quote's span in the field the model named, else in any of the target's texts. */
function located(target: DraftTarget, p: Proposal): Proposal['source'] {
    const quote = oneLine(p.source.quote);
    const texts = [...target.texts].sort((a, b) => Number(b.field === p.source.field) - Number(a.field === p.source.field));
    for (const t of texts) {
        const span = locateQuote(t.text, quote);
        if (span) return { field: t.field, quote: t.text.slice(span[0], span[1]), start: span[0], end: span[1] };
    }
    return { field: p.source.field, quote, start: null, end: null };
}
