// What a drafter drafts for: one 年度重点工作任务 of a 部门整体 declaration (its 主要实施内容 and 期望目标) or one project
// of a 项目支出 declaration (its 绩效目标), read from the canonical model, with what the checks and skeletons need.
import type { Declaration, DeclarationFile, IndicatorList } from '../compile/model.js';
import type { DraftTargetInfo, SourceField } from './proposal.js';

export interface DraftText {
    field: SourceField;
    text: string;
}

export interface DraftTarget extends DraftTargetInfo {
    /** The texts in the order they are read: the goal first, so a promise the content repeats is drafted once. */
    texts: DraftText[];
    /** Amounts in 万元 that are the budget itself (拟投入资金, a project's 资金): a text restating them promises nothing. */
    budgets: number[];
    /** The indicators already written where the proposals would go: the declaration's (部门整体) or the project's. */
    existing: IndicatorList[];
    /** Where the target stands in the model, so that the proposals can be placed there for checking. */
    declaration: Declaration;
    taskIndex?: number;
    unitIndex?: number;
    projectIndex?: number;
    /** a project's 单位 (资金使用单位): two projects of one name in different 单位 are told apart by it */
    spendingUnit?: string;
}

const present = (text: string | null): text is string => text !== null && text.trim() !== '';

/** Every task and every non-secret project of a file, in file order. */
export function draftTargetsOf(model: DeclarationFile): DraftTarget[] {
    const targets: DraftTarget[] = [];
    for (const declaration of model.declarations) {
        const base = { unit: declaration.unit, year: declaration.year, declaration };
        if (declaration.kind === 'department') {
            declaration.tasks.forEach((task, taskIndex) => {
                const texts: DraftText[] = [];
                if (present(task.expectedGoal)) texts.push({ field: '期望目标', text: task.expectedGoal });
                if (present(task.content)) texts.push({ field: '主要实施内容', text: task.content });
                targets.push({
                    ...base, kind: 'task', name: task.name, texts, taskIndex,
                    budgets: task.amount === null ? [] : [task.amount],
                    existing: declaration.indicators
                });
            });
        } else {
            declaration.spendingUnits.forEach((unit, unitIndex) => unit.projects.forEach((project, projectIndex) => {
                // 保密项目 are exempt from every rule (RULES §1B): nothing to draft.
                if (project.secret) return;
                const funds = project.funds ?? {};
                const budgets = [funds.total, funds.fiscalAppropriation, funds.specialAccount, funds.otherFunds]
                    .filter((v): v is number => typeof v === 'number' && v > 0);
                targets.push({
                    ...base, kind: 'project', name: project.name, unitIndex, projectIndex, spendingUnit: unit.name,
                    texts: present(project.goal) ? [{ field: '绩效目标', text: project.goal }] : [],
                    budgets, existing: project.indicators
                });
            }));
        }
    }
    return targets;
}

const normalizeName = (name: string) => name.replace(/\s+/g, '');

/** The names of the 保密 projects of a file: they are not drafted, and a request for one should say why. */
export function secretProjectNames(model: DeclarationFile): string[] {
    return model.declarations.flatMap(d => d.kind === 'department' ? []
        : d.spendingUnits.flatMap(unit => unit.projects.filter(p => p.secret).map(p => p.name)));
}

/** Why there is no target named `name`: a 保密 project is not drafted; otherwise there is none of that name. */
export function missingTargetMessage(name: string, secretNames: readonly string[]): string {
    const wanted = normalizeName(name);
    return secretNames.some(n => normalizeName(n) === wanted)
        ? `项目「${name}」是保密项目，不草拟指标（保密项目不适用绩效指标规则）。`
        : `没有名为「${name}」的任务或项目。`;
}

/** The target named `name` (a task's or a project's name; whitespace ignored), the first of that name. */
export function findTarget(targets: readonly DraftTarget[], name: string): DraftTarget | undefined {
    return findTargets(targets, { name })[0];
}

export interface TargetQuery {
    name: string;
    /** only tasks or only projects; either when absent */
    kind?: DraftTarget['kind'];
    /** a project's 单位 */
    spendingUnit?: string;
}

/** Every target the query names (whitespace ignored), in file order. */
export function findTargets(targets: readonly DraftTarget[], query: TargetQuery): DraftTarget[] {
    const wanted = normalizeName(query.name);
    const unit = query.spendingUnit === undefined ? undefined : normalizeName(query.spendingUnit);
    return targets.filter(t => normalizeName(t.name) === wanted && (query.kind === undefined || t.kind === query.kind)
        && (unit === undefined || (t.spendingUnit !== undefined && normalizeName(t.spendingUnit) === unit)));
}

/** 任务「…」（部门「…」）/ 项目「…」（单位「…」）: what tells targets of one name apart. */
export function candidateLabel(target: DraftTarget): string {
    return target.kind === 'task'
        ? `${targetLabel(target)}（部门整体「${target.unit}」）`
        : `${targetLabel(target)}（单位「${target.spendingUnit ?? target.unit}」）`;
}

export function targetInfo(target: DraftTarget): DraftTargetInfo {
    return { kind: target.kind, name: target.name, unit: target.unit, year: target.year };
}

/** 任务「…」 / 项目「…」 */
export function targetLabel(target: DraftTargetInfo): string {
    return `${target.kind === 'task' ? '任务' : '项目'}「${target.name}」`;
}
