import { describe, expect, test } from 'vitest';
import { parseAndValidate } from '../../language/documents.js';
import { jxmb } from '../helpers/services.js';

// A syntax error can leave a 部门整体, 单位, 项目 or 任务 without its quoted name. The other findings on it still
// stand (the text is being written); they say the name is missing, they never quote "undefined".

const messagesOf = async (text: string) => (await parseAndValidate(jxmb(), text)).diagnostics.map(d => String(d.message));

describe('findings on a node whose name the parser could not read', () => {
    test.each([
        ['部门整体 without its unit', '部门整体 年度 2024 {\n  总体绩效目标 "完成"\n}\n', '部门整体（未命名）没有三级绩效指标'],
        ['任务 without its name', '部门整体 "测试单位" 年度 2024 {\n  任务 { 期望目标 "举办活动不少于5场" }\n}\n', '任务（未命名）的期望目标承诺'],
        ['单位 without its name', '项目支出 "测试单位" 年度 2024 {\n  单位 { 项目 "甲" { } }\n}\n', '单位（未命名）缺少资金行'],
        ['项目 without its name', '项目支出 "测试单位" 年度 2024 {\n  单位 "甲" { 项目 { } }\n}\n', '项目（未命名）没有绩效目标']
    ])('%s', async (_what, text, expected) => {
        const messages = await messagesOf(text);
        expect(messages.some(m => m.includes('语法错误'))).toBe(true);
        expect(messages.join('\n')).toContain(expected);
        expect(messages.join('\n')).not.toContain('undefined');
    });
});
