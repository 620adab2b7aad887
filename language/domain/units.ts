// 计量单位: which units exist, what kind each is, and how they compare (RULES §5).
import data from './data/units.yaml?data';
import { DataFileError, loadDataFile } from './data-file.js';
import { unitsSchema, type UNIT_KINDS } from './data-schemas.js';
import { byCharacter } from './text.js';

export type UnitKind = (typeof UNIT_KINDS)[number];

export interface UnitInfo {
    /** As written: 万人次, s, 小时. */
    unit: string;
    kind: UnitKind;
    /** Units with the same base compare after multiplying by factor: 万元 → 元 × 10000. */
    base: string;
    factor: number;
}

export const UNITS_FILE = 'language/domain/data/units.yaml';

interface RawUnits {
    units: RawUnit[];
    notUnits: string[];
}
interface RawUnit {
    unit: string;
    kind: UnitKind;
    base?: string;
    factor?: number;
    aliases?: string[];
}

export interface UnitTable {
    /** Every spelling (units and aliases) → its info; an alias keeps its own spelling in `unit`. */
    bySpelling: ReadonlyMap<string, UnitInfo>;
    notUnits: readonly string[];
}

/** Parses and checks a units file. Exported for tests; the rest of the code uses the functions below. */
export function parseUnits(yamlText: string, file = UNITS_FILE): UnitTable {
    return unitTableOf(loadDataFile<RawUnits>(file, yamlText, unitsSchema), file);
}

/** The table of schema-checked data, with the checks a schema cannot express. */
function unitTableOf(raw: RawUnits, file: string): UnitTable {
    const bySpelling = new Map<string, UnitInfo>();
    raw.units.forEach((u, i) => {
        const base = u.base ?? u.unit;
        const factor = u.factor ?? 1;
        for (const spelling of [u.unit, ...(u.aliases ?? [])]) {
            if (bySpelling.has(spelling)) throw new DataFileError(file, `units[${i}]`, `unit ${spelling} is listed twice`);
            bySpelling.set(spelling, { unit: spelling, kind: u.kind, base, factor });
        }
    });
    return { bySpelling, notUnits: raw.notUnits };
}

// Parsed and checked against the schema when the bundle was built (data-check.ts).
const table = unitTableOf(data as RawUnits, UNITS_FILE);

// Longest-first spellings per first character: the parser asks "which unit starts here?" once per number.
const byFirstChar = byCharacter(table.bySpelling.keys(), spelling => spelling[0]!);
for (const list of byFirstChar.values()) list.sort((a, b) => b.length - a.length);
// The nouns that only begin like a unit (部门, 场所), by first character alike.
const notUnitsByFirstChar = byCharacter(table.notUnits, word => word[0]!);

const MAGNITUDES: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/**
 * Info for a unit as the value parser returns it. A magnitude before a unit is composed:
 * 万人 → base 人 × 10⁴, 万平方米 → 平方米 × 10⁴. Unknown units give undefined.
 */
export function unitInfo(unit: string | null | undefined): UnitInfo | undefined {
    if (!unit) return undefined;
    const direct = table.bySpelling.get(unit);
    if (direct) return direct;
    const magnitude = MAGNITUDES[unit[0]!];
    const rest = magnitude ? table.bySpelling.get(unit.slice(1)) : undefined;
    if (!magnitude || !rest || rest.kind === 'magnitude') return undefined;
    return { unit, kind: rest.kind, base: rest.base, factor: rest.factor * magnitude };
}

export function unitKind(unit: string | null | undefined): UnitKind | undefined {
    return unitInfo(unit)?.kind;
}

export const isMoneyUnit = (unit: string | null | undefined): boolean => unitKind(unit) === 'money';
export const isPercentUnit = (unit: string | null | undefined): boolean => unitKind(unit) === 'percent';
/** A length of time (s, 小时, 天, 月 …). */
export const isDurationUnit = (unit: string | null | undefined): boolean => unitKind(unit) === 'duration';
export const isCountUnit = (unit: string | null | undefined): boolean => unitKind(unit) === 'count';

/** Two units measure the same thing and can be compared (人次 and 万人次; not 人 and 人次). */
export function comparableUnits(a: string | null | undefined, b: string | null | undefined): boolean {
    const x = unitInfo(a);
    const y = unitInfo(b);
    return !!x && !!y && x.base === y.base;
}

/** value in the base unit of `unit` (1.5 万本 → 15000 本), or undefined for an unknown unit. */
export function toBase(value: number, unit: string | null | undefined): number | undefined {
    const info = unitInfo(unit);
    return info ? value * info.factor : undefined;
}

/**
 * The longest unit spelling starting at `pos` in `text`, unless the text there is a noun that only begins like a
 * unit (「3部门」). Magnitudes (万, 亿) are matched too; the parser composes them with a following unit.
 */
export function matchUnitAt(text: string, pos: number): string | undefined {
    const first = text[pos] ?? '';
    const candidates = byFirstChar.get(first);
    if (!candidates) return undefined;
    for (const word of notUnitsByFirstChar.get(first) ?? []) if (text.startsWith(word, pos)) return undefined;
    for (const spelling of candidates) {
        if (!text.startsWith(spelling, pos)) continue;
        // An ASCII unit must end at a word boundary: 3s is seconds, 3sets is not.
        if (/[A-Za-z]$/.test(spelling) && /[A-Za-z]/.test(text[pos + spelling.length] ?? '')) continue;
        return spelling;
    }
    return undefined;
}

export function allUnits(): UnitInfo[] {
    return [...table.bySpelling.values()];
}
