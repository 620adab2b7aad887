import { INDENT_WIDTH, type Gap } from './layout.js';
import type { Element } from './tokens.js';

// The gaps' decisions turned into whitespace, comments included. A comment keeps its side: one written at the end
// of a line stays there (two spaces before it), one on its own line stays on its own line (indented with what
// follows), one between tokens on a line stays between them. Blank lines are kept, one at most, except right after
// `{`, right before `}` and at the start of the file.

/** A replacement of the whitespace between two elements (offsets into the original text). */
export interface WhitespaceEdit {
    readonly start: number;
    readonly end: number;
    readonly text: string;
}

const TOP: Gap = { kind: 'line', indent: 0, commentIndent: 0 };

function newlines(text: string): number {
    return text.split('\n').length - 1;
}

export class Whitespace {
    constructor(private readonly text: string, private readonly elements: readonly Element[], private readonly eol: string) {}

    /** Start and end of the whitespace after element `k` (-1: the start of the text). */
    private gapAfter(k: number): [number, number] {
        return [k >= 0 ? this.elements[k]!.end : 0, k + 1 < this.elements.length ? this.elements[k + 1]!.offset : this.text.length];
    }

    private newline(indent: number, blank: boolean): string {
        return (blank ? this.eol : '') + this.eol + ' '.repeat(indent * INDENT_WIDTH);
    }

    /**
     * The whitespace between element `a` and element `b` (both significant tokens, -1 / elements.length for the
     * text's ends) and the comments between them, laid out by `gap` (the gap before `b`).
     */
    region(a: number, b: number, gap: Gap = TOP): WhitespaceEdit[] {
        const edits: WhitespaceEdit[] = [];
        for (let k = a; k < b; k++) {
            const [start, end] = this.gapAfter(k);
            const original = this.text.slice(start, end);
            if (!/^[\s\u3000]*$/.test(original)) throw new Error(`not whitespace at ${start}`);
            // a byte-order mark is not layout: it stays
            const replacement = k < 0 && original.startsWith('\ufeff') ? '\ufeff' : this.render(k, b, gap, newlines(original));
            if (replacement !== original) edits.push({ start, end, text: replacement });
        }
        return edits;
    }

    private render(k: number, b: number, gap: Gap, lines: number): string {
        const before = k >= 0 ? this.elements[k] : undefined;
        const after = k + 1 < this.elements.length ? this.elements[k + 1] : undefined;
        if (!before) return '';
        if (!after) return this.eol;
        const blank = lines >= 2 && before.type !== 'LBRACE' && after.type !== 'RBRACE';
        if (k + 1 < b) {
            // a comment follows
            if (lines > 0) return this.newline(gap.commentIndent, blank);
            const [, afterEnd] = this.gapAfter(k + 1);
            const inline = gap.kind !== 'line' && after.type === 'ML_COMMENT' && k + 2 < this.elements.length
                && newlines(this.text.slice(after.end, afterEnd)) === 0;
            return inline ? ' ' : '  ';
        }
        // the next token follows
        if (gap.kind === 'line') return this.newline(gap.indent, blank);
        if (before.comment && (before.type === 'SL_COMMENT' || lines > 0)) return this.newline(gap.indent, false);
        if (before.comment) return ' ';
        return gap.kind === 'none' ? '' : gap.kind === 'double' ? '  ' : ' ';
    }
}
