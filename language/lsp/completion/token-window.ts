// The tokens around the cursor as lexing the whole text gives them, found by lexing a few hundred characters.
// Langium's completion lexes the whole document on every request to find the token at the cursor (≈ 10 ms for
// 2,000 indicators, linear in the file). Lexing a window gives the same tokens when both its ends are places where
// a token of the whole text starts: the leaves of the document's parse are such tokens. A window cut anywhere else
// could lex otherwise: `238.97` cut after the dot lexes as `238` and a stray `.`, an opening quote whose closing
// one lies beyond the cut as a stray quote. Where the answer needs more, the window grows, up to the whole text.
import { CstUtils, isCompositeCstNode, isLeafCstNode, type CstNode, type Lexer, type LeafCstNode } from 'langium';

/** A token's place in the text: [start, end). */
export interface TokenSpan {
    start: number;
    end: number;
}

export interface TokensAround {
    /** The first token that ends after the offset (it contains the offset, or starts at or after it). */
    current?: TokenSpan;
    /** The token before `current` (the last token when there is no `current`). */
    previous?: TokenSpan;
}

/** Places where a token of the whole text's lexing starts. */
export interface TokenStarts {
    /** One at or before `position`, 0 when there is none. */
    atOrBefore(position: number): number;
    /** One at or after `position`, the text's length when there is none. */
    atOrAfter(position: number): number;
}

/** Token starts from a parse of the whole text: its leaves are tokens of the whole text's lexing. */
export function leafStarts(root: CstNode): TokenStarts {
    const length = root.root.fullText.length;
    return {
        atOrBefore: position => CstUtils.findLeafNodeBeforeOffset(root, position)?.offset ?? 0,
        atOrAfter: position => {
            let leaf = CstUtils.findLeafNodeBeforeOffset(root, position) ?? firstLeafFrom(root);
            while (leaf && leaf.offset < position) leaf = firstLeafFrom(CstUtils.getNextNode(leaf, true));
            return leaf ? leaf.offset : length;
        }
    };
}

/**
 * Text the parse read no token of, at least this long, is text that is not jxmb (1 MB of `{` pasted in): lexing it
 * to find the tokens at the cursor, and parsing it up to the cursor, took ≈ 300 MB a megabyte, for keywords that do
 * not fit there. Completion offers nothing in it.
 */
export const MAX_UNPARSED_STRETCH = 64 * 1024;

/** The length of the stretch around `offset` that holds no leaf of the parse: 0 at or in a token. */
export function unparsedStretchAt(root: CstNode, offset: number): number {
    const before = CstUtils.findLeafNodeBeforeOffset(root, offset);
    if (before && before.end >= offset) return 0;
    return leafStarts(root).atOrAfter(offset) - (before?.end ?? 0);
}

function firstLeafFrom(node: CstNode | undefined): LeafCstNode | undefined {
    while (node) {
        if (isLeafCstNode(node)) return node;
        node = isCompositeCstNode(node) && node.content.length > 0 ? node.content[0] : CstUtils.getNextNode(node, true);
    }
    return undefined;
}

export class TokenWindow {
    /** @param margin characters lexed on each side of the offset at first */
    constructor(private readonly lexer: Lexer, private readonly text: string, private readonly starts: TokenStarts, private readonly margin = 256) {}

    /** The tokens at `offset`, as found in the token list of the whole text; `previous` only where `withPrevious`. */
    around(offset: number, withPrevious = true): TokensAround {
        let before = Math.max(1, this.margin);
        let after = Math.max(1, this.margin);
        for (;;) {
            const start = offset - before <= 0 ? 0 : Math.min(offset, this.starts.atOrBefore(offset - before));
            const end = offset + after >= this.text.length ? this.text.length : Math.max(offset, this.starts.atOrAfter(offset + after));
            const tokens = this.lex(start, end);
            const index = tokens.findIndex(token => token.end > offset);
            // The token that ends after the offset starts at or beyond the window's end: its end is unknown yet.
            if (index < 0 && end < this.text.length) {
                after *= 4;
                continue;
            }
            const previous = index < 0 ? tokens.at(-1) : tokens[index - 1];
            // No token before it in the window: one may lie before the window's start.
            if (withPrevious && !previous && start > 0) {
                before *= 4;
                continue;
            }
            return { current: index < 0 ? undefined : tokens[index], previous: withPrevious ? previous : undefined };
        }
    }

    /**
     * Whether `offset` stands inside a comment (at the end of a `//` line too): nothing is completed there. The window
     * ends at a token start after the offset, so a comment around the offset ends inside it.
     */
    inComment(offset: number): boolean {
        const start = offset - this.margin <= 0 ? 0 : Math.min(offset, this.starts.atOrBefore(offset - this.margin));
        const end = offset + this.margin >= this.text.length ? this.text.length : Math.max(offset, this.starts.atOrAfter(offset + this.margin));
        return this.lexer.tokenize(this.text.slice(start, end)).hidden.some(token => {
            const from = start + token.startOffset;
            const to = start + token.endOffset! + 1;
            const name = token.tokenType.name;
            return (name === 'SL_COMMENT' && from < offset && offset <= to) || (name === 'ML_COMMENT' && from < offset && offset < to);
        });
    }

    /** The tokens (not comments) of text[start, end), both ends token starts of the whole text. */
    private lex(start: number, end: number): TokenSpan[] {
        return this.lexer.tokenize(this.text.slice(start, end)).tokens.map(token => ({ start: start + token.startOffset, end: start + token.endOffset! + 1 }));
    }
}
