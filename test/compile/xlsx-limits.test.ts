import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { runJxmb } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { unzip } from '../import/helpers.js';

// `compile --to xlsx` refuses texts longer than an Excel cell holds, each at its place (the built CLI, `npm run
// build` first): all of them in one run, so that the author does not shorten one, compile, and learn of the next.

const { at, file } = useTempDir('jxmb-xlsx-limits-');

describe('compile --to xlsx with several texts too long for a cell', () => {
    test('each is reported at its line, exit 1, no workbook', () => {
        const input = file('two.jxmb', `部门整体 "x" 年度 2024 {\n    总体绩效目标 "${'长'.repeat(40_000)}"\n    其他需完成的任务 "${'多'.repeat(33_000)}"\n}\n`);
        const r = runJxmb(['compile', input, '--to', 'xlsx', '-o', at('two.xlsx')]);
        expect(r.code).toBe(1);
        const findings = r.stderr.split('\n').filter(line => line.includes('compile/out-of-range')).map(line => line.split(' error ')[0]);
        expect(findings).toEqual([`${input}:2:12`, `${input}:3:14`]);
        expect(r.stderr).toContain('有 40,000 个字符');
        expect(r.stderr).toContain('有 33,000 个字符');
        expect(existsSync(at('two.xlsx'))).toBe(false);
    });
});

// U+FFFE and U+FFFF (noncharacters: a UTF-16 byte order mark read the wrong way round, say) are valid in a .jxmb but
// not in XML: a cell holding one made a workbook that Excel reports as damaged. They stand for nothing and are left out.
describe('compile --to xlsx of a text holding U+FFFE or U+FFFF', () => {
    test('every part of the workbook is XML that Excel reads; the text is there without them', async () => {
        const input = file('nonchar.jxmb', '部门整体 "南沙\uffff科协\ufffe" 年度 2024 {\n    总体绩效目标 "完成\ufffe全年工作"\n}\n');
        const r = runJxmb(['compile', input, '--to', 'xlsx', '-o', at('nonchar.xlsx')]);
        expect(r.code, r.stderr).toBe(0);
        const parts = unzip(readFileSync(at('nonchar.xlsx')));
        for (const [name, bytes] of Object.entries(parts)) expect(/[\ufffe\uffff]/.test(bytes.toString('utf8')), name).toBe(false);
        expect(parts['xl/sharedStrings.xml']!.toString('utf8')).toContain('南沙科协');
        expect(parts['xl/sharedStrings.xml']!.toString('utf8')).toContain('完成全年工作');
    });
});
