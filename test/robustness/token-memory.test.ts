import { expect, test } from 'vitest';
import { useTempDir } from '../helpers/temp-dir.js';
import { expectOrderly, runBounded } from './bounded-cli.js';

// The first parse holds every token of the text. 4 million `{` (just under the 4 MB a .jxmb may have) are 4 million
// tokens: with a line and a column in each (nine fields) the check needed ≈ 460–490 MB of heap and died of it in
// 400 MB; with offsets only (parse/token-positions.ts) it needs ≈ 340 MB. Built CLI (`npm run build` first).

const { file } = useTempDir('jxmb-tokens-');

test('4 million tokens of junk are checked within a 400 MB heap: one syntax error at its line and column, exit 1', async () => {
    const path = file('junk.jxmb', '{'.repeat(4_000_000));
    const run = await runBounded(['check', path], undefined, 400);
    expectOrderly(run, 1);
    expect(run.stdout).toContain(`${path}:1:1 error parsing-error 语法错误`);
}, 120_000);
