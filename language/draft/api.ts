// The one entry point the CLI and the VS Code command call: a .jxmb text and the name of a task or project in, checked
// proposals out. Nothing is written anywhere: the caller shows the proposals and the user accepts some or all.
import { EmptyFileSystem } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { documentToModel } from '../compile/from-ast.js';
import { parseAndValidate } from '../documents.js';
import type { CostModel } from '../domain/taxonomy.js';
import type { Document } from '../generated/ast.js';
import { createJxmbServices, type JxmbServices } from '../jxmb-module.js';
import { isSyntaxError } from '../cli/diagnostics.js';
import { checkProposals } from './check.js';
import { oneLine } from '../domain/one-line.js';
import { DraftError, throwIfAborted } from './errors.js';
import { draftWithLlm, type LlmOptions } from './llm.js';
import type { DrafterKind, DraftResult, MeasuredPromise, Proposal } from './proposal.js';
import { draftRules } from './rules.js';
import { completeLlmAnswer } from './left-out.js';
import { draftTargetsOf, findTarget, missingTargetMessage, secretProjectNames, targetInfo, targetLabel, type DraftTarget } from './targets.js';

export interface DraftRequest {
    /** the .jxmb text (the editor's buffer or the file's content) */
    source: string;
    /** the task's or project's name */
    target: string;
    uri?: string;
}

export interface DraftProgress {
    stage: 'parse' | 'draft' | 'check' | 'done';
    message: string;
}

export interface DraftOptions {
    /** default 'rules' (offline) */
    drafter?: DrafterKind;
    signal?: AbortSignal;
    onProgress?: (progress: DraftProgress) => void;
    llm?: LlmOptions;
    /** the caller's language services (their settings apply); a fresh set otherwise */
    services?: JxmbServices;
    /** default: the services' setting */
    costModel?: CostModel;
    /** skeletons (满意度, 时效) where the target has none; default true */
    skeletons?: boolean;
}

let ownServices: JxmbServices | undefined;

function servicesOf(options: DraftOptions): JxmbServices {
    return options.services ?? (ownServices ??= createJxmbServices(EmptyFileSystem).Jxmb);
}

/** The tasks and projects of a text, and its syntax errors (drafting needs a text that parses). */
export async function readTargets(services: JxmbServices, source: string, uri?: string): Promise<{ targets: DraftTarget[]; syntaxErrors: Diagnostic[]; secretNames: string[] }> {
    const { document, diagnostics } = await parseAndValidate(services, source, uri);
    const syntaxErrors = diagnostics.filter(isSyntaxError);
    if (syntaxErrors.length > 0) return { targets: [], syntaxErrors, secretNames: [] };
    const model = documentToModel(document.parseResult.value as Document);
    return { targets: draftTargetsOf(model), syntaxErrors: [], secretNames: secretProjectNames(model) };
}

/** 「科普综合工作经费」、「科技创新综合工作经费」 */
export function targetNames(targets: readonly DraftTarget[]): string {
    return targets.map(t => `「${oneLine(t.name, 120)}」`).join('、');
}

export async function draftIndicators(request: DraftRequest, options: DraftOptions = {}): Promise<DraftResult> {
    const services = servicesOf(options);
    options.onProgress?.({ stage: 'parse', message: '正在读取文件…' });
    const { targets, syntaxErrors, secretNames } = await readTargets(services, request.source, request.uri);
    if (syntaxErrors.length > 0) {
        const first = syntaxErrors[0]!;
        throw new DraftError('syntax', `文件有语法错误（第 ${first.range.start.line + 1} 行：${first.message}），请先改正再草拟。`);
    }
    const target = findTarget(targets, request.target);
    if (!target) {
        const names = targets.map(t => t.name);
        const known = names.length ? `文件中的任务/项目有：${targetNames(targets)}。` : '文件中没有任务或项目。';
        throw new DraftError('unknown-target', `${missingTargetMessage(request.target, secretNames)}${known}`, undefined, names);
    }
    return draftForTarget(target, options);
}

/** Drafts for a target already read (the evaluation, a caller with a model at hand). */
export async function draftForTarget(target: DraftTarget, options: DraftOptions = {}): Promise<DraftResult> {
    const services = servicesOf(options);
    const costModel = options.costModel ?? (await services.jxmb.Settings.forDocument()).costModel;
    throwIfAborted(options.signal);
    const label = targetLabel(target);
    let proposals: Proposal[];
    let measured: MeasuredPromise[] | undefined;
    let model: string | null = null;
    if ((options.drafter ?? 'rules') === 'llm') {
        const answer = await draftWithLlm(target, { ...options.llm, costModel: options.llm?.costModel ?? costModel }, {
            signal: options.signal,
            onProgress: message => options.onProgress?.({ stage: 'draft', message })
        });
        model = answer.model;
        ({ proposals, measured } = completeLlmAnswer(target, answer.proposals, { costModel, skeletons: options.skeletons }));
    } else {
        options.onProgress?.({ stage: 'draft', message: `正在按规则草拟${label}的指标…` });
        ({ proposals, measured } = draftRules(target, { costModel, skeletons: options.skeletons }));
    }
    throwIfAborted(options.signal);
    options.onProgress?.({ stage: 'check', message: `正在检查 ${proposals.length} 条建议…` });
    const checked = await checkProposals(services, target, proposals);
    throwIfAborted(options.signal);
    options.onProgress?.({ stage: 'done', message: `${label}：${checked.length} 条建议。` });
    const result: DraftResult = { drafter: options.drafter ?? 'rules', model, target: targetInfo(target), proposals: checked };
    return measured ? { ...result, measured } : result;
}
