// Every proposal, whoever drafted it, is brought within schemas/draft.schema.json before it is checked and shown, so
// that `--format json` and the .jxmb preview carry the same proposal and the JSON never breaks its own schema. What
// is changed to fit is marked 需确认, never changed silently. Lengths count code points, as JSON Schema's maxLength
// does (𠀀 is one character and two UTF-16 units; a cut never leaves half of it).
import schema from '../../schemas/draft.schema.json' with { type: 'json' };
import { oneLine } from '../domain/one-line.js';
import { cellText } from './cells.js';
import { withConfirmation, type Proposal } from './proposal.js';

const fields = schema.definitions.proposal.properties;
export const MAX_NAME = fields.name.maxLength;
export const MAX_REASON = fields.reason.maxLength;
export const MAX_CELL = fields.annual.maxLength;
const MAX_QUOTE = schema.definitions.source.properties.quote.maxLength;

/** Above this a number is no target anyone sets (the import refuses 15-digit amounts too); its cell would not fit. */
const MAX_NUMBER = 1e15;

export const NAME_CUT = `指标名称超过 ${MAX_NAME} 个字，已截短（以「…」结尾），请改写为简短的名称`;
export const NO_NAME = '没有给出指标名称';

export const charCount = (text: string): number => {
    let n = 0;
    for (const _ of text) n++;
    return n;
};

/** At most `max` characters; a cut one ends in 「…」 so that it shows. */
export function cutChars(text: string, max: number): string {
    if (charCount(text) <= max) return text;
    return Array.from(text).slice(0, max - 1).join('') + '…';
}

/** The proposal within the schema's limits, with a reason for every change a user would have to know about. */
export function fitProposal<P extends Proposal>(raw: P): P {
    // A model's or a client's fields may hold line breaks and control characters (an ESC the terminal would obey).
    const line = (text: string | null) => text === null ? null : oneLine(text) || null;
    const reason = line(raw.reason);
    let p: P = {
        ...raw, unit: line(raw.unit), per: line(raw.per), period: oneLine(raw.period), annual: oneLine(raw.annual),
        reason: reason && cutChars(reason, MAX_REASON)
    };
    const name = oneLine(p.name);
    if (!name) p = withConfirmation({ ...p, name: '未命名指标' }, NO_NAME);
    else if (charCount(name) > MAX_NAME) p = withConfirmation({ ...p, name: cutChars(name, MAX_NAME) }, NAME_CUT);
    else p = { ...p, name };
    if (p.number !== null && !(Math.abs(p.number) < MAX_NUMBER)) {
        const shown = String(p.number);
        p = { ...p, number: null };
        p = withConfirmation({ ...p, period: cellText(p), annual: cellText(p) }, `数值 ${shown} 过大，不是可用的目标值，请填写〔待填〕处`);
    }
    if (charCount(p.annual) > MAX_CELL) p = { ...p, annual: cellText(p) };
    if (charCount(p.period) > MAX_CELL) p = { ...p, period: p.annual };
    if (charCount(p.source.quote) > MAX_QUOTE) {
        const quote = Array.from(p.source.quote).slice(0, MAX_QUOTE).join('');
        p = { ...p, source: { ...p.source, quote, end: p.source.start === null ? p.source.end : p.source.start + quote.length } };
    }
    return p;
}
