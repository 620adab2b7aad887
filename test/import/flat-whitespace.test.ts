import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { importBytes } from '../../language/import/import.js';
import { compiled, modelDifferences } from './helpers.js';

// A 项目支出 绩效指标 cell typed in Excel one item a line (Alt+Enter), or with a space after each 「。」: the white space
// between the numbered items separates them, as it does for a reader of the table; it is not part of the 年度 value.

const items = [
    '1、1-产出指标；11-数量指标；开展科普活动场次；实施周期指标值:≥20场次；年度指标值:≥20场次。',
    '2、1-产出指标；12-质量指标；活动验收合格率；实施周期指标值:≥95%；年度指标值:≥95%。',
    '3、2-效益指标；22-社会效益；科普受益人次；实施周期指标值:≥2万人次；年度指标值:≥2万人次。',
    '4、3-满意度指标；31-服务对象满意度；服务对象满意度；实施周期指标值:≥90%；年度指标值:≥90%。'
];

const expected = `
项目支出 "示例区科学技术协会" {
    合计 { 总计 100.00 财政拨款 100.00 财政专户拨款 空 其他资金 空 }
    单位 "示例区科学技术协会" {
        资金 { 总计 100.00 财政拨款 100.00 财政专户拨款 空 其他资金 空 }
        项目 "科普活动经费" {
            资金 { 总计 100.00 财政拨款 100.00 财政专户拨款 空 其他资金 空 }
            绩效目标 "全年开展科普活动不少于20场次。"
            绩效指标 {
                产出指标 {
                    数量指标 { "开展科普活动场次"：≥20场次 }
                    质量指标 { "活动验收合格率"：≥95% }
                }
                效益指标 { 社会效益 { "科普受益人次"：≥2万人次 } }
                满意度指标 { 服务对象满意度 { "服务对象满意度"：≥90% } }
            }
        }
    }
}`;

async function projectSheet(indicators: string): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('项目');
    const rows = [
        ['部门名称：示例区科学技术协会', null, null, null, null, null, '单位：万元'],
        ['项目名称（资金使用单位）', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标'],
        ['合计', 100, 100, null, null, null, null],
        ['示例区科学技术协会', 100, 100, null, null, null, null],
        ['科普活动经费', 100, 100, null, null, '全年开展科普活动不少于20场次。', indicators]
    ];
    rows.forEach((row, r) => row.forEach((value, c) => { if (value !== null) sheet.getCell(r + 1, c + 1).value = value; }));
    return Buffer.from(await book.xlsx.writeBuffer());
}

describe('white space between the items of a 绩效指标 cell', () => {
    test.each([
        ['a line break', '\n'],
        ['a Windows line break', '\r\n'],
        ['a space', ' '],
        ['a full-width space', '\u3000'],
        ['a line break and an indent', '\n  ']
    ])('%s after each 「。」: four indicators, each with its own 年度 value, nothing unplaced', async (_, space) => {
        const result = await importBytes(await projectSheet(items.join(space) + space));
        expect(modelDifferences(result.model, await compiled(expected))).toEqual([]);
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([]);
    });
});
