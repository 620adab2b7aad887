import { isCompositeCstNode, isLeafCstNode, type AstNode, type CstNode, type ParseResult } from 'langium';
import { expect } from 'vitest';

/**
 * Every token with its place, every node with its grammar rule, properties and links: what two parses must share,
 * as one string (a deep comparison of the structures is too slow for hundreds of runs).
 */
export function dump(result: ParseResult<AstNode>): string {
    // A grammar element by its place in the grammar (rules/3/definition/elements/1 …).
    const id = (element: AstNode | undefined) => {
        const parts: string[] = [];
        for (let e = element; e?.$container; e = e.$container) parts.push(`${e.$containerProperty}${e.$containerIndex ?? ''}`);
        return element ? parts.reverse().join('/') : '-';
    };
    const out: string[] = [result.value.$cstNode!.root.fullText, ...result.lexerErrors.map(e => `lexer ${e.offset}+${e.length} ${e.line}:${e.column} ${e.message}`)];
    type Token = ParseResult['parserErrors'][number]['token'];
    const token = (t: Token | undefined) => t ? `${t.image}@${t.startOffset}-${t.endOffset} ${t.startLine}:${t.startColumn}-${t.endLine}:${t.endColumn}` : '-';
    for (const error of result.parserErrors) {
        const previous = (error as { previousToken?: Token }).previousToken;
        out.push(`${error.name} ${error.message} at ${token(error.token)} after ${token(previous)} skipped ${(error.resyncedTokens ?? []).map(token).join(', ')}`);
    }
    const range = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
        `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
    const cst = (node: CstNode, depth: number): void => {
        if (isLeafCstNode(node)) {
            out.push(`${depth} L ${node.offset}+${node.length} ${range(node.range)} ${node.tokenType.name} ${node.hidden} ${id(node.grammarSource)}`);
        } else if (isCompositeCstNode(node)) {
            // Which node holds the link to its AST node (the others find it through their containers).
            const own = (node as { _astNode?: AstNode })._astNode ? ' own' : '';
            out.push(`${depth} C ${id(node.grammarSource)} ${node.astNode.$type}${own} ${node.offset}-${node.end} ${range(node.range)}`);
            for (const child of node.content) {
                if (child.container !== node) out.push('! container');
                cst(child, depth + 1);
            }
        }
    };
    const ast = (node: AstNode, depth: number): void => {
        const at = node.$cstNode;
        out.push(`${depth} ${node.$type} ${at?.offset}-${at?.end} ${at ? range(at.range) : ''}${at?.astNode === node ? '' : ' ! cst link'} ${Object.keys(node).join(',')}`);
        for (const [key, value] of Object.entries(node)) {
            if (key.startsWith('$')) continue;
            (Array.isArray(value) ? value : [value]).forEach((v: unknown, i) => {
                if (v && typeof v === 'object' && '$type' in v) {
                    const child = v as AstNode;
                    if (child.$container !== node || child.$containerProperty !== key || (Array.isArray(value) && child.$containerIndex !== i)) out.push('! container');
                    out.push(`${depth} .${key}`);
                    ast(child, depth + 1);
                } else {
                    out.push(`${depth} .${key} = ${JSON.stringify(v)}`);
                }
            });
        }
    };
    ast(result.value, 0);
    cst(result.value.$cstNode!, 0);
    return out.join('\n');
}

/** The first line where two dumps differ, with the edit that led there: a readable failure. */
export function expectSameTree(actual: string, expected: string, edits: unknown): void {
    if (actual === expected) return;
    const a = actual.split('\n');
    const b = expected.split('\n');
    const i = a.findIndex((line, k) => line !== b[k]);
    expect({ edits, line: i, incremental: a.slice(Math.max(0, i - 3), i + 3) }).toEqual({ edits, line: i, incremental: b.slice(Math.max(0, i - 3), i + 3) });
}

