import fc from 'fast-check';
import { EmptyFileSystem, URI, type AstNode, type LangiumDocument } from 'langium';
import type { CompletionContext } from 'langium/lsp';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { CompletionItem, InitializeParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateDeclaration } from '../../bench/generate.mjs';
import { project } from '../../bench/hostile.mjs';
import { createJxmbServices, type JxmbServices } from '../../language/jxmb-module.js';
import type { JxmbCompletionProvider } from '../../language/lsp/completion-provider.js';
import { readSample, sampleFiles } from '../helpers/samples.js';

// Completion lexes only a window around the cursor and parses only the blocks around it (completion/token-window.ts,
// completion/parse-window.ts). Whatever the text, that must give what lexing and parsing the whole text gives:
// the same places (token range, node, grammar elements that may follow) and the same items. The reference is the
// provider with `windowed` off, which runs Langium's own lexing and parsing of the whole prefix.

let shared: ReturnType<typeof createJxmbServices>['shared'];
let services: JxmbServices;
let provider: JxmbCompletionProvider;
const opened: URI[] = [];
let counter = 0;

beforeAll(async () => {
    ({ shared, Jxmb: services } = createJxmbServices(EmptyFileSystem));
    const completion = { completionItem: { snippetSupport: true, insertReplaceSupport: true } };
    await shared.lsp.LanguageServer.initialize({ processId: null, rootUri: null, capabilities: { textDocument: { completion } } } as InitializeParams);
    provider = services.lsp.CompletionProvider as JxmbCompletionProvider;
});

afterAll(() => {
    for (const uri of opened) shared.workspace.LangiumDocuments.deleteDocument(uri);
});

/** A document in the workspace, parsed and indexed (completion does not need the checks). */
async function open(text: string): Promise<LangiumDocument> {
    const uri = URI.parse(`file:///window/doc-${++counter}.jxmb`);
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
    shared.workspace.LangiumDocuments.addDocument(document);
    opened.push(uri);
    await shared.workspace.DocumentBuilder.build([document], { validation: false });
    return document;
}

function close(document: LangiumDocument): void {
    shared.workspace.LangiumDocuments.deleteDocument(document.uri);
}

// Grammar elements compared by identity, shown by what they are.
const elementIds = new Map<object, number>();
function describeElement(element: AstNode & { value?: string; feature?: string; rule?: { ref?: { name: string } } }): string {
    if (!elementIds.has(element)) elementIds.set(element, elementIds.size);
    const what = element.value ?? element.rule?.ref?.name ?? element.feature ?? '';
    return `${element.$type}:${what}#${elementIds.get(element)}`;
}

interface Place {
    tokenOffset: number;
    tokenEndOffset: number;
    node?: string;
    features: string[];
}

type Internals = { buildContexts(document: LangiumDocument, position: { line: number; character: number }): Iterable<CompletionContext> };

function places(document: LangiumDocument, offset: number): Place[] {
    const contexts = (provider as unknown as Internals).buildContexts(document, document.textDocument.positionAt(offset));
    return [...contexts].map(context => ({
        tokenOffset: context.tokenOffset,
        tokenEndOffset: context.tokenEndOffset,
        node: context.node && `${context.node.$type}@${context.node.$cstNode?.offset}`,
        features: context.features.map(f => `${describeElement(f.feature)} ${f.type ?? ''} ${f.property ?? ''}`)
    }));
}

async function items(document: LangiumDocument, offset: number): Promise<CompletionItem[]> {
    const list = await provider.getCompletion(document, { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset) });
    return list?.items ?? [];
}

async function completion(document: LangiumDocument, offset: number, windowed: boolean) {
    provider.windowed = windowed;
    try {
        return { places: places(document, offset), items: await items(document, offset) };
    } finally {
        provider.windowed = true;
    }
}

/** Places and items at each offset, windowed and whole; the offsets where they differ, with the text around. */
async function differences(document: LangiumDocument, offsets: Iterable<number>): Promise<string[]> {
    const text = document.textDocument.getText();
    const found: string[] = [];
    for (const offset of offsets) {
        const fast = await completion(document, offset, true);
        const reference = await completion(document, offset, false);
        try {
            expect(fast).toEqual(reference);
        } catch (error) {
            const around = `${text.slice(Math.max(0, offset - 30), offset)}|${text.slice(offset, offset + 30)}`;
            found.push(`at ${offset} ${JSON.stringify(around)}: ${(error as Error).message.split('\n').slice(0, 12).join('\n')}`);
        }
    }
    return found;
}

/** Offsets where completion is asked while typing: token starts and ends, inside tokens, in the space before them. */
function offsetsIn(text: string, count: number): number[] {
    const tokens = services.parser.Lexer.tokenize(text).tokens;
    const all = new Set<number>([0, text.length]);
    for (const token of tokens) {
        const start = token.startOffset;
        const end = token.endOffset! + 1;
        all.add(start);
        all.add(end);
        if (end - start > 1) all.add(start + 1);
        if (start > 0 && /\s/.test(text.charAt(start - 1))) all.add(start - 1);
    }
    const sorted = [...all].sort((a, b) => a - b);
    const step = Math.max(1, Math.floor(sorted.length / count));
    return sorted.filter((_, i) => i % step === 0);
}

// What a person leaves behind while typing, at the cursor or earlier in the file.
const fragments = [
    '"', '"讲座', '“讲座', '「讲座', '”', '」', '}', '{', '｝', '｛', '/*', '*/', '//', '：', ':', '≥', '≥9', '5', '5~', '90%',
    '2024-12-3', '~', '，', '项目', '项目 "新项目" {', '单位 "x" {', '数量指标 {', '产出指标', '绩效指标 {', '任务 "t" {', '实施周期',
    '年度', '@', '#', '\n', '"名称"：', '"名称"：≥', '保密', '资金 {', '备注：', '\\', '\\"'
];
// Edits near one another (a place being typed), the cursor near the last one.
const edit = fc.record({
    shift: fc.noBias(fc.integer({ min: -300, max: 300 })),
    remove: fc.nat({ max: 4 }),
    insert: fc.constantFrom(...fragments)
});

/** `text` with `edits` made in turn near `at`, none before `floor`, and `at` moved to the end of the last one. */
function withEdits(text: string, at: number, edits: readonly { shift: number; remove: number; insert: string }[], floor = 0) {
    for (const e of edits) {
        at = Math.min(text.length, Math.max(floor, at + e.shift));
        text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        at += e.insert.length;
    }
    return { text, at };
}

/** Completion where the typing ended and at the cursor near it: the same windowed as whole. */
async function expectSameAsWhole(text: string, at: number, cursorShift: number): Promise<void> {
    const document = await open(text);
    try {
        const cursor = Math.min(text.length, Math.max(0, at + cursorShift));
        const found = await differences(document, [at, cursor]);
        if (found.length > 0) throw new Error(found.join('\n'));
    } finally {
        close(document);
    }
}

describe('windowed completion gives what the whole text gives', () => {
    test.each(sampleFiles())('%s, at token boundaries throughout', async name => {
        const document = await open(readSample(name));
        try {
            expect(await differences(document, offsetsIn(readSample(name), 150))).toEqual([]);
        } finally {
            close(document);
        }
    }, 120_000);

    test('a generated 项目支出 with hundreds of indicators in one declaration', async () => {
        const { text } = generateDeclaration(400, 7);
        const document = await open(text);
        try {
            expect(await differences(document, offsetsIn(text, 120))).toEqual([]);
        } finally {
            close(document);
        }
    }, 120_000);

    test('broken text (unclosed strings and comments, missing or extra braces, stray keywords): same as the whole text', async () => {
        const sources = [...sampleFiles().map(readSample), generateDeclaration(60, 3).text];
        await fc.assert(fc.asyncProperty(
            fc.nat({ max: sources.length - 1 }), fc.noBias(fc.nat({ max: 1_000_000 })), fc.array(edit, { minLength: 1, maxLength: 3 }),
            fc.noBias(fc.integer({ min: -40, max: 60 })),
            async (which, where, edits, cursorShift) => {
                const source = sources[which]!;
                const { text, at } = withEdits(source, where % (source.length + 1), edits);
                await expectSameAsWhole(text, at, cursorShift);
            }
        ), { numRuns: 200, seed: 20261130 });
    }, 300_000);
});

describe('completion in a large file reads only around the cursor', () => {
    let document: LangiumDocument;
    let text: string;
    beforeAll(async () => {
        text = generateDeclaration(2000, 11).text;
        document = await open(text);
    }, 120_000);
    afterAll(() => close(document));

    /** The longest text the lexer and the completion parser were given during one request. */
    async function longestReads(offset: number): Promise<{ lexed: number; parsed: number; items: CompletionItem[] }> {
        const lexer = vi.spyOn(services.parser.Lexer, 'tokenize');
        const parser = vi.spyOn(services.parser.CompletionParser, 'parse');
        try {
            const list = await items(document, offset);
            const longest = (calls: unknown[][]) => Math.max(0, ...calls.map(([input]) => (input as string).length));
            return { lexed: longest(lexer.mock.calls), parsed: longest(parser.mock.calls), items: list };
        } finally {
            lexer.mockRestore();
            parser.mockRestore();
        }
    }

    test('before an indicator deep in the 项目支出 declaration: a few hundred characters, not the 200,000 before it', async () => {
        const names = [...text.matchAll(/^[ \t]+(?="[^"\n]+"[：:])/gm)];
        const deep = names[Math.floor(names.length * 0.8)]!;
        const offset = deep.index! + deep[0].length;
        expect(offset).toBeGreaterThan(150_000);
        const { lexed, parsed, items: list } = await longestReads(offset);
        expect(list.length).toBeGreaterThan(0);
        expect(lexed).toBeLessThan(5_000);
        expect(parsed).toBeLessThan(5_000);
    });

    /** The longest text the completion parser was given for a request at `offset`, and what windowed and whole differ in. */
    async function parsedAndDifferences(broken: string, offset: number): Promise<{ parsed: number; found: string[] }> {
        const brokenDocument = await open(broken);
        try {
            const parser = vi.spyOn(services.parser.CompletionParser, 'parse');
            let parsed: number;
            try {
                await items(brokenDocument, offset);
                parsed = Math.max(...parser.mock.calls.map(([input]) => input.length));
            } finally {
                parser.mockRestore();
            }
            return { parsed, found: await differences(brokenDocument, [offset]) };
        } finally {
            close(brokenDocument);
        }
    }

    function deepName(): number {
        const names = [...text.matchAll(/^[ \t]+(?="[^"\n]+"[：:])/gm)];
        const deep = names[Math.floor(names.length * 0.8)]!;
        return deep.index! + deep[0].length;
    }

    test('with a syntax error earlier in the declaration, its whole text before the cursor is parsed again (and the items stay right)', async () => {
        const declaration = Math.max(text.lastIndexOf('\n部门整体 ', deepName()), text.lastIndexOf('\n项目支出 ', deepName())) + 1;
        const opened = text.indexOf('{\n', declaration) + 2;
        const inserted = '    "坏"\n';
        const broken = text.slice(0, opened) + inserted + text.slice(opened);
        const offset = deepName() + inserted.length;
        expect(await parsedAndDifferences(broken, offset)).toEqual({ parsed: offset - declaration, found: [] });
    });

    test('with an earlier declaration left unclosed, only the cursor\'s blocks are parsed (and the items stay right)', async () => {
        const head = '项目支出 "坏" {\n';
        const { parsed, found } = await parsedAndDifferences(head + text, deepName() + head.length);
        expect(found).toEqual([]);
        expect(parsed).toBeLessThan(5_000);
    });
});

describe('completion in a 二级 block of thousands of rows with syntax errors', () => {
    // Each request parsed the block's rows up to the cursor again: 32,000 rows `"x"：：20场次` took ≈ 5 s, spent in
    // the recovery from each row's error. The rows before the cursor's are left out where each error was recovered
    // from inside its row; an error at the list's level (a row the list cannot start) makes the whole block be read.
    const row = (line: string) => `                        ${line}\n`;
    const block = (rows: string) => project({ rows });
    const many = (count: number, line: (i: number) => string) => Array.from({ length: count }, (_, i) => row(line(i))).join('');
    /** The last rows' offsets: every character of the last two rows and the blank line after them. */
    function lastRows(text: string): number[] {
        const end = text.indexOf('                    }\n                    时效指标');
        const from = text.lastIndexOf('\n', text.lastIndexOf('\n', end - 2) - 1) + 1;
        return Array.from({ length: end - from + 1 }, (_, i) => from + i);
    }
    /** The longest text parsed for a completion at each offset, and what windowed and whole differ in. */
    async function readAndCompare(text: string, offsets: number[]): Promise<{ parsed: number; found: string[] }> {
        const document = await open(text);
        try {
            const parser = vi.spyOn(services.parser.CompletionParser, 'parse');
            let parsed = 0;
            try {
                for (const offset of offsets) await items(document, offset);
                parsed = Math.max(...parser.mock.calls.map(([input]) => input.length));
            } finally {
                parser.mockRestore();
            }
            return { parsed, found: await differences(document, offsets) };
        } finally {
            close(document);
        }
    }

    test.each([
        ['「：」typed twice', (i: number) => `"活动场次${i}"：：20场次`],
        ['a value not in quotes', (i: number) => `"发布文章${i}"：不少于50篇`],
        ['rows of both kinds and well-formed ones', (i: number) => [`"活动场次${i}"：：20场次`, `"发布文章${i}"：不少于50篇`, `"讲座${i}"：≥3场次`][i % 3]!]
    ])('%s: only the cursor\'s row is parsed, and the items are those of the whole text', async (_name, line) => {
        const text = block(many(200, line));
        expect(await readAndCompare(text, lastRows(text))).toMatchObject({ found: [] });
        const long = block(many(3000, line));
        expect((await readAndCompare(long, lastRows(long).slice(-1))).parsed).toBeLessThan(1_000);
    }, 120_000);

    test('after rows the list could not start (an error at the list\'s level): the block is read from its start, and the items stay right', async () => {
        const text = block(many(3, i => `：：20场次${i}`) + many(200, i => `"活动场次${i}"：：20场次`));
        const { parsed, found } = await readAndCompare(text, lastRows(text));
        expect(found).toEqual([]);
        expect(parsed).toBeGreaterThan(200 * 20);
    }, 120_000);
});

describe('completion in text the parser read nothing of (not jxmb: 200,000 `{` pasted in)', () => {
    // Each request lexed the whole text and parsed it up to the cursor: ≈ 1 GB for 3.9 MB of `{`, for keywords
    // that do not fit there.
    test.each([
        ['in a declaration', '项目支出 "示例单位" 年度 2024 {\n'],
        ['alone', '']
    ])('%s: nothing is offered, and only a little text is lexed or parsed', async (_name, head) => {
        const text = head + '{'.repeat(200_000);
        const document = await open(text);
        const lexer = vi.spyOn(services.parser.Lexer, 'tokenize');
        const parser = vi.spyOn(services.parser.CompletionParser, 'parse');
        try {
            for (const offset of [head.length + 3, 100_000, text.length]) {
                expect(await items(document, offset)).toEqual([]);
            }
            const longest = (calls: unknown[][]) => Math.max(0, ...calls.map(([input]) => (input as string).length));
            expect(longest(lexer.mock.calls)).toBeLessThan(5_000);
            expect(longest(parser.mock.calls)).toBeLessThan(5_000);
        } finally {
            lexer.mockRestore();
            parser.mockRestore();
            close(document);
        }
    });

    test('a stray brace between declarations: completion after it as before', async () => {
        const text = '项目支出 "甲" 年度 2024 {\n    合计 { 总计 100.00  财政拨款 100.00 }\n}\n}\n项目支出 "乙" 年度 2024 {\n    \n';
        const document = await open(text);
        try {
            expect((await items(document, text.length - 1)).map(item => item.label)).toContain('合计');
        } finally {
            close(document);
        }
    });
});

describe('completion in a declaration after text that is not jxmb (200,000 characters pasted before it)', () => {
    // The parse skips the pasted text and reads the declaration after it; completion parsed everything before the
    // cursor again (and lexed it) on every request: seconds and ≈ 300 MB a megabyte.
    const sample = readSample('tutorial.jxmb');
    const inBlock = sample.indexOf('数量指标 {\n') + '数量指标 {\n'.length;
    /** Bytes of every kind (control characters, Latin-1, CJK punctuation), the same on every run. */
    function noise(length: number): string {
        let seed = 20261202;
        let out = '';
        while (out.length < length) {
            seed = (seed * 1103515245 + 12345) % 2 ** 31;
            out += String.fromCharCode([seed % 256, 0x3000 + (seed % 64)][seed % 2]!);
        }
        return out;
    }
    test.each([
        ['`{`', '{'.repeat(200_000)],
        ['`}`', '}'.repeat(200_000)],
        ['random bytes', noise(200_000)],
        ['rows with no block around them', '"讲座"：≥3场次\n'.repeat(20_000)]
    ])('after %s: the items of the declaration alone, and only a little text is lexed or parsed', async (_name, junk) => {
        const alone = await open(sample);
        const text = `${junk}\n${sample}`;
        const document = await open(text);
        const shift = text.length - sample.length;
        const lexer = vi.spyOn(services.parser.Lexer, 'tokenize');
        const parser = vi.spyOn(services.parser.CompletionParser, 'parse');
        try {
            expect(document.parseResult.parserErrors.length).toBeGreaterThan(0);
            const labels = (list: CompletionItem[]) => list.map(item => `${item.label} ${item.detail}`);
            for (const offset of [inBlock, inBlock + 12, sample.indexOf('绩效指标 {') + 2, sample.length - 1]) {
                const expected = labels(await items(alone, offset));
                lexer.mockClear();
                parser.mockClear();
                const found = await items(document, offset + shift);
                expect(labels(found)).toEqual(expected);
                const longest = (calls: unknown[][]) => Math.max(0, ...calls.map(([input]) => (input as string).length));
                expect(longest(lexer.mock.calls)).toBeLessThan(sample.length);
                expect(longest(parser.mock.calls)).toBeLessThan(sample.length);
            }
            expect(labels(await items(alone, inBlock)).length).toBeGreaterThan(0);
        } finally {
            lexer.mockRestore();
            parser.mockRestore();
            close(alone);
            close(document);
        }
    });

    // A shorter text pasted between or before declarations, then what a person leaves while typing after it.
    const pasted = ['{'.repeat(300), '}}}', noise(500), '"讲座"：≥3场次\n', '合计 {', '项目 "x" {\n', '}\n}\n}\n', '@@', '数量指标 {'];
    test('junk between declarations, then broken text after it: the same as the whole text', async () => {
        const sources = [...sampleFiles().map(readSample), generateDeclaration(60, 3).text];
        await fc.assert(fc.asyncProperty(
            fc.nat({ max: sources.length - 1 }), fc.noBias(fc.nat({ max: 1_000_000 })), fc.constantFrom(...pasted), fc.noBias(fc.nat({ max: 1_000_000 })),
            fc.array(edit, { maxLength: 2 }), fc.noBias(fc.integer({ min: -40, max: 60 })),
            async (which, before, junk, where, edits, cursorShift) => {
                const source = sources[which]!;
                const starts = [0, ...[...source.matchAll(/^(?:部门整体|项目支出) /gm)].map(m => m.index!)];
                const pastedAt = starts[before % starts.length]!;
                const withJunk = source.slice(0, pastedAt) + junk + '\n' + source.slice(pastedAt);
                const after = pastedAt + junk.length + 1;
                const { text, at } = withEdits(withJunk, after + where % (withJunk.length - after + 1), edits, after);
                await expectSameAsWhole(text, at, cursorShift);
            }
        ), { numRuns: 150, seed: 20261202 });
    }, 300_000);
});

describe('while the text is edited (the server updates the document, possibly parsing only the changed block)', () => {
    test('each keystroke of a new indicator, then a renamed one: the same as the whole text, and the names offered are those now written', async () => {
        const textDocuments = shared.workspace.TextDocuments;
        const uri = URI.parse('file:///window/edited.jxmb');
        let text = generateDeclaration(300, 5).text;
        let version = 1;
        textDocuments.set(TextDocument.create(uri.toString(), 'jxmb', version, text));
        const document = shared.workspace.LangiumDocumentFactory.fromTextDocument(textDocuments.get(uri)!, uri);
        shared.workspace.LangiumDocuments.addDocument(document);
        try {
            await shared.workspace.DocumentBuilder.build([document], { validation: false });
            const blocks = [...text.matchAll(/数量指标 \{\n/g)].map(m => m.index! + m[0].length);
            expect(blocks.length).toBeGreaterThan(2);
            // A new line at the top of one 数量指标 block, typed one character at a time.
            const typed = '        "自定义的新指标名称"：≥3个\n';
            let at = blocks[1]!;
            const found: string[] = [];
            for (const character of typed) {
                text = text.slice(0, at) + character + text.slice(at);
                at += character.length;
                textDocuments.set(TextDocument.create(uri.toString(), 'jxmb', ++version, text));
                await shared.workspace.DocumentBuilder.update([uri], []);
                found.push(...await differences(document, [at]));
            }
            // Then the name is changed (the text stays valid: only that block is parsed again).
            const inName = text.indexOf('新指标名称', blocks[1]!) + '新指标'.length;
            text = text.slice(0, inName) + '甲' + text.slice(inName);
            textDocuments.set(TextDocument.create(uri.toString(), 'jxmb', ++version, text));
            await shared.workspace.DocumentBuilder.update([uri], []);
            found.push(...await differences(document, [inName + 1]));
            expect(found).toEqual([]);
            // At the top of another 数量指标 block: the name as it now stands is offered, used once in the workspace.
            const elsewhere = text.indexOf('数量指标 {\n', blocks[2]! + typed.length) + '数量指标 {\n'.length;
            const offered = await items(document, elsewhere);
            expect(offered.find(item => item.label === '自定义的新指标甲名称')?.detail).toBe('数量指标 · 本工作区已用 1 次');
            expect(offered.map(item => item.label)).not.toContain('自定义的新指标名称');
        } finally {
            shared.workspace.LangiumDocuments.deleteDocument(uri);
            textDocuments.delete(uri);
        }
    }, 120_000);
});
