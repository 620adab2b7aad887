import { AstUtils, GrammarUtils, type AstNode } from 'langium';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import * as ast from '../generated/ast.js';
import { documentToModel } from './from-ast.js';
import type { DeclarationFile } from './model.js';
import { parseNumber } from './numbers.js';
import { assertValidModel } from './schema.js';
import { gridsOf } from './sheet.js';
import { overlongCellMessage, overlongCells } from './xlsx.js';

// What the grammar lets a file say but the canonical model (schemas/declaration.schema.json) cannot hold: a 年度
// outside 1900–2200 or not a whole year, an amount with more significant digits than a number keeps (README: more
// than 15 digits; `12345678901234567890.00` would come out as 12345678901234567000). Found on the
// AST, so that compiling stops with a message at the place instead of a schema error about /declarations/0/year.

export const MODEL_LIMIT_CODE = 'compile/out-of-range';

export const YEAR_MIN = 1900;
export const YEAR_MAX = 2200;
/** A double keeps every decimal of at most 15 significant digits. */
export const AMOUNT_MAX_DIGITS = 15;

/** The canonical model of a parsed document, or the places where it says what the model cannot hold. */
export function compilableModel(document: ast.Document): { model: DeclarationFile; errors: [] } | { model: null; errors: Diagnostic[] } {
    const errors = modelLimitErrors(document);
    if (errors.length > 0) return { model: null, errors };
    const model = documentToModel(document);
    assertValidModel(model);
    return { model, errors: [] };
}

export function modelLimitErrors(document: ast.Document): Diagnostic[] {
    const errors: Diagnostic[] = [];
    for (const node of AstUtils.streamAst(document)) {
        if ((ast.isDepartmentDeclaration(node) || ast.isProjectDeclaration(node)) && node.year !== undefined) {
            const year = parseNumber(node.year);
            if (!(Number.isInteger(year) && year >= YEAR_MIN && year <= YEAR_MAX)) {
                errors.push(error(node, 'year', `年度「${shorten(node.year)}」不是 ${YEAR_MIN}–${YEAR_MAX} 之间的年份，无法编译。`));
            }
        } else if ((ast.isAmountItem(node) || ast.isTaskAmount(node)) && node.value !== undefined
            && (!Number.isFinite(parseNumber(node.value)) || significantDigits(node.value) > AMOUNT_MAX_DIGITS)) {
            const what = ast.isAmountItem(node) ? `「${node.key}」` : '拟投入资金';
            errors.push(error(node, 'value', `${what}的数额「${shorten(node.value)}」位数太多（超过 ${AMOUNT_MAX_DIGITS} 位有效数字），无法精确编译。`));
        }
    }
    return errors;
}

/**
 * A text no workbook cell can hold (xlsx only), at the place in the file it comes from: the property whose text is the
 * cell's, or — for a cell made of several texts, such as a project's 绩效指标 string — the longest text inside it.
 */
export function xlsxLimitErrors(document: ast.Document, model: DeclarationFile): Diagnostic[] {
    return overlongCells(gridsOf(model)).map(long => {
        const source = longestTextWithin(document, long.text);
        return source ? error(source.node, source.property, overlongCellMessage(long)) : error(document, '', overlongCellMessage(long));
    });
}

function longestTextWithin(document: ast.Document, cell: string): { node: AstNode; property: string } | null {
    let best: { node: AstNode; property: string; length: number } | null = null;
    for (const node of AstUtils.streamAst(document)) {
        for (const [property, value] of Object.entries(node)) {
            if (property.startsWith('$') || typeof value !== 'string' || value === '' || (best && value.length <= best.length)) continue;
            if (cell.includes(value)) best = { node, property, length: value.length };
        }
    }
    return best;
}

/** `0,012,345.6700` → 6: the digits between the first and last non-zero one, and the whole number's trailing zeros. */
export function significantDigits(text: string): number {
    const [whole = '', fraction = ''] = text.replace(/[^0-9.]/g, '').split('.');
    return (whole + fraction.replace(/0+$/, '')).replace(/^0+/, '').length;
}

function error(node: AstNode, property: string, message: string): Diagnostic {
    const range = GrammarUtils.findNodeForProperty(node.$cstNode, property)?.range ?? node.$cstNode?.range
        ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return { range, severity: DiagnosticSeverity.Error, code: MODEL_LIMIT_CODE, message, source: 'jxmb' };
}

const shorten = (text: string) => text.length > 24 ? `${text.slice(0, 12)}…${text.slice(-6)}（${text.length} 位）` : text;
