import { describe, expect, test } from 'vitest';
import { runJxmb } from '../helpers/run-cli.js';
import { samplesDir } from '../helpers/samples.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The measurability score and the counts by family, as a reviewer reads them on the command line.
describe('jxmb check --summary', () => {
    test('prints each file\'s measurable share and its findings by family', () => {
        const r = runJxmb(['check', join(samplesDir, '000-nansha-kexie.jxmb'), '--summary']);
        const line = r.stdout.split('\n').find(l => l.includes('可度量'));
        expect(line).toMatch(/000-nansha-kexie\.jxmb: 可度量 (\d+)\/42（\d+%）；错误 \d+，警告 \d+，提示 \d+；按类（错\/警\/提）：/);
        const [, measurable] = line!.match(/可度量 (\d+)\/42/)!;
        // 42 indicators; the vague ones (提升, 显著提升, 及时 …) are not measurable.
        expect(Number(measurable)).toBeLessThan(42);
        expect(Number(measurable)).toBeGreaterThan(20);
        // 成本控制率 ≤100% (line 73) is measurable, if weak: an info of its family, not a loss of the share.
        expect(line).toContain('measurability 0/10/1');
    });

    test('a file without any 三级 says so, not 「100%」 of nothing', () => {
        const dir = mkdtempSync(join(tmpdir(), 'jxmb-summary-'));
        try {
            writeFileSync(join(dir, 'empty.jxmb'), '// 尚未填写\n');
            const line = runJxmb(['check', join(dir, 'empty.jxmb'), '--summary']).stdout.split('\n').find(l => l.includes('empty.jxmb: '));
            expect(line).toContain('empty.jxmb: 无三级指标；错误 0，警告 1');
            expect(line).not.toContain('100%');
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    test('--format json carries the same summary per file', () => {
        const r = runJxmb(['check', join(samplesDir, 'tutorial.jxmb'), '--format', 'json']);
        const report = JSON.parse(r.stdout);
        const summary = report.summaries[report.files[0]];
        expect(summary).toMatchObject({ warnings: 1, infos: 1, errors: 0 });
        expect(summary.indicators).toBe(10);
        expect(summary.measurable).toBe(9);
        expect(summary.byFamily.measurability).toEqual({ errors: 0, warnings: 1, infos: 0 });
    });
});
