// What a 三级 name counts (人数, 人次, 场次, 次数 …) and which units count it (RULES §3.1, §5): a small explicit table,
// name-units.yaml, so that 「培训人数」≥20场次 is told apart from 「考察次数」≥5场次 without guessing.
import data from './data/name-units.yaml?data';
import { DataFileError, loadDataFile } from './data-file.js';
import { nameUnitsSchema } from './data-schemas.js';
import { unitInfo } from './units.js';

export interface NameMeasure {
    id: string;
    endings: readonly string[];
    /** What the name counts, for messages. */
    counts: string;
    units: readonly string[];
    /** The unit a fix writes, when one is certain. */
    fix?: string;
    wrong: readonly string[];
}

export const NAME_UNITS_FILE = 'language/domain/data/name-units.yaml';

/** Parses and checks a name-units file. Exported for tests; the rest of the code uses the functions below. */
export function parseNameUnits(yamlText: string, file = NAME_UNITS_FILE): NameMeasure[] {
    return measuresOf(loadDataFile<{ measures: NameMeasure[] }>(file, yamlText, nameUnitsSchema), file);
}

/** The checks a schema cannot express: known units, a fix among the units, no unit both right and wrong, no ending twice. */
function measuresOf(raw: { measures: NameMeasure[] }, file: string): NameMeasure[] {
    const endings = new Set<string>();
    raw.measures.forEach((m, i) => {
        for (const field of ['units', 'wrong'] as const) {
            const unknown = m[field].find(unit => unitInfo(unit)?.kind !== 'count');
            if (unknown) throw new DataFileError(file, `measures[${i}].${field}`, `unit ${unknown} is not a count unit of units.yaml`);
        }
        const both = m.wrong.find(unit => m.units.includes(unit));
        if (both) throw new DataFileError(file, `measures[${i}].wrong`, `unit ${both} is also listed under units`);
        if (m.fix !== undefined && !m.units.includes(m.fix)) throw new DataFileError(file, `measures[${i}].fix`, `unit ${m.fix} is not one of units`);
        for (const ending of m.endings) {
            if (endings.has(ending)) throw new DataFileError(file, `measures[${i}].endings`, `ending ${ending} is listed twice`);
            endings.add(ending);
        }
    });
    return raw.measures;
}

// Parsed and checked against the schema when the bundle was built (data-check.ts).
const measures = measuresOf(data as { measures: NameMeasure[] }, NAME_UNITS_FILE);

// Every 三级 name is asked: its last character decides first whether any ending can match.
const byEnding = [...measures.flatMap(m => m.endings.map(ending => ({ ending, measure: m })))].sort((a, b) => b.ending.length - a.ending.length);
const lastCharacters = new Set(byEnding.map(e => e.ending.at(-1)!));

/** What a name counts, by the measure word it ends with; `core` is the name without trailing brackets. */
export function measureOfName(core: string): NameMeasure | undefined {
    if (!lastCharacters.has(core.at(-1) ?? '')) return undefined;
    return byEnding.find(e => core.endsWith(e.ending))?.measure;
}

/** The unit of a value (a magnitude before it dropped: 万场次 → 场次) when it counts something else than `measure`. */
export function wrongUnitFor(measure: NameMeasure, unit: string | null): string | undefined {
    const info = unitInfo(unit);
    if (!info || info.kind !== 'count') return undefined;
    return measure.wrong.includes(info.base) ? info.base : undefined;
}
