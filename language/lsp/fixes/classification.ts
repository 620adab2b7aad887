// Quick-fixes for the classification checks (language/validation/classification.ts): move a misfiled 三级 to its
// 二级, split a compound 三级 into one per quantity.
import type { LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isIndicator, type Document, type Indicator, type Value } from '../../generated/ast.js';
import { valueOf } from '../../compile/from-ast.js';
import { quote } from '../../value-converter.js';
import { ClassificationCode, nameMeasures, type ClassificationData } from '../../validation/classification.js';
import { fallbackName, measuresOf, structuredValue, type Measure } from '../../validation/classification-split.js';
import { filedUnder, level1Label, level2Label } from '../../validation/hierarchy-units.js';
import { PLACEHOLDER } from '../../validation/values-context.js';
import type { FixEdit, FixRegistry, QuickFix } from '../quick-fix.js';
import { moveIndicatorsEdits } from './placement.js';
import { indentAt, nodeAt, rangeOf } from './text-layout.js';

type Doc = LangiumDocument<Document>;

/** A misfiled 三级 → move it under the 二级 its name belongs to (creating the 一级/二级 blocks). */
function fixMisfiled(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const indicator = nodeAt(document, diagnostic.range, isIndicator);
    const data = diagnostic.data as ClassificationData | undefined;
    if (!indicator || !data?.level1 || !data.level2) return [];
    const where = `「${level1Label(data.level1)} › ${level2Label(data.level2, indicator)}」`;
    return [{
        title: `将「${indicator.name}」移到${where}`,
        edits: moveIndicatorsEdits(document, [indicator], { level1: data.level1, level2: data.level2 }),
        isPreferred: true
    }];
}

// ─── split ───────────────────────────────────────────────────────────────────────────────────────────────────────

interface SplitPart {
    name: string;
    /** Values in the indicator's own layout: one shared value, or 实施周期 and/or 年度. */
    value?: string;
    period?: string;
    annual?: string;
}

function measuresIn(value: Value | undefined): Measure[] {
    if (!value) return [];
    const { text, parsed } = valueOf(value);
    return parsed.kind === 'compound' ? measuresOf(text) : [];
}

/** Names for the measures: the name's own parts when they match one to one, else each measure's clause. */
function namesFor(indicator: Indicator, measures: Measure[]): string[] {
    const fromName = nameMeasures(indicator.name);
    const names = fromName.length === measures.length ? fromName : measures.map(m => m.name);
    return unique(names.map((n, i) => n || fallbackName(indicator.name, measures[i]!.quantity)));
}

/** 「名称」, 「名称（2）」 …: a split must not create a duplicate-name warning of its own. */
function unique(names: string[]): string[] {
    const seen = new Map<string, number>();
    return names.map(name => {
        const count = (seen.get(name) ?? 0) + 1;
        seen.set(name, count);
        return count === 1 ? name : `${name}（${count}）`;
    });
}

function valueText(m: Measure, asFloor: boolean): string {
    return structuredValue(m.quantity, asFloor) ?? quote(m.written);
}

/** The new 三级 for a compound value, or undefined when 实施周期 and 年度 cannot be paired part by part. */
function splitByValue(indicator: Indicator): SplitPart[] | undefined {
    const asFloor = filedUnder(indicator) === '11';
    if (indicator.value) {
        const measures = measuresIn(indicator.value);
        if (measures.length < 2) return undefined;
        return namesFor(indicator, measures).map((name, i) => ({ name, value: valueText(measures[i]!, asFloor) }));
    }
    const period = measuresIn(indicator.period);
    const annual = measuresIn(indicator.annual);
    const lead = period.length >= 2 ? period : annual;
    if (lead.length < 2) return undefined;
    // Each side keeps its own cell: both split alike, or the side that is not written stays unwritten.
    if (indicator.period && indicator.annual && period.length !== annual.length) return undefined;
    return namesFor(indicator, lead).map((name, i) => ({
        name,
        period: indicator.period ? valueText(period[i]!, asFloor) : undefined,
        annual: indicator.annual ? valueText(annual[i]!, asFloor) : undefined
    }));
}

/** A name with two measures and a value for one: the first keeps the value, the others get the placeholder. */
function splitByName(indicator: Indicator): SplitPart[] | undefined {
    const names = nameMeasures(indicator.name);
    if (names.length < 2) return undefined;
    const source = (v: Value | undefined) => v?.$cstNode?.text;
    const pending = quote(PLACEHOLDER);
    return unique(names).map((name, i) => i === 0
        ? { name, value: source(indicator.value), period: source(indicator.period), annual: source(indicator.annual) }
        : {
            name,
            value: indicator.value && pending,
            period: indicator.period && pending,
            annual: indicator.annual && pending
        });
}

function printPart(part: SplitPart): string {
    if (part.value !== undefined) return `${quote(part.name)}：${part.value}`;
    const cells = [part.period !== undefined ? `实施周期：${part.period}` : '', part.annual !== undefined ? `年度：${part.annual}` : ''].filter(Boolean);
    return [quote(part.name), ...cells].join(' ');
}

/** A compound 三级 → one 三级 per quantity, in place, with the indicator's 实施周期/年度 layout. */
function fixCompound(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const indicator = nodeAt(document, diagnostic.range, isIndicator);
    if (!indicator?.$cstNode) return [];
    const parts = splitByValue(indicator) ?? splitByName(indicator);
    if (!parts) return [];
    const indent = indentAt(document.textDocument.getText(), indicator.$cstNode.offset);
    const edit: FixEdit = {
        range: rangeOf(document, indicator.$cstNode.offset, indicator.$cstNode.end),
        newText: parts.map(printPart).join('\n' + indent)
    };
    return [{ title: `拆分为 ${parts.length} 个三级指标（每个指标一个数量）`, edits: [edit], isPreferred: true }];
}

export const classificationFixes: FixRegistry = {
    [ClassificationCode.satisfactionMisfiled]: fixMisfiled,
    [ClassificationCode.misfiled]: fixMisfiled,
    [ClassificationCode.compound]: fixCompound
};
