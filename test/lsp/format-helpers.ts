import { TextDocument } from 'langium';
import type { TextEdit } from 'vscode-languageserver-types';
import { parseAndValidate } from '../../language/documents.js';
import { modelOf } from '../helpers/samples.js';
import { jxmb } from '../helpers/services.js';

// Formatting through the services (as the language server calls it), and the ways the tests mess a layout up.
// The messing-up works on the gaps between the lexer's tokens and comments, so text inside strings and comments is
// never touched, and a comment keeps its side (end of a line / own line / between tokens).

export async function formatEditsOf(text: string): Promise<TextEdit[]> {
    const services = jxmb();
    const { document } = await parseAndValidate(services, text);
    return await services.lsp.Formatter!.formatDocument(document, {
        textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true }
    });
}

export function applyTextEdits(text: string, edits: TextEdit[]): string {
    return TextDocument.applyEdits(TextDocument.create('memory:///f.jxmb', 'jxmb', 1, text), edits);
}

export async function format(text: string): Promise<string> {
    return applyTextEdits(text, await formatEditsOf(text));
}

/** The text each edit replaces. */
export function replacedTexts(text: string, edits: TextEdit[]): string[] {
    const doc = TextDocument.create('memory:///f.jxmb', 'jxmb', 1, text);
    return edits.map(edit => text.slice(doc.offsetAt(edit.range.start), doc.offsetAt(edit.range.end)));
}

export interface Piece {
    readonly type: string;
    readonly image: string;
    readonly comment: boolean;
}

/** Tokens and comments, in order. */
export function piecesOf(text: string): Piece[] {
    const result = jxmb().parser.Lexer.tokenize(text);
    return [...result.tokens.map(t => ({ t, comment: false })), ...result.hidden.map(t => ({ t, comment: true }))]
        .sort((a, b) => a.t.startOffset - b.t.startOffset)
        .map(({ t, comment }) => ({ type: t.tokenType.name, image: t.image, comment }));
}

/** Rebuilds the text with each gap between pieces (and at both ends) replaced. */
export function rewriteGaps(text: string, rewrite: (gap: string, before: Piece | undefined, after: Piece | undefined) => string): string {
    const pieces = jxmb().parser.Lexer.tokenize(text);
    const all = [...pieces.tokens.map(t => ({ t, comment: false })), ...pieces.hidden.map(t => ({ t, comment: true }))]
        .sort((a, b) => a.t.startOffset - b.t.startOffset);
    let out = '';
    let at = 0;
    let before: Piece | undefined;
    for (const { t, comment } of all) {
        const after = { type: t.tokenType.name, image: t.image, comment };
        out += rewrite(text.slice(at, t.startOffset), before, after) + t.image;
        at = t.startOffset + t.image.length;
        before = after;
    }
    return out + rewrite(text.slice(at), before, undefined);
}

const newlines = (gap: string) => gap.split('\n').length - 1;

/** Every line's indentation removed. */
export function stripIndentation(text: string): string {
    return rewriteGaps(text, gap => gap.replace(/\n[ \t]+/g, '\n'));
}

/** Everything joined onto as few lines as the comments and blank lines allow. */
export function fewLines(text: string): string {
    return rewriteGaps(text, (gap, before, after) => {
        if (!before || !after) return gap;
        const lines = newlines(gap);
        if (lines === 0) return gap === '' ? '' : ' ';
        if (lines >= 2) return '\n\n';
        return before.comment || after.comment ? '\n' : ' ';
    });
}

/** A small deterministic random source (mulberry32). */
export function random(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/**
 * Random spaces, tabs, full-width spaces and line breaks in every gap; a gap that had a blank line keeps one, and
 * a gap next to a comment keeps its number of line breaks (so each comment keeps its side).
 */
export function randomWhitespace(text: string, seed: number): string {
    const next = random(seed);
    const pad = () => ['', ' ', '  ', '\t', '\u3000', '   ', ' \t '][Math.floor(next() * 7)]!;
    const breaks = (n: number) => Array.from({ length: n }, () => pad() + '\n').join('') + pad();
    return rewriteGaps(text, (gap, before, after) => {
        const lines = newlines(gap);
        if (!before || !after) return breaks(Math.floor(next() * 3));
        if (before.comment || after.comment) {
            if (lines === 0) return gap === '' ? '' : ' ' + pad();
            return breaks(lines >= 2 ? 2 + Math.floor(next() * 2) : 1);
        }
        if (lines >= 2) return breaks(2 + Math.floor(next() * 2));
        return next() < 0.5 ? breaks(1) : ' ' + pad();
    });
}

/** The canonical model and the diagnostics' codes (sorted) of a text. */
export async function contentOf(text: string): Promise<{ model: unknown; codes: string[] }> {
    const { model, diagnostics } = await modelOf(text);
    return { model, codes: diagnostics.map(d => String(d.code)).sort() };
}
