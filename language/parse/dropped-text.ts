// What the parser's error recovery skipped. After a syntax error Chevrotain re-synchronises by dropping tokens until
// one fits (「产出 {」 for 「产出指标 {」 drops the whole 绩效指标 block behind it), so the tree lacks parts the text has.
// Findings about what a table lacks, or how its parts add up, are then about the tree, not the table.
import { AstUtils, isCompositeCstNode, type AstNode, type CstNode } from 'langium';
import { isProject, type Document } from '../generated/ast.js';

/** Anything but the closing braces a recovery that closed blocks early leaves behind. */
const CONTENT = /[^\s}｝]/;
const WHITESPACE = /\s/;

/**
 * [start, end) offsets of text that no CST leaf covers (whitespace is the only token the lexer skips) and that runs
 * over more than one line. A drop within one line — what typing a row leaves until the row is complete — takes at
 * most that row, and its syntax error stands on it; a drop over lines takes rows and blocks the user sees intact.
 */
export function droppedSpans(root: Document): Array<[number, number]> {
    const cst = root.$cstNode;
    if (!cst) return [];
    const text = cst.root.fullText;
    const spans: Array<[number, number]> = [];
    let covered = 0;
    const gap = (end: number) => {
        // Most gaps are layout: look for a character that is not whitespace before slicing anything.
        let first = covered;
        while (first < end && WHITESPACE.test(text[first]!)) first++;
        if (first === end) return;
        let last = end - 1;
        while (WHITESPACE.test(text[last]!)) last--;
        const dropped = text.slice(first, last + 1);
        if (dropped.includes('\n') && CONTENT.test(dropped)) spans.push([first, last + 1]);
    };
    // A walk of its own: Langium's CST streams cost ≈ 8 ms for a 2,000-indicator table, on every key typed.
    const walk = (node: CstNode) => {
        if (isCompositeCstNode(node)) {
            for (const child of node.content) walk(child);
            return;
        }
        if (node.offset > covered) gap(node.offset);
        covered = Math.max(covered, node.end);
    };
    walk(cst);
    gap(text.length);
    return spans;
}

/**
 * The part of the document whose completeness a dropped span puts in doubt: the 项目 that holds it whole, else its
 * declaration (the one it stands in or after), stretched to the span's end.
 */
export function doubtfulScopes(root: Document): Array<[number, number]> {
    return droppedSpans(root).flatMap(([start, end]) => {
        const declaration = root.declarations.filter(d => d.$cstNode && d.$cstNode.offset <= start).at(-1) ?? root.declarations[0];
        if (!declaration?.$cstNode) return [[start, end] as [number, number]];
        const project = AstUtils.streamAllContents(declaration).find((node): node is AstNode => isProject(node)
            && node.$cstNode !== undefined && node.$cstNode.offset <= start && end <= node.$cstNode.end);
        const scope = (project ?? declaration).$cstNode!;
        return [[scope.offset, Math.max(scope.end, end)] as [number, number]];
    });
}
