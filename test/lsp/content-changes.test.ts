import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { applyContentChanges, batchTextDocument, inOnePass, type RangeChange } from '../../language/lsp/content-changes.js';

// One didChange with many changes (a multi-cursor edit) must leave the text the library leaves when it applies the
// changes one after another, each to the text the one before left: whatever their order, overlaps, whole-text changes,
// line breaks (CR LF, CR, LF) and characters outside the BMP. The batches VS Code sends take the one-pass way.

type Change = TextDocumentContentChangeEvent;
type Range = { start: { line: number; character: number }; end: { line: number; character: number } };

const oneByOne = (text: string, changes: Change[]): string => {
    let document = TextDocument.create('file:///t.jxmb', 'jxmb', 0, text);
    for (const change of changes) document = TextDocument.update(document, [change], document.version + 1);
    return document.getText();
};

/** VS Code keeps one kind of line break in a document: a CR alone is not among them. */
const loneCr = (text: string) => /\r(?!\n)/.test(text);

const pieces = ['a', 'b', '中', '😀', ' ', '\n', '\r\n', '\r', '{', '}'];
const textArb = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map(p => p.join(''));
const insertArb = fc.array(fc.constantFrom(...pieces, ''), { maxLength: 4 }).map(p => p.join(''));

/** The range of [from, to) in `text`, as a client computes it. */
const rangeOf = (text: string, from: number, to: number): Range => {
    const document = TextDocument.create('file:///r.jxmb', 'jxmb', 0, text);
    return { start: document.positionAt(from), end: document.positionAt(to) };
};

/** Non-overlapping [from, to) spans of `text`, in ascending order, none inside a CR LF (an editor has no place there). */
const spansArb = (text: string) => fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 12 })
    .map(points => points.map(p => text.slice(p - 1, p + 1) === '\r\n' ? p - 1 : p).sort((x, y) => x - y))
    .map(points => points.flatMap((p, i) => i % 2 === 0 ? [[p, points[i + 1] ?? p] as const] : []));

/** VS Code's order: the last span first, each range in the original text (what lies before it is unchanged). */
const descendingArb = textArb.chain(text => fc.tuple(fc.constant(text), spansArb(text), fc.array(insertArb, { minLength: 12, maxLength: 12 }))
    .map(([t, spans, inserts]) => ({ text: t, changes: spans.map(([from, to], i) => ({ range: rangeOf(t, from, to), text: inserts[i] })).reverse() })));

/** Ascending: each range in the text the changes before it left. */
const ascendingArb = textArb.chain(text => fc.tuple(fc.constant(text), spansArb(text), fc.array(insertArb, { minLength: 12, maxLength: 12 }))
    .map(([t, spans, inserts]) => {
        let current = t;
        let shift = 0;
        const changes: Change[] = [];
        spans.forEach(([from, to], i) => {
            changes.push({ range: rangeOf(current, from + shift, to + shift), text: inserts[i] });
            current = current.slice(0, from + shift) + inserts[i] + current.slice(to + shift);
            shift += inserts[i].length - (to - from);
        });
        return { text: t, changes };
    }));

/** Anything: positions past a line's end or the last line, backwards ranges, whole-text changes between. */
const positionArb = fc.record({ line: fc.integer({ min: -1, max: 12 }), character: fc.integer({ min: -1, max: 12 }) });
const anyChangeArb: fc.Arbitrary<Change> = fc.oneof(
    { weight: 6, arbitrary: fc.record({ range: fc.record({ start: positionArb, end: positionArb }), text: insertArb }) },
    { weight: 1, arbitrary: fc.record({ text: textArb }) }
);
const anyArb = fc.record({ text: textArb, changes: fc.array(anyChangeArb, { maxLength: 12 }) });

describe('a batch of changes gives the text of the changes applied one by one', () => {
    test('from the last to the first (a multi-cursor edit in VS Code): in one pass', () => {
        fc.assert(fc.property(descendingArb, ({ text, changes }) => {
            const once = inOnePass(text, changes as RangeChange[]);
            // Refused only next to a lone CR, and then applied one by one.
            if (once !== undefined || !loneCr(text)) expect(once).toBe(oneByOne(text, changes));
            expect(applyContentChanges(text, changes)).toBe(oneByOne(text, changes));
        }), { numRuns: 2000 });
    });

    test('from the first to the last: in one pass', () => {
        fc.assert(fc.property(ascendingArb, ({ text, changes }) => {
            const once = inOnePass(text, changes as RangeChange[]);
            if (once !== undefined || ![text, ...changes.map(c => c.text)].some(loneCr)) expect(once).toBe(oneByOne(text, changes));
            expect(applyContentChanges(text, changes)).toBe(oneByOne(text, changes));
        }), { numRuns: 2000 });
    });

    test('in any order, overlapping, clamped, with whole-text changes', () => {
        fc.assert(fc.property(anyArb, ({ text, changes }) => {
            expect(applyContentChanges(text, changes)).toBe(oneByOne(text, changes));
        }), { numRuns: 3000 });
    });

    test('the mixes the one-pass way must refuse', () => {
        // A change right after a CR, then one ending at the start of the line that CR began: the LF typed joins them.
        const crlf = { text: 'ab\rcd', changes: [{ range: rangeOf('ab\rcd', 3, 3), text: '\n' }, { range: { start: { line: 0, character: 1 }, end: { line: 1, character: 0 } }, text: 'X' }] };
        // A position past the end of its line: the library clamps it in the text as it is then.
        const clamped = { text: 'abc\ndef', changes: [{ range: rangeOf('abc\ndef', 2, 3), text: '\n' }, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } }, text: 'Z' }] };
        for (const { text, changes } of [crlf, clamped]) expect(applyContentChanges(text, changes)).toBe(oneByOne(text, changes));
    });

    test('the document keeps its URI, language and the version of the batch', () => {
        const document = TextDocument.create('file:///d.jxmb', 'jxmb', 3, 'aaa');
        const changes = [2, 1, 0].map(i => ({ range: rangeOf('aaa', i, i + 1), text: 'b' }));
        const updated = batchTextDocument.update(document, changes, 4);
        expect([updated.uri, updated.languageId, updated.version, updated.getText()]).toEqual(['file:///d.jxmb', 'jxmb', 4, 'bbb']);
        expect(updated.positionAt(3)).toEqual({ line: 0, character: 3 });
    });
});
