// Does a 项目支出 project serve people (RULES §3.5 C3)? The one rule behind hierarchy/missing-satisfaction and the
// drafter's 满意度 skeleton (draft/skeletons.ts), so that the drafter proposes 满意度 exactly where the check asks for it.
// A 部门整体 declaration always serves people; the callers say so themselves.
import type { ParsedValue } from '../domain/values.js';
import { AUDIENCE_GOAL_WORDS, AUDIENCE_NAME_WORDS, PERSON_UNITS, STAFF_WORDS } from './hierarchy-vocabulary.js';

/**
 * Why the project serves people, in words, or undefined when nothing says it does: its 绩效目标 names the people
 * served, an indicator names an audience, or an output is counted in people (not the unit's own staff). Internal
 * support (购置, 档案, 大院维修, 机关后勤) gives none. Generic over the indicator, read as the AST or the model holds it.
 */
export function audienceEvidence<I>(goals: readonly string[], indicators: readonly I[], nameOf: (indicator: I) => string,
    valuesOf: (indicator: I) => readonly ParsedValue[]): string | undefined {
    for (const goal of goals) {
        const word = AUDIENCE_GOAL_WORDS.find(w => goal.includes(w));
        if (word) return `绩效目标面向「${word}」`;
    }
    for (const indicator of indicators) {
        const name = nameOf(indicator);
        const word = AUDIENCE_NAME_WORDS.find(w => name.includes(w));
        if (word) return `指标「${name}」面向服务对象`;
    }
    for (const indicator of indicators) {
        const name = nameOf(indicator);
        if (STAFF_WORDS.some(w => name.includes(w))) continue;
        if (valuesOf(indicator).some(v => unitsOf(v).some(u => PERSON_UNITS.includes(u)))) return `产出「${name}」以人数计`;
    }
    return undefined;
}

function unitsOf(parsed: ParsedValue): string[] {
    if (parsed.kind === 'quantity') return parsed.unit ? [parsed.unit] : [];
    if (parsed.kind === 'compound') return parsed.parts.flatMap(p => p.unit ? [p.unit] : []);
    return [];
}
