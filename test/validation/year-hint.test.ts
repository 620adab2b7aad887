import { describe, expect, test } from 'vitest';
import { applyFixAndRecheck, diagnose } from '../helpers/fixes.js';

// 「年度 2024年」 (as the table prints it) got only 「此处应为「{」，却是「年」」: nothing said that the header's 年度
// takes the number alone. The message says so and the quick-fix deletes the 年.

describe('年度 written with its 年', () => {
    test.each([
        ['部门整体 "测试单位" 年度 2024年 {\n  总体绩效目标 "完成"\n}\n', '年'],
        ['项目支出 "测试单位" 年度 2024年度 {\n}\n', '年度']
    ])('%s: the hint says 年度 takes only the number; the fix removes 「%s」', async (text, image) => {
        const { diagnostics } = await diagnose(text);
        const error = diagnostics.find(d => d.code === 'parsing-error' && String(d.message).includes(`却是 「${image}」`));
        expect(error?.message).toContain('（年度只写数字，如 年度 2024）');
        const fixed = await applyFixAndRecheck(text, 'parsing-error', `删去「${image}」`);
        expect(fixed.text).toContain('"测试单位" 年度 2024 {');
        expect(fixed.diagnostics.filter(d => d.code === 'parsing-error')).toEqual([]);
    });

    test('a 年 elsewhere (a value 2024年) gets no such hint', async () => {
        const { diagnostics } = await diagnose('部门整体 "测试单位" 年度 2024 {\n  绩效指标 { 产出指标 { 时效指标 { "完成时间"：≤2024年12月 } } }\n}\n');
        expect(diagnostics.map(d => String(d.message)).join('\n')).not.toContain('年度只写数字');
    });
});
