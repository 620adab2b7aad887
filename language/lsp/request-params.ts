import type { Position, Range } from 'vscode-languageserver-types';
import type { Proposal } from '../draft/proposal.js';

// Shapes of request parameters the handlers read into: a client that sends something else (null, a string, an older
// extension's fields) is answered as malformed at the entry, instead of failing deep inside with an internal message.

export const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object';
const isCount = (value: unknown) => typeof value === 'number' && Number.isFinite(value);

export function isPosition(value: unknown): value is Position {
    return isObject(value) && isCount(value.line) && isCount(value.character);
}

export function isRange(value: unknown): value is Range {
    return isObject(value) && isPosition(value.start) && isPosition(value.end);
}

const nullableString = (value: unknown) => value === null || typeof value === 'string';

/**
 * A proposal with the fields fitProposal and the placement read, of their types (their values are brought within
 * the schema there): what jxmb/draft answered, or the client's LLM answer.
 */
export function isProposalShaped(value: unknown): value is Proposal {
    if (!isObject(value) || !isObject(value.source)) return false;
    const { source } = value;
    return ['name', 'level1', 'level2', 'operator', 'period', 'annual'].every(key => typeof value[key] === 'string')
        && ['unit', 'per', 'date', 'reason'].every(key => nullableString(value[key]))
        && (value.number === null || typeof value.number === 'number')
        && typeof source.quote === 'string' && nullableString(source.field)
        && (source.start === null || isCount(source.start)) && (source.end === null || isCount(source.end));
}
