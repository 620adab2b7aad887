// 三级 names offered under a 二级: the library's (RULES §5) and those the workspace already uses under the same 二级.
import { AstUtils, type LangiumDocument } from 'langium';
import { isIndicator, isLevel2Block, type Indicator, type Level2Block } from '../../generated/ast.js';
import { indicatorNamesFor, type IndicatorName } from '../../domain/indicator-names.js';
import { withoutInvisible } from '../../domain/invisible-chars.js';
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
    /** Listed by the unit's own 指标库 (jxmb.yaml `indicators`). */
    own?: boolean;
}

export interface Cursor {
    uri: string;
    offset: number;
}

/** 二级 codes that share a list: 14 (legacy 成本指标) and 41 (经济成本指标) name the same things. */
function sameList(code: string): readonly string[] {
    return indicatorNamesFor(code)[0]?.codes ?? [code];
}

interface Placed {
    indicator: Indicator;
    /** Its place in the document's order. */
    order: number;
}

/** Occurrences of one name (compared as comparableName), in document order. */
type ByName = Map<string, Placed[]>;

interface ParseIndex {
    /** The document's indicators in order. */
    placed: Placed[];
    /** Those standing in a known 二级, by its code. */
    byCode: Map<string, Placed[]>;
    /** Usable names by 二级 code, and over all codes: built when first asked for. */
    namesByCode: Map<string, ByName>;
    allNames?: ByName;
}

/**
 * Each parse's indicators, found once per parse and reused by later requests. Keyed by the parse result: an
 * incremental parse keeps the tree's root and changes its branches, but gives a new result.
 */
const indexByParse = new WeakMap<object, ParseIndex>();

function indexOf(document: LangiumDocument): ParseIndex | undefined {
    const parse = document.parseResult;
    const root = parse?.value;
    if (!root) return undefined;
    let index = indexByParse.get(parse);
    if (!index) {
        index = { placed: [], byCode: new Map(), namesByCode: new Map() };
        for (const node of AstUtils.streamAst(root)) {
            if (!isIndicator(node)) continue;
            const block = AstUtils.getContainerOfType(node, isLevel2Block);
            const code = block ? level2ByName(block.category)?.code : undefined;
            const placed: Placed = { indicator: node, order: index.placed.length };
            index.placed.push(placed);
            const sameCode = code ? index.byCode.get(code) : undefined;
            if (sameCode) sameCode.push(placed);
            else if (code) index.byCode.set(code, [placed]);
        }
        indexByParse.set(parse, index);
    }
    return index;
}

function byName(placed: readonly Placed[]): ByName {
    const names: ByName = new Map();
    for (const p of placed) {
        if (!usable(p.indicator.name)) continue;
        const key = comparableName(p.indicator.name);
        const list = names.get(key);
        if (list) list.push(p);
        else names.set(key, [p]);
    }
    return names;
}

function namesUnder(index: ParseIndex, code: string): ByName {
    let names = index.namesByCode.get(code);
    if (!names) {
        names = byName(index.byCode.get(code) ?? []);
        index.namesByCode.set(code, names);
    }
    return names;
}

/** The indicators the cursor is in (the one being typed is no use of its name): found by position, not by walking. */
function atCursor(index: ParseIndex, offset: number): Set<Indicator> {
    const found = new Set<Indicator>();
    const placed = index.placed;
    // The last indicator starting at or before the offset, then those before it that still reach it.
    let low = 0;
    let high = placed.length - 1;
    let last = -1;
    while (low <= high) {
        const middle = (low + high) >> 1;
        const cst = placed[middle]!.indicator.$cstNode;
        if (cst && cst.offset <= offset) {
            last = middle;
            low = middle + 1;
        } else {
            high = middle - 1;
        }
    }
    for (let i = last; i >= 0 && i >= last - 2; i--) {
        const indicator = placed[i]!.indicator;
        if (covers(indicator, offset)) found.add(indicator);
    }
    return found;
}

/** Occurrences per document in workspace order, without those at the cursor. */
function* occurrences(documents: Iterable<LangiumDocument>, cursor: Cursor, names: (index: ParseIndex) => Iterable<[string, Placed[]]>): Generator<{ key: string; document: number; kept: Placed[] }> {
    let document = 0;
    for (const doc of documents) {
        const index = indexOf(doc);
        if (!index) continue;
        const excluded = doc.uri.toString() === cursor.uri ? atCursor(index, cursor.offset) : new Set<Indicator>();
        for (const [key, list] of names(index)) {
            const kept = excluded.size ? list.filter(p => !excluded.has(p.indicator)) : list;
            if (kept.length) yield { key, document, kept };
        }
        document++;
    }
}

/** A name as completion inserts it: without characters nobody sees, which would spread with every use (invisible-chars.ts). */
const offered = (name: string) => withoutInvisible(name).trim();

const usable = (name: string | undefined): name is string => !!name && offered(name).length > 0 && name.length <= 80 && !/[\r\n]/.test(name);

/**
 * Names for the 二级 `code`: those used in the workspace first (most used first, then in the order they are first
 * written), then the unit's own 指标库 (`own`: names by 二级 name, from jxmb.yaml), then the library's in its order,
 * without duplicates (compared without layout whitespace or a trailing 「（个）」) and without the names the block at
 * the cursor already has.
 */
export function nameCandidates(code: string, documents: Iterable<LangiumDocument>, cursor: Cursor, block?: Level2Block, own: Readonly<Record<string, readonly string[]>> = {}): NameCandidate[] {
    const codes = sameList(code);
    const taken = new Set((block?.indicators ?? []).filter(i => !covers(i, cursor.offset)).map(i => comparableName(i.name ?? '')));
    const used = new Map<string, NameCandidate & { first: [number, number] }>();
    const under = (index: ParseIndex) => [...new Set(codes)].flatMap(c => [...namesUnder(index, c)]);
    for (const { key, document, kept } of occurrences(documents, cursor, under)) {
        const first = kept[0]!;
        const known = used.get(key);
        if (!known) {
            used.set(key, { name: offered(first.indicator.name!), used: kept.length, first: [document, first.order] });
            continue;
        }
        known.used += kept.length;
        // Two codes sharing the list: the name as first written in the document wins.
        if (before([document, first.order], known.first)) {
            known.first = [document, first.order];
            known.name = offered(first.indicator.name!);
        }
    }
    const library = indicatorNamesFor(code);
    const ownNames = new Map<string, NameCandidate>();
    for (const [level2, names] of Object.entries(own)) {
        if (!codes.includes(level2ByName(level2)?.code ?? '')) continue;
        for (const name of names.filter(usable)) {
            const key = comparableName(name);
            const known = used.get(key);
            if (known) known.own = true;
            else if (!ownNames.has(key)) ownNames.set(key, { name: offered(name), used: 0, own: true });
        }
    }
    for (const entry of library) {
        const known = used.get(comparableName(entry.name)) ?? ownNames.get(comparableName(entry.name));
        if (known) known.entry = entry;
    }
    const fromWorkspace = [...used.values()]
        .sort((a, b) => b.used - a.used || (before(a.first, b.first) ? -1 : 1))
        .map(({ first: _first, ...candidate }) => candidate);
    const listed = (name: string) => used.has(comparableName(name)) || ownNames.has(comparableName(name));
    const fromLibrary = library.filter(entry => !listed(entry.name)).map(entry => ({ name: entry.name, entry, used: 0 }));
    return [...fromWorkspace, ...ownNames.values(), ...fromLibrary].filter(candidate => !taken.has(comparableName(candidate.name)));
}

function before(a: [number, number], b: [number, number]): boolean {
    return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

/** What the workspace writes as the value of indicators with this name: units (most used first) and whether dates. */
export function valuesUsedWith(name: string, documents: Iterable<LangiumDocument>, cursor: Cursor): { units: string[]; dates: number } {
    const key = comparableName(name);
    const counts = new Map<string, number>();
    let dates = 0;
    const named = (index: ParseIndex): Iterable<[string, Placed[]]> => {
        index.allNames ??= byName(index.placed);
        const list = index.allNames.get(key);
        return list ? [[key, list]] : [];
    };
    for (const { kept } of occurrences(documents, cursor, named)) {
        for (const { indicator } of kept) {
            for (const value of [indicator.value, indicator.period, indicator.annual]) {
                if (!value) continue;
                const { parsed } = readValue(value);
                if (parsed.kind === 'date') dates++;
                const unit = parsed.kind === 'quantity' || parsed.kind === 'range' ? parsed.unit : null;
                if (unit) counts.set(unit, (counts.get(unit) ?? 0) + 1);
            }
        }
    }
    return { units: [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([unit]) => unit), dates };
}
