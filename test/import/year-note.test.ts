import { describe, expect, test } from 'vitest';
import { importBytes } from '../../language/import/import.js';

// A table that names no 年度 imports without one; the report says so and how to give it (--year), so the user is
// not left to discover the gap from later checks.

const tsv = (...lines: string[]) => Buffer.from(lines.join('\n'));
const table = (...extra: string[]) => tsv(
    ...extra,
    '部门名称\t某协会',
    '总体绩效目标\t开展科普活动。',
    '绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值',
    '\t产出指标\t数量指标\t活动场次\t≥5场\t≥5场'
);
const yearNotes = (report: Array<{ kind: string; message: string; where: string }>) =>
    report.filter(entry => entry.kind === 'note' && /年度/.test(entry.message));

describe('a table without 年度', () => {
    test('imports without a year, and the report says none was found and that --year sets it', async () => {
        const result = await importBytes(table());
        expect(result.model.declarations[0]!.year).toBeNull();
        expect(yearNotes(result.report)).toEqual([{
            kind: 'note', where: '表头',
            message: '表中没有找到年度（没有年度栏，标题和文中也未写「某年度」）：未写入年度。可用 --year 指定年度（如 --year 2025），或导入后在 .jxmb 的名称后补写「年度 2025」。'
        }]);
    });

    test('texts naming several years: the note names them, since none of them can be chosen', async () => {
        const result = await importBytes(tsv(
            '部门名称\t某协会',
            '总体绩效目标\t延续2023年度工作，完成2024年度任务。',
            '绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值',
            '\t产出指标\t数量指标\t活动场次\t≥5场\t≥5场'
        ));
        expect(result.model.declarations[0]!.year).toBeNull();
        expect(yearNotes(result.report)).toEqual([expect.objectContaining({ message: expect.stringMatching(/文中提到几个年度（2023、2024年度）.*--year/) })]);
    });

    test('no such note when --year gives the year, or when the table has one', async () => {
        const given = await importBytes(table(), { year: 2024 });
        expect(given.model.declarations[0]!.year).toBe(2024);
        expect(yearNotes(given.report)).toEqual([]);
        const titled = await importBytes(table('2024年部门整体预算绩效目标申报表'));
        expect(titled.model.declarations[0]!.year).toBe(2024);
        expect(yearNotes(titled.report)).toEqual([]);
    });
});
