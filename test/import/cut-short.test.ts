import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { importBytes } from '../../language/import/import.js';
import { seedOf } from '../helpers/samples.js';

// A table that ends inside its 绩效指标 block may have been cut off — a truncated file, a copy that stopped short. The
// rows that are there import as they are; the report says where the table ends and that it may be incomplete, when
// its last 三级 lacks a value, or when a whole form (budget, goal or tasks above the indicators) has nothing after
// 产出指标 (every form goes on to 效益指标 and 满意度指标; an extract of the indicator block alone may stop anywhere).

const tsv = (...lines: string[]) => Buffer.from(lines.join('\n') + '\n');
const HEAD = ['部门名称\t某协会', '绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值', '\t产出指标\t数量指标\t活动场次\t≥5场\t≥5场'];
const cutNotes = (result: Awaited<ReturnType<typeof importBytes>>) =>
    result.report.filter(e => e.message.includes('不完整')).map(e => `${e.where} ${e.message}`);

describe('a table cut off in its 绩效指标 block', () => {
    test('the last row has its 三级 name but no values: a note at that row', async () => {
        const result = await importBytes(tsv(...HEAD, '\t效益指标\t社会效益指标\t受益人次'));
        expect(cutNotes(result)).toEqual([
            '第4行第4列 表格在三级指标「受益人次」这一行结束，这一行缺少指标值：表格可能不完整（文件被截断，或复制时少了后面的行），请与原表核对。'
        ]);
    });

    test('the last row lacks its 年度 value: a note too', async () => {
        const result = await importBytes(tsv(...HEAD, '\t效益指标\t社会效益指标\t受益人次\t≥100人次'));
        expect(cutNotes(result)).toHaveLength(1);
    });

    test('a whole form with nothing after 产出指标: a note at the last cell; the indicator block alone: none', async () => {
        const result = await importBytes(tsv('总体绩效目标\t开展科普活动。', ...HEAD, '\t\t\t培训人次\t≥100人次\t≥100人次'));
        expect(cutNotes(result)).toEqual([
            '第5行第6列 表格在绩效指标的产出指标之后就结束了，没有效益指标、满意度指标：表格可能不完整（文件被截断，或复制时少了后面的行），请与原表核对。'
        ]);
        expect(cutNotes(await importBytes(tsv(...HEAD, '\t\t\t培训人次\t≥100人次\t≥100人次')))).toEqual([]);
    });

    test('a whole table, or one ending with its 满意度指标 template row or with 备注: no note', async () => {
        const whole = ['\t满意度指标\t服务对象满意度指标\t满意度\t≥90%\t≥90%'];
        expect(cutNotes(await importBytes(tsv(...HEAD, ...whole)))).toEqual([]);
        expect(cutNotes(await importBytes(tsv(...HEAD, '\t\t\t受益人次', '备注\t无')))).toEqual([]);
        for (const sample of ['000-nansha-kexie.jxmb', '001-zhanjiang-kexie.jxmb', '003-baiyun-kexie.jxmb', '004-guangzhou-kexie-2022.jxmb']) {
            expect(cutNotes(await importBytes(readFileSync(seedOf(sample)!)))).toEqual([]);
        }
    });
});
