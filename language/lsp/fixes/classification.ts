// Quick-fixes for the classification checks (language/validation/classification.ts): move a misfiled 三级 to its
// 二级, split a compound 三级 into one per quantity.
import { AstUtils, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isIndicator, isIndicatorTree, type Document, type Indicator, type Value } from '../../generated/ast.js';
import { valueOf } from '../../compile/from-ast.js';
import { quote } from '../../value-converter.js';
import { ClassificationCode, nameMeasures, type ClassificationData } from '../../validation/classification.js';
import { fallbackName, measuresOf, structuredValue, subjectOf, type Measure } from '../../validation/classification-split.js';
import { comparableName, filedUnder, indicatorsOf, level1Label, level2Label, ownerOf, treesOf, type IndicatorOwner } from '../../validation/hierarchy-units.js';
import { memoByRevision } from '../../parse/revisions.js';
import { isTimeName, PLACEHOLDER } from '../../validation/values-context.js';
import { categoryByCode } from '../../domain/taxonomy.js';
import { unitKind } from '../../domain/units.js';
import type { FixEdit, FixRegistry, QuickFix } from '../quick-fix.js';
import { moveIndicatorsEdits, placeEdit, removalEdit, removalRoot } from './placement.js';
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

/** A 三级 under 31 that is no satisfaction: a % gets a 满意度 name, a count moves to 数量指标. */
function fixNotSatisfaction(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const data = diagnostic.data as ClassificationData | undefined;
    if (data?.rename) {
        return [{ title: `名称改为「${data.rename}」`, edits: [{ range: diagnostic.range, newText: quote(data.rename) }], isPreferred: true }];
    }
    return data?.level2 ? fixMisfiled(diagnostic, document) : [];
}

/** 法律纠纷发生数 ≥3起 → ≤3起: the operator turned round (a quoted text is the author's words to rewrite). */
function fixWrongDirection(diagnostic: Diagnostic): QuickFix[] {
    const flipped = (diagnostic.data as ClassificationData | undefined)?.flipped;
    return flipped ? [{ title: `改为「${flipped}」`, edits: [{ range: diagnostic.range, newText: flipped }], isPreferred: true }] : [];
}

// ─── split ───────────────────────────────────────────────────────────────────────────────────────────────────────

interface SplitPart {
    name: string;
    /** Values in the indicator's own layout: one shared value, or 实施周期 and/or 年度. */
    value?: string;
    period?: string;
    annual?: string;
    /** A percentage: under 数量指标 it goes where rates belong (RULES §3.7), not next to the counts. */
    rate?: boolean;
}

function measuresIn(indicator: Indicator, value: Value | undefined): Measure[] {
    if (!value) return [];
    const { text, parsed } = valueOf(value);
    return parsed.kind === 'compound' ? measuresOf(text, indicator.name) : [];
}

/** Names for the measures: the name's own parts when they match one to one, else each measure's clause. */
function namesFor(indicator: Indicator, measures: Measure[]): string[] {
    const fromName = nameMeasures(indicator.name);
    const names = fromName.length === measures.length ? fromName : measures.map(m => m.name);
    return unique(indicator, names.map((n, i) => n || fallbackName(indicator.name, measures[i]!.quantity) || indicator.name));
}

/**
 * Names no other 三级 of the list has (hierarchy/duplicate-name compares the whole 申报表, or a project's list):
 * a taken name gets the indicator's subject in front (受众人数 → 组织学会开展科普活动受众人数) unless it repeats
 * words of it, else a number.
 */
function unique(indicator: Indicator, names: string[]): string[] {
    const owner = ownerOf(indicator);
    const counts = owner ? nameCounts(owner) : new Map<string, number>();
    const own = comparableName(indicator.name);
    const chosenHere = new Set<string>();
    // Taken: a name another 三级 of the list has (this one's own name counts once less), or one chosen here.
    const taken = { has: (name: string) => (counts.get(name) ?? 0) - (name === own ? 1 : 0) > 0 || chosenHere.has(name), add: (name: string) => chosenHere.add(name) };
    const subject = subjectOf(indicator.name);
    // The number to try next for a name: a value of n clauses with one name would try 2, 3, … again for each (n²).
    const nextNumber = new Map<string, number>();
    return names.map(name => {
        const candidates = [name, ...(sharesWords(name, subject) ? [] : [subject + name])];
        let chosen = candidates.find(c => !taken.has(comparableName(c)));
        let n = nextNumber.get(name) ?? 2;
        for (; !chosen; n++) if (!taken.has(comparableName(`${name}（${n}）`))) chosen = `${name}（${n}）`;
        nextNumber.set(name, n);
        taken.add(comparableName(chosen));
        return chosen;
    });
}

/** How many 三级 of a list have each comparable name. */
const nameCounts = memoByRevision((owner: IndicatorOwner) => {
    const counts = new Map<string, number>();
    for (const i of indicatorsOf(treesOf(owner))) {
        const name = comparableName(i.name);
        counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    return counts;
});

const isRate = (m: Measure | undefined) => unitKind(m?.quantity.unit) === 'percent';

/** 学术交流受众人数 and 组织学术交流 say the same thing twice when joined: then a number tells them apart. */
function sharesWords(name: string, subject: string): boolean {
    for (let i = 0; i + 2 <= name.length; i++) if (subject.includes(name.slice(i, i + 2))) return true;
    return false;
}

function valueText(m: Measure, asFloor: boolean): string {
    return structuredValue(m.quantity, asFloor, m.perInName) ?? quote(m.written);
}

/** The new 三级 for a compound value, or undefined when 实施周期 and 年度 cannot be paired part by part. */
function splitByValue(indicator: Indicator): SplitPart[] | undefined {
    const asFloor = filedUnder(indicator) === '11';
    if (indicator.value) {
        const measures = measuresIn(indicator, indicator.value);
        if (measures.length < 2) return undefined;
        return namesFor(indicator, measures).map((name, i) => ({ name, value: valueText(measures[i]!, asFloor), rate: isRate(measures[i]) }));
    }
    const period = measuresIn(indicator, indicator.period);
    const annual = measuresIn(indicator, indicator.annual);
    const lead = period.length >= 2 ? period : annual;
    if (lead.length < 2) return undefined;
    // Each side keeps its own cell: both split alike, or the side that is not written stays unwritten.
    if (indicator.period && indicator.annual && period.length !== annual.length) return undefined;
    return namesFor(indicator, lead).map((name, i) => ({
        name,
        period: indicator.period ? valueText(period[i]!, asFloor) : undefined,
        annual: indicator.annual ? valueText(annual[i]!, asFloor) : undefined,
        rate: isRate(period[i]) || isRate(annual[i])
    }));
}

/** A name with two measures and a value for one: the first keeps the value, the others get the placeholder. */
function splitByName(indicator: Indicator): SplitPart[] | undefined {
    const names = nameMeasures(indicator.name);
    if (names.length < 2) return undefined;
    const source = (v: Value | undefined) => v?.$cstNode?.text;
    const pending = quote(PLACEHOLDER);
    return unique(indicator, names).map((name, i) => i === 0
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

/**
 * A compound 三级 → one 三级 per quantity, in place, with the indicator's 实施周期/年度 layout. Under 数量指标 the
 * rates (覆盖率100%) go to 质量指标 (时效指标 for 及时率 and the like), where value/percent-under-count sends them.
 */
function fixCompound(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const indicator = nodeAt(document, diagnostic.range, isIndicator);
    if (!indicator?.$cstNode) return [];
    const parts = splitByValue(indicator) ?? splitByName(indicator);
    if (!parts) return [];
    const text = document.textDocument.getText();
    const indent = indentAt(text, indicator.$cstNode.offset);
    const range = rangeOf(document, indicator.$cstNode.offset, indicator.$cstNode.end);
    const moving = filedUnder(indicator) === '11' ? parts.filter(p => p.rate) : [];
    const staying = parts.filter(p => !moving.includes(p));
    const title = `拆分为 ${parts.length} 个三级指标（每个指标一个数量）`;
    if (moving.length === 0) return [{ title, edits: [{ range, newText: parts.map(printPart).join('\n' + indent) }], isPreferred: true }];
    const tree = AstUtils.getContainerOfType(indicator, isIndicatorTree);
    if (!tree) return [];
    const level2 = moving.every(p => isTimeName(p.name)) ? '13' : '12';
    const level1 = categoryByCode(level2)!.parent!;
    const { edit: placed, keep } = placeEdit(document, tree, { level1, level2 }, moving.map(printPart), undefined, new Set([indicator]));
    const kept: FixEdit = staying.length > 0
        ? { range, newText: staying.map(printPart).join('\n' + indent) }
        : removalEdit(document, removalRoot([indicator], keep));
    return [{ title: `${title}，比率放入「${level2Label(level2, indicator)}」`, edits: [kept, placed], isPreferred: true }];
}

export const classificationFixes: FixRegistry = {
    [ClassificationCode.satisfactionMisfiled]: fixMisfiled,
    [ClassificationCode.notSatisfaction]: fixNotSatisfaction,
    [ClassificationCode.wrongDirection]: fixWrongDirection,
    [ClassificationCode.misfiled]: fixMisfiled,
    [ClassificationCode.compound]: fixCompound
};
