import { expect, test } from 'vitest';
import { parseAndValidate } from '../../language/documents.js';
import { CHECK_FAILED } from '../../language/validation/registry.js';
import { readSample, sampleFiles } from '../helpers/samples.js';
import { jxmb } from '../helpers/services.js';

// While a person types, the file is a sample cut short: the parser recovers with parts of the tree missing. Every
// check must cope with what recovery leaves (an absent name or text), or the person sees 「jxmb 内部错误」 instead of
// findings. Cut each sample after each line, and after each keyword that takes a text.

test.each(sampleFiles())('%s cut short anywhere: no check breaks on the recovered tree', async name => {
    const text = readSample(name);
    const lineEnds = [...text.matchAll(/\n/g)].map(m => m.index!);
    // Right after a keyword that takes a text or a name (`绩效目标 `, `任务 `): the text is not there yet.
    const beforeTexts = [...text.matchAll(/[\u4e00-\u9fff]+ (?=["“「])/g)].map(m => m.index! + m[0].length);
    const broken: string[] = [];
    for (const end of [...lineEnds, ...beforeTexts]) {
        const { diagnostics } = await parseAndValidate(jxmb(), text.slice(0, end));
        const failure = diagnostics.map(d => String(d.message)).find(m => m.startsWith(CHECK_FAILED));
        if (failure) broken.push(`cut at ${end}: ${failure.split('\n')[0]}`);
    }
    expect(broken).toEqual([]);
}, 120_000);
