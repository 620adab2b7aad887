import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentToModel } from '../../language/compile/from-ast.js';
import type { DeclarationFile } from '../../language/compile/model.js';
import { parseAndValidate } from '../../language/documents.js';
import type { Document } from '../../language/generated/ast.js';
import { jxmb } from './services.js';

export const samplesDir = fileURLToPath(new URL('../../samples', import.meta.url));
export const seedsDir = fileURLToPath(new URL('../../../shared/seeds', import.meta.url));

export function sampleFiles(): string[] {
    return readdirSync(samplesDir).filter(f => f.endsWith('.jxmb')).sort();
}

export function readSample(name: string): string {
    return readFileSync(join(samplesDir, name), 'utf8');
}

/** The seed file a sample was written from: samples/000-… ↔ shared/seeds/000_….txt */
export function seedOf(sample: string): string | undefined {
    const prefix = sample.slice(0, 3);
    const seed = readdirSync(seedsDir).find(f => f.startsWith(prefix + '_'));
    return seed && join(seedsDir, seed);
}

export async function modelOf(text: string): Promise<{ model: DeclarationFile; diagnostics: Awaited<ReturnType<typeof parseAndValidate>>['diagnostics'] }> {
    const { document, diagnostics } = await parseAndValidate(jxmb(), text);
    return { model: documentToModel(document.parseResult.value as Document), diagnostics };
}
