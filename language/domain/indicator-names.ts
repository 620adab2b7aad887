// 三级指标名称库: indicator names by 二级 code with their usual units (RULES §5), for completion.
import data from './data/indicator-names.yaml?data';
import { DataFileError, loadDataFile } from './data-file.js';
import { indicatorNamesSchema } from './data-schemas.js';
import { unitInfo } from './units.js';

export type NameSource = 'SEED' | 'S5' | 'SUG';
export type TargetOperator = '≥' | '≤' | '=';

export interface IndicatorName {
    name: string;
    /** Usual units, the first one most common; empty for a date or a 定性 indicator. */
    units: readonly string[];
    op: TargetOperator;
    /** A number worth proposing as it stands (满意度 90, 成本控制率 100, 故障 0). */
    target?: number;
    /** The value is a deadline (≤YYYY-12-31). */
    date: boolean;
    source: NameSource;
    /** The 二级 codes whose list holds it. */
    codes: readonly string[];
}

export const INDICATOR_NAMES_FILE = 'language/domain/data/indicator-names.yaml';

interface RawLibrary {
    level2: Array<{ codes: string[]; names: RawName[] }>;
    direction: DirectionWords;
}

/** Words of a 三级 name that say which way its target points (RULES §3.3, §5). */
export interface DirectionWords {
    /** Things to keep low (法律纠纷发生数, 投诉, 能耗): a lower bound is the wrong way. */
    reverse: readonly string[];
    /** People reached (受益人次): an upper bound alone is the wrong way. */
    positive: readonly string[];
    /** What is done about such a thing (投诉办结率, 故障排除率): neither list applies. */
    handled: readonly string[];
}
interface RawName {
    name: string;
    units?: string[];
    op?: TargetOperator;
    target?: number;
    date?: boolean;
    source: NameSource;
}

/** A unit of units.yaml, or a rate of two of them (元/台, 万元/场). */
function isKnownUnit(unit: string): boolean {
    return unitInfo(unit) !== undefined || (unit.includes('/') && unit.split('/').every(part => unitInfo(part) !== undefined));
}

/** Parses and checks a name library. Exported for tests; the rest of the code uses the functions below. */
export function parseIndicatorNames(yamlText: string, file = INDICATOR_NAMES_FILE): ReadonlyMap<string, IndicatorName[]> {
    return libraryOf(loadDataFile<RawLibrary>(file, yamlText, indicatorNamesSchema), file);
}

/** The library of schema-checked data, with the checks a schema cannot express. */
function libraryOf(raw: RawLibrary, file: string): ReadonlyMap<string, IndicatorName[]> {
    const byCode = new Map<string, IndicatorName[]>();
    raw.level2.forEach((list, i) => {
        for (const code of list.codes) {
            if (byCode.has(code)) throw new DataFileError(file, `level2[${i}].codes`, `二级 ${code} has two lists`);
        }
        const seen = new Set<string>();
        const names = list.names.map((entry, j): IndicatorName => {
            const at = `level2[${i}].names[${j}]`;
            if (seen.has(entry.name)) throw new DataFileError(file, `${at}.name`, `name ${entry.name} is listed twice`);
            seen.add(entry.name);
            const unknown = (entry.units ?? []).find(unit => !isKnownUnit(unit));
            if (unknown) throw new DataFileError(file, `${at}.units`, `unit ${unknown} is not in units.yaml`);
            if (entry.date && entry.units) throw new DataFileError(file, at, 'a date takes no unit');
            return {
                name: entry.name, units: entry.units ?? [], op: entry.op ?? (entry.date ? '≤' : '≥'), target: entry.target,
                date: entry.date ?? false, source: entry.source, codes: list.codes
            };
        });
        for (const code of list.codes) byCode.set(code, names);
    });
    return byCode;
}

// Parsed and checked against the schema when the bundle was built (data-check.ts).
const library = libraryOf(data as RawLibrary, INDICATOR_NAMES_FILE);
const direction: DirectionWords = (data as RawLibrary).direction;

// A reverse word counts only as what the name counts: at its end, or before a measure word (法律纠纷发生数, 群众投诉次数,
// 能耗); 安全事故应急演练次数 and 能耗监测点数量 count drills and meters.
const COUNTED_AFTER = '(?:发生|产生|出现|引发)?(?:数|次数|件数|起数|数量|量|总量|率)?$';
const reverseAtEnd = new RegExp(`(?:${direction.reverse.join('|')})${COUNTED_AFTER}`);
// Each word list as one expression: every 三级 name is asked, and one test is cheaper than a callback per word.
const anyOf = (words: readonly string[]): RegExp => new RegExp(words.map(w => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') || '(?!)');
const handled = anyOf(direction.handled);
const positive = anyOf(direction.positive);

/** Which way a name's target must point: 'reverse' (keep low), 'positive' (reach many), or undefined (either). */
export function directionOf(name: string): 'reverse' | 'positive' | undefined {
    const core = name.replace(/\s+/g, '').replace(/[（(][^()（）]*[)）]$/, '');
    if (handled.test(core)) return undefined;
    if (reverseAtEnd.test(core)) return 'reverse';
    return positive.test(core) ? 'positive' : undefined;
}
const byName = new Map<string, IndicatorName>();
for (const names of library.values()) for (const entry of names) if (!byName.has(entry.name)) byName.set(entry.name, entry);

/** The library's names for a 二级 code (11 … 43), in the order of RULES §5; [] for a code without a list. */
export function indicatorNamesFor(level2Code: string): readonly IndicatorName[] {
    return library.get(level2Code) ?? [];
}

const byLength = [...byName.values()].filter(entry => entry.name.length >= 3).sort((a, b) => b.name.length - a.name.length);

/**
 * The library entry a name ends with (办公设备购置数量 → 购置数量), the longest; names of three characters or more,
 * so that a short word (能耗) does not decide for a longer name.
 */
export function indicatorNameEnding(name: string): IndicatorName | undefined {
    return byLength.find(entry => name.endsWith(entry.name));
}

/** The library entry of a name, under whatever 二级 it is listed. */
export function indicatorNameEntry(name: string): IndicatorName | undefined {
    return byName.get(name);
}
