import { describe, expect, test } from 'vitest';
import { formatExactAmount, plainNumber } from '../../language/compile/numbers.js';
import { printModel } from '../../language/compile/print-jxmb.js';
import { modelOf } from '../helpers/samples.js';

// Counterexamples the print(parse(x)) property found: the printer rounded amounts to two decimals (0.007 → 0.01)
// and wrote a large 年度 with an exponent (8e+21), which the grammar cannot read back.

describe('the printer keeps every number as written', () => {
    test.each([
        ['0.007', 0.007], ['1.005', 1.005], ['28,803.30', 28803.3], ['12345678901234567890123', 1.2345678901234568e22], ['0.0000001', 1e-7]
    ])('amount %s', async (written, value) => {
        const { model } = await modelOf(`部门整体 "x" 年度 2024 { 预算 { 项目支出 ${written} } }`);
        expect(model.declarations[0]).toMatchObject({ budget: { projectExpenditure: value } });
        const again = await modelOf(printModel(model));
        expect(again.model).toEqual(model);
    });

    test('a 年度 of any size prints without an exponent', async () => {
        const { model } = await modelOf('部门整体 "x" 年度 8000000000000000000000 { 基本信息 { 财政供养人员数 90000000000000000000000 } }');
        const printed = printModel(model);
        expect(printed).toContain('年度 8000000000000000000000 {');
        expect(printed).toContain('财政供养人员数 90000000000000000000000');
        expect((await modelOf(printed)).model).toEqual(model);
    });

    test('the table layout stays: thousands separators, at least two decimals', () => {
        expect(formatExactAmount(28803.3)).toBe('28,803.30');
        expect(formatExactAmount(0)).toBe('0.00');
        expect(formatExactAmount(1234567.125)).toBe('1,234,567.125');
        expect(formatExactAmount(1e21)).toBe('1,000,000,000,000,000,000,000.00');
        expect(plainNumber(2024)).toBe('2024');
        expect(plainNumber(1.5e-7)).toBe('0.00000015');
    });
});
