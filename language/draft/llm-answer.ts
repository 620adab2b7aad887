// An LLM answer that passed the schema is still only a claim: its quote must be found in the text (its span is
// computed here, never taken from the model), its cell text must say what its structured fields say, and a skeleton
// must carry the placeholder instead of a number. The number itself is checked against the text in check.ts, for
// every drafter alike.
import { categoryByCode, level2ByName } from '../domain/taxonomy.js';
import { parseValue } from '../domain/values.js';
import { cellText, locateQuote } from './cells.js';
import { oneLine } from '../domain/one-line.js';
import { withConfirmation, type Proposal } from './proposal.js';
import { PLACEHOLDER_REASON } from './skeletons.js';
import type { DraftTarget } from './targets.js';

/** Answers longer than this are cut: no task states more promises, and a runaway answer must not flood the preview. */
export const MAX_PROPOSALS = 100;


/**
 * The message's text. Some endpoints send a list of parts ({ type: 'text', text }) instead of a string; anything else
 * (a number, an object) is no answer.
 */
export function contentText(content: unknown): string | null {
    if (typeof content === 'string') return content;
    if (!Array.isArray(content)) return null;
    const parts = content.map(part => typeof part === 'string' ? part : typeof part?.text === 'string' ? part.text as string : '');
    return parts.join('') || null;
}

/** The message's `refusal`, whatever type a server put there; null when there is none. */
export function refusalText(refusal: unknown): string | null {
    if (refusal === null || refusal === undefined || refusal === '' || refusal === false) return null;
    return typeof refusal === 'string' ? refusal : JSON.stringify(refusal).slice(0, 1000);
}

// Endpoints without a `refusal` field say no in the content, in prose: how such an answer begins.
const REFUSAL = /^(?:I['’]?m sorry|I am sorry|sorry\b|I can(?:no|['’])?t\b|I(?:['’]m| am) (?:unable|not able)|I won['’]t|As an AI|(?:很|非常)?抱歉|对不起|我(?:无法|不能|没法|不可以)|无法(?:协助|帮助|提供|完成|处理|回答|满足))/i;

/**
 * The content when it is a refusal in prose rather than an answer. JSON, even broken or after an apology
 * (「Sorry, here is the JSON: {"proposals" …」), is an answer to ask for again.
 */
export function refusalIn(content: string): string | undefined {
    const text = content.trim();
    if (/^(?:[{[]|```)/.test(text) || text.includes('"proposals"')) return undefined;
    return REFUSAL.test(text) ? text : undefined;
}

/**
 * The JSON of an answer. Some endpoints wrap it despite the schema: in a ```json fence, or in sentences
 * (「好的，以下是结果：」): the fenced block, else the text from the first 「{」 to the last 「}」, is the answer.
 */
export function parseAnswerText(content: string): unknown {
    const fenced = /```(?:json)?\s*([\s\S]*?)\s*```/.exec(content);
    if (fenced) return JSON.parse(fenced[1]!);
    try {
        return JSON.parse(content);
    } catch (error) {
        const [start, end] = [content.indexOf('{'), content.lastIndexOf('}')];
        if (start <= 0 || end < start) throw error;
        try {
            return JSON.parse(content.slice(start, end + 1));
        } catch {
            throw error;
        }
    }
}

export function normalizeAnswer(target: DraftTarget, proposals: readonly Proposal[]): Proposal[] {
    // A model that repeats itself (one promise ten times) would fill the preview with copies of one indicator.
    const seen = new Set<string>();
    return proposals.slice(0, MAX_PROPOSALS).map(p => normalizeProposal(target, p)).filter(p => {
        const key = JSON.stringify([oneLine(p.name), p.level2, p.period, p.annual]);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

function normalizeProposal(target: DraftTarget, raw: Proposal): Proposal {
    // The name, like every drafter's, is fitted in check.ts (fit.ts); the unit goes into the cells made here.
    let p: Proposal = { ...raw, unit: raw.unit === null ? null : oneLine(raw.unit) || null, per: raw.per === null ? null : oneLine(raw.per) || null };
    p = underItsLevel1(p);
    if (p.placeholder || (p.number === null && p.date === null)) {
        const fields = { ...p, number: null, date: null };
        p = { ...fields, placeholder: true, period: cellText(fields), annual: cellText(fields), source: { field: null, quote: '', start: null, end: null } };
        return withConfirmation(p, PLACEHOLDER_REASON);
    }
    const written = oneLine(p.annual);
    p = { ...p, ...cells(p), source: located(target, p) };
    if (p.source.start === null) p = withConfirmation(p, `原文中找不到引文「${p.source.quote.slice(0, 40)}」`);
    if (saysOtherwise(written, p.annual)) p = withConfirmation(p, `模型写的年度指标值「${written.slice(0, 40)}」与它给出的数字不同：已按数字填为「${p.annual}」，请核对`);
    return p;
}

/**
 * A 二级 under a 一级 that does not hold it (数量指标 under 满意度指标): the 二级 says what is measured, so the 一级 is
 * taken from it, and the user is asked to confirm — the model may have meant another 二级.
 */
function underItsLevel1(p: Proposal): Proposal {
    const parent = level2ByName(p.level2)?.parent;
    const owner = parent === undefined ? undefined : categoryByCode(parent)?.name as Proposal['level1'] | undefined;
    if (!owner || owner === p.level1) return p;
    return withConfirmation({ ...p, level1: owner }, `模型把二级指标「${p.level2}」放在一级指标「${p.level1}」下：已按二级指标改放在「${owner}」下，请核对`);
}

/** The model's own 年度 text reads as another target than the cell made of its fields (≥5场次 beside number 96). */
function saysOtherwise(written: string, annual: string): boolean {
    const own = parseValue(written);
    if (!['quantity', 'date', 'range'].includes(own.kind)) return false;
    const { original: _w, ...a } = own;
    const { original: _c, ...b } = parseValue(annual);
    return JSON.stringify(a) !== JSON.stringify(b);
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
