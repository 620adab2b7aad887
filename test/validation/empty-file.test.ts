import { describe, expect, test } from 'vitest';
import { parseAndValidate } from '../../language/documents.js';
import { jxmb } from '../helpers/services.js';

// An emptied file, or one with only comments, has no table to check or export. It used to pass with no finding,
// and a folder review ranked it first, as the cleanest submission.

const findings = async (text: string) => (await parseAndValidate(jxmb(), text)).diagnostics
    .map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)}`);

describe('a file without a table', () => {
    test.each([['empty', ''], ['only comments', '// 2025 年度申报表，待填写\n/* 草稿 */\n'], ['only spaces', '\n\u3000 \n']])('%s: one warning at 1:1', async (_, text) => {
        expect(await findings(text)).toEqual(['1:1 structure/empty-file']);
    });

    test('a table, even an empty one, is not an empty file', async () => {
        expect(await findings('项目支出 "单位" 年度 2024 { }\n')).not.toContain('1:1 structure/empty-file');
    });
});
