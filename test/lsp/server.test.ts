import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LspSession } from '../helpers/lsp-client.js';

// The language server as an editor uses it: a separate process, JSON-RPC over stdio (npm test builds out/server.cjs).

describe('language server', () => {
    let session: LspSession;
    beforeAll(async () => { session = await LspSession.start(); });
    afterAll(async () => { await session?.stop(); });

    test('publishes a syntax error with its place, then clears it when the text is fixed', async () => {
        const uri = 'file:///tmp/jxmb-lsp-test/a.jxmb';
        const broken = '部门整体 "测试单位" {\n    预算 { 基本支出 "一百" }\n}\n';
        const published = await session.openChecked(uri, broken);
        // (and the table's missing 绩效指标, which no fix of the syntax changes)
        expect(published.diagnostics.map(d => d.code)).toEqual(['parsing-error', 'structure/missing-indicators']);
        const [d] = published.diagnostics;
        expect(d!.code).toBe('parsing-error');
        expect(d!.message).toContain('数字');
        expect(d!.range.start).toEqual({ line: 1, character: 14 });

        const second = session.diagnostics(uri, 2);
        await session.replace(uri, broken.replace('"一百"', '100.00'), 2);
        expect((await second).diagnostics.map(d => d.code)).toEqual(['structure/missing-indicators']);
    });

    test('diagnostics carry the version of the text they were computed for, so that an editor can drop stale ones', async () => {
        const uri = 'file:///tmp/jxmb-lsp-test/versions.jxmb';
        const broken = '部门整体 "测试单位" {\n    预算 { 基本支出 "一百" }\n}\n';
        const fixed = broken.replace('"一百"', '100.00');
        const twice = broken.replace('"一百"', '1.00  基本支出 2.00');
        // version → [text, the codes of its findings]
        const versions: Record<number, [string, string[]]> = {
            1: [broken, ['parsing-error', 'structure/missing-indicators']],
            2: [fixed, ['structure/missing-indicators']],
            3: [broken, ['parsing-error', 'structure/missing-indicators']],
            4: [twice, ['structure/duplicate-amount', 'structure/missing-indicators']]
        };
        const first = await session.openChecked(uri, versions[1]![0]);
        expect(first.version).toBe(1);
        const second = session.diagnostics(uri, 2);
        await session.replace(uri, versions[2]![0], 2);
        expect(await second).toMatchObject({ version: 2 });
        // Two edits at once: whatever is published in between names the version its findings belong to.
        const last = session.diagnostics(uri, 4);
        await session.replace(uri, versions[3]![0], 3);
        await session.replace(uri, versions[4]![0], 4);
        expect(await last).toMatchObject({ version: 4 });
        for (const p of session.published.filter(p => p.uri === uri)) {
            expect(p.version, JSON.stringify(p)).toBeDefined();
            expect(p.diagnostics.map(d => d.code).sort(), `version ${p.version}`).toEqual(versions[p.version!]![1]);
        }
    });

    test('keeps serving after a document full of garbage', async () => {
        const uri = 'file:///tmp/jxmb-lsp-test/garbage.jxmb';
        const garbage = await session.openChecked(uri, '\u0000\u0001}}}{{{"""«»' + '项目'.repeat(1000));
        expect(garbage.diagnostics.length).toBeGreaterThan(0);

        const ok = 'file:///tmp/jxmb-lsp-test/ok.jxmb';
        const clean = await session.openChecked(ok, '部门整体 "测试单位" 年度 2024 { 总体绩效目标 "完成全年工作" }\n');
        expect(clean.diagnostics.map(d => d.code)).toEqual(['structure/missing-indicators']);
    });

    test('re-checks open documents when jxmb.severity changes', async () => {
        const uri = 'file:///tmp/jxmb-lsp-test/severity.jxmb';
        const first = await session.openChecked(uri, '部门整体 "测试单位" {\n    预算 { 基本支出 1.00  基本支出 2.00 }\n}\n');
        expect(first.diagnostics.find(d => d.code === 'structure/duplicate-amount')?.severity).toBe(1);

        const lowered = session.diagnostics(uri);
        await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: { jxmb: { severity: { 'structure/duplicate-amount': 'hint' } } } });
        expect((await lowered).diagnostics.find(d => d.code === 'structure/duplicate-amount')?.severity).toBe(4);

        const silenced = session.diagnostics(uri);
        await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: { jxmb: { severity: { 'structure/duplicate-amount': 'off' } } } });
        expect((await silenced).diagnostics.filter(d => d.code === 'structure/duplicate-amount')).toEqual([]);
        await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: { jxmb: { severity: {} } } });
    });

    test('a settings change followed at once by an edit: the last diagnostics show both', async () => {
        const uri = 'file:///tmp/jxmb-lsp-test/settings-then-edit.jxmb';
        const text = '部门整体 "测试单位" {\n    预算 { 基本支出 1.00  基本支出 2.00 }\n}\n';
        await session.openChecked(uri, text);

        const edited = session.diagnostics(uri, 2);
        await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: { jxmb: { severity: { 'structure/duplicate-amount': 'hint' } } } });
        await session.replace(uri, text.replace('2.00', '"二"'), 2);
        await edited;
        // Publications carry no version: any rebuild still under way has had time to publish, and the newest
        // publication must be of the edited text.
        await new Promise(resolve => setTimeout(resolve, 1000));
        const last = session.published.filter(p => p.uri === uri).at(-1)!;
        expect(last.diagnostics.find(d => d.code === 'parsing-error')).toBeDefined();
        await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: { jxmb: { severity: {} } } });
    });

    test('answers jxmb/summary with the measurable share and the counts by family', async () => {
        const uri = 'file:///tmp/jxmb-lsp-test/summary.jxmb';
        await session.openChecked(uri, [
            '部门整体 "测试单位" 年度 2024 {',
            '    绩效指标 {',
            '        产出指标 { 数量指标 { "举办活动场次"：≥10场次 } }',
            '        效益指标 { 社会效益指标 { "科普公共服务能力"："提升" } }',
            '        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }',
            '    }',
            '}'
        ].join('\n'));
        const summary = await session.connection.sendRequest('jxmb/summary', { uri }) as Record<string, unknown>;
        expect(summary).toMatchObject({ indicators: 3, measurable: 2 });
        expect((summary.byFamily as Record<string, unknown>).measurability).toEqual({ errors: 0, warnings: 1, infos: 0 });
        expect(await session.connection.sendRequest('jxmb/summary', { uri: 'file:///tmp/jxmb-lsp-test/never-opened.jxmb' })).toBeNull();
    });
});
