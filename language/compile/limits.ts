import { AstUtils, GrammarUtils, type AstNode } from 'langium';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import * as ast from '../generated/ast.js';
import { documentToModel } from './from-ast.js';
import type { DeclarationFile } from './model.js';
import { parseNumber } from './numbers.js';
import { assertValidModel } from './schema.js';

// What the grammar lets a file say but the canonical model (schemas/declaration.schema.json) cannot hold: a 年度
// outside 1900–2200 or not a whole year, an amount with so many digits that it is no finite number. Found on the
// AST, so that compiling stops with a message at the place instead of a schema error about /declarations/0/year.

export const MODEL_LIMIT_CODE = 'compile/out-of-range';

export const YEAR_MIN = 1900;
export const YEAR_MAX = 2200;

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
        } else if ((ast.isAmountItem(node) || ast.isTaskAmount(node)) && node.value !== undefined && !Number.isFinite(parseNumber(node.value))) {
            const what = ast.isAmountItem(node) ? `「${node.key}」` : '拟投入资金';
            errors.push(error(node, 'value', `${what}的数额「${shorten(node.value)}」位数太多，不是可用的金额，无法编译。`));
        }
    }
    return errors;
}

function error(node: AstNode, property: string, message: string): Diagnostic {
    const range = GrammarUtils.findNodeForProperty(node.$cstNode, property)?.range ?? node.$cstNode?.range
        ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return { range, severity: DiagnosticSeverity.Error, code: MODEL_LIMIT_CODE, message, source: 'jxmb' };
}

const shorten = (text: string) => text.length > 24 ? `${text.slice(0, 12)}…${text.slice(-6)}（${text.length} 位）` : text;
