import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { DateValue, JxmbAstType, RangeValue } from '../generated/ast.js';
import { parseNumber } from '../compile/numbers.js';
import { Code } from './codes.js';

/** A date written in the DSL must exist on the calendar (2024-02-30 does not). */
export function checkDate(value: DateValue, accept: ValidationAcceptor): void {
    const [y, m, d] = value.date.split('-').map(Number);
    const date = new Date(Date.UTC(y!, m! - 1, d!));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m! - 1 || date.getUTCDate() !== d) {
        accept('error', `日期「${value.date}」不存在。`, { node: value, property: 'date', code: Code.invalidDate });
    }
}

/** A range runs from the smaller number to the larger. */
export function checkRange(value: RangeValue, accept: ValidationAcceptor): void {
    if (parseNumber(value.min) > parseNumber(value.max)) {
        accept('error', `区间「${value.min}～${value.max}」的下限大于上限。`, { node: value, code: Code.invalidRange });
    }
}

export const valueFormChecks: ValidationChecks<JxmbAstType> = {
    DateValue: checkDate,
    RangeValue: checkRange
};
