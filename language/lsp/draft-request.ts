import { EmptyFileSystem, GrammarUtils, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { CancellationToken, Connection } from 'vscode-languageserver';
import type { Range } from 'vscode-languageserver-types';
import { documentToModel } from '../compile/from-ast.js';
import { draftForTarget } from '../draft/api.js';
import { checkProposals } from '../draft/check.js';
import { emptyReason } from '../draft/empty.js';
import { DraftError } from '../draft/errors.js';
import { fitProposal } from '../draft/fit.js';
import { completeLlmAnswer } from '../draft/left-out.js';
import type { DraftResult } from '../draft/proposal.js';
import { draftTargetsOf, targetInfo, type DraftTarget, type DraftText } from '../draft/targets.js';
import type { Document, Project, Task } from '../generated/ast.js';
import { createJxmbServices, type JxmbServices } from '../jxmb-module.js';
import { abortSignalOf, firstSyntaxError, malformed, notOpenMessage, onEditorRequest, validatedDocument } from './document-request.js';
import { draftEdits, draftTargetNodes } from './draft-edit-request.js';
import {
    DraftEditRequest, DraftRequest, DraftTargetRequest, DraftTargetsRequest,
    type DraftEditParams, type DraftEditResponse, type DraftParams, type DraftResponse, type DraftTargetParams,
    type DraftTargetResponse, type DraftTargetsParams, type DraftTargetsResponse, type RequestFailure
} from './protocol-request.js';
import { isPosition, isProposalShaped, isRange } from './request-params.js';

// 起草绩效指标 in the editor: which task or project (the one at the cursor, or the user picks), its text (all of it,
// or the selected words), the proposals (the rule drafter here; the LLM's answer is drafted in the client, where the
// API key stays, and checked here), and the edit that would place the accepted ones — never applied by the server.

/**
 * Checking proposals parses a small document of its own. Done with the server's services, the server would publish
 * that document's diagnostics to the editor; a private set of services publishes nothing.
 */
let scratch: JxmbServices | undefined;
const scratchServices = () => scratch ??= createJxmbServices(EmptyFileSystem).Jxmb;

type Doc = LangiumDocument<Document>;

const fail = (message: string): RequestFailure => ({ ok: false, message });

async function parsedDocument(shared: LangiumSharedServices, uri: string, token?: CancellationToken): Promise<Doc | RequestFailure> {
    const document = await validatedDocument(shared, uri, token);
    if (!document) return fail(notOpenMessage);
    const syntax = firstSyntaxError(document);
    return syntax ? fail(`无法起草，请先改正：${syntax}`) : document;
}

/** The index of the task or project whose text spans `offset`, or null. */
export function targetIndexAt(root: Document, offset: number): number | null {
    const index = draftTargetNodes(root).findIndex(node => node.$cstNode && node.$cstNode.offset <= offset && offset <= node.$cstNode.end);
    return index < 0 ? null : index;
}

const FIELD_OF: Record<string, DraftText['field']> = { TaskContent: '主要实施内容', TaskGoal: '期望目标', ProjectGoal: '绩效目标' };

/**
 * The target's texts cut to what `selection` covers of them; all of them when it covers none (the cursor on the
 * task's name, a selection outside its text fields).
 */
export function selectedTexts(document: Doc, node: Task | Project, texts: DraftText[], selection: Range | undefined): DraftText[] {
    if (!selection) return texts;
    const from = document.textDocument.offsetAt(selection.start);
    const to = document.textDocument.offsetAt(selection.end);
    if (from >= to) return texts;
    const source = document.textDocument.getText();
    const cut: DraftText[] = [];
    for (const member of node.members) {
        const field = FIELD_OF[member.$type];
        const literal = field && member.$cstNode && GrammarUtils.findNodeForProperty(member.$cstNode, 'text');
        if (!field || !literal) continue;
        // Inside the quotes only.
        const start = Math.max(from, literal.offset + 1);
        const end = Math.min(to, literal.end - 1);
        if (start >= end) continue;
        const words = source.slice(start, end).replace(/\\(.)/g, '$1').trim();
        if (words) cut.push({ field, text: words });
    }
    if (cut.length === 0) return texts;
    // draftTargetsOf's order: the goal first.
    return texts.flatMap(t => cut.filter(c => c.field === t.field));
}

function targetOf(document: Doc, params: DraftTargetParams): DraftTarget | RequestFailure {
    if (badPlace(params.selection, isRange)) return malformed();
    const root = document.parseResult.value;
    const targets = draftTargetsOf(documentToModel(root));
    // (an index that is not a position in the list, such as "__proto__", finds nothing)
    const index = Number.isInteger(params.index) ? params.index : -1;
    const node = draftTargetNodes(root)[index];
    const target = targets[index];
    if (!target || !node || target.name !== node.name) return fail('文件已更改，找不到这个任务或项目：请重新运行「起草绩效指标」。');
    return { ...target, year: target.year ?? params.year ?? null, texts: selectedTexts(document, node, target.texts, params.selection) };
}

const malformedProposals = '起草请求不完整：指标提案应是一个列表，每项是一个完整的指标提案。';

/** A cursor or selection that is not a position or a range (an older extension, another client). */
const badPlace = (place: unknown, isPlace: (value: unknown) => boolean) => place !== undefined && place !== null && !isPlace(place);

/** Why the proposals sent cannot be read, if they cannot: `optional` for jxmb/draft, where none means the rules draft. */
function proposalsProblem(proposals: unknown, optional: boolean): RequestFailure | undefined {
    if (optional && proposals === undefined) return undefined;
    return Array.isArray(proposals) && proposals.every(isProposalShaped) ? undefined : fail(malformedProposals);
}

function draftFailure(error: unknown): RequestFailure {
    if (error instanceof DraftError) return fail(error.message);
    throw error;
}

/** The result, and why it proposes nothing when it does not: the message blames the table, the model or the text. */
function drafted(target: DraftTarget, result: DraftResult): DraftResponse {
    return result.proposals.length > 0 ? { ok: true, result } : { ok: true, result, empty: emptyReason(target, result) };
}

export function registerDraftRequests(connection: Connection, shared: LangiumSharedServices, services: JxmbServices): void {
    onEditorRequest(connection, DraftTargetsRequest, async (params: DraftTargetsParams, token): Promise<DraftTargetsResponse> => {
        if (badPlace(params.position, isPosition)) return malformed();
        const document = await parsedDocument(shared, params.uri, token);
        if (!('parseResult' in document)) return document;
        const root = document.parseResult.value;
        const targets = draftTargetsOf(documentToModel(root)).map(targetInfo);
        const offset = params.position && document.textDocument.offsetAt(params.position);
        return { ok: true, targets, atCursor: offset === undefined ? null : targetIndexAt(root, offset) };
    });

    onEditorRequest(connection, DraftTargetRequest, async (params: DraftTargetParams, token): Promise<DraftTargetResponse> => {
        const document = await parsedDocument(shared, params.uri, token);
        if (!('parseResult' in document)) return document;
        const target = targetOf(document, params);
        return 'ok' in target ? target : { ok: true, target };
    });

    onEditorRequest(connection, DraftRequest, async (params: DraftParams, token): Promise<DraftResponse> => {
        const problem = proposalsProblem(params.proposals, true);
        if (problem) return problem;
        const document = await parsedDocument(shared, params.uri, token);
        if (!('parseResult' in document)) return document;
        const target = targetOf(document, params);
        if ('ok' in target) return target;
        const costModel = (await services.jxmb.Settings.forDocument()).costModel;
        try {
            if (!params.proposals) {
                const result = await draftForTarget(target, { services: scratchServices(), costModel, signal: abortSignalOf(token) });
                return drafted(target, result);
            }
            // The model's answer, drafted in the client, completed here as jxmb draft --llm completes it: what the table
            // already measures set apart, the promises the model left out drafted by the rules.
            const { proposals, measured } = completeLlmAnswer(target, params.proposals.map(fitProposal), { costModel });
            const checked = await checkProposals(scratchServices(), target, proposals);
            const result: DraftResult = { drafter: 'llm', model: params.model ?? null, target: targetInfo(target), proposals: checked, measured };
            return drafted(target, result);
        } catch (error) {
            return draftFailure(error);
        }
    });

    onEditorRequest(connection, DraftEditRequest, async (params: DraftEditParams, token): Promise<DraftEditResponse> => {
        const problem = proposalsProblem(params.proposals, false);
        if (problem) return problem;
        const document = await parsedDocument(shared, params.uri, token);
        if (!('parseResult' in document)) return document;
        const target = targetOf(document, params);
        if ('ok' in target) return target;
        // The client sends back what jxmb/draft gave it; what it writes is brought within the schema all the same.
        const edits = draftEdits(scratchServices(), document, params.index, params.proposals.map(fitProposal), target.year);
        if (!edits) return fail('文件已更改，找不到这个任务或项目：请重新运行「起草绩效指标」。');
        return { ok: true, version: document.textDocument.version, edits };
    });
}
