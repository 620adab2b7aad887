import fc from 'fast-check';
import { AstUtils, URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { describe, expect, it } from 'vitest';
import { generateDeclaration } from '../../bench/generate.mjs';
import { typingEdits } from '../../bench/typing.mjs';
import { parseAndValidate } from '../../language/documents.js';
import { isLevel2Block, type Document } from '../../language/generated/ast.js';
import { reparse } from '../../language/parse/reparse.js';
import { piece, runs, SEED } from '../robustness/arbitraries.js';
import { dump, expectSameTree } from '../helpers/parse-dump.js';
import { readSample, sampleFiles } from '../helpers/samples.js';
import { jxmb } from '../helpers/services.js';

// An edit parsed by re-parsing one block must give what parsing the whole text gives: the same syntax tree (nodes,
// values, positions of every token) and, through the workspace, the same diagnostics.

const services = jxmb();
const parser = services.parser.LangiumParser;
const full = (text: string) => parser.parse<Document>(text);

// fc.double leans to tiny values; edits should land anywhere in the text.
const fraction = fc.integer({ min: 0, max: 1_000_000 }).map(n => n / 1_000_000);

/** Text removed and inserted at a place; `snap` moves the place to the next blank or digit first. */
interface Edit { at: number; remove: number; insert: string; snap?: 'blank' | 'digit' }
const edit = fc.record({ at: fraction, remove: fc.integer({ min: 0, max: 6 }), insert: fc.array(piece, { maxLength: 3 }).map(p => p.join('')) });
const apply = (text: string, e: Edit) => {
    let at = Math.min(text.length, Math.floor(e.at * text.length));
    if (e.snap) {
        const next = text.slice(at).search(e.snap === 'blank' ? /\s/ : /\d/);
        if (next >= 0) at += next;
    }
    return text.slice(0, at) + e.insert + text.slice(at + e.remove);
};

/** Lines and blanks added or removed between tokens, a digit changed: the text stays valid, one block changes. */
const layout = fc.oneof(
    fc.record({ at: fraction, remove: fc.integer({ min: 0, max: 1 }), insert: fc.constantFrom('\n', '\n\n', ' ', ''), snap: fc.constant('blank' as const) }),
    fc.record({ at: fraction, remove: fc.constant(1), insert: fc.constantFrom('0', '5', '9', '12'), snap: fc.constant('digit' as const) })
);

/** A keystroke anywhere: often within one value or name. */
const keystroke = fc.oneof(
    fc.record({ at: fraction, remove: fc.integer({ min: 0, max: 1 }), insert: fc.constantFrom('', '1', '新', ' ', '\n', '0') }),
    layout
);

// Dozens of full parses per property: on a machine shared with other work they have taken 60 s. The limit guards
// against a hang, it does not time anything.
const PROPERTY_RUNS = { timeout: 300_000 };

const texts = [...sampleFiles().map(name => ({ name, text: readSample(name) })), { name: 'generated 200', text: generateDeclaration(200, 7).text }];

describe('re-parsing one block gives the tree a full parse gives', PROPERTY_RUNS, () => {
    for (const { name, text } of texts) {
        it(`${name}: random edits, one after another`, async () => {
            let incremental = 0;
            let total = 0;
            await fc.assert(fc.asyncProperty(fc.array(fc.oneof(edit, keystroke, keystroke), { minLength: 1, maxLength: 4 }), async edits => {
                let current = full(text);
                let currentText = text;
                for (const e of edits) {
                    currentText = apply(currentText, e);
                    const reparsed = reparse(parser, current, currentText);
                    if (reparsed) incremental++;
                    total++;
                    current = reparsed ?? full(currentText);
                    expectSameTree(dump(current), dump(full(currentText)), edits);
                }
                // Let the test runner breathe between runs.
                await new Promise(resolve => setImmediate(resolve));
            }), { seed: SEED, numRuns: runs(text.length > 20_000 ? 25 : 50) });
            // The property means something only if many edits took the short way.
            expect(incremental).toBeGreaterThan(total / 5);
        });
    }
});

// Typing a new indicator, one character at a time, as VS Code sends it (bench/typing.mjs). The text has a syntax
// error at nearly every step, and every step must still parse as the whole text does: errors, their places, the
// recovered tree.
const typedLine = fc.constantFrom(
    '"新增培训人数"：≥ 50 人次', '"覆盖率" 实施周期：≥ 95%  年度 ≥ 90%', '"完成时间"：≤ 2024-12-31', '"满意度"：≥90%；',
    '"群众满意度 提升', '数量指标 {', '}', '"x"：5～ 人', '“名称”：「好」', '产出指标 { 数量指标 { "a"：1 个 } }', '"新增培训人数"',
    '/* 注释'
);
const place = fc.record({ at: fraction, line: typedLine, back: fc.integer({ min: 0, max: 4 }) });

describe('typing into a block with a syntax error in it', PROPERTY_RUNS, () => {
    for (const { name, text } of texts) {
        it(`${name}: a line typed one character at a time, then partly taken back`, async () => {
            let withErrors = 0;
            await fc.assert(fc.asyncProperty(place, async ({ at, line, back }) => {
                // The start of a line: inside a block, between two of its members, or between blocks.
                const lineStart = text.indexOf('\n', Math.floor(at * text.length)) + 1;
                if (lineStart <= 0) return;
                let current = full(text);
                let currentText = text;
                for (const step of typingEdits(lineStart, line, back)) {
                    currentText = currentText.slice(0, step.at) + step.insert + currentText.slice(step.at + step.remove);
                    const reparsed = reparse(parser, current, currentText);
                    if (reparsed && reparsed.parserErrors.length > 0) withErrors++;
                    current = reparsed ?? full(currentText);
                    expectSameTree(dump(current), dump(full(currentText)), { lineStart, line, back, step });
                }
                await new Promise(resolve => setImmediate(resolve));
            }), { seed: SEED, numRuns: runs(text.length > 20_000 ? 15 : 30) });
            // Most of these steps have a syntax error: many must have been parsed as one block.
            expect(withErrors).toBeGreaterThan(20);
        });
    }
});

describe('an edit inside one indicator block', () => {
    it('re-parses that block only: every other node is kept', () => {
        const text = generateDeclaration(200, 3).text;
        const before = full(text);
        const blocks = (doc: Document) => AstUtils.streamAllContents(doc).filter(isLevel2Block).toArray();
        const old = blocks(before.value);
        const target = old[40]!;
        const at = text.indexOf('≥', target.$cstNode!.offset);
        const edited = text.slice(0, at + 1) + '1' + text.slice(at + 1);
        const after = reparse(parser, before, edited);
        expect(after?.value).toBe(before.value);
        const now = blocks(after!.value);
        expect(now).toHaveLength(old.length);
        expect(now.flatMap((block, i) => block === old[i] ? [] : [i])).toEqual([40]);
    });

    it('is taken while a new last indicator has no value yet, and not where a token is missing before the brace', () => {
        const text = generateDeclaration(200, 3).text;
        const block = text.indexOf('数量指标 {');
        const lastLine = text.lastIndexOf('\n', text.indexOf('}', block));
        const typed = (insert: string) => text.slice(0, lastLine) + insert + text.slice(lastLine);
        // No value fits before the closing brace: recovered without looking past it, then on the next key too.
        const colon = typed('\n"新增培训人数"：');
        const first = reparse(parser, full(text), colon);
        expect(first?.parserErrors.map(e => e.token.image)).toEqual(['}']);
        expect(dump(first!)).toEqual(dump(full(colon)));
        const operator = typed('\n"新增培训人数"：≥');
        const second = reparse(parser, first!, operator);
        expect(second?.parserErrors.map(e => e.token.image)).toEqual(['≥']);
        expect(dump(second!)).toEqual(dump(full(operator)));
        // The closing quote taken back: the quote the block cannot close is one lexing error, in the block.
        const open = typed('\n"新增培训人数');
        const third = reparse(parser, full(typed('\n"新增培训人数"')), open);
        expect(third?.lexerErrors.map(e => e.offset)).toEqual([lastLine + 1]);
        expect(dump(third!)).toEqual(dump(full(open)));
        // 「{」 expected where the brace stands: a parse of the whole text may skip the brace if what follows is 「{」.
        const level1 = text.lastIndexOf('\n', text.indexOf('}', text.indexOf('}', block) + 1));
        const noBrace = text.slice(0, level1) + '\n数量指标' + text.slice(level1);
        expect(full(noBrace).parserErrors.map(e => [e.name, e.token.image])).toContainEqual(['MismatchedTokenException', '}']);
        expect(reparse(parser, full(text), noBrace)).toBeUndefined();
    });

    it('is not taken where the text has a syntax error or the edit breaks a block', () => {
        const text = readSample('002-guangzhou-kexie-projects.jxmb');
        const before = full(text);
        const close = text.lastIndexOf('}', text.indexOf('项目', text.indexOf('项目', text.indexOf('单位')) + 2));
        expect(reparse(parser, before, text.slice(0, close) + text.slice(close + 1))).toBeUndefined();
        const quote = text.indexOf('"', text.indexOf('绩效指标'));
        const broken = text.slice(0, quote) + text.slice(quote + 1);
        expect(reparse(parser, before, broken)).toBeUndefined();
        expect(reparse(parser, full(broken), text)).toBeUndefined();
    });
});

describe('diagnostics after an edit equal those of the text checked afresh', PROPERTY_RUNS, () => {
    const textDocuments = services.shared.workspace.TextDocuments;
    const builder = services.shared.workspace.DocumentBuilder;
    const documents = services.shared.workspace.LangiumDocuments;
    const key = (d: Diagnostic) => JSON.stringify([d.range, d.code, d.severity, d.message]);

    /** Opens `text` as the editor would, applies each run's texts in turn, and compares with a fresh check. */
    async function expectFreshDiagnostics<E>(name: string, text: string, runsOf: fc.Arbitrary<E>, textsOf: (run: E) => string[]): Promise<void> {
        const uri = URI.parse(`memory:///reparse/${encodeURIComponent(name)}`);
        let version = 1;
        textDocuments.set(TextDocument.create(uri.toString(), 'jxmb', version, text));
        const document = services.shared.workspace.LangiumDocumentFactory.fromTextDocument(textDocuments.get(uri)!, uri);
        documents.addDocument(document);
        await builder.build([document], { validation: true });
        try {
            await fc.assert(fc.asyncProperty(runsOf, async run => {
                textDocuments.set(TextDocument.create(uri.toString(), 'jxmb', ++version, text));
                await builder.update([uri], []);
                for (const next of textsOf(run)) {
                    textDocuments.set(TextDocument.create(uri.toString(), 'jxmb', ++version, next));
                    await builder.update([uri], []);
                    const fresh = await parseAndValidate(services, next);
                    expect(document.diagnostics!.map(key).sort()).toEqual(fresh.diagnostics.map(key).sort());
                }
            }), { seed: SEED, numRuns: runs(12) });
        } finally {
            documents.deleteDocument(uri);
            textDocuments.delete(uri);
        }
    }

    for (const { name, text } of texts) {
        it(name, () => expectFreshDiagnostics(name, text, fc.array(fc.oneof(layout, layout, keystroke, edit), { minLength: 1, maxLength: 4 }), edits => {
            let current = text;
            return edits.map(e => current = apply(current, e));
        }));
    }

    for (const { name, text } of texts.filter(t => t.name.startsWith('002') || t.name.startsWith('generated'))) {
        it(`${name}: typing a line`, () => expectFreshDiagnostics(`${name} typed`, text, place, ({ at, line, back }) => {
            const lineStart = text.indexOf('\n', Math.floor(at * text.length)) + 1;
            let current = text;
            return typingEdits(lineStart, line, back).map(step => current = current.slice(0, step.at) + step.insert + current.slice(step.at + step.remove));
        }));
    }
});
