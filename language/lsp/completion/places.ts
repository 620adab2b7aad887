// Where the cursor stands, read from Langium's next features (the grammar elements the parser could take next)
// and from the AST node before the cursor. The grammar is permissive; these say what belongs there.
import { AstUtils, GrammarAST, type AstNode } from 'langium';
import type { CompletionContext, NextFeature } from 'langium/lsp';
import { isDepartmentDeclaration, isProjectDeclaration } from '../../generated/ast.js';
import { lastLeaf } from './parse-window.js';

/** What a next feature asks for, as far as completion cares. */
export type Place = 'indicatorName' | 'operator' | 'textValue' | 'date' | 'number' | 'unit' | 'rangeSeparator' | 'keyword' | 'other';

/** The grammar rule an element stands in: Indicator, Level2Name, Operator, Unit … */
export function ruleOf(element: GrammarAST.AbstractElement): string | undefined {
    return AstUtils.getContainerOfType(element, GrammarAST.isParserRule)?.name;
}

function assignedTo(element: GrammarAST.AbstractElement): string | undefined {
    return AstUtils.getContainerOfType(element, GrammarAST.isAssignment)?.feature;
}

function terminalName(element: GrammarAST.AbstractElement): string | undefined {
    return GrammarAST.isRuleCall(element) ? element.rule.ref?.name : undefined;
}

export function placeOf(feature: GrammarAST.AbstractElement): Place {
    const rule = ruleOf(feature);
    if (rule === 'Operator') return 'operator';
    if (rule === 'Unit') return 'unit';
    if (GrammarAST.isKeyword(feature)) return 'keyword';
    const terminal = terminalName(feature);
    const assigned = assignedTo(feature);
    if (rule === 'Indicator' && assigned === 'name') return 'indicatorName';
    if (rule === 'TextValue') return 'textValue';
    if (rule === 'DateValue' && assigned === 'date') return 'date';
    if ((rule === 'QuantityValue' && assigned === 'number') || (rule === 'RangeValue' && assigned === 'min')) return 'number';
    if (rule === 'RangeValue' && terminal === 'RANGE_SEP') return 'rangeSeparator';
    return 'other';
}

export function placesOf(features: readonly NextFeature[]): Set<Place> {
    return new Set(features.map(next => placeOf(next.feature)));
}

/**
 * The innermost node whose block the cursor is in. The node before the cursor may be a block closed just before it
 * (`数量指标 { … } |`): then the cursor stands in that block's container.
 */
export function enclosingNode(context: CompletionContext): AstNode | undefined {
    let node = context.node;
    while (node?.$cstNode && node.$container) {
        const cst = node.$cstNode;
        // Its own brace: a block not yet closed (typed top to bottom) ends with the brace of the last block inside it.
        const last = lastLeaf(cst);
        const closed = last?.astNode === node && /^[}｝]$/.test(last.text);
        if (!closed || cst.end > context.tokenOffset) break;
        node = node.$container;
    }
    return node;
}

/** Whether a node's text covers an offset (the node the user is typing is not one already written). */
export function covers(node: AstNode, offset: number): boolean {
    const cst = node.$cstNode;
    return !!cst && cst.offset <= offset && offset <= cst.end;
}

/** The 年度 of the declaration the cursor is in: from the AST, else from the text before the cursor. */
export function yearAt(context: CompletionContext): number | undefined {
    const declaration = context.node
        ? AstUtils.getContainerOfType(context.node, n => isDepartmentDeclaration(n) || isProjectDeclaration(n))
        : undefined;
    const year = (declaration as { year?: string } | undefined)?.year;
    if (year && /^\d{4}$/.test(year)) return Number(year);
    const before = context.textDocument.getText().slice(0, context.offset);
    const written = [...before.matchAll(/(?:部门整体|项目支出)[^{｛]*?年度\s*(\d{4})\s*[{｛]/g)].at(-1);
    return written ? Number(written[1]) : undefined;
}

/** The word being completed: from the context's token start to the cursor, with its replace range. */
export interface TypedWord {
    /** Offset where the edit starts (an unterminated opening quote included). */
    start: number;
    /** Offset where the edit ends: the cursor, or the closing quote of the string the cursor is in. */
    end: number;
    /** The text from start to the cursor. */
    text: string;
    /** The opening quote the word starts with, if any. */
    quote: '' | '"' | '“' | '「';
    /** The text without its quotes. */
    bare: string;
    /** The cursor stands after the closing quote: the string is finished. */
    closed: boolean;
}

const OPENING = /^["“「]/;
const CLOSING: Record<string, string> = { '"': '"', '“': '”', '「': '」' };

/**
 * The typed word of a context, or undefined when the text before the cursor is no word at all (punctuation, or a
 * string that started on an earlier line). `stringStart` tells whether an opening quote just before the token is
 * the start of an unterminated string (the lexer skipped it) rather than the end of a string token.
 */
export function typedWord(context: CompletionContext, stringStart: (quoteOffset: number) => boolean): TypedWord | undefined {
    const text = context.textDocument.getText();
    let start = context.tokenOffset;
    const previous = text.charAt(start - 1);
    if (start > 0 && OPENING.test(previous) && !OPENING.test(text.charAt(start)) && stringStart(start - 1)) start--;
    const typed = text.slice(start, context.offset);
    if (/[\r\n]/.test(typed)) return undefined;
    const quote = (OPENING.exec(typed)?.[0] ?? '') as TypedWord['quote'];
    let end = context.offset;
    let bare = typed.slice(quote.length);
    let closed = false;
    if (quote) {
        const close = bare.indexOf(CLOSING[quote]!);
        if (close >= 0) {
            bare = bare.slice(0, close);
            closed = true;
        }
        // The string the cursor is in ends on this line: the edit replaces it up to its closing quote.
        const tokenEnd = context.tokenEndOffset;
        if (tokenEnd > context.offset && !/[\r\n]/.test(text.slice(context.offset, tokenEnd)) && text.charAt(tokenEnd - 1) === CLOSING[quote]) end = tokenEnd;
    } else if (!/^[\p{L}\p{N}·/]*$/u.test(typed)) {
        return undefined;
    }
    return { start, end, text: typed, quote, bare, closed };
}

/** The typed word starts a new line (after a value that could still take a unit, it begins the next indicator). */
export function startsLine(context: CompletionContext, word: TypedWord): boolean {
    // Back over the spaces before the word (a pattern anchored at the end would scan the whole text before it).
    const text = context.textDocument.getText();
    let i = word.start - 1;
    while (i >= 0 && ' \t\u3000'.includes(text.charAt(i))) i--;
    return i >= 0 && (text.charAt(i) === '\n' || text.charAt(i) === '\r');
}
