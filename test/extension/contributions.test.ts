import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

// What VS Code reads from the package: commands with Chinese titles and English fallbacks, settings described in
// both languages, every runtime message translated, the walkthrough's pages and sample inside the .vsix and no
// sources or tests.

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const json = <T>(path: string) => JSON.parse(read(path)) as T;

interface Manifest {
    main: string;
    l10n: string;
    contributes: {
        commands: Array<{ command: string; title: string; category: string }>;
        configuration: { properties: Record<string, unknown> };
        walkthroughs: Array<{ steps: Array<{ media: { markdown: string }; description: string }> }>;
        menus: Record<string, Array<{ command: string; when?: string }>>;
    };
}

const manifest = json<Manifest>('package.json');
const en = json<Record<string, string>>('package.nls.json');
const zh = json<Record<string, string>>('package.nls.zh-cn.json');
const bundle = json<Record<string, string>>('l10n/bundle.l10n.zh-cn.json');

function sources(dir: string): string[] {
    return readdirSync(join(root, dir)).flatMap(name => {
        const path = join(dir, name);
        return statSync(join(root, path)).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
    });
}

/** The English keys the extension's code passes to vscode.l10n.t (or to a pure module's `t`). */
function runtimeKeys(): Set<string> {
    const keys = new Set<string>();
    for (const file of sources('extension')) {
        for (const m of read(file).matchAll(/(?:\bt|l10n\.t)\(\s*'((?:[^'\\]|\\.)*)'/g)) keys.add(m[1]!.replace(/\\'/g, "'"));
    }
    return keys;
}

type Context = Record<string, string | boolean>;

/** A `when` clause as VS Code reads it, for what package.json uses: `||`, `&&`, `==`, `!=`, `=~ /re/`, `!key`, `key`. */
function holds(when: string | undefined, context: Context): boolean {
    if (!when) return true;
    return when.split('||').some(alternative => alternative.split('&&').every(term => {
        const m = term.trim().match(/^(\S+)\s*(==|!=|=~)\s*(.+)$/);
        if (!m) return term.trim().startsWith('!') ? !context[term.trim().slice(1)] : Boolean(context[term.trim()]);
        const [, key, op, value] = m as unknown as [string, string, string, string];
        const actual = String(context[key] ?? '');
        if (op === '==') return actual === value;
        if (op === '!=') return actual !== value;
        const re = value.match(/^\/(.*)\/([a-z]*)$/)!;
        return new RegExp(re[1]!, re[2]).test(actual);
    }));
}

/** The `menu command` pairs VS Code offers in an editor's menus and the palette for that context. */
function offered(context: Context): string[] {
    return Object.entries(manifest.contributes.menus).filter(([menu]) => menu !== 'explorer/context')
        .flatMap(([menu, items]) => items.filter(item => holds(item.when, context)).map(item => `${menu} ${item.command}`)).sort();
}

describe('package contributions', () => {
    test('every %key% of package.json has its English and Chinese text', () => {
        const used = [...JSON.stringify(manifest).matchAll(/"%([^%"]+)%"/g)].map(m => m[1]!);
        expect(used.length).toBeGreaterThan(20);
        for (const key of used) {
            expect(en[key], key).toBeTruthy();
            expect(zh[key], key).toBeTruthy();
        }
        expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
        expect(Object.keys(en).filter(key => !used.includes(key))).toEqual([]);
    });

    test('the commands: Chinese titles, category jxmb, each registered by the extension', () => {
        const titles = Object.fromEntries(manifest.contributes.commands.map(c => [c.command, zh[c.title.slice(1, -1)]]));
        expect(titles).toEqual({
            'jxmb.exportExcel': '导出 Excel', 'jxmb.exportHtml': '导出 HTML', 'jxmb.exportFlat': '导出扁平字符串', 'jxmb.exportJson': '导出 JSON',
            'jxmb.importTable': '从表格导入', 'jxmb.reviewFolder': '生成审核报告', 'jxmb.draftIndicators': '起草绩效指标',
            'jxmb.acceptDraft': '采用起草的指标', 'jxmb.discardDraft': '放弃起草的指标', 'jxmb.setApiKey': '设置 API 密钥',
            'jxmb.showPreview': '表格预览', 'jxmb.openTutorial': '打开入门示例', 'jxmb.newFile': '新建绩效目标文件'
        });
        expect(new Set(manifest.contributes.commands.map(c => c.category))).toEqual(new Set(['jxmb']));
        const registered = [...sources('extension').map(read).join('\n').matchAll(/registerCommand\('([^']+)'/g)].map(m => m[1]);
        expect(registered.sort()).toEqual(Object.keys(titles).sort());
        for (const menu of Object.values(manifest.contributes.menus)) {
            for (const item of menu) expect(Object.keys(titles)).toContain(item.command);
        }
    });

    test('the table preview, export and draft are offered on a .jxmb file, not on a draft\'s preview (the diff\'s right side)', () => {
        const editor = (scheme: string): Context => ({ editorLangId: 'jxmb', resourceLangId: 'jxmb', resourceScheme: scheme, resourceExtname: '.jxmb' });
        const forFile = ['editor/title jxmb.showPreview', 'editor/context jxmb.showPreview', 'editor/context jxmb.exportExcel',
            'editor/context jxmb.draftIndicators', 'commandPalette jxmb.showPreview', 'commandPalette jxmb.exportExcel', 'commandPalette jxmb.exportJson'];
        // file on the desktop, untitled for a new file, vscode-remote in the workbench of code-server and remote windows
        for (const scheme of ['file', 'untitled', 'vscode-remote']) expect(offered(editor(scheme)), scheme).toEqual(expect.arrayContaining(forFile));
        expect(offered({ ...editor('jxmb-draft'), 'jxmb.draftPending': true })).toEqual([
            'commandPalette jxmb.acceptDraft', 'commandPalette jxmb.discardDraft', 'editor/title jxmb.acceptDraft', 'editor/title jxmb.discardDraft'
        ]);
    });

    test('the settings: LLM address, model, timeout and certificate file, default year; no API key among them', () => {
        const names = Object.keys(manifest.contributes.configuration.properties);
        expect(names).toEqual(expect.arrayContaining(['jxmb.severity', 'jxmb.costModel', 'jxmb.llm.baseUrl', 'jxmb.llm.model', 'jxmb.llm.timeout', 'jxmb.llm.caFile', 'jxmb.defaultYear']));
        // A path on this computer: a workspace's settings may not point the drafter at a file to trust.
        expect(manifest.contributes.configuration.properties['jxmb.llm.caFile']).toMatchObject({ type: 'string', default: '', scope: 'machine' });
        // As jxmb draft --timeout takes it.
        expect(manifest.contributes.configuration.properties['jxmb.llm.timeout']).toMatchObject({ type: 'number', default: 60, minimum: 1, maximum: 86_400 });
        expect(names.filter(n => /key|secret|token/i.test(n))).toEqual([]);
    });

    test('every runtime message has its Chinese translation, and the bundle holds no stale one', () => {
        const keys = runtimeKeys();
        expect(keys.size).toBeGreaterThan(40);
        expect([...keys].filter(key => !bundle[key])).toEqual([]);
        expect(Object.keys(bundle).filter(key => !keys.has(key))).toEqual([]);
        // Placeholders survive translation.
        for (const [key, value] of Object.entries(bundle)) {
            expect(value.match(/\{\d\}/g)?.sort(), key).toEqual(key.match(/\{\d\}/g)?.sort());
        }
    });

    test('the language configuration closes and surrounds the Chinese quotes', () => {
        const config = json<{ autoClosingPairs: Array<{ open: string; close: string }>; surroundingPairs: string[][]; comments: { lineComment: string } }>('extension/language-configuration.json');
        const pairs = config.autoClosingPairs.map(p => p.open + p.close);
        expect(pairs).toEqual(expect.arrayContaining(['""', '“”', '「」', '{}', '｛｝']));
        expect(config.surroundingPairs.map(p => p.join(''))).toEqual(expect.arrayContaining(['""', '“”', '「」']));
        expect(config.comments.lineComment).toBe('//');
    });

    test('the .vsix holds the bundles, the walkthrough and its sample, and no sources or tests', () => {
        const listed = spawnSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
        expect(listed.status, listed.stderr).toBe(0);
        const files = listed.stdout.trim().split('\n').map(f => f.trim());
        const media = manifest.contributes.walkthroughs.flatMap(w => w.steps.map(s => s.media.markdown));
        expect(media.every(m => existsSync(join(root, m)))).toBe(true);
        expect(files).toEqual(expect.arrayContaining([
            'dist/extension.cjs', 'dist/server.cjs', 'dist/lib/exceljs.cjs', 'dist/lib/mammoth.cjs', 'dist/lib/pinyin-pro.cjs', 'samples/tutorial.jxmb', 'l10n/bundle.l10n.zh-cn.json',
            'package.nls.json', 'package.nls.zh-cn.json', 'extension/language-configuration.json', ...media
        ]));
        expect(files.filter(f => /\.(ts|map|mjs)$|^test\/|^language\/|^snippets\//.test(f))).toEqual([]);
        expect(files.filter(f => f.startsWith('samples/'))).toEqual(['samples/tutorial.jxmb']);
        // The walkthrough's buttons run commands the extension has.
        const commands = manifest.contributes.commands.map(c => c.command);
        for (const step of manifest.contributes.walkthroughs[0]!.steps) {
            for (const m of en[step.description.slice(1, -1)]!.matchAll(/\(command:(jxmb\.[\w.]+)\)/g)) expect(commands).toContain(m[1]);
        }
    });
});
