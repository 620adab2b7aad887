import { describe, expect, test } from 'vitest';
import { applyFixAndRecheck, fixesFor } from '../helpers/fixes.js';

// The lightbulb on a syntax error whose repair the line makes certain; after it the file parses.

const indicators = (rows: string) => `部门整体 "测试单位" 年度 2024 {\n  绩效指标 { 产出指标 { 数量指标 {\n${rows}\n  } } }\n}\n`;

describe('quick-fixes of syntax errors', () => {
    test.each([
        ['the colon between a 三级 name and its value', indicators('    "举办活动场次" ≥45场次'), 'parsing-error', '在名称后插入「：」', '"举办活动场次"：≥45场次'],
        ['the colon, before a bare number', indicators('    "举办活动场次"  45场次'), 'parsing-error', '在名称后插入「：」', '"举办活动场次"：45场次'],
        ['the colon before a quoted value, which parses as a second name', indicators('    "发布科普文章数量" "不少于50篇"'), 'structure/missing-colon', '在名称后插入「：」', '"发布科普文章数量"："不少于50篇"'],
        ['the quotes of a name', indicators('    举办活动场次：≥45场次'), 'parsing-error', '加上引号', '"举办活动场次"：≥45场次'],
        ['the quotes of a text value', indicators('    "活动成效"：明显'), 'parsing-error', '加上引号', '"活动成效"："明显"'],
        ['the quotes of a name starting with a Han character beyond the BMP', indicators('    𠀀组织活动场次：≥20场次'), 'parsing-error', '加上引号', '    "𠀀组织活动场次"：≥20场次'],
        ['the quotes of a text value with a Han character beyond the BMP', indicators('    "活动成效"：明显𠮷'), 'parsing-error', '加上引号', '"活动成效"："明显𠮷"'],
        ['the quotes of a whole word-form value, not of its first word', indicators('    "发布科普文章数量"：不少于50篇'), 'parsing-error', '加上引号：「"不少于50篇"」', '"发布科普文章数量"："不少于50篇"\n'],
        ['the quotes of a word-form percentage', indicators('    "活动覆盖率"：达到95%；"b"：≥1场次'), 'parsing-error', '加上引号', '"活动覆盖率"："达到95%"；"b"：≥1场次'],
        ['the quotes of a word-form value up to a 「，」 before the next row', indicators('    "活动覆盖率"：达到95%，"b"：≥1场次\n    "c"：≥2场次；"d"：≥3场次'), 'parsing-error', '加上引号', '"活动覆盖率"："达到95%"，"b"：≥1场次\n'],
        ['the quotes of a word-form value up to a comment', indicators('    "发布科普文章数量"：不少于2,000篇  // 暂定'), 'parsing-error', '加上引号', '"发布科普文章数量"："不少于2,000篇"  // 暂定'],
        ['the quotes of a 实施周期 value, not of the 年度 one', indicators('    "发布科普文章数量" 实施周期：不少于50篇 年度：≥20篇'), 'parsing-error', '加上引号', '实施周期："不少于50篇" 年度：≥20篇'],
        ['the quotes of a text field', '部门整体 "测试单位" 年度 2024 {\n  总体绩效目标：完成全年任务\n}\n', 'parsing-error', '加上引号', '总体绩效目标："完成全年任务"'],
        ['the quotes of a quantity in words, around all of it', indicators('    "发布科普文章数量"：不少于50篇'), 'parsing-error', '加上引号', '"发布科普文章数量"："不少于50篇"'],
        ['the quotes of a number with words after it, around all of it', indicators('    "参展商满意度"：95%及以上'), 'parsing-error', '加上引号', '"参展商满意度"："95%及以上"'],
        ['a 「：」 value followed by a 年度 one: the first is the 实施周期', indicators('    "举办活动场次"：≥45场次 年度：≥40场次'), 'parsing-error', '写作「实施周期：… 年度：…」', '"举办活动场次" 实施周期：≥45场次 年度：≥40场次'],
        ['the same with a text value and a name after a brace', indicators('    } 质量指标 { "活动质量"："良好" 年度："合格"'), 'parsing-error', '写作「实施周期：… 年度：…」', '{ "活动质量" 实施周期："良好" 年度："合格"'],
        ['the closing quote of a text value, before the next row', indicators('    "活动成效"："明显提升\n    "发布文章数量"：≥5篇'), 'lexing-error', '在行尾补上「"」', '"活动成效"："明显提升"\n    "发布文章数量"'],
        ['the closing quote of a text value being typed', indicators('    "活动成效"：“提升  \n    "发布文章数量"：≥5篇'), 'lexing-error', '在行尾补上「”」', '"活动成效"：“提升”  \n'],
        ['a date in 年月日', indicators('    "完成时间"：≤2024年12月31日'), 'parsing-error', '改为「≤2024-12-31」', '"完成时间"：≤2024-12-31\n'],
        ['a date in 年月日 before 前', indicators('    "完成时间"：2024年6月30日前'), 'parsing-error', '改为「≤2024-06-30」', '"完成时间"：≤2024-06-30\n'],
        ['a range written with a hyphen', indicators('    "满意度"：90-95%'), 'lexing-error', '改为区间号「～」', '"满意度"：90～95%'],
        // Slips of an input method.
        ['a 「；」 where the colon belongs', indicators('    "举办活动场次"；≥20场次'), 'parsing-error', '把「；」改为「：」', '"举办活动场次"：≥20场次'],
        ['a 「，」 where the colon belongs', indicators('    "举办活动场次"，20场次'), 'parsing-error', '把「，」改为「：」', '"举办活动场次"：20场次'],
        ['the colon typed twice', indicators('    "举办活动场次"：：≥20场次'), 'parsing-error', '删去多余的「：」', '"举办活动场次"：≥20场次'],
        ['full-width digits', indicators('    "举办活动场次"：≥２０场次'), 'lexing-error', '改为半角数字「20」', '"举办活动场次"：≥20场次'],
        ['a 一级 written short', '部门整体 "测试单位" 年度 2024 {\n  绩效指标 { 产出 { 数量指标 { "a"：≥1场次 } } }\n}\n', 'parsing-error', '改为「产出指标」', '绩效指标 { 产出指标 { 数量指标'],
        ['a 二级 written short', '部门整体 "测试单位" 年度 2024 {\n  绩效指标 { 产出指标 { 数量 { "a"：≥1场次 } } }\n}\n', 'parsing-error', '改为「数量指标」', '产出指标 { 数量指标 { "a"']
    ])('%s', async (_what, before, code, title, expected) => {
        const { text } = await applyFixAndRecheck(before, code, title);
        expect(text).toContain(expected);
    });

    test('no repair is guessed where the line does not make it certain', async () => {
        // A 「：」 with nothing after it: the value to write is the author's.
        const { fixes } = await fixesFor(indicators('    "举办活动场次"：\n    "发布文章数量"：≥5篇'), 'parsing-error');
        expect(fixes).toEqual([]);
        // A range's missing end.
        expect((await fixesFor(indicators('    "满意度"：90 ～'), 'parsing-error')).fixes).toEqual([]);
        // A month without its day: 12-01 or 12-31?
        expect((await fixesFor(indicators('    "完成时间"：2024年12月前'), 'parsing-error')).fixes.filter(f => f.title.startsWith('改为'))).toEqual([]);
        // A value glued to 「//」, which the lexer reads as part of its unit: quotes would turn the rest of the line,
        // with its string, into a comment (found by the quick-fix property test).
        for (const value of ['不少于50篇//"说明" 暂定', '不少于50篇/*"说明" 暂定']) {
            expect((await fixesFor(indicators(`    "发布科普文章数量"：${value}`), 'parsing-error')).fixes.filter(f => f.title.startsWith('加上引号'))).toEqual([]);
        }
    });
});

test('a project whose indicators are the 保密 placeholder is marked 保密 by the lightbulb, and the placeholder\'s findings go', async () => {
    const before = [
        '项目支出 "测试单位" 年度 2024 {',
        '  合计 { 总计 5.00 财政拨款 5.00 }',
        '  单位 "测试单位" {',
        '    资金 { 总计 5.00 财政拨款 5.00 }',
        '    项目 "乙" {',
        '      资金 { 总计 5.00 财政拨款 5.00 }',
        '      绩效指标 { 产出指标 { 数量指标 { "保密项目"："保密项目" } } }',
        '    }',
        '  }',
        '}'
    ].join('\n');
    const { text, diagnostics } = await applyFixAndRecheck(before, 'structure/secret-unmarked', '标为保密');
    expect(text).toContain('项目 "乙" 保密 {');
    expect(diagnostics.map(d => d.code)).toEqual([]);
});
