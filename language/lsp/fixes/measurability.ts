// Quick-fixes for the measurability checks: rewrite a vague or purely descriptive value into a measurable one that
// fits its 二级 (RULES §4). The number to supply is a snippet tab stop; the fallback holds 〔待填〕.
import { GrammarUtils, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Document } from '../../generated/ast.js';
import { MeasurabilityCode } from '../../validation/measurability.js';
import { level2Rewrites, templateOf, vagueRewrites, type Rewrite } from '../../validation/measurability-rewrites.js';
import { countUnitIn } from '../../validation/values.js';
import { yearOf } from '../../validation/values-context.js';
import { rewritesFor, vagueEntries } from '../../domain/vague-words.js';
import { quote } from '../../value-converter.js';
import type { FixRegistry, QuickFix } from '../quick-fix.js';
import { indicatorAt, renderTemplate, rewriteFixes } from './values.js';
import { rangeOf } from './text-layout.js';

type Doc = LangiumDocument<Document>;

function context(diagnostic: Diagnostic, document: Doc): { l2: string | null; year?: number; unit?: string; name?: string } {
    const indicator = indicatorAt(document, diagnostic);
    const l2 = (diagnostic.data as { l2?: string | null }).l2 ?? null;
    return { l2, year: indicator ? yearOf(indicator) : undefined, unit: indicator ? countUnitIn(indicator.name) : undefined, name: indicator?.name };
}

/**
 * At least two measurable rewrites fitting the 二级: the vague word's own (RULES §4) that fit the name, then the
 * 二级's generic ones, then the vague word's other examples with the number left to fill in.
 */
function fixVague(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const entries = (diagnostic.data as { entries?: string[] }).entries ?? [];
    const { l2, year, unit, name } = context(diagnostic, document);
    return rewriteFixes(diagnostic, vagueRewrites(entries, l2, year, unit, 4, name));
}

/** A grade on a named scale (RULES §3.3) or one of the 二级's measurable forms. */
function fixNoGradeOrMilestone(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const { l2, year, unit } = context(diagnostic, document);
    const graded: Rewrite = { pattern: '评价等级≥良好', parts: templateOf('评价等级≥良好', year) };
    const rewrites = level2Rewrites(l2, year, unit);
    if (!rewrites.some(r => r.pattern === graded.pattern)) rewrites.push(graded);
    return rewriteFixes(diagnostic, rewrites);
}

// A RULES §4 rewrite that names what it measures (单场活动成本≤X万元/场) is a 三级 of its own; one that does not
// (≤X元/人次) is a unit cost.
const SUBJECT = /^([\u4e00-\u9fff]+)(?=[≥≤<>=])/;
const UNIT_COST_NAME = '单位成本';

/**
 * 成本控制率 ≤100% → a unit cost or a 分项成本控制数 (RULES §4), name and value together: a control rate with a sum of
 * money would be value/rate-without-percent. The number is left to fill in (〔待填〕, a tab stop in the snippet); the
 * row is written with one value for both columns.
 */
function fixWeakCostTarget(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const indicator = indicatorAt(document, diagnostic);
    const { l2, entries } = diagnostic.data as { l2?: string; entries?: string[] };
    const name = indicator && GrammarUtils.findNodeForProperty(indicator.$cstNode, 'name');
    const last = indicator && (indicator.annual ?? indicator.period ?? indicator.value);
    if (!indicator || !name || !last?.$cstNode || !l2) return [];
    const range = rangeOf(document, name.offset, last.$cstNode.end);
    const year = yearOf(indicator);
    const patterns = vagueEntries().filter(e => entries?.includes(e.id)).flatMap(e => rewritesFor(e, l2).flatMap(r => r.patterns));
    return patterns.map((pattern, i) => {
        const subject = SUBJECT.exec(pattern)?.[1];
        const newName = quote(subject ?? UNIT_COST_NAME);
        const { newText, snippet } = renderTemplate(templateOf(subject ? pattern.slice(subject.length) : pattern, year));
        const shown = newText.replace(/^"|"$/g, '');
        return {
            title: `改为${subject ? '分项成本控制数' : '单位成本'}「${newName}：${shown}」`,
            edits: [{ range, newText: `${newName}：${newText}`, snippet: snippet && `${newName}：${snippet}` }],
            isPreferred: i === 0
        };
    });
}

export const measurabilityFixes: FixRegistry = {
    [MeasurabilityCode.vague]: fixVague,
    [MeasurabilityCode.noGradeOrMilestone]: fixNoGradeOrMilestone,
    [MeasurabilityCode.weakCostTarget]: fixWeakCostTarget
};
