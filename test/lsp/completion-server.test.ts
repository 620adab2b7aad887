import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CompletionRequest, DidChangeConfigurationNotification, type CompletionItem } from 'vscode-languageserver-protocol';
import { LspSession } from '../helpers/lsp-client.js';
import { accept, cursorIn, labels, positionAt, shownByVsCode, sorted } from './completion-helpers.js';

// Completion from the real language server (dist/server.cjs) over stdio, as VS Code asks for it.

const department = (body: string) => `部门整体 "测试单位" 年度 2024 {\n${body}\n}\n`;
const indicators = (body: string) => department(`    绩效指标 {\n        ${body}\n    }`);
const quantity = (body: string) => indicators(`产出指标 {\n            数量指标 {\n                ${body}\n            }\n        }`);

describe('completion over the language server', () => {
    let session: LspSession;
    let counter = 0;
    beforeAll(async () => { session = await LspSession.start(); });
    afterAll(async () => { await session?.stop(); });

    /** Opens `marked` as a new document and asks for completion at its `|`. */
    async function complete(marked: string): Promise<{ items: CompletionItem[]; text: string; offset: number }> {
        const { text, offset } = cursorIn(marked);
        const uri = `file:///tmp/jxmb-completion-test/c${counter++}.jxmb`;
        await session.open(uri, text);
        const result = await session.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positionAt(text, offset) });
        const items = Array.isArray(result) ? result : result?.items ?? [];
        return { items, text, offset };
    }

    test('keywords in their place: the table\'s fields, then only the 二级 of the 一级', async () => {
        expect(labels(sorted((await complete(department('    |'))).items))).toEqual(
            ['标题', '单列指标值', '基本信息', '预算', '总体绩效目标', '任务', '其他需完成的任务', '绩效指标', '备注']);
        expect(labels(sorted((await complete(indicators('产出指标 { | }'))).items))).toEqual(['数量指标', '质量指标', '时效指标', '成本指标']);
        expect(labels(sorted((await complete(indicators('满意度指标 { | }'))).items))).toEqual(['服务对象满意度指标']);
    });

    test('a position beyond the document is taken at its end: every edit lies inside the text', async () => {
        const text = quantity('"举办活动场次"：≥45场次');
        const uri = `file:///tmp/jxmb-completion-test/c${counter++}.jxmb`;
        await session.open(uri, text);
        const lines = text.split('\n');
        for (const position of [{ line: 9999, character: 0 }, { line: 2, character: 9999 }]) {
            const result = await session.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
            const items = Array.isArray(result) ? result : result?.items ?? [];
            expect(items.length, JSON.stringify(position)).toBeGreaterThan(0);
            for (const item of items) {
                const edit = item.textEdit!;
                const range = 'range' in edit ? edit.range : edit.replace;
                for (const end of [range.start, range.end]) {
                    expect(end.line, item.label).toBeLessThan(lines.length);
                    expect(end.character, item.label).toBeLessThanOrEqual(lines[end.line]!.length);
                }
            }
        }
    });

    test('pinyin initials and full pinyin find 数量指标, and the edit replaces the typed letters', async () => {
        for (const typed of ['slzb', 'shuliang']) {
            const { items, text, offset } = await complete(indicators(`产出指标 { ${typed}| }`));
            expect(labels(items)).toEqual(['数量指标']);
            expect(shownByVsCode(text, offset, items[0]!)).toBe(true);
            expect(accept(text, items[0]!)).toContain('产出指标 { 数量指标 }');
        }
    });

    test('names under 数量指标 include one used under 数量指标 in another open document', async () => {
        const other = 'file:///tmp/jxmb-completion-test/other.jxmb';
        await session.openChecked(other, quantity('"举办青少年科技创新大赛场次"：≥3场次'));
        const { items, text } = await complete(quantity('|'));
        const used = items.find(item => item.label === '举办青少年科技创新大赛场次');
        expect(used?.detail).toContain('本工作区已用');
        expect(labels(items)).toContain('举办活动场次');
        expect(accept(text, used!)).toContain('"举办青少年科技创新大赛场次"：\n');
    });

    test('a word from the middle of names (满意) finds them; VS Code keeps them and asks again as the word grows', async () => {
        const { text, offset } = cursorIn(indicators('满意度指标 { 服务对象满意度指标 { "满意|" } }'));
        const uri = `file:///tmp/jxmb-completion-test/c${counter++}.jxmb`;
        await session.open(uri, text);
        const result = await session.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positionAt(text, offset) });
        expect(Array.isArray(result) ? undefined : result?.isIncomplete).toBe(true);
        const items = Array.isArray(result) ? result : result?.items ?? [];
        expect(labels(items)).toEqual(expect.arrayContaining(['服务对象满意度', '受益群众满意率', '政策性成果受众人群满意度']));
        for (const item of items) expect(shownByVsCode(text, offset, item), item.label).toBe(true);
        const picked = items.find(item => item.label === '服务对象满意度')!;
        expect(accept(text, picked)).toContain('{ "服务对象满意度"： }');
    });

    test('after the colon operators, after the number the unit the name asks for first', async () => {
        expect(labels(sorted((await complete(quantity('"举办活动场次"：|'))).items))).toEqual(['≥', '≤', '＞', '＜', '=']);
        expect(sorted((await complete(quantity('"举办活动场次"：≥45 |'))).items)[0]!.label).toBe('场次');
        const satisfaction = await complete(indicators('满意度指标 { 服务对象满意度指标 { "服务对象满意度"：| } }'));
        expect(sorted(satisfaction.items)[0]!.label).toBe('≥90%');
    });

    test('the cost model setting switches the 一级 list and the 二级 of 产出', async () => {
        await session.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { jxmb: { costModel: '2021' } } });
        try {
            expect(labels((await complete(indicators('|'))).items)).toContain('成本指标');
            expect(labels((await complete(indicators('产出指标 { | }'))).items)).not.toContain('成本指标');
            expect(labels(sorted((await complete(indicators('成本指标 { | }'))).items))).toEqual(['经济成本指标', '社会成本指标', '生态环境成本指标']);
        } finally {
            await session.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { jxmb: { costModel: 'legacy' } } });
        }
        expect(labels((await complete(indicators('|'))).items)).not.toContain('成本指标');
    });

    test('broken text gets a list, not an error, and the server keeps answering', async () => {
        const garbage = await complete('\u0000}}}{{{"""«»' + '项目'.repeat(200) + '|');
        expect(Array.isArray(garbage.items)).toBe(true);
        const unterminated = await complete(quantity('"举办|\n"下一个"：≥1个'));
        expect(labels(unterminated.items)).toContain('举办活动场次');
        expect(labels((await complete(department('    |'))).items)).toContain('绩效指标');
    });
});
