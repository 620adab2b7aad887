import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { AmountItem, DepartmentDeclaration, JxmbAstType, ProjectDeclaration, TaskAmount } from '../generated/ast.js';
import { amountInRange, amountMessage, MODEL_LIMIT_CODE, yearInRange, yearMessage } from '../compile/value-limits.js';

// What compile refuses, reported by check at its place, with the same rule and words: a 年度 outside 1900–2200, an
// amount of more than 15 significant digits (a 400-digit amount is ∞ to arithmetic: the budget checks leave such a
// table's sums alone, budget.ts). Checked in 保密 projects too: compile refuses them there as well.

function checkYear(declaration: DepartmentDeclaration | ProjectDeclaration, accept: ValidationAcceptor): void {
    if (declaration.year === undefined || yearInRange(declaration.year)) return;
    accept('error', yearMessage(declaration.year), { node: declaration, property: 'year', code: MODEL_LIMIT_CODE });
}

function checkAmount(node: AmountItem | TaskAmount, accept: ValidationAcceptor): void {
    if (node.value === undefined || amountInRange(node.value)) return;
    accept('error', amountMessage(node, node.value), { node, property: 'value', code: MODEL_LIMIT_CODE });
}

export const modelLimitChecks: ValidationChecks<JxmbAstType> = {
    DepartmentDeclaration: checkYear,
    ProjectDeclaration: checkYear,
    AmountItem: checkAmount,
    TaskAmount: checkAmount
};
