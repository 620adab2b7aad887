import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { URI } from 'langium';
import { DocumentSymbolRequest, SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-protocol';
import { LspSession } from '../helpers/lsp-client.js';
import { modelOf, readSample, sampleFiles } from '../helpers/samples.js';
import { jxmb } from '../helpers/services.js';

// The outline (document symbols) as an editor asks for it: the built server (dist/server.cjs, `npm run build`).

const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const inside = (inner: Range, outer: Range) => before(outer.start, inner.start) && before(inner.end, outer.end);

function all(symbols: DocumentSymbol[]): DocumentSymbol[] {
    return symbols.flatMap(s => [s, ...all(s.children ?? [])]);
}

function child(symbol: DocumentSymbol | undefined, name: string): DocumentSymbol | undefined {
    return symbol?.children?.find(c => c.name === name);
}

/** The text a range covers. */
function textOf(text: string, range: Range): string {
    const lines = text.split('\n');
    if (range.start.line === range.end.line) return lines[range.start.line]!.slice(range.start.character, range.end.character);
    return [lines[range.start.line]!.slice(range.start.character), ...lines.slice(range.start.line + 1, range.end.line),
        lines[range.end.line]!.slice(0, range.end.character)].join('\n');
}

/** 三级 indicators as the compiler's canonical model counts them (arrays of indicators that are not lists of groups). */
function countIndicators(value: unknown): number {
    if (Array.isArray(value)) return value.reduce((n: number, v) => n + countIndicators(v), 0);
    if (typeof value !== 'object' || value === null) return 0;
    return Object.entries(value).reduce((n, [key, v]) => {
        const leaves = key === 'indicators' && Array.isArray(v) && v.every(i => typeof i === 'object' && i && !('groups' in i));
        return n + (leaves ? (v as unknown[]).length : countIndicators(v));
    }, 0);
}

describe('outline through the language server', () => {
    let session: LspSession;
    beforeAll(async () => { session = await LspSession.start(); });
    afterAll(async () => { await session?.stop(); });

    async function symbolsOf(name: string, text: string): Promise<DocumentSymbol[]> {
        const uri = `file:///tmp/jxmb-outline-test/${name}`;
        await session.open(uri, text, 1);
        return (await session.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }) ?? []) as DocumentSymbol[];
    }

    test('tutorial: declarations with unit and 年度, their blocks, tasks, and the indicator tree with values', async () => {
        const text = readSample('tutorial.jxmb');
        const symbols = await symbolsOf('tutorial.jxmb', text);
        expect(symbols.map(s => [s.name, s.detail, s.kind])).toEqual([
            ['部门整体 示例区科学技术协会', '2024年度', SymbolKind.Module],
            ['项目支出 示例区科学技术协会', '2024年度', SymbolKind.Module]
        ]);
        const [department, projects] = symbols;
        expect(textOf(text, department!.selectionRange)).toBe('"示例区科学技术协会"');
        expect(textOf(text, department!.range)).toMatch(/^部门整体 "示例区科学技术协会" 年度 2024 \{[\s\S]*\}$/);
        expect(department!.children!.map(c => [c.name, c.kind])).toEqual([
            ['基本信息', SymbolKind.Struct], ['预算', SymbolKind.Struct], ['科普活动经费', SymbolKind.Event], ['绩效指标', SymbolKind.Package]
        ]);
        expect(child(child(department, '预算'), '部门预算支出')?.children?.map(c => [c.name, c.detail])).toEqual([['基本支出', '200.00'], ['项目支出', '100.00']]);
        expect(child(department, '科普活动经费')?.detail).toBe('拟投入资金 80.00 万元');

        const tree = child(department, '绩效指标')!;
        expect(tree.detail).toBe('6 个三级指标');
        expect(tree.children!.map(c => [c.name, c.detail, c.kind])).toEqual([
            ['产出指标', '1', SymbolKind.Namespace], ['效益指标', '2', SymbolKind.Namespace], ['满意度指标', '3', SymbolKind.Namespace]
        ]);
        const quantity = child(child(tree, '产出指标'), '数量指标')!;
        expect([quantity.detail, quantity.kind]).toEqual(['11', SymbolKind.Enum]);
        expect(quantity.children!.map(c => [c.name, c.detail, c.kind])).toEqual([
            ['组织科普志愿活动场次', '≥20场次', SymbolKind.Property],
            ['发布科普文章数量', '不少于50篇', SymbolKind.Property]
        ]);
        expect(child(child(child(tree, '效益指标'), '社会效益指标'), '科普受益人次')?.detail).toBe('实施周期 ≥2万人次；年度 ≥2万人次');
        expect(textOf(text, quantity.children![0]!.selectionRange)).toBe('"组织科普志愿活动场次"');

        const unit = child(projects, '示例区科学技术协会')!;
        expect(unit.kind).toBe(SymbolKind.Object);
        const project = child(unit, '科普活动经费')!;
        expect(project.kind).toBe(SymbolKind.Class);
        expect(project.children!.map(c => c.name)).toEqual(['资金', '绩效指标']);
        expect(child(projects, '合计')?.children?.map(c => c.name)).toEqual(['总计', '财政拨款']);
    });

    test('seed 002: the confidential project is marked, and every project is there', async () => {
        const text = readSample('002-guangzhou-kexie-projects.jxmb');
        const symbols = await symbolsOf('002.jxmb', text);
        const projects = all(symbols).filter(s => s.kind === SymbolKind.Class);
        expect(projects[0]!.name).toBe('TZMMZX（保密）');
        expect(projects.filter(p => p.name.includes('保密'))).toHaveLength(1);
        expect(projects.length).toBe((text.match(/^\s*项目 "/gm) ?? []).length);
    });

    test.each(sampleFiles())('%s: every 三级 indicator is in the outline, and every range nests', async name => {
        const text = readSample(name);
        const symbols = await symbolsOf(`nest-${name}`, text);
        const { model } = await modelOf(text);
        expect(all(symbols).filter(s => s.kind === SymbolKind.Property)).toHaveLength(countIndicators(model));
        const check = (s: DocumentSymbol) => {
            expect(s.name.length).toBeGreaterThan(0);
            expect(inside(s.selectionRange, s.range)).toBe(true);
            for (const c of s.children ?? []) {
                expect(inside(c.range, s.range)).toBe(true);
                check(c);
            }
        };
        symbols.forEach(check);
    });
});

describe('outline of broken text', () => {
    test.each([
        ['unclosed', '部门整体 "甲" 年度 {\n  任务 "乙" {\n  绩效指标 { 产出指标 { 数量指标 { "x"：≥ '],
        ['no names', '项目支出 { 单位 { 项目 保密 { 资金 { 总计 } } } }'],
        ['garbage', '}}}{{{"""«»项目支出 ：：≥≥ 产出指标 数量指标 "a"'],
        ['empty', '']
    ])('%s: symbols with names and nested ranges, never an exception', async (_name, text) => {
        const services = jxmb();
        const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`memory:///outline-${_name}.jxmb`));
        services.shared.workspace.LangiumDocuments.addDocument(document);
        await services.shared.workspace.DocumentBuilder.build([document]);
        const symbols = await services.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: { uri: document.uri.toString() } });
        for (const s of all(symbols)) {
            expect(s.name.trim().length).toBeGreaterThan(0);
            expect(inside(s.selectionRange, s.range)).toBe(true);
        }
    });
});
