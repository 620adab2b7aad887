import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderXlsx } from '../../language/compile/xlsx.js';
import type { ReviewFinding, ReviewReport } from '../../language/review/report.js';
import { runJxmb } from '../helpers/run-cli.js';
import { compiled } from '../import/helpers.js';

// A review of a workbook speaks of the workbook: where a finding's advice would write .jxmb (「资金 { 总计 12.00 … }」,
// 「"约500人"」), the report on a table names the row and the table's columns instead. The same content as a .jxmb keeps
// the .jxmb wording, which is what its author types (testers' p29).

const table = `项目支出 "测试单位" 年度 2024 {
    单位 "测试单位" {
        项目 "科普讲座" {
            资金 { 总计 12.00  财政拨款 12.00 }
            绩效目标 "面向公众举办科普讲座不少于12场。"
            绩效指标 {
                产出指标 { 数量指标 { "科普讲座场次"：≥12场次  "培训人数约500人"："待定" } 时效指标 { "完成时间"：≤2024-12-31 } }
                效益指标 { 社会效益 { "科普受益人次"：≥2000人次 } }
                满意度指标 { 服务对象满意度 { "服务对象满意度"：≥90% } }
            }
        }
    }
}
`;

let dir: string;
let report: ReviewReport;

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jxmb-review-wording-'));
    mkdirSync(join(dir, '收件'));
    writeFileSync(join(dir, '收件', '测试单位.xlsx'), await renderXlsx(await compiled(table)));
    writeFileSync(join(dir, '收件', '测试单位.jxmb'), table);
    runJxmb(['check', join(dir, '收件'), '--report', join(dir, '报告.json')]);
    report = JSON.parse(readFileSync(join(dir, '报告.json'), 'utf8'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function findings(extension: string, code: string): ReviewFinding[] {
    const file = report.files.find(f => f.file.endsWith(extension));
    if (!file) throw new Error(`no ${extension} in the report`);
    return file.findings.filter(f => f.code === code);
}

describe('the advice of a finding on a workbook is in the table\'s words', () => {
    test('budget/missing-amount: the row\'s amounts by the table\'s column names, not a 资金 { … } block', () => {
        const rows = findings('.xlsx', 'budget/missing-amount');
        expect(rows.map(f => f.message)).toEqual([
            '缺少合计行，无法核对（合计=各单位之和，单位=其项目之和）；按各单位之和，合计行应为：总计 12.00，财政拨款 12.00。',
            '单位「测试单位」缺少资金行，无法核对（合计=各单位之和，单位=其项目之和）；按各项目之和，这一行应填：总计 12.00，财政拨款 12.00，财政专户拨款、其他资金留空。'
        ]);
        expect(rows[1]!.place.text).toBe('项目支出!A4');
    });

    test('hierarchy/target-in-name: the name and the 指标值 to write, without the .jxmb quotes', () => {
        const [finding] = findings('.xlsx', 'hierarchy/target-in-name');
        expect(finding!.message).toBe('三级指标名称「培训人数约500人」中写了目标值「约500人」：目标值应写在指标值中，名称只写衡量什么，如三级指标写「培训人数」，指标值写「约500人」。');
    });

    test('no finding on the workbook writes .jxmb: no block, no ASCII quote', () => {
        const file = report.files.find(f => f.file.endsWith('.xlsx'))!;
        for (const f of file.findings) expect(f.message, f.code).not.toMatch(/[{}"]/);
    });

    test('the same content as a .jxmb keeps the .jxmb wording its author types', () => {
        expect(findings('.jxmb', 'budget/missing-amount').map(f => f.message)).toContain(
            '单位「测试单位」缺少资金行，无法核对（合计=各单位之和，单位=其项目之和）；按各项目之和应为「资金 { 总计 12.00  财政拨款 12.00 }」。');
        expect(findings('.jxmb', 'hierarchy/target-in-name')[0]!.message).toContain('如「培训人数」："约500人"。');
    });
});
