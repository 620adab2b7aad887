import { afterEach, describe, expect, test } from 'vitest';
import { URI, type LangiumDocument } from 'langium';
import { categoryByCode } from '../../language/domain/taxonomy.js';
import { RULE_DOCS } from '../../language/validation/rule-docs.js';
import { jxmb } from '../helpers/services.js';
import { readSample } from '../helpers/samples.js';

// Hover in-process (fast): the same provider the server uses, on documents built by the same services.

let counter = 0;

async function build(text: string, validation = true): Promise<LangiumDocument> {
    const services = jxmb();
    const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`memory:///hover-${++counter}.jxmb`));
    services.shared.workspace.LangiumDocuments.addDocument(document);
    await services.shared.workspace.DocumentBuilder.build([document], { validation });
    return document;
}

async function hoverAt(document: LangiumDocument, offset: number): Promise<string | undefined> {
    const position = document.textDocument.positionAt(offset);
    const hover = await jxmb().lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: document.uri.toString() }, position });
    return hover ? (hover.contents as { value: string }).value : undefined;
}

/** The hover on the `nth` occurrence of `needle` after `after` (on its second character, inside the token). */
async function hover(text: string, needle: string, options: { nth?: number; after?: string; validation?: boolean } = {}): Promise<string | undefined> {
    let at = options.after ? text.indexOf(options.after) : -1;
    for (let i = 0; i <= (options.nth ?? 0); i++) at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${needle} not in text`);
    return hoverAt(await build(text, options.validation), at + 1);
}

const declaration = (indicators: string, extra = '') => `部门整体 "测试单位" 年度 2024 {\n    绩效指标 {\n${indicators}\n    }\n}\n${extra}`;
const output = (rows: string) => declaration(`        产出指标 {\n            数量指标 {\n${rows}\n            }\n        }`);

afterEach(() => jxmb().jxmb.Settings.useFixed(undefined));

describe('hover on a 一级 / 二级 keyword', () => {
    test('a 二级 shows its code, its 一级, the official definition and its place under the cost model', async () => {
        const text = output('                "举办活动场次"：≥10场次');
        const shown = await hover(text, '数量指标');
        expect(shown).toContain('二级指标 11 数量指标');
        expect(shown).toContain('属一级指标 1 产出指标');
        expect(shown).toContain(categoryByCode('11')!.definition);
        expect(shown).toContain('旧口径');
        expect(shown).toContain('放在一级指标「1 产出指标」下');
        // 11 was checked against a public copy: no caveat.
        expect(shown).not.toContain('未核对原文');
    });

    test('a definition that could not be checked against a public text says so', async () => {
        const text = declaration('        效益指标 { 社会效益指标 { "受益人次"：≥100人次 } }');
        const shown = await hover(text, '社会效益指标');
        expect(shown).toContain('22 社会效益指标');
        expect(shown).toContain(categoryByCode('22')!.definition);
        expect(shown).toContain('（释义据常见口径，未核对原文）');
        const level1 = await hover(text, '效益指标');
        expect(level1).toContain('一级指标 2 效益指标');
        expect(level1).toContain('21 经济效益指标、22 社会效益指标、23 生态效益指标、24 可持续影响指标');
        expect(level1).not.toContain('未核对原文');
    });

    test('成本指标 reads as the 二级 14 or the 2021 一级 4 by where it stands, and the cost model setting is shown', async () => {
        const text = declaration([
            '        产出指标 { 成本指标 { "单场活动成本"：≤2万元 } }',
            '        成本指标 { 经济成本指标 { "人均培训成本"：≤500元 } }'
        ].join('\n'));
        const asLevel2 = await hover(text, '成本指标');
        expect(asLevel2).toContain('二级指标 14 成本指标');
        expect(asLevel2).toContain('放在一级指标「1 产出指标」下');
        const asLevel1 = await hover(text, '成本指标', { nth: 1 });
        expect(asLevel1).toContain('一级指标 4 成本指标');
        expect(asLevel1).toContain('本口径下不用一级「成本指标」');
        expect(asLevel1).toContain('编码 4 为本工具的约定');

        jxmb().jxmb.Settings.useFixed({ costModel: '2021' });
        const under2021 = await hover(text, '成本指标');
        expect(under2021).toContain('2021口径');
        expect(under2021).toContain('本口径下不用二级「成本指标」（14）');
        expect(under2021).toContain('41 经济成本指标、42 社会成本指标、43 生态环境成本指标');
        expect(await hover(text, '成本指标', { nth: 1 })).toContain('本口径下，成本指标包括：41 经济成本指标');
    });
});

describe('hover on a value: its normalised reading', () => {
    test.each([
        ['"不少于96场次"', '≥ 96 场次'],
        ['≥45场次', '≥ 45 场次'],
        ['"每月不少于1次"', '≥ 1 次/月'],
        ['90~95%', '90 ～ 95 %'],
        ['≤2024-12-31', '≤ 2024-12-31'],
        ['"2024年12月前"', '≤ 2024-12-31'],
        ['"本年内完成"', '≤ 2024-12-31'],
        ['"≥二级"', '≥ 二 级']
    ])('%s → %s', async (value, reading) => {
        const shown = await hover(output(`                "甲"：${value}`), value.slice(0, 2));
        expect(shown).toContain(`读作：**${reading}**`);
    });

    test('a value in words offers its symbol form, and an ambiguous or yearless deadline says how it was read', async () => {
        expect(await hover(output('                "甲"："不少于96场次"'), '"不少'))
            .toContain('可写成：`≥96场次`');
        expect(await hover(output('                "甲"："2024年12月前"'), '"2024')).toContain('有两种理解：2024-12-01 之前，或 2024-12-31 之前');
        expect(await hover(output('                "甲"："本年内完成"'), '"本年')).toContain('按申报年度 2024 读');
    });

    test('a vague value names its vague word and offers measurable forms', async () => {
        const text = declaration('        效益指标 { 社会效益指标 { "科普公共服务能力"："显著提升" } }');
        const shown = await hover(text, '"显著');
        expect(shown).toContain('无法考核');
        expect(shown).toContain('模糊词：「显著提升」');
        expect(shown).toMatch(/可改为（示例）：`[^`]*提升≥/);
    });

    test('graded and milestone values are checkable; hedged and compound values say what is wrong', async () => {
        expect(await hover(output('                "甲"："良好及以上"'), '"良')).toContain('等级「≥良好」（可考核）');
        // A bare 良好 names no scale (RULES §4): vague, not a grade.
        expect(await hover(output('                "甲"："良好"'), '"良')).not.toContain('可考核');
        expect(await hover(output('                "甲"："通过验收"'), '"通过')).toContain('里程碑「通过验收」（可考核）');
        const hedged = await hover(output('                "档案整理"："约180卷"'), '"约');
        expect(hedged).toContain('读作：**= 180 卷**');
        expect(hedged).toContain('约数：「约」');
        const compound = await hover(output('                "甲"："科普咨询活动2次，受众1200人"'), '"科普');
        expect(compound).toContain('2 个数量——**= 2 次**；**= 1200 人**');
    });
});

describe('hover on a 三级 name', () => {
    test('shows its 一级/二级 path with codes, its owner and the reading of its values', async () => {
        const text = [
            '项目支出 "某单位" 年度 2024 {',
            '    单位 "某单位" {',
            '        项目 "科普经费" {',
            '            绩效指标 { 效益指标 { 社会效益 { "科普受益人次" 实施周期："不少于2万人次" 年度：≥1万人次 } } }',
            '        }',
            '    }',
            '}'
        ].join('\n');
        const shown = await hover(text, '科普受益人次');
        expect(shown).toContain('**三级指标**「科普受益人次」');
        expect(shown).toContain('项目「科普经费」 › 绩效指标 › 2 效益指标 › 22 社会效益指标');
        expect(shown).toContain('实施周期：**≥ 2 万人次**');
        expect(shown).toContain('年度：**≥ 1 万人次**');
    });
});

describe('hover where a diagnostic is: the rule behind it', () => {
    test('a value shows its reading and the rule of its finding', async () => {
        const text = declaration('        效益指标 { 社会效益指标 { "科普公共服务能力"："提升" } }');
        const shown = (await hover(text, '"提升'))!;
        const rule = RULE_DOCS['measurability/vague-value']!;
        expect(shown).toContain('检查规则 `measurability/vague-value`');
        expect(shown).toContain(rule.checks);
        expect(shown).toContain(rule.why);
        expect(shown).toContain(rule.fix);
        // The element comes first, the rule after a rule line.
        expect(shown.indexOf('读作')).toBeLessThan(shown.indexOf('---'));
        expect(shown.indexOf('---')).toBeLessThan(shown.indexOf('检查规则'));
    });

    test('a finding on a place with nothing else to say still gets its rule', async () => {
        const text = '部门整体 "测试单位" {\n    预算 { 基本支出 1.00  基本支出 2.00 }\n}\n';
        const shown = await hover(text, '基本支出', { nth: 1 });
        expect(shown).toContain('检查规则 `structure/duplicate-amount`：同一金额重复填写');
        expect(await hover(text, '基本支出')).toBeUndefined();
    });

    test('a finding turned off in the settings has no rule in the hover', async () => {
        jxmb().jxmb.Settings.useFixed({ severity: { 'measurability/vague-value': 'off' } });
        const text = declaration('        效益指标 { 社会效益指标 { "科普公共服务能力"："提升" } }');
        const shown = await hover(text, '"提升');
        expect(shown).toContain('模糊词：「提升」');
        expect(shown).not.toContain('检查规则');
    });

    test('a document not yet validated is checked for the hover', async () => {
        const text = output('                "审核相关文件数量"：100%');
        const shown = await hover(text, '100%', { validation: false });
        expect(shown).toContain('检查规则 `value/percent-under-count`');
    });

    test('on a seed sample: the 100% filed under 数量指标 (seed 000)', async () => {
        const text = readSample('000-nansha-kexie.jxmb');
        const shown = await hover(text, '100%', { after: '"审核相关文件数量"' });
        expect(shown).toContain('读作：**= 100 %**');
        expect(shown).toContain('检查规则 `value/percent-under-count`');
    });
});

describe('broken text', () => {
    test.each([
        ['unclosed blocks', '部门整体 "甲" 年度 2024 {\n  绩效指标 {\n    产出指标 { 数量指标 { "场次"：≥ \n'],
        ['garbage', '\u0000}}}{{{"""«»项目支出 ：：≥≥ 产出指标 数量指标 "a"'],
        ['half a value', '项目支出 "甲" { 单位 "乙" { 项目 "丙" { 绩效指标 { 效益指标 { 社会效益 { "x" 实施周期： 年度：2024- } } } } } }'],
        ['empty', '']
    ])('%s: a hover anywhere answers or is empty, and never throws', async (_name, text) => {
        const document = await build(text);
        for (let offset = 0; offset <= text.length; offset++) {
            const shown = await hoverAt(document, offset);
            expect(shown === undefined || shown.length > 0).toBe(true);
        }
    });
});
