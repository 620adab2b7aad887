import { rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CompletionRequest, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspSession } from '../helpers/lsp-client.js';
import { runJxmb } from '../helpers/run-cli.js';
import { readSample } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';

// A finance bureau hands its units a jxmb.yaml (its own severities, its 成本 model). In VS Code the Problems panel
// follows it as `jxmb check` does, over the person's VS Code settings for what it names; a change to it re-checks
// the folder; a jxmb.yaml that cannot be used says so on itself, and the tables fall back to VS Code settings.

const dir = useTempDir('jxmb-config-');
const severityOf = (diagnostics: Diagnostic[], code: string) => diagnostics.filter(d => d.code === code).map(d => d.severity);
const names = ['error', 'warning', 'info', 'hint'];
let session: LspSession;
let table: string;
let config: string;

/** The table's diagnostics once a publication after `since` arrived. */
async function published(since: number): Promise<Diagnostic[]> {
    for (let waited = 0; waited < 30_000; waited += 100) {
        const after = session.published.slice(since).filter(p => p.uri === table);
        if (after.length > 0) return after.at(-1)!.diagnostics;
        await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error('no diagnostics for the table');
}

/** Writes jxmb.yaml and tells the server, as VS Code's file watcher does. */
async function changeConfig(text: string | undefined): Promise<number> {
    const since = session.published.length;
    if (text === undefined) rmSync(dir.at('ws', 'jxmb.yaml'));
    else writeFileSync(dir.at('ws', 'jxmb.yaml'), text);
    await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: config, type: text === undefined ? FileChangeType.Deleted : FileChangeType.Changed }]
    });
    return since;
}

beforeAll(async () => {
    table = pathToFileURL(dir.file('ws/units/table.jxmb', readSample('000-nansha-kexie.jxmb'))).toString();
    config = pathToFileURL(dir.file('ws/jxmb.yaml', 'severity:\n  measurability/vague-value: error\n  hierarchy/empty-level2: off\n')).toString();
    // VS Code settings: one code the jxmb.yaml also names, one it does not.
    session = await LspSession.start({
        workspaceFolder: pathToFileURL(dir.at('ws')).toString(),
        settings: { jxmb: { severity: { 'measurability/vague-value': 'hint', 'value/rate-without-percent': 'info' } } }
    });
});
afterAll(async () => { await session?.stop(); });

describe('jxmb.yaml in the editor', () => {
    test('the nearest jxmb.yaml wins for the codes it names, VS Code settings apply to the rest; as jxmb check', async () => {
        const diagnostics = await published(0);
        expect(severityOf(diagnostics, 'measurability/vague-value')).toEqual(Array(10).fill(1)); // error, from jxmb.yaml
        expect(severityOf(diagnostics, 'hierarchy/empty-level2')).toEqual([]); // off, from jxmb.yaml
        expect(severityOf(diagnostics, 'value/rate-without-percent')).toEqual([3]); // info, from VS Code settings
        const check = JSON.parse(runJxmb(['check', '--format', 'json', new URL(table).pathname]).stdout) as { findings: Array<{ code: string; severity: string }> };
        const fromCheck = check.findings.filter(f => f.code !== 'value/rate-without-percent').map(f => `${f.code} ${f.severity}`).sort();
        expect(diagnostics.filter(d => d.code !== 'value/rate-without-percent').map(d => `${String(d.code)} ${names[d.severity! - 1]}`).sort()).toEqual(fromCheck);
    });

    test('a changed jxmb.yaml re-checks the table', async () => {
        const diagnostics = await published(await changeConfig('costModel: legacy\nseverity:\n  measurability/vague-value: off\n'));
        expect(severityOf(diagnostics, 'measurability/vague-value')).toEqual([]);
        expect(severityOf(diagnostics, 'hierarchy/empty-level2')).toEqual([3, 3, 3]); // back to its default, info
    });

    test('a jxmb.yaml that cannot be used: its error on itself at its place, the table by VS Code settings alone', async () => {
        const since = await changeConfig('severity:\n  measurability/vague-value: loud\n');
        const diagnostics = await published(since);
        expect(severityOf(diagnostics, 'measurability/vague-value')).toEqual(Array(10).fill(4)); // hint, VS Code's
        const onConfig = session.published.filter(p => p.uri === config).at(-1)!.diagnostics;
        expect(onConfig).toHaveLength(1);
        expect(onConfig[0]).toMatchObject({ code: 'config/invalid', severity: 1, range: { start: { line: 1, character: 29 } } }); // at 「loud」
        // The same words as the CLI's.
        expect(runJxmb(['check', new URL(table).pathname]).stderr).toContain(onConfig[0]!.message);
    });

    test('its own 指标库: completion in a 二级 offers the unit\'s names first; a key that is no 二级 is refused at its place', async () => {
        await published(await changeConfig('indicators:\n  数量指标:\n    - 本单位科普大篷车巡展站点数\n  服务对象满意度: [参展公众满意度]\n'));
        const uri = pathToFileURL(dir.file('ws/units/new.jxmb', '')).toString();
        const text = '部门整体 "测试单位" 年度 2024 {\n    绩效指标 {\n        产出指标 {\n            数量指标 {\n                \n            }\n        }\n    }\n}\n';
        await session.openChecked(uri, text);
        const result = await session.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 4, character: 16 }, context: { triggerKind: 1 } });
        const items = Array.isArray(result) ? result : result?.items ?? [];
        const byOrder = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
        const own = byOrder.findIndex(i => i.label === '本单位科普大篷车巡展站点数');
        expect(own).toBeGreaterThanOrEqual(0);
        expect(byOrder[own]!.detail).toContain('本单位指标库');
        expect(byOrder.findIndex(i => i.label === '举办活动场次')).toBeGreaterThan(own); // RULES §5, after the unit's own
        expect(items.map(i => i.label)).not.toContain('参展公众满意度'); // another 二级's

        const since = await changeConfig('indicators:\n  数量指标: [甲]\n  科普指标: [乙]\n');
        await published(since);
        const onConfig = session.published.filter(p => p.uri === config).at(-1)!.diagnostics;
        expect(onConfig[0]).toMatchObject({ code: 'config/invalid', range: { start: { line: 2, character: 2 } } });
        expect(onConfig[0]!.message).toContain('科普指标：不是二级指标的名称');
    });

    test('fixed, its error goes; removed, VS Code settings alone', async () => {
        await published(await changeConfig('severity:\n  measurability/vague-value: warning\n'));
        expect(session.published.filter(p => p.uri === config).at(-1)!.diagnostics).toEqual([]);
        const diagnostics = await published(await changeConfig(undefined));
        expect(severityOf(diagnostics, 'measurability/vague-value')).toEqual(Array(10).fill(4));
    });
});

// VS Code's settings editor lets any value into jxmb.severity. One wrong entry (a level that is none, a misspelt
// code) is left out and told once, by its key and why; the user's other entries still apply.
describe('jxmb.severity entries that cannot be used', () => {
    const uri = 'untitled:Untitled-1';
    const severity: Record<string, string> = { 'value/word-operator': 'off', 'measurability/vague-value': 'warn' };
    const settings = { jxmb: { severity } };
    let own: LspSession;
    let opened: Diagnostic[];

    /**
     * The document's diagnostics after the settings change to `entries`, and the messages the change brought. `same`:
     * the settings as they were, which check nothing again; the messages are those told by the time a request sent
     * after the change is answered (through the workspace lock, after any re-check).
     */
    async function changeSettings(entries: Record<string, string>, same = false): Promise<{ diagnostics: Diagnostic[]; messages: string[] }> {
        for (const code of Object.keys(severity)) delete severity[code];
        Object.assign(severity, entries);
        const [since, told] = [own.published.length, own.messages.length];
        await own.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
        if (same) {
            await own.connection.sendRequest('jxmb/summary', { uri });
            expect(own.published.slice(since).filter(p => p.uri === uri)).toEqual([]);
            return { diagnostics: own.published.filter(p => p.uri === uri).at(-1)!.diagnostics, messages: own.messages.slice(told).map(m => m.message) };
        }
        for (let waited = 0; !own.published.slice(since).some(p => p.uri === uri); waited += 100) {
            if (waited > 30_000) throw new Error('no diagnostics after the settings changed');
            await new Promise(resolve => setTimeout(resolve, 100));
        }
        return { diagnostics: own.published.slice(since).filter(p => p.uri === uri).at(-1)!.diagnostics, messages: own.messages.slice(told).map(m => m.message) };
    }

    beforeAll(async () => {
        own = await LspSession.start({ settings });
        opened = (await own.openChecked(uri, readSample('tutorial.jxmb'))).diagnostics;
    });
    afterAll(async () => { await own?.stop(); });

    test('a level that is none: that entry is left out and named with the levels; value/word-operator is still off', () => {
        expect(severityOf(opened, 'value/word-operator')).toEqual([]);
        expect(severityOf(opened, 'measurability/vague-value')).toEqual([2]); // its default, warning
        expect(own.messages).toHaveLength(1); // told once at start, not once per document checked
        expect(own.messages[0]).toMatchObject({ type: 2 }); // a warning
        expect(own.messages[0]!.message).toContain('设置 jxmb.severity → measurability/vague-value：取值无效，可用：error、warning、info、hint、off。');
    });

    test('a misspelt code: named with its family\'s codes, as a jxmb.yaml is; the same settings again are not told again', async () => {
        const entries = { 'value/word-operator': 'off', 'measurability/vague-valeu': 'off' };
        const { diagnostics, messages } = await changeSettings(entries);
        expect(severityOf(diagnostics, 'value/word-operator')).toEqual([]);
        expect(severityOf(diagnostics, 'measurability/vague-value')).toEqual([2]);
        expect(messages).toHaveLength(1);
        expect(messages[0]).toContain('设置 jxmb.severity → measurability/vague-valeu：不认识的诊断代码；这一类的代码有：measurability/vague-value、');
        // (nor checked again: the same settings announced again, as VS Code's client does at start, re-checked every file)
        expect((await changeSettings(entries, true)).messages).toEqual([]);
        expect((await changeSettings({ 'measurability/vague-value': 'hint' })).messages).toEqual([]);
        expect((await changeSettings(entries)).messages).toHaveLength(1); // wrong again after being right: told again
    });

    test('jxmb.costModel: 2021 typed without quotes is the 2021 model, as in jxmb.yaml; a value that is none is named and legacy used', async () => {
        const costOf = async (value: unknown) => {
            (settings.jxmb as Record<string, unknown>).costModel = value;
            return changeSettings({});
        };
        const legacy = severityOf(opened, 'hierarchy/missing-cost');
        const unquoted = await costOf(2021);
        expect(severityOf(unquoted.diagnostics, 'hierarchy/missing-cost')).not.toEqual(legacy);
        expect(unquoted.messages).toEqual([]);
        expect(severityOf((await costOf('2021')).diagnostics, 'hierarchy/missing-cost')).toEqual(severityOf(unquoted.diagnostics, 'hierarchy/missing-cost'));
        const none = await costOf('2022');
        expect(severityOf(none.diagnostics, 'hierarchy/missing-cost')).toEqual(legacy);
        expect(none.messages).toEqual([expect.stringContaining('设置 jxmb.costModel：取值无效，可用：legacy、2021；按 legacy 检查。')]);
        delete (settings.jxmb as Record<string, unknown>).costModel;
    });
});

// A branch switch deletes tables and changes jxmb.yaml at once; the watcher may tell the change before the deletions
// (or a table is deleted while VS Code does not watch). The re-check read the deleted table again, the read failed,
// and the failure ended the server: no more findings, completion or formatting until VS Code restarted it.
describe('a table deleted on disk before the server is told, then the settings change', () => {
    const folder = useTempDir('jxmb-config-gone-');
    let own: LspSession | undefined;
    afterAll(async () => { await own?.stop(); });

    test('the other tables are checked again with the new settings, the deleted one leaves the Problems panel, the server goes on', async () => {
        const kept = pathToFileURL(folder.file('ws/kept.jxmb', readSample('000-nansha-kexie.jxmb'))).toString();
        const gone = pathToFileURL(folder.file('ws/gone.jxmb', readSample('000-nansha-kexie.jxmb'))).toString();
        own = await LspSession.start({ workspaceFolder: pathToFileURL(folder.at('ws')).toString(), settings: { jxmb: { severity: {} } } });
        const last = (uri: string) => own!.published.filter(p => p.uri === uri).at(-1)?.diagnostics;
        await expect.poll(() => severityOf(last(kept) ?? [], 'measurability/vague-value'), { timeout: 20_000 }).toEqual(Array(10).fill(2));
        rmSync(new URL(gone));
        await own.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { jxmb: { severity: { 'measurability/vague-value': 'hint' } } } });
        await expect.poll(() => severityOf(last(kept) ?? [], 'measurability/vague-value'), { timeout: 20_000 }).toEqual(Array(10).fill(4));
        await expect.poll(() => last(gone), { timeout: 20_000 }).toEqual([]);
        expect(own.process.exitCode).toBeNull();
    }, 60_000);
});
