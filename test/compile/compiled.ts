import { isSyntaxError } from '../../language/cli/diagnostics.js';
import type { DeclarationFile, Indicator, IndicatorList } from '../../language/compile/model.js';
import { modelOf, readSample, sampleFiles } from '../helpers/samples.js';

/** Every sample's canonical model, compiled once per test file. */
export async function sampleModels(): Promise<Array<{ sample: string; model: DeclarationFile }>> {
    const out: Array<{ sample: string; model: DeclarationFile }> = [];
    for (const sample of sampleFiles()) {
        const { model, diagnostics } = await modelOf(readSample(sample));
        if (diagnostics.some(isSyntaxError)) throw new Error(`${sample} has syntax errors`);
        out.push({ sample, model });
    }
    return out;
}

export async function compileText(text: string): Promise<DeclarationFile> {
    const { model, diagnostics } = await modelOf(text);
    const errors = diagnostics.filter(isSyntaxError);
    if (errors.length) throw new Error(errors.map(e => e.message).join('\n'));
    return model;
}

export function indicatorsOf(lists: readonly IndicatorList[]): Indicator[] {
    return lists.flatMap(list => list.groups.flatMap(g => g.blocks.flatMap(b => b.indicators)));
}
