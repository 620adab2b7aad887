import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

// A multi-cursor edit (every occurrence of a word selected and typed over, a replace-all) comes as one didChange with
// a change per cursor: 5,700 of them took 3 s in TextDocument.update, which copies the whole text and shifts the line
// offsets for each change. VS Code sends such changes from the last in the text to the first, so each range lies in
// text the changes before it left as it was: the batch is then applied in one pass over the text, and so is a batch
// from the first change to the last. Any other batch (overlapping, unordered, a position past a line's end that the
// library would clamp) is applied by the library, one change after another, as LSP defines it.
// test/lsp/content-changes.test.ts compares both ways on random batches.

type Change = TextDocumentContentChangeEvent;
type Position = { line: number; character: number };
export type RangeChange = Change & { range: { start: Position; end: Position } };

const CR = 13;
const LF = 10;
const isEol = (code: number) => code === CR || code === LF;
const isRangeChange = (change: Change): change is RangeChange => 'range' in change && change.range !== undefined;

/** The TextDocuments configuration of the server: as the library's, with a batch of changes applied in one pass. */
export const batchTextDocument = {
    create: TextDocument.create,
    update(document: TextDocument, changes: Change[], version: number): TextDocument {
        // One change: the library moves its line offsets instead of computing them again.
        if (changes.length <= 1) return TextDocument.update(document, changes, version);
        return TextDocument.create(document.uri, document.languageId, version, applyContentChanges(document.getText(), changes));
    }
};

/** The text after `changes`, each applied to the text the changes before it left (LSP's didChange). */
export function applyContentChanges(text: string, changes: readonly Change[]): string {
    // A whole new text makes the changes before it irrelevant.
    let last = changes.length - 1;
    while (last >= 0 && isRangeChange(changes[last])) last--;
    const base = last >= 0 ? changes[last].text : text;
    const ranges = changes.slice(last + 1) as RangeChange[];
    if (ranges.length === 0) return base;
    return inOnePass(base, ranges) ?? oneByOne(base, ranges);
}

function oneByOne(text: string, changes: RangeChange[]): string {
    return TextDocument.update(TextDocument.create('', '', 0, text), changes, 0).getText();
}

/** The changes applied in one pass, in either order a client sends them; undefined for any other batch. */
export function inOnePass(text: string, changes: RangeChange[]): string | undefined {
    return fromLastToFirst(text, changes) ?? fromFirstToLast(text, changes);
}

/**
 * The changes applied in one pass when each one ends at or before the start of the one before it, with both ends
 * naming a character of the text as it is (no clamping). The text before a change's start is the original text,
 * and so are the lines that start there: positions there mean what they mean in the original. Undefined otherwise.
 */
function fromLastToFirst(text: string, changes: RangeChange[]): string | undefined {
    const lineStarts = lineStartsOf(text);
    const pieces: string[] = [];
    /** Start of the previous change in the original text: what lies before it is still the original. */
    let untouched = Infinity;
    for (const change of changes) {
        const { start, end } = wellFormed(change.range);
        const from = exactOffset(text, lineStarts, start);
        const to = exactOffset(text, lineStarts, end);
        if (from === undefined || to === undefined || to > untouched || startsAfterCr(text, lineStarts[end.line], untouched)) return undefined;
        pieces.push(text.slice(to, untouched), change.text);
        untouched = from;
    }
    pieces.push(text.slice(0, untouched));
    return pieces.reverse().join('');
}

/**
 * The changes applied in one pass when each one starts at or after the end of the text the one before put in. The new
 * text is what was built so far, then the original from `rest` on: a position from the end of the built part on is
 * found in the original, its line counted from the line holding `rest`. Undefined where a CR meets the rest or
 * starts a change (it could join an LF and move a line start), or for a position there is no character at.
 */
function fromFirstToLast(text: string, changes: RangeChange[]): string | undefined {
    const lineStarts = lineStartsOf(text);
    const pieces: string[] = [];
    let rest = 0;
    let restLine = 0;
    /** Where the rest starts in the new text, and the character before it there (-1: none). */
    let line = 0;
    let character = 0;
    let before = -1;
    /** The original offset and line of a position in the new text, if it lies in the rest and names a character there. */
    const inRest = (position: Position): { offset: number; line: number } | undefined => {
        if (position.line < line || (position.line === line && position.character < character)) return undefined;
        const original = restLine + position.line - line;
        const column = position.line === line ? rest - lineStarts[restLine] + position.character - character : position.character;
        const offset = exactOffset(text, lineStarts, { line: original, character: column });
        return offset === undefined || offset < rest ? undefined : { offset, line: original };
    };
    for (const change of changes) {
        if (before === CR || (text.charCodeAt(rest - 1) === CR && text.charCodeAt(rest) === LF)) return undefined;
        const { start, end } = wellFormed(change.range);
        const from = inRest(start);
        const to = inRest(end);
        if (!from || !to || (from.offset > rest && text.charCodeAt(from.offset - 1) === CR)) return undefined;
        pieces.push(text.slice(rest, from.offset), change.text);
        line = start.line;
        character = start.character;
        for (let i = 0; i < change.text.length; i++) {
            const code = change.text.charCodeAt(i);
            if (!isEol(code)) { character++; continue; }
            if (code === CR && change.text.charCodeAt(i + 1) === LF) i++;
            line++;
            character = 0;
        }
        if (change.text.length > 0) before = change.text.charCodeAt(change.text.length - 1);
        else if (from.offset > rest) before = text.charCodeAt(from.offset - 1);
        rest = to.offset;
        restLine = to.line;
    }
    pieces.push(text.slice(rest));
    return pieces.join('');
}

/**
 * Whether a line starts where the previous change starts, just after a CR: the text the change put there may have
 * joined that CR to an LF (or parted them), and the line then starts elsewhere.
 */
function startsAfterCr(text: string, lineStart: number, untouched: number): boolean {
    return lineStart === untouched && text.charCodeAt(lineStart - 1) === CR;
}

/** Offsets where the lines start: after CR LF, CR or LF, as the library counts them. */
function lineStartsOf(text: string): number[] {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (!isEol(code)) continue;
        if (code === CR && text.charCodeAt(i + 1) === LF) i++;
        starts.push(i + 1);
    }
    return starts;
}

/** The offset of a position on an existing line and within its characters (its line break excluded). */
function exactOffset(text: string, lineStarts: number[], { line, character }: Position): number | undefined {
    if (line < 0 || line >= lineStarts.length || character < 0) return undefined;
    const offset = lineStarts[line] + character;
    const next = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
    if (offset > next || (character > 0 && isEol(text.charCodeAt(offset - 1)))) return undefined;
    return offset;
}

/** Start before end, as the library orders a range given backwards. */
function wellFormed(range: RangeChange['range']): RangeChange['range'] {
    const { start, end } = range;
    return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}
