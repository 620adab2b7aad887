// 三级 names offered under a 二级: the library's (RULES §5) and those the workspace already uses under the same 二级.
import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import { isIndicator, isLevel2Block, type Indicator, type Level2Block } from '../../generated/ast.js';
import { indicatorNamesFor, type IndicatorName } from '../../domain/indicator-names.js';
import { level2ByName } from '../../domain/taxonomy.js';
import { comparableName } from '../../validation/hierarchy-units.js';
import { readValue } from '../../validation/values-context.js';
import { covers } from './places.js';

export interface NameCandidate {
    name: string;
    /** The library entry, when the library lists the name. */
    entry?: IndicatorName;
    /** How many indicators of the workspace already carry it under this 二级. */
    used: number;
}

export interface Cursor {
    uri: string;
    offset: number;
}

/** 二级 codes that share a list: 14 (legacy 成本指标) and 41 (经济成本指标) name the same things. */
function sameList(code: string): readonly string[] {
    return indicatorNamesFor(code)[0]?.codes ?? [code];
}

interface PlacedIndicator { indicator: Indicator; code?: string }

/** Each parse's indicators with their 二级 code, found once per parse (a new text is a new root), not per request. */
const indicatorsByRoot = new WeakMap<AstNode, PlacedIndicator[]>();

function indicatorsOf(root: AstNode): PlacedIndicator[] {
    let placed = indicatorsByRoot.get(root);
    if (!placed) {
        placed = [];
        for (const node of AstUtils.streamAst(root)) {
            if (!isIndicator(node)) continue;
            const block = AstUtils.getContainerOfType(node, isLevel2Block);
            placed.push({ indicator: node, code: block ? level2ByName(block.category)?.code : undefined });
        }
        indicatorsByRoot.set(root, placed);
    }
    return placed;
}

/** Indicators of all documents, each with the 二级 code it stands under; the one being typed at the cursor is left out. */
function* workspaceIndicators(documents: Iterable<LangiumDocument>, cursor: Cursor): Generator<PlacedIndicator> {
    for (const document of documents) {
        const root = document.parseResult?.value;
        if (!root) continue;
        const here = document.uri.toString() === cursor.uri;
        for (const placed of indicatorsOf(root)) {
            if (!(here && covers(placed.indicator, cursor.offset))) yield placed;
        }
    }
}

const usable = (name: string | undefined): name is string => !!name && name.trim().length > 0 && name.length <= 80 && !/[\r\n]/.test(name);

/**
 * Names for the 二级 `code`: those used in the workspace first (most used first), then the library's in its order,
 * without duplicates (compared without layout whitespace or a trailing 「（个）」) and without the names the block at
 * the cursor already has.
 */
export function nameCandidates(code: string, documents: Iterable<LangiumDocument>, cursor: Cursor, block?: Level2Block): NameCandidate[] {
    const codes = sameList(code);
    const taken = new Set((block?.indicators ?? []).filter(i => !covers(i, cursor.offset)).map(i => comparableName(i.name ?? '')));
    const used = new Map<string, NameCandidate>();
    for (const { indicator, code: under } of workspaceIndicators(documents, cursor)) {
        if (!under || !codes.includes(under) || !usable(indicator.name)) continue;
        const key = comparableName(indicator.name);
        const known = used.get(key);
        if (known) known.used++;
        else used.set(key, { name: indicator.name.trim(), used: 1 });
    }
    const library = indicatorNamesFor(code);
    for (const entry of library) {
        const known = used.get(comparableName(entry.name));
        if (known) known.entry = entry;
    }
    const fromWorkspace = [...used.values()].sort((a, b) => b.used - a.used);
    const fromLibrary = library.filter(entry => !used.has(comparableName(entry.name))).map(entry => ({ name: entry.name, entry, used: 0 }));
    return [...fromWorkspace, ...fromLibrary].filter(candidate => !taken.has(comparableName(candidate.name)));
}

/** What the workspace writes as the value of indicators with this name: units (most used first) and whether dates. */
export function valuesUsedWith(name: string, documents: Iterable<LangiumDocument>, cursor: Cursor): { units: string[]; dates: number } {
    const key = comparableName(name);
    const counts = new Map<string, number>();
    let dates = 0;
    for (const { indicator } of workspaceIndicators(documents, cursor)) {
        if (!usable(indicator.name) || comparableName(indicator.name) !== key) continue;
        for (const value of [indicator.value, indicator.period, indicator.annual]) {
            if (!value) continue;
            const { parsed } = readValue(value);
            if (parsed.kind === 'date') dates++;
            const unit = parsed.kind === 'quantity' || parsed.kind === 'range' ? parsed.unit : null;
            if (unit) counts.set(unit, (counts.get(unit) ?? 0) + 1);
        }
    }
    return { units: [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([unit]) => unit), dates };
}
