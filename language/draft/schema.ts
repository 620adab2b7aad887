// schemas/draft.schema.json with AJV: the check every drafter's answer passes, and the stricter variant that the
// LLM is asked for (OpenAI structured outputs accept a subset of JSON Schema: every property required, no $ref to
// other files, no minLength/maxLength), derived from the same file so the two cannot drift apart.
import { Ajv, type ErrorObject } from 'ajv';
import schema from '../../schemas/draft.schema.json' with { type: 'json' };
import { once } from '../once.js';
import type { DraftResult, Proposal } from './proposal.js';

type JsonSchema = { [key: string]: unknown };

const compiler = once(() => new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }));
const validateResult = once(() => compiler().compile<DraftResult>(schema));

/** Keywords the structured-output subset does not take; they stay in the local check. */
const UNSUPPORTED = new Set(['minLength', 'maxLength', 'description', '$schema', '$id', 'title']);

/** Inlines #/definitions references and drops unsupported keywords. */
function forLlm(node: unknown): unknown {
    if (Array.isArray(node)) return node.map(forLlm);
    if (!node || typeof node !== 'object') return node;
    const object = node as JsonSchema;
    if (typeof object.$ref === 'string') {
        const name = object.$ref.replace('#/definitions/', '');
        return forLlm((schema.definitions as Record<string, unknown>)[name]);
    }
    const out: JsonSchema = {};
    for (const [key, value] of Object.entries(object)) {
        if (!UNSUPPORTED.has(key)) out[key] = forLlm(value);
    }
    return out;
}

function llmProposalSchema(): JsonSchema {
    const proposal = forLlm(schema.definitions.proposal) as JsonSchema;
    const properties = { ...(proposal.properties as JsonSchema) };
    // jxmb computes the diagnostics itself; the model must not claim any.
    delete properties.diagnostics;
    return { ...proposal, properties, required: Object.keys(properties) };
}

/** The schema sent as `response_format.json_schema.schema`: { proposals: Proposal[] }, nothing else. */
export const llmAnswerSchema: JsonSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['proposals'],
    properties: { proposals: { type: 'array', items: llmProposalSchema() } }
};

// The local check of an answer keeps the length limits the structured-output subset leaves out.
const answerProposal: JsonSchema = { ...schema.definitions.proposal, properties: { ...schema.definitions.proposal.properties } };
delete (answerProposal.properties as JsonSchema).diagnostics;
const validateAnswer = once(() => compiler().compile<{ proposals: Proposal[] }>({
    type: 'object',
    additionalProperties: false,
    required: ['proposals'],
    properties: { proposals: { type: 'array', items: { $ref: '#/definitions/answerProposal' } } },
    definitions: { ...schema.definitions, answerProposal }
}));

export interface SchemaProblem {
    /** JSON pointer into the answer: /proposals/2/unit */
    path: string;
    message: string;
}

function problems(errors: ErrorObject[] | null | undefined): SchemaProblem[] {
    return (errors ?? []).map(e => ({
        path: e.instancePath || '/',
        message: e.message ?? e.keyword + ('allowedValues' in e.params ? `: ${JSON.stringify(e.params.allowedValues)}` : '')
            + ('additionalProperty' in e.params ? `: ${String(e.params.additionalProperty)}` : '')
    }));
}

/** Problems of an LLM answer against the answer schema; empty when it is valid. */
export function checkAnswer(answer: unknown): SchemaProblem[] {
    const validate = validateAnswer();
    return validate(answer) ? [] : problems(validate.errors);
}

/** Problems of a drafter's full result (drafter, target, proposals with diagnostics); empty when it is valid. */
export function checkDraftResult(result: unknown): SchemaProblem[] {
    const validate = validateResult();
    return validate(result) ? [] : problems(validate.errors);
}
