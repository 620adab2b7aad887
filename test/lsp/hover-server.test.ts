import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DidChangeConfigurationNotification, HoverRequest, type Hover } from 'vscode-languageserver-protocol';
import { categoryByCode } from '../../language/domain/taxonomy.js';
import { RULE_DOCS } from '../../language/validation/rule-docs.js';
import { LspSession } from '../helpers/lsp-client.js';
import { readSample } from '../helpers/samples.js';

// Hover as an editor asks for it: the built server (dist/server.cjs, `npm run build`) over stdio.

describe('hover through the language server', () => {
    let session: LspSession;
    beforeAll(async () => { session = await LspSession.start(); });
    afterAll(async () => { await session?.stop(); });

    async function open(name: string, text: string): Promise<string> {
        const uri = `file:///tmp/jxmb-hover-test/${name}`;
        await session.openChecked(uri, text);
        return uri;
    }

    /** The hover on the character after the start of `needle` (searched after `after`). */
    async function hoverOn(uri: string, text: string, needle: string, after = ''): Promise<Hover | null> {
        const offset = text.indexOf(needle, after ? text.indexOf(after) : 0) + 1;
        const before = text.slice(0, offset).split('\n');
        const position = { line: before.length - 1, character: before.at(-1)!.length };
        return session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    }

    const markdown = (hover: Hover | null) => (hover?.contents as { kind: string; value: string } | undefined);

    test('tutorial: a 二级 keyword, a value in words and a vague value', async () => {
        const text = readSample('tutorial.jxmb');
        const uri = await open('tutorial.jxmb', text);

        const keyword = await hoverOn(uri, text, '数量指标 {');
        expect(markdown(keyword)?.kind).toBe('markdown');
        expect(markdown(keyword)?.value).toContain(`二级指标 11 数量指标`);
        expect(markdown(keyword)?.value).toContain(categoryByCode('11')!.definition);
        // The range is the keyword's.
        const line = text.split('\n').findIndex(l => l.includes('数量指标 {'));
        expect(keyword?.range).toEqual({ start: { line, character: 12 }, end: { line, character: 16 } });

        const words = markdown(await hoverOn(uri, text, '"不少于50篇"'))?.value;
        expect(words).toContain('读作：**≥ 50 篇**');
        expect(words).toContain('检查规则 `value/word-operator`');

        const vague = markdown(await hoverOn(uri, text, '"提升"'))?.value;
        expect(vague).toContain('模糊词：「提升」');
        expect(vague).toContain(RULE_DOCS['measurability/vague-value']!.why);

        const name = markdown(await hoverOn(uri, text, '"组织科普志愿活动场次"'))?.value;
        expect(name).toContain('部门整体「示例区科学技术协会」 › 绩效指标 › 1 产出指标 › 11 数量指标');

        // Whitespace and comments have nothing to show.
        expect(await hoverOn(uri, text, '入门示例')).toBeNull();
    });

    test('seed 001: the value that repeats its name shows the rule; 成本指标 follows a changed cost model', async () => {
        const text = readSample('001-zhanjiang-kexie.jxmb');
        const uri = await open('001.jxmb', text);
        const repeated = markdown(await hoverOn(uri, text, '"成本控制率(计算公式', '*100%)"：'))?.value;
        expect(repeated).toContain('检查规则 `value/repeats-name`：指标值重复了指标名称');

        const legacy = markdown(await hoverOn(uri, text, '成本指标 {'))?.value;
        expect(legacy).toContain('二级指标 14 成本指标');
        expect(legacy).toContain('放在一级指标「1 产出指标」下');

        const rechecked = session.diagnostics(uri);
        await session.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { jxmb: { costModel: '2021' } } });
        await rechecked;
        const under2021 = markdown(await hoverOn(uri, text, '成本指标 {'))?.value;
        expect(under2021).toContain('2021口径');
        expect(under2021).toContain('本口径下不用二级「成本指标」（14）');
        await session.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { jxmb: {} } });
    });

    test('broken text: hovers answer or are empty, and the server keeps serving', async () => {
        const text = '项目支出 "甲" {\n  单位 "乙" { 项目 "丙" 保密 { 绩效指标 { 产出指标 { 数量指标 { "x"：≥ } } ';
        const uri = await open('broken.jxmb', text);
        for (let line = 0; line < 2; line++) {
            for (let character = 0; character < 60; character += 3) {
                const hover = await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
                expect(hover === null || typeof markdown(hover)?.value === 'string').toBe(true);
            }
        }
        const keyword = markdown(await hoverOn(uri, text, '数量指标'))?.value;
        expect(keyword).toContain('11 数量指标');
    });
});
