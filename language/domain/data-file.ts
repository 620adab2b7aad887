import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse, YAMLError } from 'yaml';

/** A data file under language/domain/data is broken. The message names the file and the path inside it. */
export class DataFileError extends Error {
    constructor(readonly file: string, readonly path: string, readonly detail: string) {
        super(`${file}${path ? ` ${path}` : ''}: ${detail}`);
        this.name = 'DataFileError';
    }
}

// One validator instance for all data files, made on first use (the bundles carry checked data and never need it);
// strict mode catches typos in the schemas themselves.
let ajv: Ajv | undefined;

/** `/level1/0/level2/2/code` → `level1[0].level2[2].code`: the way a reader finds the spot in the YAML. */
export function yamlPath(instancePath: string): string {
    if (!instancePath) return '(root)';
    return instancePath
        .split('/')
        .slice(1)
        .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

function describe(error: ErrorObject): string {
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'additionalProperties') return `unknown property "${String(params['additionalProperty'])}"`;
    if (error.keyword === 'enum') return `${error.message}: ${JSON.stringify(params['allowedValues'])}`;
    return error.message ?? error.keyword;
}

/**
 * Parses a YAML data file and checks it against its JSON schema: when the bundles are built (data-check.ts) and in
 * the tests of broken files. Throws a {@link DataFileError} on a syntax error or on the first schema violations, so a
 * broken data file fails with a message a person can act on.
 */
export function loadDataFile<T>(file: string, text: string, schema: object): T {
    let data: unknown;
    try {
        data = parse(text);
    } catch (error) {
        const where = error instanceof YAMLError && error.linePos ? `line ${error.linePos[0].line}` : '';
        const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
        throw new DataFileError(file, where, `YAML syntax error: ${message}`);
    }
    const validate = validatorFor(schema);
    if (!validate(data)) {
        const errors = validate.errors ?? [];
        const first = errors[0];
        const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
        throw new DataFileError(file, first ? yamlPath(first.instancePath) : '', (first ? describe(first) : 'invalid') + more);
    }
    return data as T;
}

// Each schema object is compiled once.
const validators = new WeakMap<object, ValidateFunction>();
function validatorFor(schema: object): ValidateFunction {
    let validate = validators.get(schema);
    if (!validate) {
        validate = (ajv ??= new Ajv({ allErrors: true, strict: true })).compile(schema);
        validators.set(schema, validate);
    }
    return validate;
}
