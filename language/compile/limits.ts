import { AstUtils, GrammarUtils, type AstNode } from 'langium';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import * as ast from '../generated/ast.js';
import { documentToModel } from './from-ast.js';
import type { DeclarationFile } from './model.js';
import { assertValidModel } from './schema.js';
import { amountInRange, amountMessage, MODEL_LIMIT_CODE, yearInRange, yearMessage } from './value-limits.js';
import { gridsOf } from './sheet.js';
import { overlongCellMessage, overlongCells } from './xlsx.js';

// What the canonical model cannot hold (value-limits.ts), found on the AST, so that compiling stops with a message at
// the place instead of a schema error about /declarations/0/year.

export { AMOUNT_MAX_DIGITS, MODEL_LIMIT_CODE, significantDigits, YEAR_MAX, YEAR_MIN } from './value-limits.js';

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
            if (!yearInRange(node.year)) errors.push(error(node, 'year', yearMessage(node.year)));
        } else if ((ast.isAmountItem(node) || ast.isTaskAmount(node)) && node.value !== undefined && !amountInRange(node.value)) {
            errors.push(error(node, 'value', amountMessage(node, node.value)));
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

function error(node: AstNode, property: string, message: string): Diagnostic {
    const range = GrammarUtils.findNodeForProperty(node.$cstNode, property)?.range ?? node.$cstNode?.range
        ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return { range, severity: DiagnosticSeverity.Error, code: MODEL_LIMIT_CODE, message, source: 'jxmb' };
}
