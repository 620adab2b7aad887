import fc from 'fast-check';
import { createLangiumParser } from 'langium';
import { describe, expect, it } from 'vitest';
import { acceptLongHiddenRuns } from '../../language/parse/hidden-runs.js';
import { rememberAltPaths } from '../../language/parse/no-viable-alt.js';
import { limitRecoveryDepth, resyncFaster } from '../../language/parse/recovery-depth.js';
import { anyJxmbText, editedSample, runs, SEED } from '../robustness/arbitraries.js';
import { dump, expectSameTree } from '../helpers/parse-dump.js';
import { readSample, sampleFiles } from '../helpers/samples.js';
import { jxmb } from '../helpers/services.js';

// After a syntax error the parser skips to a token that may follow; jxmb finds that token faster than Chevrotain
// (parse/recovery-depth.ts) and names what may stand at the error from paths it computed once (parse/no-viable-alt.ts).
// Recovery must stay exactly Chevrotain's: the same errors, messages, skipped tokens and trees.

const services = jxmb();
const chevrotains = limitRecoveryDepth(acceptLongHiddenRuns(createLangiumParser(services)));
const ours = rememberAltPaths(resyncFaster(limitRecoveryDepth(acceptLongHiddenRuns(createLangiumParser(services)))));

const sample = readSample(sampleFiles()[0]!);
const rows = (row: string, n: number) => sample.replace(/(数量指标\s*\{\n)/, `$1${row.repeat(n)}`);

describe('recovery from syntax errors finds the same places to resume as Chevrotain', () => {
    it.each([
        ['dates written with 年月日, more rows than nested recoveries', rows('"x"：≤2024年12月31日\n', 260)],
        ['doubled 「：」', rows('"x"：：20场次\n', 30)],
        ['dates written with 年月日 between rows recovered within themselves', rows('"x"：≤2024年12月31日\n"y"：：20场次\n"z"：不少于50篇\n', 90)],
        ['dates written with 年月日 in every 二级 block', sample.replace(/(指标\s*\{\n)/g, `$1${'"x"：≤2024年12月31日\n'.repeat(40)}`)],
        ['unquoted text values', rows('"x"：不少于50篇\n', 30)],
        ['values missing before the block ends, in each kind of block', sample.replace(/：[^\n]*\n(\s*\})/g, '：\n$1')],
        ['names without 「：」', rows('"名称" ≥20场次\n', 30)],
        ['a brace too many', sample.replace('绩效指标 {', '绩效指标 {{')],
        ['a block left open', sample.replace(/\}\s*$/, '')]
    ])('%s', (_name, text) => {
        const expected = chevrotains.parse(text);
        expect(expected.parserErrors.length).toBeGreaterThan(0);
        expectSameTree(dump(ours.parse(text)), dump(expected), text);
    });

    it('for any edited or random text', () => {
        fc.assert(fc.property(fc.oneof(editedSample, anyJxmbText), text => {
            expectSameTree(dump(ours.parse(text)), dump(chevrotains.parse(text)), text);
        }), { seed: SEED, numRuns: runs(300) });
    });
});
