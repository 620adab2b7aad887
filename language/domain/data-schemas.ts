// The JSON schemas of the data files under language/domain/data. They are checked when the bundles are built
// (data-check.ts through scripts/data-plugin.mjs, and vitest.config.ts for the tests); the loaders keep the checks a
// schema cannot express (duplicates, code prefixes, regular expressions, units known to units.yaml).

export const UNIT_KINDS = ['count', 'money', 'percent', 'duration', 'area', 'mass', 'energy', 'grade', 'score', 'magnitude'] as const;
export const VAGUE_KINDS = ['vague', 'deadline', 'hedge', 'weak', 'ok', 'misfiled', 'exempt'] as const;
/** RULES §0 provenance tags, without brackets. */
export const SOURCE_TAGS = ['OFF', 'OFF*', 'SEED', 'SYS', '3P', 'SUG'] as const;

// Every property is required: a category without a definition or source would show an empty hover.
function categorySchema(codePattern: string, extra: Record<string, object> = {}) {
    const properties = {
        code: { type: 'string', pattern: codePattern },
        name: { type: 'string', pattern: '指标$' },
        shortName: { type: 'string', minLength: 1 },
        models: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ['legacy', '2021'] } },
        definition: { type: 'string', minLength: 1 },
        source: { type: 'string', minLength: 1 },
        ...extra
    };
    return { type: 'object', required: Object.keys(properties), properties, additionalProperties: false };
}

const level2Schema = categorySchema('^[1-9][0-9]$');
const level1Schema = categorySchema('^[1-9]$', { level2: { type: 'array', minItems: 1, items: level2Schema } });

export const taxonomySchema = {
    type: 'object',
    required: ['level1'],
    properties: { level1: { type: 'array', minItems: 1, items: level1Schema } },
    additionalProperties: false
} as const;

export const unitsSchema = {
    type: 'object',
    required: ['units', 'notUnits'],
    properties: {
        units: {
            type: 'array',
            minItems: 1,
            items: {
                type: 'object',
                required: ['unit', 'kind', 'source'],
                properties: {
                    unit: { type: 'string', minLength: 1 },
                    kind: { enum: UNIT_KINDS },
                    base: { type: 'string', minLength: 1 },
                    factor: { type: 'number', exclusiveMinimum: 0 },
                    aliases: { type: 'array', items: { type: 'string', minLength: 1 } },
                    source: { enum: ['RULES', 'SEED', 'SUG'] }
                },
                // base and factor go together: a factor without a base would scale nothing.
                dependencies: { base: ['factor'], factor: ['base'] },
                additionalProperties: false
            }
        },
        notUnits: { type: 'array', items: { type: 'string', minLength: 2 } }
    },
    additionalProperties: false
} as const;

const strings = { type: 'array', items: { type: 'string', minLength: 1 } } as const;

export const vagueWordsSchema = {
    type: 'object',
    required: ['entries'],
    properties: {
        entries: {
            type: 'array',
            minItems: 1,
            items: {
                type: 'object',
                required: ['id', 'kind', 'tag', 'rewrites'],
                properties: {
                    id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
                    kind: { enum: VAGUE_KINDS },
                    words: strings,
                    patterns: strings,
                    except: strings,
                    seen: { type: 'string' },
                    note: { type: 'string' },
                    tag: { enum: SOURCE_TAGS },
                    rewrites: {
                        type: 'array',
                        items: {
                            type: 'object',
                            required: ['l2', 'patterns', 'tag'],
                            properties: {
                                l2: { anyOf: [{ const: 'any' }, { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[1-9][0-9]$' } }] },
                                patterns: { ...strings, minItems: 1 },
                                examples: strings,
                                note: { type: 'string' },
                                tag: { enum: SOURCE_TAGS }
                            },
                            additionalProperties: false
                        }
                    }
                },
                additionalProperties: false
            }
        }
    },
    additionalProperties: false
} as const;

const nameSchema = {
    type: 'object',
    required: ['name', 'source'],
    properties: {
        name: { type: 'string', minLength: 1, pattern: '^[^"\\n]+$' },
        units: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1 } },
        op: { enum: ['≥', '≤', '='] },
        target: { type: 'number' },
        date: { type: 'boolean' },
        source: { enum: ['SEED', 'S5', 'SUG'] }
    },
    additionalProperties: false
} as const;

const wordList = { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1 } } as const;

export const indicatorNamesSchema = {
    type: 'object',
    required: ['level2', 'direction'],
    properties: {
        direction: {
            type: 'object',
            required: ['reverse', 'positive', 'handled'],
            properties: { reverse: wordList, positive: wordList, handled: wordList },
            additionalProperties: false
        },
        level2: {
            type: 'array',
            minItems: 1,
            items: {
                type: 'object',
                required: ['codes', 'names'],
                properties: {
                    codes: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', pattern: '^[1-9][0-9]$' } },
                    names: { type: 'array', minItems: 1, items: nameSchema }
                },
                additionalProperties: false
            }
        }
    },
    additionalProperties: false
} as const;

const unitList = { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1 } } as const;

export const nameUnitsSchema = {
    type: 'object',
    required: ['measures'],
    properties: {
        measures: {
            type: 'array',
            minItems: 1,
            items: {
                type: 'object',
                required: ['id', 'endings', 'counts', 'units', 'wrong'],
                properties: {
                    id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
                    endings: unitList,
                    counts: { type: 'string', minLength: 1 },
                    units: unitList,
                    fix: { type: 'string', minLength: 1 },
                    wrong: unitList
                },
                additionalProperties: false
            }
        }
    },
    additionalProperties: false
} as const;

/** Schema of each data file, by file name. */
export const dataSchemas: Readonly<Record<string, object>> = {
    'taxonomy.yaml': taxonomySchema,
    'units.yaml': unitsSchema,
    'vague-words.yaml': vagueWordsSchema,
    'indicator-names.yaml': indicatorNamesSchema,
    'name-units.yaml': nameUnitsSchema
};
