import { parseValue, SECRET_PLACEHOLDER } from '../domain/values.js';
import { level1ByName, level2ByName } from '../domain/taxonomy.js';
import type { IndicatorList, IndicatorValue, Project } from './model.js';

// 保密项目 in the official table (RULES §1B, §6.2 Q7). The table has no mark for them: its placeholder is what says
// 保密, to the reader and to the import. A 保密 project written without 绩效目标 or 绩效指标 gets the placeholder in
// the model, so that every output shows it as 保密 rather than as a project left blank.

/** SEED002's 绩效目标 of its 保密项目, without that unit's own words (「我会」, 「此段内容为空」). */
export const SECRET_GOAL = '该项目为保密项目，不适宜设置年度绩效目标，不适宜公开。';

/** `1、1-产出指标；11-数量指标；保密项目；实施周期指标值:保密项目；年度指标值:保密项目。` as the model holds it. */
function placeholderList(): IndicatorList {
    const value: IndicatorValue = { text: SECRET_PLACEHOLDER, form: 'text', parsed: parseValue(SECRET_PLACEHOLDER) };
    const level1 = '产出指标';
    const level2 = '数量指标';
    return {
        groups: [{
            name: level1, code: level1ByName(level1)?.code ?? null,
            blocks: [{ name: level2, code: level2ByName(level2)?.code ?? null, indicators: [{ name: SECRET_PLACEHOLDER, sameValue: true, period: value, annual: value }] }]
        }]
    };
}

const isEmpty = (list: IndicatorList) => list.groups.every(group => group.blocks.every(block => block.indicators.length === 0));

/** A 保密 project with its empty 绩效目标 and 绩效指标 filled with the placeholder; what is written is kept. */
export function withSecretPlaceholders(project: Project): Project {
    if (!project.secret) return project;
    const goal = project.goal === null || project.goal.trim() === '' ? SECRET_GOAL : project.goal;
    const indicators = project.indicators.every(isEmpty) ? [placeholderList()] : project.indicators;
    return { ...project, goal, indicators };
}
