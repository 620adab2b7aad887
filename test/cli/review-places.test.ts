import { describe, expect, test } from 'vitest';
import { parseAndValidate } from '../../language/documents.js';
import { importBytes, renderImport } from '../../language/import/import.js';
import { Origins } from '../../language/import/origins.js';
import { generatedPlaceText, sourcePlaceText } from '../../language/review/place-text.js';
import { SourceMap } from '../../language/review/places.js';
import { buildReport, type FileReview } from '../../language/review/report.js';
import { importedFinding } from '../../language/review/review.js';
import { jxmb } from '../helpers/services.js';

// How a finding on an imported table finds its place: the smallest mapped range around it, else the nearest
// enclosing node that has a source cell, else the line of the generated .jxmb. And how places and order are written.

const table = [
    '部门名称\t测试单位',
    '绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值',
    '\t产出指标\t数量指标\t举办活动场次\t显著提升\t显著提升',
    '\t\t时效指标\t完成时间\t≤2024-12-31\t≤2024-12-31'
].join('\n');

async function imported() {
    const result = await importBytes(Buffer.from(table, 'utf8'));
    const text = renderImport(result, 'test.txt');
    const { document, diagnostics } = await parseAndValidate(jxmb(), text);
    const vague = diagnostics.find(d => d.code === 'measurability/vague-value');
    if (!vague) throw new Error(`no vague-value finding in: ${diagnostics.map(d => d.code).join(', ')}`);
    const d = result.model.declarations[0]!;
    if (d.kind !== 'department') throw new Error('not a department table');
    return { result, text, document, vague, d, block: d.indicators[0]!.groups[0]!.blocks[0]! };
}

describe('mapping a finding back to the table', () => {
    test('a value finding goes to the value cell', async () => {
        const { result, document, vague } = await imported();
        const origin = SourceMap.of(document, result.model, result.origins).originOf(vague.range);
        expect(origin?.cell.where).toBe('第3行第5列');
        expect(origin?.cell.text).toBe('显著提升');
    });

    test('without an origin for the indicator, the nearest enclosing node that has one: the 二级 label cell', async () => {
        const { result, document, vague, block } = await imported();
        const partial = new Origins();
        partial.set(block, '', result.origins.get(block)!.cell);
        partial.set(result.model.declarations[0]!, '', result.origins.get(result.model.declarations[0]!)!.cell);
        const origin = SourceMap.of(document, result.model, partial).originOf(vague.range);
        expect(origin?.cell.where).toBe('第3行第3列');
        expect(origin?.cell.text).toBe('数量指标');
    });

    test('when nothing maps: the line of the generated .jxmb, which holds the value', async () => {
        const { result, text, document, vague } = await imported();
        const finding = importedFinding(SourceMap.of(document, result.model, new Origins()), vague);
        const line = vague.range.start.line + 1;
        expect(finding.place).toEqual({ kind: 'generated', text: `（导入后第 ${line} 行）`, generated: { line, column: vague.range.start.character + 1 } });
        expect(text.split('\n')[line - 1]).toContain('显著提升');
    });

    test('a mapped finding carries both places: the original cell and the generated line', async () => {
        const { result, document, vague } = await imported();
        const finding = importedFinding(SourceMap.of(document, result.model, result.origins), vague);
        expect(finding.place).toMatchObject({ kind: 'line', line: 3, field: 5, text: '第3行第5列', generated: { line: vague.range.start.line + 1 } });
        expect(finding).toMatchObject({ severity: 'warning', code: 'measurability/vague-value' });
    });
});

describe('place texts', () => {
    test.each([
        [{ kind: 'sheet-cell', sheet: 'Sheet1', cell: 'D14' }, 'Sheet1!D14'],
        [{ kind: 'sheet-cell', sheet: '部门整体', cell: 'E8' }, '部门整体!E8'],
        [{ kind: 'sheet-cell', sheet: "项目 支出(2)", cell: 'G5' }, "'项目 支出(2)'!G5"],
        [{ kind: 'sheet-cell', sheet: "Bob's", cell: 'A1' }, "'Bob''s'!A1"],
        // Names Excel quotes because unquoted they would read as a cell (A1, R1C1 styles) or end early at 「!」.
        [{ kind: 'sheet-cell', sheet: 'A1', cell: 'B2' }, "'A1'!B2"],
        [{ kind: 'sheet-cell', sheet: 'xfd100', cell: 'B2' }, "'xfd100'!B2"],
        [{ kind: 'sheet-cell', sheet: 'R1C1', cell: 'B2' }, "'R1C1'!B2"],
        [{ kind: 'sheet-cell', sheet: 'R', cell: 'B2' }, "'R'!B2"],
        [{ kind: 'sheet-cell', sheet: 'c3', cell: 'B2' }, "'c3'!B2"],
        [{ kind: 'sheet-cell', sheet: 'RC2', cell: 'B2' }, "'RC2'!B2"],
        [{ kind: 'sheet-cell', sheet: '预算!表', cell: 'B2' }, "'预算!表'!B2"],
        [{ kind: 'sheet-cell', sheet: '2024年', cell: 'B2' }, "'2024年'!B2"],
        [{ kind: 'sheet-cell', sheet: 'ABCD1', cell: 'B2' }, 'ABCD1!B2'],
        [{ kind: 'sheet-cell', sheet: 'Sheet1', cell: 'B2' }, 'Sheet1!B2'],
        [{ kind: 'table-cell', table: 2, row: 7, column: 5 }, '表2 第7行第5列'],
        [{ kind: 'paragraph', paragraph: 3 }, '正文第3段'],
        [{ kind: 'line', line: 12, field: 3 }, '第12行第3列'],
        [{ kind: 'line', line: 40, endLine: 44 }, '第40–44行'],
        [{ kind: 'line', line: 9 }, '第9行']
    ] as const)('%o → %s', (place, text) => {
        expect(sourcePlaceText(place)).toBe(text);
    });

    test('the fallback names the generated line', () => {
        expect(generatedPlaceText(17)).toBe('（导入后第 17 行）');
    });
});

describe('the order of the report', () => {
    const file = (name: string, errors: number, warnings: number, share: number | null): FileReview => ({
        file: name, format: share === null ? null : 'xlsx', status: share === null ? 'failed' : 'checked', errors, warnings, infos: 0,
        measurability: share === null ? null : { indicators: 10, measurable: share * 10, share }, findings: [],
        ...(share === null ? { reason: '文件是空的。' } : {})
    });

    test('failed files first, then more errors, more warnings, lower measurability; names break ties', () => {
        const report = buildReport([
            file('a.jxmb', 0, 0, 1), file('b.xlsx', 1, 0, 1), file('c.docx', 0, 5, 0.9), file('d.txt', 0, 5, 0.5),
            file('e.xlsx', 0, 0, null), file('f.jxmb', 2, 0, 1), file('g.jxmb', 0, 0, 1)
        ], new Date('2024-05-01T08:00:00Z'));
        expect(report.files.map(f => f.file)).toEqual(['e.xlsx', 'f.jxmb', 'b.xlsx', 'd.txt', 'c.docx', 'a.jxmb', 'g.jxmb']);
        expect(report.totals).toEqual({ files: 7, checked: 6, failed: 1, errors: 3, warnings: 10, infos: 0 });
        expect(report.generatedAt).toBe('2024-05-01T08:00:00.000Z');
    });
});

test('an item of a 项目支出 绩效指标 cell is named by its number and name: the numbers restart with each list in the cell', async () => {
    const header = '项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标';
    const flat = '1、1-产出指标；11-数量指标；举办活动场次；实施周期指标值:≥5场次；年度指标值:≥5场次。'
        + '1、1-产出指标；11-数量指标；培训人次；实施周期指标值:≥100人次；年度指标值:≥100人次。';
    const rows = ['部门名称：某协会', header, '某协会\t10.00\t10.00\t\t\t\t', `某项目\t10.00\t10.00\t\t\t完成。\t${flat}`];
    const result = await importBytes(Buffer.from(rows.join('\n')));
    const d = result.model.declarations[0]!;
    if (d.kind !== 'project') throw new Error('not a project table');
    const indicators = d.spendingUnits.flatMap(u => u.projects).flatMap(p => p.indicators).flatMap(l => l.groups).flatMap(g => g.blocks).flatMap(b => b.indicators);
    expect(indicators.map(i => result.origins.get(i)?.detail)).toEqual(['第 1 项「举办活动场次」', '第 1 项「培训人次」']);
});

test('a duplicate name in a table points to the first by its cell, not by a line of the .jxmb the reviewer never sees', async () => {
    // It said 「（第 5 行已有）」: a line of the generated .jxmb, while the table's own row 3 holds the first.
    const rows = [
        '部门名称\t测试单位',
        '绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值',
        '\t产出指标\t数量指标\t举办活动场次\t≥12场次\t≥12场次',
        '\t\t时效指标\t完成时间\t≤2024-12-31\t≤2024-12-31',
        '\t\t质量指标\t举办活动场次\t≥10场次\t≥10场次'
    ].join('\n');
    const result = await importBytes(Buffer.from(rows, 'utf8'));
    const { document, diagnostics } = await parseAndValidate(jxmb(), renderImport(result, 'test.txt'));
    const duplicate = diagnostics.find(d => d.code === 'hierarchy/duplicate-name')!;
    const finding = importedFinding(SourceMap.of(document, result.model, result.origins), duplicate);
    expect(finding.place.text).toBe('第5行第4列');
    expect(finding.message).toContain('（第3行第4列已有）');
    expect(finding.message).not.toMatch(/第 \d+ 行/);
});
