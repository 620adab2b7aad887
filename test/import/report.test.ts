import { describe, expect, test } from 'vitest';
import { importBytes, readTables } from '../../language/import/import.js';
import { compiled, lostCells, modelDifferences } from './helpers.js';

// Nothing lost: a table with cells that have no place in the model. Every such cell must come out in the report
// with its place and full text, and everything else in the model.

const rows = [
    '附件2',
    '部门整体预算绩效目标申报表',
    '部门名称\t示例镇科学技术协会\t\t\t\t',
    '预算整体情况\t部门预算支出\t预算金额（万元）\t收入来源\t预算金额（万元）\t',
    '\t基本支出\t10.00\t财政拨款\t10.00\t',
    '\t预备费\t5.00\t\t\t',
    '总体绩效目标\t开展科普活动。\t\t\t\t',
    '年度重点工作任务\t名称\t主要实施内容\t拟投入的资金（万元）\t期望达到的目标（概述）\t',
    '\t科普活动\t组织科普活动。\t10.00\t活动不少于5场。\t见附页',
    '绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值',
    '\t\t\t孤立的指标\t≥1次\t≥1次',
    '\t产出指标\t数量指标\t开展科普活动场次\t≥5场\t≥5场',
    '\t\t科普活动\t开展科普讲座次数\t≥2次\t≥2次\t',
    '\t\t\t资金支出进度\t≥90%\t≥90%\t100%\t',
    '填表人：张三\t联系电话：12345678'
].join('\n');

const expected = `
部门整体 "示例镇科学技术协会" {
    标题 "部门整体预算绩效目标申报表"
    预算 { 部门预算支出 { 基本支出 10.00 } 收入来源 { 财政拨款 10.00 } }
    总体绩效目标 "开展科普活动。"
    任务 "科普活动" { 主要实施内容 "组织科普活动。" 拟投入资金 10.00 期望目标 "活动不少于5场。" }
    绩效指标 {
        产出指标 {
            数量指标 {
                "开展科普活动场次"：≥5场
                "开展科普讲座次数"：≥2次
                "资金支出进度"：≥90%
            }
        }
    }
}`;

describe('a table with cells the model has no place for', () => {
    test('the model holds what has a place', async () => {
        const result = await importBytes(Buffer.from(rows));
        expect(modelDifferences(result.model, await compiled(expected))).toEqual([]);
    });

    test('the report lists every other cell, with its line and column and its full text', async () => {
        const result = await importBytes(Buffer.from(rows));
        const unplaced = result.report.filter(e => e.kind === 'unplaced').map(e => `${e.where} ${e.text}`).sort();
        expect(unplaced).toEqual([
            '第11行第4列 孤立的指标', '第11行第5列 ≥1次', '第11行第6列 ≥1次',
            '第13行第3列 科普活动',
            '第14行第7列 100%',
            '第15行第1列 填表人：张三', '第15行第2列 联系电话：12345678',
            '第1行第1列 附件2',
            '第6行第2列 预备费', '第6行第3列 5.00',
            '第9行第6列 见附页'
        ].sort());
        // and each line says why
        expect(result.report.filter(e => e.kind === 'unplaced').every(e => e.message.length > 5)).toBe(true);
    });

    test('independently of the ledger: no cell is in neither the model nor the report', async () => {
        const bytes = Buffer.from(rows);
        const result = await importBytes(bytes);
        expect(lostCells((await readTables(bytes)).tables, result)).toEqual([]);
    });

    test('the independent check does catch a dropped cell', async () => {
        const bytes = Buffer.from(rows);
        const result = await importBytes(bytes);
        const withoutReport = { ...result, report: [] };
        expect(lostCells((await readTables(bytes)).tables, withoutReport)).toContain('第6行第2列: 预备费');
    });
});
