import { describe, expect, test } from 'vitest';
import { importBytes, renderImport } from '../../language/import/import.js';
import { compiled, docx, modelDifferences, printedModel, unzip, zip, type DocxCell } from './helpers.js';

// .docx tables (read with mammoth): a document built in the test — title paragraph, then the table with merged
// cells (vMerge for the 一级/二级 and block labels, gridSpan for wide cells) and a two-paragraph cell.

const t = (text: string, extra: Partial<DocxCell> = {}): DocxCell => ({ text, ...extra });
const start = (text: string): DocxCell => ({ text, merge: 'start' });
const cont: DocxCell = { merge: 'continue' };
const empty: DocxCell = {};

describe('部门整体 in a .docx table', () => {
    const rows: DocxCell[][] = [
        [t('部门名称'), t('示例县科学技术协会', { span: 5 })],
        [start('预算整体情况'), t('部门预算支出'), t('预算金额（万元）'), t('收入来源'), t('预算金额（万元）', { span: 2 })],
        [cont, t('基本支出'), t('50.00'), t('财政拨款'), t('80.00', { span: 2 })],
        [cont, t('项目支出'), t('30.00'), t('其他资金'), t('0.00', { span: 2 })],
        [cont, t('事业发展性支出'), t('预算金额（万元）'), t('按预算级次划分'), t('预算金额（万元）', { span: 2 })],
        [cont, t('财政专项资金'), t('0.00'), t('县本级使用资金'), t('80.00', { span: 2 })],
        [cont, t('其他事业发展性支出'), t('0.00'), t('拟用于对下转移支付资金'), t('0.00', { span: 2 })],
        [t('总体绩效目标'), t('开展科普活动。\n服务科技工作者。', { span: 5 })],
        [start('年度重点工作任务'), t('名称'), t('主要实施内容'), t('拟投入的资金（万元）'), t('期望达到的目标（概述）', { span: 2 })],
        [cont, t('科普活动'), t('组织科普活动。'), t('30.00'), t('开展科普活动不少于10场。', { span: 2 })],
        [t('其他需完成的任务（可选项）'), t('无', { span: 5 })],
        [start('绩效指标'), t('一级指标'), t('二级指标'), t('三级指标'), t('实施周期指标值'), t('年度指标值')],
        [cont, start('产出指标'), start('数量指标'), t('开展科普活动场次'), t('≥10场'), t('≥10场')],
        [cont, cont, cont, t('发放科普资料'), t('不少于1000份'), t('不少于1000份')],
        [cont, cont, t('时效指标'), t('完成时间'), t('≤2024-12-31'), t('≤2024-12-31')],
        [cont, t('满意度指标'), t('服务对象满意度指标'), t('服务对象满意度'), t('≥90%'), t('≥90%')],
        [t('备注'), t('', { span: 5 })]
    ];
    const expected = `
部门整体 "示例县科学技术协会" 年度 2024 {
    标题 "示例县科学技术协会2024年部门整体预算绩效目标申报表"
    预算 {
        部门预算支出 { 基本支出 50.00  项目支出 30.00 }
        收入来源 { 财政拨款 80.00  其他资金 0.00 }
        事业发展性支出 { 财政专项资金 0.00  其他事业发展性支出 0.00 }
        按预算级次划分 { 县本级使用资金 80.00  拟用于对下转移支付资金 0.00 }
    }
    总体绩效目标 "开展科普活动。
服务科技工作者。"
    任务 "科普活动" { 主要实施内容 "组织科普活动。" 拟投入资金 30.00 期望目标 "开展科普活动不少于10场。" }
    其他需完成的任务 "无"
    绩效指标 {
        产出指标 {
            数量指标 {
                "开展科普活动场次"：≥10场
                "发放科普资料"："不少于1000份"
            }
            时效指标 { "完成时间"：≤2024-12-31 }
        }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }
    }
    备注 ""
}`;

    test('merged cells and paragraphs: the expected model, nothing unplaced', async () => {
        const result = await importBytes(docx(['示例县科学技术协会2024年部门整体预算绩效目标申报表'], rows));
        expect(result.format).toBe('docx');
        expect(modelDifferences(result.model, await compiled(expected))).toEqual([]);
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([]);
        expect(modelDifferences(await printedModel(result), result.model)).toEqual([]);
    });

    test('a value merged over 实施周期 and 年度 fills both, and a name merged over two rows names both; the report says so', async () => {
        const merged = rows.map(row => row.slice());
        merged[merged.findIndex(row => row[3]?.text === '开展科普活动场次')] = [cont, start('产出指标'), start('数量指标'), t('开展科普活动场次'), t('≥10场', { span: 2 })];
        const i = merged.findIndex(row => row[3]?.text === '发放科普资料');
        merged[i] = [cont, cont, cont, start('发放科普资料'), t('不少于1000份'), t('不少于1000份')];
        merged.splice(i + 1, 0, [cont, cont, cont, cont, t('不少于800份'), t('不少于800份')]);
        const result = await importBytes(docx(['示例县科学技术协会2024年部门整体预算绩效目标申报表'], merged));
        const text = renderImport(result, 'test');
        expect(text).toContain('"开展科普活动场次"：≥10场\n');
        expect(text.match(/"发放科普资料"[^\n]*/g)).toEqual(['"发放科普资料"："不少于1000份"', '"发放科普资料"："不少于800份"']);
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([]);
        const notes = result.report.filter(e => e.kind === 'note').map(e => e.message);
        expect(notes).toContainEqual(expect.stringMatching(/合并单元格 表1 第\d+行第5–6列 中：按合并的值「≥10场」读取/));
        expect(notes).toContainEqual(expect.stringMatching(/合并单元格 表1 第\d+–\d+行第4列 中：按合并的值「发放科普资料」读取/));
    });

    test('rows that skip grid columns (w:gridBefore, w:gridAfter): each cell read in its grid column, the expected model', async () => {
        // As Word writes a table whose label cells were deleted rather than merged: the rows under 预算整体情况 and
        // 绩效指标 start in the second grid column. Read by their place in the row, every cell was a column to the left:
        // 基本支出 read as the block's label, 产出指标 as 一级 of nothing.
        const skipping = rows.map(row => row[0] === cont ? [{ skip: 1 }, ...row.slice(1)] : row);
        skipping[skipping.length - 1] = [t('备注'), t('', { span: 4 }), { skip: 1 }];
        const result = await importBytes(docx(['示例县科学技术协会2024年部门整体预算绩效目标申报表'], skipping));
        expect(modelDifferences(result.model, await compiled(expected))).toEqual([]);
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([]);
    });

    test('a skip only in a former row formatting (track changes: w:trPrChange) no longer applies; a skip of millions of columns is bounded', async () => {
        const withRowProperties = (properties: string) => {
            const parts = unzip(docx(['示例县科学技术协会2024年部门整体预算绩效目标申报表'], rows));
            // The rows of 基本支出 and 开展科普活动场次 (each the third of its block) get the properties.
            let n = 0;
            parts['word/document.xml'] = Buffer.from(parts['word/document.xml']!.toString('utf8')
                .replace(/<w:tr>/g, row => [3, 13].includes(++n) ? `<w:tr>${properties}` : row));
            return zip(parts);
        };
        const former = await importBytes(withRowProperties('<w:trPr><w:trPrChange w:id="5" w:author="张三"><w:trPr><w:gridBefore w:val="1"/></w:trPr></w:trPrChange></w:trPr>'));
        expect(modelDifferences(former.model, await compiled(expected))).toEqual([]);
        expect(former.report.filter(e => e.kind === 'unplaced')).toEqual([]);
        // Word's tables have at most 63 columns: the row is read, its cells placed after 63 empty ones.
        const hostile = await importBytes(withRowProperties('<w:trPr><w:gridBefore w:val="99999999"/><w:gridAfter w:val="99999999"/></w:trPr>'));
        expect(hostile.format).toBe('docx');
    });

    test('a paragraph that belongs nowhere is reported by its place in the document', async () => {
        const result = await importBytes(docx(['示例县科学技术协会2024年部门整体预算绩效目标申报表', '（盖章）'], rows));
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([expect.objectContaining({ where: '正文第2段', text: '（盖章）' })]);
    });

    test('an unplaced paragraph is called a paragraph, an unplaced table cell a cell', async () => {
        const withCell = rows.map((row, i) => i === 0 ? [t('部门名称'), t('示例县科学技术协会', { span: 3 }), t('草稿', { span: 2 })] : row);
        const result = await importBytes(docx(['示例县科学技术协会2024年部门整体预算绩效目标申报表', '（盖章）'], withCell));
        const unplaced = result.report.filter(e => e.kind === 'unplaced');
        expect(unplaced).toContainEqual(expect.objectContaining({ where: '正文第2段', message: '未能识别此段落属于表格的哪一部分' }));
        expect(unplaced.filter(e => e.where.startsWith('表1'))).toEqual([expect.objectContaining({ text: '草稿', message: '未能识别此单元格属于表格的哪一部分' })]);
    });
});

describe('项目支出 in a .docx table', () => {
    test('caption paragraphs, the header, and flattened strings with literal <p> wrappers', async () => {
        const flat = '<p>1、1-产出指标；11-数量指标；开展科普活动场次；实施周期指标值:≥20场次；年度指标值:≥20场次。</p>';
        const result = await importBytes(docx(['项目支出绩效目标表（含转移支付项目）', '部门名称：示例县科学技术协会', '单位：万元'], [
            [t('项目名称（资金使用单位）'), t('总计'), t('财政拨款'), t('财政专户拨款'), t('其他资金'), t('绩效目标'), t('绩效指标')],
            [t('合计'), t('20.00'), t('20.00'), empty, empty, empty, empty],
            [t('示例县科学技术协会'), t('20.00'), t('20.00'), empty, empty, empty, empty],
            [t('科普活动经费'), t('20.00'), t('20.00'), empty, empty, t('<p>开展科普活动。</p>'), t(flat)]
        ]));
        const expected = `
项目支出 "示例县科学技术协会" {
    标题 "项目支出绩效目标表（含转移支付项目）"
    合计 { 总计 20.00 财政拨款 20.00 财政专户拨款 空 其他资金 空 }
    单位 "示例县科学技术协会" {
        资金 { 总计 20.00 财政拨款 20.00 财政专户拨款 空 其他资金 空 }
        项目 "科普活动经费" {
            资金 { 总计 20.00 财政拨款 20.00 财政专户拨款 空 其他资金 空 }
            绩效目标 "<p>开展科普活动。</p>"
            绩效指标 { 产出指标 { 数量指标 { "开展科普活动场次"：≥20场次 } } }
        }
    }
}`;
        expect(modelDifferences(result.model, await compiled(expected))).toEqual([]);
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([]);
    });
});

// The test helper itself: a document of paragraphs only (no table rows given), as a tester built one to see what the
// importer says of a Word document without a table.
describe('the docx test helper', () => {
    test('given no table rows, writes the paragraphs and no table', () => {
        const document = unzip(docx(['示例区科学技术协会2024年部门整体预算绩效目标申报表'], []))['word/document.xml']!.toString('utf8');
        expect(document).toContain('示例区科学技术协会2024年部门整体预算绩效目标申报表');
        expect(document).not.toContain('<w:tbl>');
    });
});
