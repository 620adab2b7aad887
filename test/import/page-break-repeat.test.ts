import { describe, expect, test } from 'vitest';
import { importBytes } from '../../language/import/import.js';
import { compiled, modelDifferences } from './helpers.js';

// A printed table copied back page by page: the title and 部门名称 are printed again at the top of each page, above
// the repeated header. That is the same table going on, not a second declaration; a second table of the same unit
// (its own 基本信息 and 预算) is still a table of its own.

const title = '示例区科学技术协会2024年部门整体预算绩效目标申报表';
const header = '绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值';

describe('title and 部门名称 repeated after a page break', () => {
    test('one declaration, the indicators of both pages in it, nothing unplaced, a note at the repeated title', async () => {
        const text = [
            title,
            '部门名称\t示例区科学技术协会',
            header,
            '\t产出指标\t数量指标\t举办科普活动场次\t≥20场次\t≥20场次',
            title,
            '部门名称\t示例区科学技术协会',
            header,
            '\t\t质量指标\t活动验收合格率\t≥95%\t≥95%'
        ].join('\n');
        const result = await importBytes(Buffer.from(text));
        expect(modelDifferences(result.model, await compiled(`
部门整体 "示例区科学技术协会" 年度 2024 {
    标题 "${title}"
    绩效指标 {
        产出指标 {
            数量指标 { "举办科普活动场次"：≥20场次 }
            质量指标 { "活动验收合格率"：≥95% }
        }
    }
}`))).toEqual([]);
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([]);
        expect(result.report).toContainEqual({ kind: 'note', where: '第5行第1列', message: '标题在分页处重复：按同一张表继续读取。' });
    });

    test('a second whole table of the same unit (its own 基本信息): two declarations', async () => {
        const table = (staff: number) => [
            title,
            '部门名称\t示例区科学技术协会',
            `基本信息\t财政供养人员数（人）\t${staff}\t下属二级单位数（个）\t0`,
            header,
            '\t产出指标\t数量指标\t举办科普活动场次\t≥20场次\t≥20场次'
        ];
        const result = await importBytes(Buffer.from([...table(12), ...table(13)].join('\n')));
        expect(result.model.declarations).toHaveLength(2);
    });
});
