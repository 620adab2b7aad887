// 指标体系: 一级/二级 indicator categories and their codes, for both cost models (RULES §2).
import data from './data/taxonomy.yaml?data';
import { DataFileError, loadDataFile } from './data-file.js';
import { taxonomySchema } from './data-schemas.js';

/** legacy: 成本指标 is 二级 14 under 产出 (88号, the seeds); 2021: 成本指标 is 一级 4 with 41/42/43 (101号). */
export type CostModel = 'legacy' | '2021';

export interface IndicatorCategory {
    level: 1 | 2;
    code: string;
    /** Canonical long form, with 指标: 社会效益指标. */
    name: string;
    /** Without 指标: 社会效益 (the flattened string's form for 2x/31). */
    shortName: string;
    definition: string;
    /** Provenance of the definition (RULES §0 tags). */
    source: string;
    models: readonly CostModel[];
    /** Code of the 一级 a 二级 belongs to. */
    parent?: string;
}

export interface Taxonomy {
    level1: readonly IndicatorCategory[];
    level2: readonly IndicatorCategory[];
}

export const TAXONOMY_FILE = 'language/domain/data/taxonomy.yaml';

interface RawCategory {
    code: string;
    name: string;
    shortName: string;
    models: CostModel[];
    definition: string;
    source: string;
}
interface RawTaxonomy {
    level1: Array<RawCategory & { level2: RawCategory[] }>;
}

/** Parses and checks a taxonomy file. Exported for tests; the rest of the code uses the functions below. */
export function parseTaxonomy(yamlText: string, file = TAXONOMY_FILE): Taxonomy {
    return taxonomyOf(loadDataFile<RawTaxonomy>(file, yamlText, taxonomySchema), file);
}

/** The taxonomy of schema-checked data, with the checks a schema cannot express. */
function taxonomyOf(raw: RawTaxonomy, file: string): Taxonomy {
    const level1: IndicatorCategory[] = [];
    const level2: IndicatorCategory[] = [];
    const seen = new Set<string>();
    raw.level1.forEach((one, i) => {
        const at = `level1[${i}]`;
        if (seen.has(one.code)) throw new DataFileError(file, `${at}.code`, `duplicate code ${one.code}`);
        seen.add(one.code);
        const { level2: children, ...fields } = one;
        level1.push({ level: 1, ...fields });
        children.forEach((two, j) => {
            const path = `${at}.level2[${j}]`;
            // The first digit of a 二级 code is its 一级 code (RULES §6.2 Q6).
            if (!two.code.startsWith(one.code)) throw new DataFileError(file, `${path}.code`, `${two.code} does not start with its 一级 code ${one.code}`);
            if (seen.has(two.code)) throw new DataFileError(file, `${path}.code`, `duplicate code ${two.code}`);
            const outside = two.models.filter(m => !one.models.includes(m));
            if (outside.length) throw new DataFileError(file, `${path}.models`, `model ${outside.join(', ')} is not a model of 一级 ${one.code}`);
            seen.add(two.code);
            level2.push({ level: 2, ...two, parent: one.code });
        });
    });
    checkUniqueNames(file, 'level1', level1);
    checkUniqueNames(file, 'level2', level2);
    return { level1, level2 };
}

// Within one level a name or short name must identify one category, or lookups by name would be ambiguous.
function checkUniqueNames(file: string, level: string, categories: IndicatorCategory[]): void {
    const owner = new Map<string, string>();
    for (const c of categories) {
        for (const n of new Set([c.name, c.shortName])) {
            const other = owner.get(n);
            if (other) throw new DataFileError(file, level, `name ${n} is used by both ${other} and ${c.code}`);
            owner.set(n, c.code);
        }
    }
}

// Parsed and checked against the schema when the bundle was built (data-check.ts).
const taxonomy = taxonomyOf(data as RawTaxonomy, TAXONOMY_FILE);

/** `22-社会效益`, `22－社会效益`, `22 社会效益` → { code: '22', name: '社会效益' }. Whitespace is dropped (PDF wrapping). */
function splitCode(label: string): { code?: string; name: string } {
    const compact = label.replace(/\s+/g, '');
    const m = /^(\d{1,2})[-－—–.．、]?(\D.*)$/.exec(compact);
    return m ? { code: m[1]!, name: m[2]! } : { name: compact };
}

// Every indicator asks for its 一级 and 二级 by the same few labels: each label is looked up once.
const lookedUp = new WeakMap<readonly IndicatorCategory[], Map<string, IndicatorCategory | undefined>>();

function byName(categories: readonly IndicatorCategory[], label: string): IndicatorCategory | undefined {
    let known = lookedUp.get(categories);
    if (!known) lookedUp.set(categories, known = new Map());
    if (known.has(label)) return known.get(label);
    const category = lookUp(categories, label);
    // Labels come from the user's text: a bound keeps a long session's map small.
    if (known.size >= 1000) known.clear();
    known.set(label, category);
    return category;
}

function lookUp(categories: readonly IndicatorCategory[], label: string): IndicatorCategory | undefined {
    const { code, name } = splitCode(label);
    const found = categories.find(c => c.name === name || c.shortName === name);
    // A code that contradicts the name (21-社会效益) identifies nothing; the validator reports it (RULES §6.2 Q6).
    if (!found || (code !== undefined && code !== found.code)) return undefined;
    return found;
}

/** A 一级 by long or short name, optionally with its code: 产出指标, 产出, 1-产出指标. */
export function level1ByName(label: string): IndicatorCategory | undefined {
    return byName(taxonomy.level1, label);
}

/**
 * A 二级 by long or short name, optionally with its code: 社会效益指标, 社会效益, 22-社会效益.
 * 「成本指标」 is the legacy 二级 14 here; as a 一级 (2021 model) use {@link level1ByName}.
 */
export function level2ByName(label: string): IndicatorCategory | undefined {
    return byName(taxonomy.level2, label);
}

export function categoryByCode(code: string): IndicatorCategory | undefined {
    return taxonomy.level1.find(c => c.code === code) ?? taxonomy.level2.find(c => c.code === code);
}

export function level1sOf(model: CostModel): IndicatorCategory[] {
    return taxonomy.level1.filter(c => c.models.includes(model));
}

/** The 二级 of a 一级 in a model: level2sOf('1', '2021') → 11, 12, 13 (no 14). */
export function level2sOf(level1Code: string, model: CostModel): IndicatorCategory[] {
    return taxonomy.level2.filter(c => c.parent === level1Code && c.models.includes(model));
}
