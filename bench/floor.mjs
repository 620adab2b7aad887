// The floor: what validating the same content costs with no editor machinery at all — JSON.parse of the canonical
// JSON and AJV validation against schemas/declaration.schema.json (with the options language/compile/schema.ts
// uses), in this process. The schema is compiled once, outside the timings.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Ajv } from 'ajv';
import { summarize } from './stats.mjs';

let validate;

function validator() {
    if (!validate) {
        const schema = JSON.parse(readFileSync(new URL('../schemas/declaration.schema.json', import.meta.url), 'utf8'));
        validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
    }
    return validate;
}

/** JSON.parse + validate of `json`, `runs` times: the first (cold) run and the summary of the others. */
export function measureFloor(json, runs) {
    const check = validator();
    const samples = [];
    let valid;
    for (let i = 0; i <= runs; i++) {
        const start = performance.now();
        valid = check(JSON.parse(json));
        samples.push(performance.now() - start);
    }
    const [first, ...rest] = samples;
    return { valid, errors: valid ? 0 : check.errors?.length ?? 0, firstMs: Math.round(first * 100) / 100, ...summarize(rest) };
}
