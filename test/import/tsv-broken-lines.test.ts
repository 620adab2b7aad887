import { describe, expect, test } from 'vitest';
import { importBytes } from '../../language/import/import.js';
import { compiled, modelDifferences, withoutYearNote } from './helpers.js';

// Tab-separated text copied out of a PDF: a cell that wraps is broken by a bare line break (no Excel quotes), so its
// row ends early and the next line starts with the rest of the cell. The two lines are one row; lines that only
// look short (a label row, a row of its own) stay as they are.

const table = (indicators: string[]) => [
    '部门名称\t示例区科学技术协会',
    '绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值',
    ...indicators,
    '备注\t本表金额单位为万元。'
].join('\n');

const expected = (indicators: string) => `
部门整体 "示例区科学技术协会" {
    绩效指标 {
        产出指标 {
            数量指标 {
${indicators}
            }
        }
    }
    备注 "本表金额单位为万元。"
}`;

describe('a tab-separated row broken over two lines', () => {
    test('a 三级 name and a value broken at the line end: one indicator each, joined, with a note naming the lines', async () => {
        const result = await importBytes(Buffer.from(table([
            '\t产出指标\t数量指标\t举办全国科普日活动场次\t≥45场次\t≥45场次',
            '\t\t\t举办全国科技周',
            '活动场次\t≥5场次\t≥5场次',
            '\t\t\t举办科普志愿活动场次\t≥96',
            '场次\t≥96场次',
            '\t\t\t发布科普文章数量\t≥210篇\t≥210篇'
        ])));
        expect(modelDifferences(result.model, await compiled(expected(`
                "举办全国科普日活动场次"：≥45场次
                "举办全国科技周活动场次"：≥5场次
                "举办科普志愿活动场次"：≥96场次
                "发布科普文章数量"：≥210篇`)))).toEqual([]);
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([]);
        const notes = withoutYearNote(result.report).filter(e => e.message.includes('折成了两行')).map(e => e.where);
        expect(notes).toEqual(['第4–5行', '第6–7行']);
    });

    test('a short row followed by a row of its own (starting with its label column) is not joined', async () => {
        const result = await importBytes(Buffer.from(table([
            '\t产出指标\t数量指标\t举办全国科普日活动场次\t≥45场次\t≥45场次',
            '\t\t\t资料归档数量\t≥5份',
            '\t\t\t发布科普文章数量\t≥210篇\t≥210篇'
        ])));
        expect(modelDifferences(result.model, await compiled(expected(`
                "举办全国科普日活动场次"：≥45场次
                "资料归档数量" 实施周期：≥5份
                "发布科普文章数量"：≥210篇`)))).toEqual([]);
        expect(result.report.some(e => e.message.includes('折成了两行'))).toBe(false);
    });
});
