// Quick-fixes for the measurability checks: rewrite a vague or purely descriptive value into a measurable one that
// fits its 二级 (RULES §4). The number to supply is a snippet tab stop; the fallback holds 〔待填〕.
import { GrammarUtils, type LangiumDocument } from 'langium';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { Document } from '../../generated/ast.js';
import { MeasurabilityCode } from '../../validation/measurability.js';
import { level2Rewrites, templateOf, vagueRewrites, type Rewrite } from '../../validation/measurability-rewrites.js';
import { countUnitIn } from '../../validation/values.js';
import { yearOf } from '../../validation/values-context.js';
import type { FixRegistry, QuickFix } from '../quick-fix.js';
import { rangeOf } from './text-layout.js';
import { costRewriteFixes, indicatorAt, rewriteFixes } from './values.js';

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
    const fixes = rewriteFixes(diagnostic, vagueRewrites(entries, l2, year, unit, 4, name));
    const both = bothColumns(document, diagnostic);
    return both ? fixes.map(fix => ({ ...fix, edits: fix.edits.map(edit => ({ range: both, newText: `：${edit.newText}`, snippet: edit.snippet && `：${edit.snippet}` })) })) : fixes;
}

/**
 * `"名称" 实施周期："提升" 年度："提升"`: a rewrite of one column would leave the same vague value in the other, to be
 * fixed a second time. Where the two are written alike, the range from the name to the 年度 value's end: the rewrite
 * is written once for both (`"名称"：…`), as the printer writes equal values.
 */
function bothColumns(document: Doc, diagnostic: Diagnostic): Range | undefined {
    const indicator = indicatorAt(document, diagnostic);
    const [period, annual] = [indicator?.period?.$cstNode, indicator?.annual?.$cstNode];
    const name = indicator && GrammarUtils.findNodeForProperty(indicator.$cstNode, 'name');
    if (!period || !annual || !name || period.text !== annual.text) return undefined;
    const at = document.textDocument.offsetAt(diagnostic.range.start);
    if (at !== period.offset && at !== annual.offset) return undefined;
    return rangeOf(document, name.end, annual.end);
}

/** A grade on a named scale (RULES §3.3) or one of the 二级's measurable forms. */
function fixNoGradeOrMilestone(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const { l2, year, unit, name } = context(diagnostic, document);
    const graded: Rewrite = { pattern: '评价等级≥良好', parts: templateOf('评价等级≥良好', year) };
    const rewrites = level2Rewrites(l2, year, unit, name);
    if (!rewrites.some(r => r.pattern === graded.pattern)) rewrites.push(graded);
    return rewriteFixes(diagnostic, rewrites);
}

/** 成本控制率 ≤100% → a unit cost or a 分项成本控制数 (RULES §4), name and value together (values.ts costRewriteFixes). */
function fixWeakCostTarget(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const indicator = indicatorAt(document, diagnostic);
    const { l2, entries } = diagnostic.data as { l2?: string; entries?: string[] };
    return indicator && l2 ? costRewriteFixes(document, indicator, l2, entries ?? []) : [];
}

/** A bound every share meets → the same bound with the level to fill in, or the other direction (a level to reach). */
function fixAlwaysMet(diagnostic: Diagnostic): QuickFix[] {
    const written = (diagnostic.data as { op?: string }).op === '≥' ? '≥' : '≤';
    const ops = written === '≥' ? ['≥', '≤'] : ['≤', '≥'];
    return rewriteFixes(diagnostic, ops.map(op => ({ pattern: `${op}X%`, parts: templateOf(`${op}X%`, undefined) })));
}

export const measurabilityFixes: FixRegistry = {
    [MeasurabilityCode.vague]: fixVague,
    [MeasurabilityCode.noGradeOrMilestone]: fixNoGradeOrMilestone,
    [MeasurabilityCode.weakCostTarget]: fixWeakCostTarget,
    [MeasurabilityCode.alwaysMet]: fixAlwaysMet
};
