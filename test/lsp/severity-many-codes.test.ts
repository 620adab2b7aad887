import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspSession } from '../helpers/lsp-client.js';

// A jxmb.severity pasted from elsewhere or generated, with thousands of codes jxmb does not have: the editor is told
// once, in one readable line — a few of the codes and how many — not with each of them; the codes it has still apply.

describe('jxmb.severity with 20,000 unknown codes', () => {
    const uri = 'untitled:Untitled-1';
    const severity: Record<string, string> = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`x/${i}`, 'off']));
    severity['hierarchy/missing-benefit'] = 'off';
    severity['measurability/vague-value'] = 'warn';
    let session: LspSession;
    let diagnostics: Diagnostic[];
    beforeAll(async () => {
        session = await LspSession.start({ settings: { jxmb: { severity } } });
        diagnostics = (await session.openChecked(uri, '部门整体 "测试单位" 年度 2024 {\n    绩效指标 { 产出指标 { 数量指标 { "场次"：≥10场次 } } }\n}\n')).diagnostics;
    });
    afterAll(async () => { await session?.stop(); });

    test('one message: the first three codes, their count, and the other entry that is wrong', async () => {
        await expect.poll(() => session.messages.length).toBe(1);
        expect(session.messages[0]!.message).toBe('设置 jxmb.severity：x/0、x/1、x/2 等 20,000 个不认识的诊断代码；代码形如 measurability/vague-value，见 README 的检查表。'
            + ' 设置 jxmb.severity → measurability/vague-value：取值无效，可用：error、warning、info、hint、off。 以上设置未生效，其余设置照常使用。');
        const codes = diagnostics.map(d => d.code);
        expect(codes).toContain('hierarchy/missing-satisfaction');
        expect(codes).not.toContain('hierarchy/missing-benefit');
    });
});
