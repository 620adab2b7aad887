import { Ajv, type ErrorObject } from 'ajv';
import schema from '../../schemas/declaration.schema.json' with { type: 'json' };
import { once } from '../once.js';
import type { DeclarationFile } from './model.js';

// The schema is the model's contract: every model that enters (import, draft) or leaves (compile) is checked.
const validateModel = once(() => new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile<DeclarationFile>(schema));

export class ModelSchemaError extends Error {
    constructor(readonly errors: ErrorObject[]) {
        super('模型不符合 schemas/declaration.schema.json：' + errors.slice(0, 5).map(e => `${e.instancePath || '/'} ${e.message}`).join('；'));
    }
}

export function checkModel(model: unknown): ErrorObject[] {
    const validate = validateModel();
    return validate(model) ? [] : [...(validate.errors ?? [])];
}

export function assertValidModel(model: unknown): asserts model is DeclarationFile {
    const errors = checkModel(model);
    if (errors.length > 0) throw new ModelSchemaError(errors);
}
