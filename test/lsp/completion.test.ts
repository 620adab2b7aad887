import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { CompletionItem } from 'vscode-languageserver';
import { accept, completer, labels, shownByVsCode, sorted, type Completer } from './completion-helpers.js';

// Completion through the language services, as the server calls them. Each test writes what the user has typed
// (`|` is the cursor) and checks the list the user would see, and the text after picking an item.

const department = (body: string, year = 2024) => `部门整体 "测试单位" 年度 ${year} {\n${body}\n}\n`;
const indicators = (body: string, year = 2024) => department(`    绩效指标 {\n        ${body}\n    }`, year);
const quantity = (body: string) => indicators(`产出指标 {\n            数量指标 {\n                ${body}\n            }\n        }`);
const project = (body: string) => `项目支出 "测试单位" 年度 2024 {\n    单位 "本级" {\n        项目 "科普经费" {\n            ${body}\n        }\n    }\n}\n`;

let plain: Completer;
let snippets: Completer;
beforeAll(async () => {
    plain = await completer();
    snippets = await completer({ snippets: true });
});
afterEach(() => plain.services.jxmb.Settings.useFixed(undefined));

async function items(marked: string, others?: string[]): Promise<CompletionItem[]> {
    return (await plain.complete(marked, others)).items;
}

function named(list: readonly CompletionItem[], label: string): CompletionItem {
    const item = list.find(i => i.label === label);
    if (!item) throw new Error(`${label} is not in the list: ${labels(list).join(' ')}`);
    return item;
}

describe('keywords in their place', () => {
    test('inside 部门整体 the fields of the table, in table order, without those already written', async () => {
        const list = sorted(await items(department('    预算 { }\n    |')));
        expect(labels(list)).toEqual(['标题', '单列指标值', '基本信息', '总体绩效目标', '任务', '其他需完成的任务', '绩效指标', '备注']);
    });

    test('inside 预算 the four groups and the budget cells, nothing of 基本信息 or 项目支出表', async () => {
        const list = labels(await items(department('    预算 {\n        |\n    }')));
        expect(list).toEqual(expect.arrayContaining(['部门预算支出', '收入来源', '事业发展性支出', '按预算级次划分', '基本支出', '项目支出', '财政拨款', '本级使用资金', '对下转移支付资金']));
        expect(list).not.toContain('财政供养人员数');
        expect(list).not.toContain('总计');
        expect(list).not.toContain('财政专户拨款');
    });

    test('inside a budget group only its two cells, and only those not yet written', async () => {
        expect(labels(await items(department('    预算 { 收入来源 { | } }'))).sort()).toEqual(['其他资金', '财政拨款'].sort());
        expect(labels(await items(department('    预算 { 收入来源 { 财政拨款 567.97 | } }')))).toEqual(['其他资金']);
        // After the group is closed the cursor is back in 预算: the written group is not offered again.
        const outside = labels(await items(department('    预算 { 收入来源 { 财政拨款 567.97 } | }')));
        expect(outside).toContain('部门预算支出');
        expect(outside).not.toContain('收入来源');
        expect(outside).not.toContain('财政拨款');
    });

    test('inside 基本信息 the two counts', async () => {
        expect(labels(await items(department('    基本信息 { | }'))).sort()).toEqual(['下属二级单位数', '财政供养人员数'].sort());
    });

    test('inside 任务 its three fields', async () => {
        expect(labels(sorted(await items(department('    任务 "科普综合工作经费" {\n        |\n    }'))))).toEqual(['主要实施内容', '拟投入资金', '期望目标']);
        expect(labels(await items(department('    任务 "科普" { 主要实施内容 "组织活动" | }'))).sort()).toEqual(['拟投入资金', '期望目标'].sort());
    });

    test('inside 项目 and its 资金 the project table\'s columns', async () => {
        expect(labels(sorted(await items(project('|'))))).toEqual(['资金', '绩效目标', '绩效指标']);
        expect(labels(await items(project('资金 { 财政拨款 1200.00 | }'))).sort()).toEqual(['其他资金', '总计', '财政专户拨款'].sort());
    });
});

describe('一级 and 二级 by the cost model', () => {
    test('inside 绩效指标 the three 一级 of the legacy model', async () => {
        expect(labels(sorted(await items(indicators('|'))))).toEqual(['产出指标', '效益指标', '满意度指标']);
    });

    test('inside a 一级 only its own 二级', async () => {
        expect(labels(sorted(await items(indicators('产出指标 { | }'))))).toEqual(['数量指标', '质量指标', '时效指标', '成本指标']);
        expect(labels(sorted(await items(indicators('效益指标 { | }'))))).toEqual(['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标']);
        expect(labels(await items(indicators('满意度指标 { | }')))).toEqual(['服务对象满意度指标']);
        // After a closed 二级 block the cursor is still in the 一级.
        expect(labels(await items(indicators('产出指标 { 数量指标 { "举办活动场次"：≥45场次 } | }')))).not.toContain('社会效益指标');
    });

    test('typed top to bottom, the 一级 not yet closed: after its first 二级 block still only its own 二级', async () => {
        // The 一级's text then ends with the 二级's 「}」: that brace closes the 二级, not the 一级.
        const typing = '部门整体 "测试单位" 年度 2024 {\n    绩效指标 {\n        产出指标 {\n            数量指标 {\n                "举办活动场次"：≥45场次\n            }\n            |';
        expect(labels(sorted(await items(typing)))).toEqual(['数量指标', '质量指标', '时效指标', '成本指标']);
        const benefit = project('绩效指标 {\n                效益指标 {\n                    社会效益 {\n                        "科普受益人次"：≥2万人次\n                    }\n                    |');
        expect(labels(sorted(await items(benefit.slice(0, benefit.indexOf('|') + 1))))).toEqual(['经济效益', '社会效益', '生态效益', '可持续影响']);
    });

    test('a 二级 item explains the category', async () => {
        const item = named(await items(indicators('产出指标 { | }')), '时效指标');
        expect(item.detail).toBe('二级指标 13');
        expect(String(item.documentation)).toContain('及时');
    });

    test('a 项目支出 file writing the short 二级 forms gets them', async () => {
        const list = labels(await items(project('绩效指标 { 效益指标 { 经济效益 { } | } }')));
        expect(list).toEqual(expect.arrayContaining(['社会效益', '可持续影响']));
        expect(list).not.toContain('社会效益指标');
    });

    test('the 2021 model makes 成本指标 a 一级 with 经济/社会/生态环境成本指标, and takes it out of 产出', async () => {
        plain.services.jxmb.Settings.useFixed({ costModel: '2021' });
        expect(labels(sorted(await items(indicators('|'))))).toEqual(['产出指标', '效益指标', '满意度指标', '成本指标']);
        expect(labels(sorted(await items(indicators('产出指标 { | }'))))).toEqual(['数量指标', '质量指标', '时效指标']);
        expect(labels(sorted(await items(indicators('成本指标 { | }'))))).toEqual(['经济成本指标', '社会成本指标', '生态环境成本指标']);
    });
});

describe('三级 names under a 二级', () => {
    test('under 数量指标 the library\'s count names, not those of other 二级', async () => {
        const list = labels(await items(quantity('|')));
        expect(list).toEqual(expect.arrayContaining(['举办活动场次', '发表论文数', '科普书籍印发数量']));
        expect(list).not.toContain('服务对象满意度');
        expect(list).not.toContain('验收合格率');
        expect(list).not.toContain('完成时间');
    });

    test('names used under the same 二级 in another document join the list once; names under another 二级 do not', async () => {
        const other = quantity([
            '"举办科普志愿活动场次"：≥96场次',
            '"举办活动场次"：≥10场次'
        ].join('\n                ')).replace('产出指标 {', '产出指标 {\n            质量指标 { "档案考核等级"："良好" }');
        const list = await items(quantity('|'), [other]);
        const used = named(list, '举办科普志愿活动场次');
        expect(used.detail).toContain('本工作区已用');
        expect(labels(list).filter(l => l === '举办活动场次')).toHaveLength(1);
        expect(labels(list)).not.toContain('档案考核等级');
        // The workspace's own names come first.
        expect(sorted(list)[0]!.label).toBe('举办科普志愿活动场次');
    });

    test('a name used with a zero-width space in it is offered without it, once with the same name written plainly', async () => {
        const other = quantity('"举办科普\u200b志愿活动场次"：≥96场次\n                "举办科普志愿活动场次"：≥90场次');
        const list = labels(await items(quantity('|'), [other]));
        expect(list.filter(l => l.replace(/\u200b/g, '') === '举办科普志愿活动场次')).toEqual(['举办科普志愿活动场次']);
    });

    test('a name the block already has is not offered again', async () => {
        const list = labels(await items(quantity('"举办活动场次"：≥45场次\n                |')));
        expect(list).not.toContain('举办活动场次');
        expect(list).toContain('开展活动场次');
    });

    test('picking a name writes it quoted with the colon, ready for the value', async () => {
        const { items: list, text } = await plain.complete(quantity('|'));
        const item = named(list, '举办活动场次');
        expect(accept(text, item)).toContain('数量指标 {\n                "举办活动场次"：\n');
        expect(item.insertTextFormat).toBe(1);
        expect(item.labelDetails?.description).toBe('场次/场');
    });

    test('a client that takes snippets gets a tab stop after the colon', async () => {
        const { items: list } = await snippets.complete(quantity('|'));
        const item = named(list, '举办活动场次');
        expect(item.insertTextFormat).toBe(2);
        expect(item.textEdit?.newText).toBe('"举办活动场次"：$0');
    });

    test('inside the quotes the editor closed, the whole string is replaced; Chinese quotes are kept', async () => {
        const ascii = await plain.complete(quantity('"举办|"'));
        expect(accept(ascii.text, named(ascii.items, '举办活动场次'))).toContain('{\n                "举办活动场次"：\n');
        const chinese = await plain.complete(quantity('“举办|”'));
        expect(accept(chinese.text, named(chinese.items, '举办活动场次'))).toContain('{\n                “举办活动场次”：\n');
        const unclosed = await plain.complete(quantity('"举办|'));
        expect(accept(unclosed.text, named(unclosed.items, '举办活动场次'))).toContain('{\n                "举办活动场次"：\n');
    });

    test('renaming an indicator that has its value keeps the value and adds no second colon', async () => {
        const { items: list, text } = await plain.complete(quantity('"举办活|"：≥45场次'));
        expect(accept(text, named(list, '举办活动场次'))).toContain('"举办活动场次"：≥45场次');
    });

    test('a word from the middle of names finds them (满意 → 服务对象满意度 …), and VS Code keeps them', async () => {
        const satisfaction = (body: string) => indicators(`满意度指标 { 服务对象满意度指标 { ${body} } }`);
        for (const marked of [satisfaction('满意|'), satisfaction('"满意|"'), satisfaction('“满意|')]) {
            const { items: list, text, offset } = await plain.complete(marked);
            expect(labels(list)).toEqual(expect.arrayContaining(['服务对象满意度', '受益群众满意率', '公众对科普工作满意度', '观众满意度']));
            for (const item of list) expect(shownByVsCode(text, offset, item), `${marked}: ${item.label} ${item.filterText}`).toBe(true);
            expect(accept(text, named(list, '服务对象满意度'))).toMatch(/\{ (?:"服务对象满意度"|“服务对象满意度”)：/);
        }
        // Names used in the workspace are found the same way.
        const other = satisfaction('"群众满意度"：≥90%');
        const { items: used, text, offset } = await plain.complete(satisfaction('满意|'), [other]);
        expect(shownByVsCode(text, offset, named(used, '群众满意度'))).toBe(true);
    });

    test('names starting with the typed word (or by pinyin) come first, then those containing it, each in their order', async () => {
        const timely = (body: string) => indicators(`产出指标 { 时效指标 { ${body} } }`);
        const { items: list, text, offset } = await plain.complete(timely('完成|'));
        expect(labels(sorted(list))).toEqual(['完成时间', '按时完成率', '采购计划完成时间', '培训计划完成时间', '会议计划完成时间']);
        for (const item of list) expect(shownByVsCode(text, offset, item), item.label).toBe(true);
        // Pinyin still matches from the start only; a word that is in no name finds nothing.
        expect(labels(await items(timely('wcsj|')))).toEqual(['完成时间']);
        expect(await items(timely('满意|'))).toEqual([]);
    });

    test('after a finished name the list offers no names', async () => {
        expect(labels(await items(quantity('"举办活动场次"|')))).not.toContain('开展活动场次');
    });
});

describe('values after the colon', () => {
    test('operators with their meaning; with snippets, a template in the unit the name asks for', async () => {
        const list = sorted(await items(quantity('"举办活动场次"：|')));
        expect(labels(list)).toEqual(['≥', '≤', '＞', '＜', '=']);
        expect(named(list, '≥').detail).toContain('不少于');
        const { items: withSnippets, text } = await snippets.complete(quantity('"举办活动场次"：|'));
        const template = sorted(withSnippets)[0]!;
        expect(template.label).toBe('≥N场次');
        expect(accept(text, template)).toContain('"举办活动场次"：≥数值场次');
    });

    test('a 满意度 name proposes ≥90% first', async () => {
        const { items: list, text } = await plain.complete(indicators('满意度指标 { 服务对象满意度指标 { "参会人员满意度"：| } }'));
        const first = sorted(list)[0]!;
        expect(first.label).toBe('≥90%');
        expect(accept(text, first)).toContain('"参会人员满意度"：≥90%');
    });

    test('a 时间 name proposes the end of the declaration\'s 年度', async () => {
        const in2024 = sorted(await items(indicators('产出指标 { 时效指标 { "项目完成时间"：| } }')));
        expect(in2024[0]!.label).toBe('≤2024-12-31');
        const in2023 = sorted(await items(indicators('产出指标 { 时效指标 { "项目完成时间"：| } }', 2023)));
        expect(in2023[0]!.label).toBe('≤2023-12-31');
        // After the operator, the date alone.
        expect(labels(await items(indicators('产出指标 { 时效指标 { "项目完成时间"：≤|')))).toEqual(['2024-12-31']);
    });

    test('after the number the units that fit the name come first', async () => {
        expect(labels(sorted(await items(quantity('"组织科普讲座场次"：≥12 |')))).slice(0, 1)).toEqual(['场次']);
        expect(labels(sorted(await items(indicators('产出指标 { 质量指标 { "设备验收合格率"：≥95| } }')))).slice(0, 1)).toEqual(['%']);
        expect(labels(sorted(await items(quantity('"科普书籍印发数量"：≥1.5|')))).slice(0, 1)).toEqual(['万本']);
        const typed = labels(await items(quantity('"组织科普讲座场次"：≥12 场|')));
        expect(typed).toContain('场次');
        expect(typed).not.toContain('篇');
    });

    test('the unit the workspace writes with a name comes first', async () => {
        const other = indicators('效益指标 { 社会效益指标 { "青少年科普活动参与人次"：≥3万人次 } }');
        const list = sorted(await items(indicators('效益指标 { 社会效益指标 { "青少年科普活动参与人次"：≥5 | } }'), [other]));
        expect(list[0]!.label).toBe('万人次');
    });

    test('after a bare number the range sign is offered too', async () => {
        expect(labels(await items(indicators('产出指标 { 质量指标 { "设备验收合格率"：90|')))).toContain('~');
    });

    test('after a number without unit, a new line starts the next indicator', async () => {
        const list = labels(await items(quantity('"典型案例数"：≥4\n                |')));
        expect(list).toContain('举办活动场次');
        expect(list).not.toContain('场次');
    });
});

describe('pinyin', () => {
    test.each([['slzb'], ['shuliang'], ['shuliangzb'], ['数量']])('%s inside 产出指标 finds 数量指标, and VS Code keeps it', async typed => {
        const { items: list, text, offset } = await plain.complete(indicators(`产出指标 { ${typed}| }`));
        expect(labels(list)).toEqual(['数量指标']);
        expect(shownByVsCode(text, offset, list[0]!)).toBe(true);
        expect(accept(text, list[0]!)).toContain('产出指标 { 数量指标 }');
    });

    test('fwdx inside 满意度指标 finds 服务对象满意度指标', async () => {
        const { items: list, text, offset } = await plain.complete(indicators('满意度指标 { fwdx| }'));
        expect(labels(list)).toEqual(['服务对象满意度指标']);
        expect(shownByVsCode(text, offset, list[0]!)).toBe(true);
    });

    test('pinyin initials find indicator names; picking one replaces the Latin letters', async () => {
        const { items: list, text, offset } = await plain.complete(quantity('jbhd|'));
        expect(labels(list)).toEqual(['举办活动场次']);
        expect(shownByVsCode(text, offset, list[0]!)).toBe(true);
        expect(accept(text, list[0]!)).toContain('{\n                "举办活动场次"：\n');
    });

    test('inside an opened string pinyin works too, quote included in what VS Code filters', async () => {
        const { items: list, text, offset } = await plain.complete(indicators('满意度指标 { 服务对象满意度指标 { "gz|" } }'));
        expect(labels(list)).toContain('观众满意度');
        expect(labels(list)).not.toContain('服务对象满意度');
        expect(shownByVsCode(text, offset, named(list, '观众满意度'))).toBe(true);
    });

    test('operators by their reading: bsy (不少于) finds ≥, dayu finds ≥ (大于等于) and ＞ (大于)', async () => {
        const { items: list, text, offset } = await plain.complete(quantity('"举办活动场次"：bsy|'));
        expect(labels(list)).toEqual(['≥']);
        expect(shownByVsCode(text, offset, list[0]!)).toBe(true);
        expect(accept(text, list[0]!)).toContain('"举办活动场次"：≥\n');
        expect(labels(await items(quantity('"举办活动场次"：dayu|'))).sort()).toEqual(['≥', '＞'].sort());
    });

    test('letters after a number lex as its unit: cc finds 场次 and replaces the letters', async () => {
        const { items: list, text, offset } = await plain.complete(quantity('"举办活动场次"：≥45cc|'));
        const unit = named(list, '场次');
        expect(shownByVsCode(text, offset, unit)).toBe(true);
        expect(accept(text, unit)).toContain('"举办活动场次"：≥45场次\n');
    });

    test('inside 预算 the initials of a cell find it', async () => {
        const list = labels(await items(department('    预算 { czbk| }')));
        expect(list).toEqual(['财政拨款']);
    });

    test('letters that match nothing give an empty list', async () => {
        expect(await items(indicators('产出指标 { qqqq| }'))).toEqual([]);
    });
});

describe('comments', () => {
    test.each([
        ['a line comment after an indicator', quantity('"举办活动场次"：≥20场次  // 备注|')],
        ['a 「：」 typed in a line comment', quantity('"举办活动场次"：≥20场次  // 依据：|')],
        ['a quote typed in a line comment', quantity('"举办活动场次"：≥20场次  // 见"|')],
        ['a line comment of its own in a 二级', quantity('// |')],
        ['a block comment', indicators('/* 说明 | */\n        产出指标 { 数量指标 { } }')],
        ['the file\'s first comment line', `// jxmb 入门|示例\n${department('')}`]
    ])('nothing is offered in %s', async (_where, marked) => {
        expect(labels(await items(marked))).toEqual([]);
    });

    test('after a comment the names are offered again: on the next line, after a block comment\'s end', async () => {
        expect(labels(await items(quantity('// 备注\n                |')))).toContain('举办活动场次');
        expect(labels(await items(quantity('/* 备注 */ |')))).toContain('举办活动场次');
    });

    test('「//」 inside a quoted text is no comment', async () => {
        expect(labels(await items(quantity('"见 http://example.cn"：≥1个\n                |')))).toContain('举办活动场次');
        expect(labels(await items(quantity('"举办活动场次"：|  // 备注')))).not.toEqual([]);
    });
});

describe('broken text', () => {
    // The provider's last resort (log and answer nothing) must not be what keeps these passing.
    const failures = vi.spyOn(console, 'error');
    afterEach(() => {
        const calls = [...failures.mock.calls];
        failures.mockClear();
        expect(calls).toEqual([]);
    });

    test.each([
        ['an unterminated string across lines', quantity('"举办|\n "下一个"：≥1个')],
        ['a half-written declaration', '部门整体 "测试单位" 年度 2024 { 绩效指标 { 产出指标 { 数量|'],
        ['braces only', '}}}{{{|'],
        ['stray punctuation after a name', quantity('"举办活动场次"：：≥≥|')],
        ['a doubled colon', quantity('"举办活动场次"：：|')],
        ['garbage before the cursor', '\u0000\u0001«»""“|']
    ])('%s: a list, no error', async (_name, marked) => {
        await expect(plain.complete(marked)).resolves.toMatchObject({ items: expect.any(Array) });
    });

    test('keywords still come where the text before the cursor is broken', async () => {
        expect(labels(await items('部门整体 "测试单位" 年度 2024 { 预算 { 基本支出 "一百" }\n |'))).toContain('总体绩效目标');
    });

    test('any text and any cursor position give a list', async () => {
        const pieces = fc.constantFrom('部门整体 "x" 年度 2024 {', '绩效指标 {', '产出指标 {', '数量指标 {', '"举办活动场次"', '：', '≥', '45', '场次',
            '}', '"', '“', '」', 'slzb', '\n', ' ', '实施周期', '年度', '预算 {', '财政拨款', '1~', '2024-12-31', '%');
        await fc.assert(fc.asyncProperty(fc.array(pieces, { maxLength: 14 }), fc.nat(), async (parts, at) => {
            const text = parts.join('');
            const offset = text.length === 0 ? 0 : at % (text.length + 1);
            const { items: list } = await plain.complete(`${text.slice(0, offset)}|${text.slice(offset)}`);
            expect(Array.isArray(list)).toBe(true);
        }), { numRuns: 120 });
    });
});
