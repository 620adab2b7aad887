// schemas/draft.schema.json with AJV: the check every drafter's answer passes, and the stricter variant that the
// LLM is asked for (OpenAI structured outputs accept a subset of JSON Schema: every property required, no $ref to
// other files, no minLength/maxLength), derived from the same file so the two cannot drift apart.
import { Ajv, type ErrorObject } from 'ajv';
import schema from '../../schemas/draft.schema.json' with { type: 'json' };
import { oneLine } from '../domain/one-line.js';
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
// A name over 80 characters is cut and marked 需确认 (fit.ts), as any drafter's: an answer is not refused for it.
(answerProposal.properties as Record<string, JsonSchema>).name = { type: 'string', minLength: 1 };
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

/**
 * AJV's finding in Chinese: it reaches the user in the final message (and the model in the retry). A property name is
 * the model's own text: on one line and short.
 */
function chinese(e: ErrorObject): string {
    const p = e.params as Record<string, unknown>;
    switch (e.keyword) {
        case 'maxLength': return `超过 ${String(p.limit)} 个字`;
        case 'minLength': return '不能为空';
        case 'required': return `缺少字段 ${String(p.missingProperty)}`;
        case 'additionalProperties': return `多余的字段「${oneLine(String(p.additionalProperty), 40)}」`;
        case 'enum': return `应为其中之一：${(p.allowedValues as unknown[]).map(v => String(v)).join('、')}`;
        case 'type': return `类型应为 ${String(p.type)}`;
        case 'pattern': return `格式不符（${String(p.pattern)}）`;
        case 'minimum': return `不能小于 ${String(p.limit)}`;
        default: return oneLine(e.message ?? e.keyword, 80);
    }
}

function problems(errors: ErrorObject[] | null | undefined): SchemaProblem[] {
    return (errors ?? []).map(e => ({ path: oneLine(e.instancePath, 80) || '/', message: chinese(e) }));
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
