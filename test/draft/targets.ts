// The draft targets (tasks, projects) of a sample, for the draft tests.
import { readTargets } from '../../language/draft/api.js';
import { findTarget, type DraftTarget } from '../../language/draft/targets.js';
import { readSample, sampleFiles } from '../helpers/samples.js';
import { jxmb } from '../helpers/services.js';

export async function sampleTargets(sample: string): Promise<DraftTarget[]> {
    const { targets, syntaxErrors } = await readTargets(jxmb(), readSample(sample));
    if (syntaxErrors.length) throw new Error(`${sample}: syntax errors`);
    return targets;
}

export async function sampleTarget(sample: string, name: string): Promise<DraftTarget> {
    const target = findTarget(await sampleTargets(sample), name);
    if (!target) throw new Error(`${sample}: no target ${name}`);
    return target;
}

/** The five seed samples (000 … 004). */
export const seedSamples = (): string[] => sampleFiles().filter(f => /^\d{3}/.test(f));

export const SEED000 = '000-nansha-kexie.jxmb';
export const SEED002 = '002-guangzhou-kexie-projects.jxmb';
