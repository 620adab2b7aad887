import type { ValidationChecks } from 'langium';
import type { JxmbAstType } from '../generated/ast.js';
import type { JxmbServices } from '../jxmb-module.js';

export function createValuesChecks(_services: JxmbServices): ValidationChecks<JxmbAstType> {
    return {};
}
