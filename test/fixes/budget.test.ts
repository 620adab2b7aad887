import { describe, expect, test } from 'vitest';
import { BudgetCode } from '../../language/validation/budget.js';
import { applyFixAndRecheck, diagnose, fixesFor } from '../helpers/fixes.js';

// Budget quick-fixes: a missing amount is filled from the others (replacing 空, or adding the cell, its group or its
// row where the printer would put it), formatted like the printer (two decimals, thousands separators).

const department = (budget: string) => `部门整体 "测试单位" 年度 2024 {
    预算 {
${budget}
    }
}
`;

describe('budget/missing-amount', () => {
    test('seed 001: a blank 市本级使用资金 becomes 财政拨款+其他资金−对下转移支付资金', async () => {
        const text = department(`        部门预算支出 { 基本支出 631.23  项目支出 184.35 }
        收入来源 { 财政拨款 815.58  其他资金 空 }
        按预算级次划分 { 市本级使用资金 空  拟用于对下转移支付资金 空 }`);
        const { text: fixed, fix } = await applyFixAndRecheck(text, BudgetCode.missingAmount, '815.58');
        expect(fix.title).toBe('填入「市本级使用资金」815.58（财政拨款+其他资金）');
        expect(fixed).toContain('按预算级次划分 { 市本级使用资金 815.58  拟用于对下转移支付资金 空 }');
    });

    test('the fill subtracts the other cells that are present, with thousands separators', async () => {
        const text = department(`        部门预算支出 { 基本支出 28,803.30  项目支出 32,918.30 }
        收入来源 { 财政拨款 60,721.60  其他资金 1,000.00 }
        按预算级次划分 { 本级使用资金 空  对下转移支付资金 500.00 }`);
        const { fixes } = await fixesFor(text, BudgetCode.missingAmount);
        expect(fixes.map(f => f.title)).toContain('填入「本级使用资金」61,221.60（财政拨款+其他资金−对下转移支付资金）');
        const { text: fixed } = await applyFixAndRecheck(text, BudgetCode.missingAmount, '61,221.60');
        expect(fixed).toContain('本级使用资金 61,221.60  对下转移支付资金 500.00');
    });

    test('an absent cell is added to its group, in table order', async () => {
        const text = department(`        部门预算支出 { 项目支出 200.00 }
        收入来源 { 财政拨款 300.00 }
        按预算级次划分 { 本级使用资金 300.00 }`);
        const { text: fixed } = await applyFixAndRecheck(text, BudgetCode.missingAmount, '基本支出');
        expect(fixed).toContain('部门预算支出 { 基本支出 100.00  项目支出 200.00 }');
    });

    test('a cell written loose in 预算 gets its missing partner next to it', async () => {
        const text = department(`        项目支出 200.00
        收入来源 { 财政拨款 300.00 }
        按预算级次划分 { 本级使用资金 300.00 }`);
        const { text: fixed } = await applyFixAndRecheck(text, BudgetCode.missingAmount, '基本支出');
        expect(fixed).toContain('        基本支出 100.00\n        项目支出 200.00\n        收入来源 {');
    });

    test('seed 004 shape with 项目支出 blank: two ways to derive the blank, R1 first', async () => {
        const text = department(`        部门预算支出 { 基本支出 100.00  项目支出 空 }
        收入来源 { 财政拨款 170.00 }
        事业发展性支出 { 财政专项资金 20.00 }
        按预算级次划分 { 本级使用资金 170.00 }`);
        const { fixes } = await fixesFor(text, BudgetCode.missingAmount);
        expect(fixes.map(f => f.title)).toEqual([
            '填入「项目支出」70.00（财政拨款+其他资金−基本支出）',
            '填入「项目支出」50.00（财政拨款+其他资金−基本支出−财政专项资金）'
        ]);
        expect(fixes[0]!.isPreferred).toBe(true);
        await applyFixAndRecheck(text, BudgetCode.missingAmount, '50.00');
    });
});

const table = (body: string) => `项目支出 "测试单位" 年度 2024 {
    标题 "项目支出绩效目标表（含转移支付项目）"
${body}
}
`;

const project = (name: string, funds: string) => `        项目 "${name}" {
            资金 { ${funds} }
            绩效目标 "开展科普活动。"
            绩效指标 { 产出指标 { 数量指标 { "科普活动场次"：≥20场次 } } }
        }`;

describe('budget/missing-amount in 项目支出', () => {
    test('a blank 总计 becomes the sum of its columns', async () => {
        const text = table(`    合计 { 总计 1,200.00  财政拨款 1,000.00  其他资金 200.00 }
    单位 "甲" {
        资金 { 总计 1,200.00  财政拨款 1,000.00  其他资金 200.00 }
${project('一', '总计 空  财政拨款 1,000.00  财政专户拨款 空  其他资金 200.00')}
    }`);
        const { text: fixed } = await applyFixAndRecheck(text, BudgetCode.missingAmount, '总计');
        expect(fixed).toContain('资金 { 总计 1,200.00  财政拨款 1,000.00  财政专户拨款 空  其他资金 200.00 }');
    });

    test('an absent 总计 is added first in its row', async () => {
        const text = table(`    合计 { 总计 30.00  财政拨款 30.00 }
    单位 "甲" {
        资金 { 总计 30.00  财政拨款 30.00 }
${project('一', '财政拨款 30.00')}
    }`);
        const { text: fixed } = await applyFixAndRecheck(text, BudgetCode.missingAmount, '总计');
        expect(fixed).toContain('            资金 { 总计 30.00  财政拨款 30.00 }');
    });

    test('a unit without its 资金 row gets the sums of its projects', async () => {
        const text = table(`    合计 { 总计 130.00  财政拨款 130.00  财政专户拨款 空  其他资金 空 }
    单位 "甲" {
${project('一', '总计 30.00  财政拨款 30.00  财政专户拨款 空  其他资金 空')}
${project('二', '总计 100.00  财政拨款 100.00  财政专户拨款 空  其他资金 空')}
    }`);
        const { text: fixed, fix } = await applyFixAndRecheck(text, BudgetCode.missingAmount, '资金');
        expect(fix.title).toBe('按各项目之和补上「资金」行：总计 130.00  财政拨款 130.00  财政专户拨款 空  其他资金 空');
        expect(fixed).toContain('    单位 "甲" {\n        资金 { 总计 130.00  财政拨款 130.00  财政专户拨款 空  其他资金 空 }\n        项目 "一" {');
    });

    test('a table without 合计 gets it after its 标题', async () => {
        const text = table(`    单位 "甲" {
        资金 { 总计 8,234.33  财政拨款 8,234.33 }
${project('一', '总计 8,234.33  财政拨款 8,234.33')}
    }`);
        const { text: fixed } = await applyFixAndRecheck(text, BudgetCode.missingAmount, '合计');
        expect(fixed).toContain('    标题 "项目支出绩效目标表（含转移支付项目）"\n    合计 { 总计 8,234.33  财政拨款 8,234.33 }\n    单位 "甲" {');
    });

    test('a project without 资金 cannot be derived: reported, no fix offered', async () => {
        const text = table(`    合计 { 总计 0.00  财政拨款 0.00 }
    单位 "甲" {
        资金 { 总计 0.00  财政拨款 0.00 }
        项目 "一" { 绩效目标 "开展科普活动。" }
    }`);
        const { fixes, diagnostic } = await fixesFor(text, BudgetCode.missingAmount);
        expect(diagnostic.message).toContain('项目「一」缺少资金行');
        expect(fixes).toEqual([]);
    });
});

describe('budget/amount-format', () => {
    test('more than two decimals: rounded to two', async () => {
        const text = department(`        部门预算支出 { 基本支出 100.126  项目支出 0.00 }
        收入来源 { 财政拨款 100.13 }
        按预算级次划分 { 本级使用资金 100.13 }`);
        const { text: fixed } = await applyFixAndRecheck(text, BudgetCode.amountFormat);
        expect(fixed).toContain('基本支出 100.13  项目支出 0.00');
    });

    test('a leading zero: written as the printer writes it', async () => {
        const text = `部门整体 "测试单位" 年度 2024 {
    任务 "一" { 拟投入资金 01234.5 }
}
`;
        const { text: fixed } = await applyFixAndRecheck(text, BudgetCode.amountFormat, '1,234.50');
        expect(fixed).toContain('拟投入资金 1,234.50 }');
    });
});

describe('budget/missing-amount: where the added cell goes', () => {
    test('one item per line: on its own line, before the cells that follow it in the table', async () => {
        const text = department(`        部门预算支出 { 基本支出 100.00  项目支出 200.00 }
        收入来源 { 财政拨款 300.00 }
        按预算级次划分 {
            拟用于对下转移支付资金 0.00
        }`);
        const { text: fixed } = await applyFixAndRecheck(text, BudgetCode.missingAmount);
        expect(fixed).toContain('按预算级次划分 {\n            本级使用资金 300.00\n            拟用于对下转移支付资金 0.00\n        }');
    });

    test('an empty block on one line', async () => {
        const text = table(`    合计 { 总计 30.00  财政拨款 30.00 }
    单位 "甲" {
        资金 { }
${project('一', '总计 30.00  财政拨款 30.00')}
    }`);
        const { text: fixed } = await applyFixAndRecheck(text, BudgetCode.missingAmount, '总计');
        expect(fixed).toContain('        资金 { 总计 30.00 }');
    });

    test('an empty block on one line keeps the comment in it', async () => {
        const text = table(`    合计 { 总计 30.00  财政拨款 30.00 }
    单位 "甲" {
        资金 { /* 待核对 */ }
${project('一', '总计 30.00  财政拨款 30.00')}
    }`);
        const { text: fixed } = await applyFixAndRecheck(text, BudgetCode.missingAmount, '总计');
        expect(fixed).toContain('        资金 { 总计 30.00 /* 待核对 */ }');
    });

    test('cells written directly in 预算, without groups', async () => {
        const text = department('        基本支出 100.00  项目支出 200.00  财政拨款 300.00  对下转移支付资金 0.00');
        const { text: fixed } = await applyFixAndRecheck(text, BudgetCode.missingAmount);
        expect(fixed).toContain('基本支出 100.00  项目支出 200.00  财政拨款 300.00  本级使用资金 300.00  对下转移支付资金 0.00');
    });

    test('a part of the table not written at all is not checked (a draft)', async () => {
        const { diagnostics } = await diagnose(department('        部门预算支出 { 基本支出 100.00 }'));
        expect(diagnostics.filter(d => String(d.code).startsWith('budget/'))).toEqual([]);
    });

    test('in 预算 without groups, on one line: 项目支出 goes after 基本支出, not after 财政拨款', async () => {
        const text = department('        基本支出 100.00  财政拨款 300.00  本级使用资金 300.00');
        const { text: fixed } = await applyFixAndRecheck(text, BudgetCode.missingAmount, '项目支出');
        expect(fixed).toContain('基本支出 100.00  项目支出 200.00  财政拨款 300.00');
    });
});
