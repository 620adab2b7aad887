import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { renderXlsx } from '../../language/compile/xlsx.js';
import { importBytes, renderImport } from '../../language/import/import.js';
import { seedOf } from '../helpers/samples.js';
import { docx, type DocxCell } from './helpers.js';

// 「其他需完成的任务（可选项）」 stands in every official table, filled or not, and compile writes it empty for a
// declaration without one. Left empty it says nothing: the import leaves it out, rather than writing
// 其他需完成的任务 "" — which a round trip through a compiled workbook would add to a file that had no such line.

const t = (text: string, span = 1): DocxCell => ({ text, span });

describe('an empty 其他需完成的任务 row', () => {
    test('in a .docx table: not imported, no line in the .jxmb', async () => {
        const result = await importBytes(docx(['2024年部门整体支出绩效目标表'], [
            [t('部门名称'), t('某协会', 5)],
            [t('其他需完成的任务（可选项）'), t('', 5)],
            [t('绩效指标'), t('一级指标'), t('二级指标'), t('三级指标'), t('实施周期指标值'), t('年度指标值')],
            [t(''), t('产出指标'), t('数量指标'), t('活动场次'), t('≥5场'), t('≥5场')]
        ]));
        const d = result.model.declarations[0]!;
        expect(d.kind === 'department' && d.otherTasks).toBeNull();
        expect(renderImport(result, 'test')).not.toContain('其他需完成的任务');
        expect(result.report).toEqual([]);
    });

    test('seed 004 (which has no such row) → compile --to xlsx → import: still none', async () => {
        const first = await importBytes(readFileSync(seedOf('004-guangzhou-kexie-2022.jxmb')!));
        const again = await importBytes(await renderXlsx(first.model));
        expect(renderImport(again, 'test')).not.toContain('其他需完成的任务');
    });
});
