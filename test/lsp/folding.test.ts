import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AstUtils, URI, type LangiumDocument } from 'langium';
import { FoldingRangeKind, FoldingRangeRequest, type FoldingRange } from 'vscode-languageserver-protocol';
import type { Document } from '../../language/generated/ast.js';
import { LspSession } from '../helpers/lsp-client.js';
import { readSample } from '../helpers/samples.js';
import { jxmb } from '../helpers/services.js';

// Folding: every brace block and every multi-line comment folds, the closing brace stays visible.

let counter = 0;

async function parse(text: string): Promise<LangiumDocument<Document>> {
    const services = jxmb();
    const document = services.shared.workspace.LangiumDocumentFactory.fromString<Document>(text, URI.parse(`memory:///fold-${++counter}.jxmb`));
    services.shared.workspace.LangiumDocuments.addDocument(document);
    await services.shared.workspace.DocumentBuilder.build([document]);
    return document;
}

async function foldsOf(text: string): Promise<FoldingRange[]> {
    const document = await parse(text);
    return jxmb().lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument: { uri: document.uri.toString() } });
}

/** Every block written with braces: its first line and the line of its closing brace. */
async function braceBlocks(text: string): Promise<Array<{ type: string; start: number; end: number }>> {
    const document = await parse(text);
    return AstUtils.streamAllContents(document.parseResult.value)
        .filter(node => /[}｝]$/.test(node.$cstNode?.text ?? '') && /[{｛]/.test(node.$cstNode?.text ?? ''))
        .map(node => ({ type: node.$type, start: node.$cstNode!.range.start.line, end: node.$cstNode!.range.end.line }))
        .toArray();
}

/** Each block spanning three lines or more folds from its first line to the line before its brace; blocks that start on one line fold as the outermost. */
async function expectBlocksFold(text: string, folds: FoldingRange[]): Promise<void> {
    const outermost = new Map<number, number>();
    for (const { start, end } of await braceBlocks(text)) {
        if (end - start >= 2) outermost.set(start, Math.max(outermost.get(start) ?? 0, end));
    }
    expect(outermost.size).toBeGreaterThan(0);
    for (const [start, end] of outermost) {
        expect(folds.find(f => f.startLine === start), `block at line ${start + 1}`).toMatchObject({ startLine: start, endLine: end - 1 });
    }
}

describe('folding through the language server', () => {
    let session: LspSession;
    beforeAll(async () => { session = await LspSession.start(); });
    afterAll(async () => { await session?.stop(); });

    async function request(name: string, text: string): Promise<FoldingRange[]> {
        const uri = `file:///tmp/jxmb-folding-test/${name}`;
        await session.open(uri, text, 1);
        return await session.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } }) ?? [];
    }

    test('tutorial: every brace block folds, and so does the comment header', async () => {
        const text = readSample('tutorial.jxmb');
        const folds = await request('tutorial.jxmb', text);
        await expectBlocksFold(text, folds);
        const header = text.split('\n').findIndex(line => !line.startsWith('//'));
        expect(folds).toContainEqual(expect.objectContaining({ startLine: 0, endLine: header - 1, kind: FoldingRangeKind.Comment }));
        // One range per start line: the editor keeps only one.
        expect(new Set(folds.map(f => f.startLine)).size).toBe(folds.length);
    });

    test('seed 002: every project, 绩效指标 and 一级/二级 block folds', async () => {
        const text = readSample('002-guangzhou-kexie-projects.jxmb');
        const folds = await request('002.jxmb', text);
        await expectBlocksFold(text, folds);
        const projectLine = text.split('\n').findIndex(line => line.includes('项目 "科普经费"'));
        expect(folds.some(f => f.startLine === projectLine)).toBe(true);
    });
});

describe('folding, in detail', () => {
    test('a block closed by the full-width ｝ keeps its closing line visible', async () => {
        const text = ['部门整体 "甲" ｛', '    基本信息 ｛', '        财政供养人员数 12', '    ｝', '｝'].join('\n');
        const folds = await foldsOf(text);
        expect(folds).toContainEqual(expect.objectContaining({ startLine: 0, endLine: 3 }));
        expect(folds).toContainEqual(expect.objectContaining({ startLine: 1, endLine: 2 }));
    });

    test('block comments of two lines or more fold whole; a run of // lines folds; a lone or trailing // does not', async () => {
        const text = [
            '/* 两行的',
            '   注释 */',
            '部门整体 "甲" 年度 2024 {  // 行尾注释',
            '    // 第一行',
            '    // 第二行',
            '    // 第三行',
            '    总体绩效目标 "完成全年工作"',
            '    /* 一行 */',
            '    // 单独一行',
            '    基本信息 { 财政供养人员数 12 }',
            '}'
        ].join('\n');
        const folds = await foldsOf(text);
        const comments = folds.filter(f => f.kind === FoldingRangeKind.Comment).map(f => [f.startLine, f.endLine]);
        expect(comments).toEqual([[0, 1], [3, 5]]);
        expect(folds).toContainEqual(expect.objectContaining({ startLine: 2, endLine: 9 }));
    });

    test('a multi-line string value folds; a block on two lines does not (nothing would be hidden)', async () => {
        const text = [
            '部门整体 "甲" {',
            '    任务 "乙" {',
            '        主要实施内容 "第一行',
            '第二行',
            '第三行"',
            '    }',
            '    基本信息 { 财政供养人员数 12',
            '    }',
            '}'
        ].join('\n');
        const folds = await foldsOf(text);
        expect(folds).toContainEqual(expect.objectContaining({ startLine: 2, endLine: 4 }));
        expect(folds.find(f => f.startLine === 6)).toBeUndefined();
    });

    test.each([
        ['unclosed', '部门整体 "甲" {\n  任务 "乙" {\n    主要实施内容 "x\n\n\n'],
        ['garbage', '}}}\n{{{\n"""«»\n项目支出 ：：\n/* 未闭合的注释\n\n'],
        ['empty', '']
    ])('%s: valid ranges, never an exception', async (_name, text) => {
        const lines = text.split('\n').length;
        for (const f of await foldsOf(text)) {
            expect(f.startLine).toBeLessThan(f.endLine);
            expect(f.endLine).toBeLessThan(lines);
        }
    });
});
