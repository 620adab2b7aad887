import { describe, expect, test } from 'vitest';
import { parseAndValidate } from '../../language/documents.js';
import { jxmb } from '../helpers/services.js';

// A syntax error names what belongs at its place as the writer types it (「}」, 「：」), never by the grammar's
// token names (RBRACE, COLON, EOF), which mean nothing to the people who write these tables.

const messagesOf = async (text: string) => (await parseAndValidate(jxmb(), text)).diagnostics
    .filter(d => d.code === 'parsing-error' || d.code === 'lexing-error').map(d => d.message);

const indicators = (rows: string) => `部门整体 "测试单位" 年度 2024 {\n  绩效指标 { 产出指标 { 数量指标 {\n${rows}\n  } } }\n}\n`;

describe('syntax messages name the characters to type', () => {
    test.each([
        ['a missing closing brace', '部门整体 "测试单位" 年度 2024 {\n  总体绩效目标 "完成"\n', '「}」'],
        ['a block without its opening brace', '部门整体 "测试单位" 年度 2024 {\n  预算 基本支出 1 }\n}\n', '「{」'],
        ['a project table with a project straight under it', '项目支出 "测试单位" 年度 2024 {\n  项目 "甲" { }\n}\n', '「}」'],
        ['a comparison without its number', indicators('    "举办活动场次"：≥'), '「≥」 之后应为 日期（如 2024-12-31）、数字 之一，却是 「}」'],
        ['a value where a field needs one of several forms', indicators('    "举办活动场次" 实施周期 年度 ≥5场次'), '比较符号（≥、≤、= 等）'],
        ['a lone closing brace where a file ends', '部门整体 "测试单位" 年度 2024 {\n}\n}\n', '「}」 无法识别']
    ])('%s', async (_what, text, expected) => {
        const messages = await messagesOf(text);
        expect(messages.length).toBeGreaterThan(0);
        expect(messages.join('\n')).toContain(expected);
    });

    test('no message of many broken texts shows a token name of the grammar', async () => {
        const broken = [
            '部门整体 "测试单位" 年度 2024 {\n',
            '部门整体 "测试单位" 年度 2024 {\n}\n}\n',
            '部门整体 "测试单位" 年度 {\n}\n',
            indicators('    "举办活动场次" ≥ 5 场次'),
            indicators('    "举办活动场次"：≥ 5 ～'),
            indicators('    "举办活动场次"：≥'),
            indicators('    "举办活动场次"：5 ～ 场次'),
            indicators('    "举办活动场次" 实施周期 年度 ≥ 5 场次'),
            '部门整体 "测试单位" 年度 2024 {\n  预算 基本支出 1 }\n}\n',
            '部门整体 "测试单位" 年度 2024 {\n  预算 { 部门预算支出 { 基本支出 } }\n}\n',
            '项目支出 "测试单位" 年度 2024 {\n  项目 "甲" { }\n}\n',
            '项目支出 "测试单位" 年度 2024 {\n  单位 "甲" { 项目 { } }\n}\n',
            '"孤立的文字"'
        ];
        for (const text of broken) {
            const messages = await messagesOf(text);
            expect(messages.length, text).toBeGreaterThan(0);
            for (const message of messages) expect(message, text).not.toMatch(/[A-Z][A-Z_]{2,}/);
        }
    });
});

// Where the parser stops is often a token after the mistake; the message says what the line most likely lacks.
describe('syntax messages say what a 三级 row most likely lacks', () => {
    test.each([
        ['the colon between name and value', '    "举办活动场次" ≥45场次', '却是 「≥」（三级指标名称与指标值之间应有「：」）'],
        ['the colon, before a bare number', '    "举办活动场次" 45场次', '（三级指标名称与指标值之间应有「：」）'],
        ['the value after a colon, the next name taken for it', '    "举办活动场次"：\n    "发布文章数量"：≥5篇', '却是 「：」（上一行的「：」之后缺少指标值'],
        ['the quotes of a name', '    举办活动场次：≥45场次', '（三级指标名称要加引号，如 "举办活动场次"：）'],
        // Han characters beyond the BMP (a surrogate pair each) and of Extension A are read as the common ones.
        ['the quotes of a name starting with a Han character beyond the BMP', '    𠀀组织活动场次：≥20场次', '却是 「𠀀组织活动场次」（三级指标名称要加引号，如 "𠀀组织活动场次"：）'],
        ['a long name cut at 20 characters, a surrogate pair kept whole', '    一二三四五六七八九十一二三四五六七八九𠮷活动：≥1场次', '却是 「一二三四五六七八九十一二三四五六七八九𠮷…」'],
        ['the quotes of a name with 𠮷 and 㐀 in it', '    举办𠮷㐀活动场次：≥45场次', '（三级指标名称要加引号，如 "举办𠮷㐀活动场次"：）'],
        ['the quotes of a text value starting with a Han character beyond the BMP', '    "活动成效"：𠮷明显', '（文字指标值要加引号，如 "𠮷明显"'],
        ['the quotes of a text value', '    "活动成效"：提升', '（文字指标值要加引号，如 "提升"'],
        ['the quotes of a quantity in words, or its symbols', '    "发布科普文章数量"：不少于50篇', '却是 「不少于」（文字指标值要整段加引号，如 "不少于50篇"，或写成 ≥50篇）'],
        ['the quotes of a number with words after it, or its symbols', '    "参展商满意度"：95%及以上', '却是 「及以上」（文字指标值要整段加引号，如 "95%及以上"，或写成 ≥95%）'],
        ['a date in 年月日', '    "完成时间"：≤2024年12月31日', '却是 「12」（日期写作 ≤2024-12-31，或整段加引号，如 "≤2024年12月31日"）'],
        ['a date in 年月 without its day', '    "完成时间"：2024年12月前', '（日期写作 YYYY-MM-DD，如 ≤2024-12-31；按原样保留就加引号，如 "2024年12月前"）'],
        ['the upper end of a range', '    "满意度"：90 ～', '却是 「～」（区间的两端都要写数字'],
        ['the range sign, written as a hyphen', '    "举办活动场次"：45-50场次', '无法识别的字符「-」：区间写作「下限～上限」'],
        ['the quotes of a value after 实施周期', '    "活动成效" 实施周期 提升', '（文字指标值要加引号，如 "提升"'],
        ['the value after a colon, at the block\'s end', '    "举办活动场次"：', '却是 「}」（「：」之后缺少指标值）'],
        ['实施周期 before 年度', '    "举办活动场次" 年度：≥45场次 实施周期：≥50场次', '（先写实施周期，再写年度'],
        ['实施周期 after a value written once', '    "举办活动场次"：≥45场次 年度：≥40场次', '却是 「年度」（「：」之后的值是实施周期与年度共用的；两者不同时写作「"名称" 实施周期：… 年度：…」）'],
        ['the colon, in a block written on one line', '  } 质量指标 { "验收合格率" ≥95%', '却是 「≥」（三级指标名称与指标值之间应有「：」）']
    ])('%s', async (_what, rows, expected) => {
        expect((await messagesOf(indicators(rows))).join('\n')).toContain(expected);
    });

    test.each([
        ['a 一级 written short', '部门整体 "测试单位" 年度 2024 {\n  绩效指标 { 产出 { 数量指标 { "a"：≥1场次 } } }\n}\n', '却是 「产出」（应写作「产出指标」）'],
        ['a 二级 written short', '部门整体 "测试单位" 年度 2024 {\n  绩效指标 { 产出指标 { 数量 { "a"：≥1场次 } } }\n}\n', '却是 「数量」（应写作「数量指标」）'],
        ['a 项目 straight under 项目支出', '项目支出 "测试单位" 年度 2024 {\n  项目 "甲" { }\n}\n', '却是 「项目」（项目写在资金使用单位之内'],
        ['a text field without quotes', '部门整体 "测试单位" 年度 2024 {\n  总体绩效目标：完成全年任务\n}\n', '（文字要加引号，如 "完成全年任务"）']
    ])('%s', async (_what, text, expected) => {
        expect((await messagesOf(text)).join('\n')).toContain(expected);
    });

    test('a 一级 name where a 二级 goes is not mistaken for the 二级 it is short for', async () => {
        const messages = await messagesOf('部门整体 "测试单位" 年度 2024 {\n  绩效指标 { 满意度指标 { 满意度 { "a"：≥90% } } }\n}\n');
        expect(messages.join('\n')).toContain('却是 「满意度」。');
    });

    test('a row that is right gets no hint, and a hint is not guessed where the line says nothing', async () => {
        const messages = await messagesOf(indicators('    "举办活动场次"：≥45场次\n    "发布文章数量"：≥5篇\n    }'));
        expect(messages).toHaveLength(1);
        expect(messages[0]).toMatch(/^语法错误：[^（]*$/);
    });
});

// Rows copied from Excel arrive as cells between tabs: each cell is a syntax error of its own. The first error of such
// a line says what happened and where tables are read; the line's other errors and every other line stay plain.
describe('rows pasted from a table', () => {
    const PASTED = '像是从表格复制的单元格，以制表符分隔：整张表请用命令「jxmb: 从表格导入」或 jxmb import 导入；在这里逐行写作 "名称"：值';
    const hinted = (messages: ReadonlyArray<string | { value: string }>) => messages.map(String).filter(m => m.includes(PASTED));

    test('one hint per pasted line, on its first error, whatever its cells start with', async () => {
        const rows = [
            '    "举办科普讲座场次"：≥12场次',
            '产出指标\t数量指标\t举办活动场次\t≥10场\t≥10场',
            '效益指标\t社会效益指标\t公众满意\t提升\t提升',
            '    满意度指标\t服务对象满意度指标\t满意度\t≥90%\t≥90%'
        ].join('\n');
        const { diagnostics } = await parseAndValidate(jxmb(), indicators(rows));
        const errors = diagnostics.filter(d => d.code === 'parsing-error');
        expect(errors.length).toBeGreaterThan(3);
        const lines = hinted(errors.map(d => d.message)).map(m => errors.find(d => String(d.message) === m)!.range.start.line + 1);
        expect(lines).toEqual([4, 5, 6]);
        // On its first error: 「此处应为「}」，却是「产出指标」（…）。」
        expect(errors.find(d => d.range.start.line === 3)!.message).toBe(`语法错误：此处应为 「}」，却是 「产出指标」（这一行${PASTED}）。`);
    });

    test.each([
        ['a 二级 row under 绩效指标', '部门整体 "测试单位" 年度 2024 {\n  绩效指标 {\n    产出指标\t数量指标\t举办活动场次\t≥10场\t≥10场\n  }\n}\n'],
        ['the 三级 and its values only', indicators('    举办活动场次\t≥10场\t≥10场')]
    ])('%s', async (_what, text) => {
        expect(hinted(await messagesOf(text))).toHaveLength(1);
    });

    test('never on a line of jxmb, tabs or not, nor on words without tabs', async () => {
        const texts = [
            indicators('    "举办活动场次"：\t≥45场次\n    产出指标 数量指标 举办活动场次 ≥10场'),
            '部门整体 "测试单位" 年度 2024 {\n\t绩效指标\t{\t产出指标\t{\t数量指标\t{\n\t\t"a"\t≥1场次\n\t}\t}\t}\n}\n',
            '部门整体 "测试单位" 年度 2024 {\n  预算\t基本支出\t1 }\n}\n'
        ];
        for (const text of texts) {
            const messages = await messagesOf(text);
            expect(messages.length, text).toBeGreaterThan(0);
            expect(hinted(messages), text).toEqual([]);
        }
    });
});

// A minus sign is no character of jxmb: before an amount or a value it says what a negative number there means.
describe('a negative number says why it cannot stand', () => {
    const budget = (items: string) => `部门整体 "测试单位" 年度 2024 {\n  预算 { 部门预算支出 { ${items} } }\n}\n`;

    test.each([
        ['a negative amount', budget('基本支出 200.00  项目支出 -100.00'), '金额不能为负：「-100.00」'],
        ['a negative amount after a colon', budget('基本支出：-5'), '金额不能为负：「-5」'],
        ['a negative 拟投入资金', '部门整体 "测试单位" 年度 2024 {\n  任务 "甲" { 拟投入资金 -3.00 }\n}\n', '金额不能为负：「-3.00」'],
        ['a negative value, not the first row of its line', indicators('    "a"：≥1场次  "b"：-5%'), '指标值不能是负数「-5」']
    ])('%s', async (_what, text, expected) => {
        const messages = await messagesOf(text);
        expect(messages).toHaveLength(1);
        expect(messages[0]).toContain(expected);
        expect(messages[0]).not.toContain('无法识别的字符');
    });

    test('a hyphen between two numbers is still a range written wrong', async () => {
        expect((await messagesOf(indicators('    "举办活动场次"：45-50场次'))).join('\n')).toContain('区间写作「下限～上限」');
    });
});

// A pasted binary or a long run of symbols is one finding: its start, and how long it is, so that the writer knows
// how much to delete.
describe('a run of unreadable characters', () => {
    test('a short run is shown whole', async () => {
        expect(await messagesOf(`${indicators('    "举办活动场次"：≥45场次')}@@@\n`)).toEqual(['无法识别的字符「@@@」。']);
    });

    test('a long run shows its start and its length', async () => {
        const messages = await messagesOf(`${indicators('    "举办活动场次"：≥45场次')}${'@'.repeat(5000)}\n`);
        expect(messages).toEqual([`无法识别的字符「${'@'.repeat(20)}…」（连续 5,000 个字符）。`]);
    });
});

describe('what a syntax error explains is not reported besides it', () => {
    test('a row whose value the parser could not take is not also reported without value', async () => {
        const { diagnostics } = await parseAndValidate(jxmb(), indicators('    "举办活动场次" ≥45场次\n    "发布文章数量"'));
        const codes = diagnostics.map(d => `${d.range.start.line}:${String(d.code)}`);
        expect(codes).toContain('2:parsing-error');
        expect(codes).not.toContain('2:value/missing');
        // A row that has no value, and no syntax error, still is.
        expect(codes).toContain('3:value/missing');
    });
});
