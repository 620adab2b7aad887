import { describe, expect, it } from 'vitest';
import { boundedParsers } from '../../language/parse/recovery-depth.js';
import { readSample, sampleFiles } from '../helpers/samples.js';
import { jxmb } from '../helpers/services.js';

// A file of many rows with the same mistake: each row is one syntax error, and what the parser works out at an error
// that depends only on the grammar is worked out once, not once per row (parse/no-viable-alt.ts, recovery-depth.ts).
// 10,000 such rows took ≈ 5 s to check, half of it in these two computations. Counted, not timed.

const sample = readSample(sampleFiles()[0]!);
const rows = (row: (i: number) => string, n: number) =>
    sample.replace(/(数量指标\s*\{\n)/, `$1${Array.from({ length: n }, (_, i) => row(i)).join('')}`);

type Production = { accept: (visitor: unknown) => void };
type Wrapper = { getGAstProductions(): Record<string, Production>; flattenFollowSet(): unknown[] };

/** A new parser, with counts of its searches of the grammar's rules and of the follow sets it flattens. */
function countingParser() {
    const parser = boundedParsers.LangiumParser(jxmb());
    const wrapper = (parser as unknown as { wrapper: Wrapper }).wrapper;
    const counts = { grammarSearches: 0, followSets: 0 };
    for (const rule of Object.values(wrapper.getGAstProductions())) {
        const accept = rule.accept;
        rule.accept = function (this: Production, visitor: unknown) {
            counts.grammarSearches++;
            return accept.call(this, visitor);
        };
    }
    const flatten = wrapper.flattenFollowSet;
    wrapper.flattenFollowSet = function (this: Wrapper) {
        counts.followSets++;
        return flatten.call(this);
    };
    return { parser, counts };
}

describe('1,000 rows with the same syntax error', () => {
    it.each([
        ['「：」typed twice', (i: number) => `"活动场次${i}"：：20场次\n`],
        ['unquoted text values', (i: number) => `"发布文章${i}"：不少于50篇\n`]
    ])('%s: the grammar is searched and the follow sets are built a few times, not once per row', (_name, row) => {
        const { parser, counts } = countingParser();
        const result = parser.parse(rows(row, 1000));
        expect(result.parserErrors).toHaveLength(1000);
        // each error's message names what may stand there, the same for every row
        expect(new Set(result.parserErrors.map(e => e.message)).size).toBe(1);
        expect(counts.grammarSearches).toBeLessThanOrEqual(5);
        expect(counts.followSets).toBeLessThanOrEqual(10);
    });
});
