import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CodeActionRequest, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-protocol';
import { LspSession } from '../helpers/lsp-client.js';
import { tableWithFixes } from '../helpers/fixture-texts.js';

// Quick-fixes as VS Code asks for them: the built server (dist/server.cjs, `npm run build`) over stdio, with the
// diagnostics the editor shows in the request's context.

const text = tableWithFixes;

describe('code actions through the language server', () => {
    let session: LspSession;
    beforeAll(async () => { session = await LspSession.start(); });
    afterAll(async () => { await session?.stop(); });

    const edits = (action: CodeAction) => (action.edit!.documentChanges![0] as { edits: TextEdit[] }).edits;

    test('right after typing, the diagnostics of the previous version get no edit; the new ones do', async () => {
        const uri = 'file:///tmp/jxmb-code-action-test/stale.jxmb';
        const { diagnostics: old } = await session.openChecked(uri, text);
        const shown = old.find(d => d.code === 'hierarchy/empty-level2')!;
        expect(shown).toBeDefined();
        const typed = text.replace('                "举办活动场次"', '                // 新增一行备注\n                "举办活动场次"');
        const republished = session.diagnostics(uri, 2);
        await session.replace(uri, typed, 2);
        // Sent before the new diagnostics reach the editor, as VS Code does on Ctrl+. just after typing.
        const actions = await session.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: shown.range, context: { diagnostics: [shown] } }) as CodeAction[];
        expect(actions).toEqual([]);

        const current = (await republished).diagnostics.find(d => d.code === 'hierarchy/empty-level2')!;
        expect(current.range.start.line).toBe(shown.range.start.line + 1);
        const fresh = await session.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: current.range, context: { diagnostics: [current] } }) as CodeAction[];
        expect(fresh.length).toBeGreaterThan(0);
        expect(edits(fresh[0]!).map(e => e.range.start.line)).toEqual([current.range.start.line]);
    });

    test('a 「：」 deleted while typing (the block parsed again alone): the hint and the repair stand at their place', async () => {
        const uri = 'file:///tmp/jxmb-code-action-test/typing.jxmb';
        await session.openChecked(uri, text);
        // Lines above the edit, so that the block's own offsets and the document's differ.
        const typed = text.replace('"举办活动场次"：≥45场次', '"举办活动场次" ≥45场次');
        const republished = session.diagnostics(uri, 2);
        await session.replace(uri, typed, 2);
        const error = (await republished).diagnostics.find(d => d.code === 'parsing-error')!;
        expect(error.message).toContain('（三级指标名称与指标值之间应有「：」）');
        expect(error.range.start).toEqual({ line: 4, character: 25 });
        const actions = await session.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: error.range, context: { diagnostics: [error] } }) as CodeAction[];
        expect(actions.map(a => a.title)).toEqual(['在名称后插入「：」']);
        expect(edits(actions[0]!)).toEqual([{ range: { start: { line: 4, character: 24 }, end: { line: 4, character: 25 } }, newText: '：' }]);
    });

    test('after an edit parsed again in place, a split names its parts after what the table now holds', async () => {
        const uri = 'file:///tmp/jxmb-code-action-test/split.jxmb';
        const compound = text.replace('"培训人数"', '"科普活动"："举办讲座20场次，培训学员300人次"');
        const split = async (diagnostics: Diagnostic[]) => {
            const diagnostic = diagnostics.find(d => d.code === 'classification/compound')!;
            const actions = await session.connection.sendRequest(CodeActionRequest.type, {
                textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
            }) as CodeAction[];
            return edits(actions.find(a => a.title.startsWith('拆分为'))!).map(e => e.newText).join('');
        };
        const before = await split((await session.openChecked(uri, compound)).diagnostics);
        const taken = /"([^"]*人次[^"]*)"/.exec(before)![1]!;
        // The user writes a 三级 of that name in the same block: the split must not give the name again.
        const republished = session.diagnostics(uri, 2);
        await session.replace(uri, compound.replace('"举办活动场次"：≥45场次', `"举办活动场次"：≥45场次\n                "${taken}"：≥100人次`), 2);
        const after = await split((await republished).diagnostics);
        expect(after).not.toContain(`"${taken}"`);
    });

    test('a client without dataSupport gets fixes, never an error', async () => {
        const uri = 'file:///tmp/jxmb-code-action-test/nodata.jxmb';
        const { diagnostics } = await session.openChecked(uri, text);
        const missing = diagnostics.find(d => d.code === 'value/missing')!;
        const { data: _dropped, ...withoutData } = missing;
        const actions = await session.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: missing.range, context: { diagnostics: [withoutData] } }) as CodeAction[];
        expect(actions.map(a => edits(a)[0]!.newText).join(' ')).toContain('〔待填〕');

        const range = { start: { line: 3, character: 0 }, end: { line: 3, character: 5 } };
        const odd = ['value/missing', 'measurability/vague-value', 'classification/misfiled'].map(code => ({ range, message: 'x', code }));
        await expect(session.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: odd } })).resolves.toEqual([]);
    });

    test('in a file with CRLF line ends, the lines a fix adds end in CRLF too', async () => {
        // A project table written on Windows: no 合计 row, no 满意度, a promise in the 绩效目标 without its indicator.
        const uri = 'file:///tmp/jxmb-code-action-test/crlf.jxmb';
        const crlf = [
            '项目支出 "示例区科协" 年度 2024 {', '    单位 "示例区科协" {', '        资金 { 总计 100.00  财政拨款 100.00 }',
            '        项目 "科普活动经费" {', '            资金 { 总计 100.00  财政拨款 100.00 }',
            '            绩效目标 "全年开展科普活动不少于20场次，培训科普志愿者不少于200人次，服务对象满意度不低于90%。"', '            绩效指标 {',
            '                产出指标 {', '                    数量指标 {', '                        "开展科普活动场次"：≥20场次', '                    }',
            '                }', '            }', '        }', '    }', '}', ''
        ].join('\r\n');
        const { diagnostics } = await session.openChecked(uri, crlf);
        const added: string[] = [];
        for (const code of ['budget/missing-amount', 'hierarchy/missing-satisfaction', 'hierarchy/missing-quality-or-timeliness', 'text-consistency/unmeasured-goal']) {
            const diagnostic = diagnostics.find(d => d.code === code)!;
            expect(diagnostic, code).toBeDefined();
            const actions = await session.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } }) as CodeAction[];
            expect(actions.length, code).toBeGreaterThan(0);
            for (const action of actions) added.push(...edits(action).map(e => e.newText).filter(t => /\n/.test(t)));
        }
        expect(added.length).toBeGreaterThan(0);
        expect(added.filter(t => /(?<!\r)\n/.test(t))).toEqual([]);
    });

    test('in a file of mixed line ends, a fix that moves a 三级 keeps the line break inside its name as it is', async () => {
        // CRLF rows, and a name the author broke with a bare \n: the move to 满意度指标 turned that \n into CRLF (the
        // quick-fix property test found it), changing the name the user wrote.
        const uri = 'file:///tmp/jxmb-code-action-test/mixed.jxmb';
        const name = '服务对象满意度\n（线上活动）';
        const mixed = [
            '部门整体 "示例区科协" 年度 2024 {', '    绩效指标 {', '        产出指标 {', `            数量指标 { "开展科普活动场次"：≥20场次  "${name}"：≥90% }`,
            '            时效指标 { "活动完成时间"：≤2024-12-31 }', '        }', '        效益指标 { 社会效益指标 { "科普受益人次"：≥2万人次 } }', '    }', '}', ''
        ].join('\r\n');
        const { diagnostics } = await session.openChecked(uri, mixed);
        const diagnostic = diagnostics.find(d => d.code === 'classification/satisfaction-misfiled')!;
        expect(diagnostic).toBeDefined();
        const actions = await session.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } }) as CodeAction[];
        const moved = actions.flatMap(edits).map(e => e.newText).filter(t => t.includes('（线上活动）'));
        expect(moved.length).toBeGreaterThan(0);
        for (const t of moved) expect(t).toContain(`"${name}"`);
    });
});
