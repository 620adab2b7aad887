import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { CodeActionRequest, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-protocol';
import { LspSession } from '../helpers/lsp-client.js';
import { runJxmb } from '../helpers/run-cli.js';
import { readSample } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';

// `jxmb check --format json` gives each finding the quick-fixes the editor's lightbulb offers for it, placed as the
// finding is (1-based line and column), so that a reviewer's tool or CI can apply them.

interface Edit { line: number; column: number; endLine: number; endColumn: number; newText: string }
interface Fix { title: string; isPreferred: boolean; edits: Edit[] }
interface Finding { file: string; line: number; column: number; endLine: number; endColumn: number; code: string; message: string; fixes?: Fix[] }

// The tutorial with a name left unquoted (a syntax error with its repair), a row after a Han character beyond the
// BMP (two UTF-16 code units), whose value has its symbol form as a fix, and a zero-width space and a direction
// override in a name (text/invisible-char, whose fix deletes both).
const text = readSample('tutorial.jxmb')
    .replace('"组织科普志愿活动场次"：≥20场次', '组织科普志愿活动场次：≥20场次')
    .replace('"开展科普活动场次"：≥20场次', '"开展\u200b科普活动\u202e场次"：≥20场次')
    .replace('"发布科普文章数量"："不少于50篇"', '"发布科普文章数量"："不少于50篇"\n                "𠮷科普讲座场次"："不少于12场次"');

const { file } = useTempDir('jxmb-check-fixes-');

/** The text with `edits` applied, by the line and column the JSON gives (columns in UTF-16 code units). */
function apply(source: string, edits: Edit[]): string {
    const lineStarts = [0, ...[...source.matchAll(/\n/g)].map(m => m.index! + 1)];
    const offset = (line: number, column: number) => lineStarts[line - 1]! + column - 1;
    let out = source;
    for (const e of [...edits].sort((a, b) => offset(b.line, b.column) - offset(a.line, a.column))) {
        out = out.slice(0, offset(e.line, e.column)) + e.newText + out.slice(offset(e.endLine, e.endColumn));
    }
    return out;
}

function checkJson(path: string): { findings: Finding[] } {
    return JSON.parse(runJxmb(['check', path, '--format', 'json']).stdout);
}

describe('check --format json carries the quick-fixes', () => {
    let path: string;
    let findings: Finding[];
    beforeAll(() => {
        path = file('教程.jxmb', text);
        findings = checkJson(path).findings;
    });

    test('every finding has its list of fixes; the unquoted name has the quoting repair, placed as the finding is', () => {
        for (const f of findings) expect(Array.isArray(f.fixes), `${f.code} ${f.line}:${f.column}`).toBe(true);
        const syntax = findings.find(f => f.code === 'parsing-error')!;
        expect(syntax.fixes).toEqual([{
            title: '加上引号：「"组织科普志愿活动场次"」', isPreferred: true,
            edits: [{ line: syntax.line, column: syntax.column, endLine: syntax.endLine, endColumn: syntax.endColumn, newText: '"组织科普志愿活动场次"' }]
        }]);
    });

    test('applied as the JSON says, the preferred fixes remove their findings (columns count as the finding\'s do)', () => {
        const chosen = findings.filter(f => f.code === 'parsing-error' || f.code === 'value/word-operator');
        expect(chosen.map(f => f.code).sort()).toEqual(['parsing-error', 'value/word-operator', 'value/word-operator']);
        const edits = chosen.flatMap(f => f.fixes!.find(x => x.isPreferred)!.edits);
        const fixed = apply(text, edits);
        expect(fixed).toContain('"𠮷科普讲座场次"：≥12场次');
        expect(fixed).toContain('"组织科普志愿活动场次"：≥20场次');
        const after = checkJson(file('教程-修复后.jxmb', fixed)).findings;
        expect(after.filter(f => f.code === 'parsing-error' || f.code === 'value/word-operator')).toEqual([]);
    });

    test('a name\'s hidden characters: the finding at the first, its fix deletes them all', () => {
        const hidden = findings.find(f => f.code === 'text/invisible-char')!;
        const line = text.split('\n')[hidden.line - 1]!;
        expect([hidden.line, line.indexOf('\u200b') + 1, hidden.endColumn - hidden.column]).toEqual([61, hidden.column, 1]);
        expect(hidden.message).toContain('零宽空格 U+200B、从右到左覆盖 U+202E（共 2 处）');
        const [fix] = hidden.fixes!;
        expect(fix!.edits).toHaveLength(2);
        expect(apply(text, fix!.edits)).toContain('"开展科普活动场次"：≥20场次');
    });

    test('the fixes are those the language server offers in the editor, finding by finding', async () => {
        const session = await LspSession.start();
        try {
            const uri = pathToFileURL(path).toString();
            const { diagnostics } = await session.openChecked(uri, readFileSync(path, 'utf8'));
            expect(diagnostics.length).toBe(findings.length);
            const place = (d: Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${d.message}`;
            const fromServer: Record<string, Fix[]> = {};
            for (const d of diagnostics) {
                const actions = await session.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }) as CodeAction[];
                fromServer[place(d)] = actions.map(a => ({
                    title: a.title, isPreferred: a.isPreferred === true,
                    edits: (a.edit!.documentChanges![0] as { edits: TextEdit[] }).edits.map(e => ({
                        line: e.range.start.line + 1, column: e.range.start.character + 1, endLine: e.range.end.line + 1, endColumn: e.range.end.character + 1, newText: e.newText
                    }))
                }));
            }
            const fromCli = Object.fromEntries(findings.map(f => [`${f.line}:${f.column} ${f.code} ${f.message}`, f.fixes]));
            expect(fromCli).toEqual(fromServer);
            expect(Object.values(fromCli).filter(fixes => fixes!.length > 0).length).toBeGreaterThan(3);
        } finally {
            await session.stop();
        }
    }, 60_000);

    test('the text output is unchanged: one line per finding, no fixes', () => {
        const r = runJxmb(['check', path]);
        expect(r.stdout.trim().split('\n')).toHaveLength(findings.length + 1);
        expect(r.stdout).not.toContain('加上引号');
    });
});

