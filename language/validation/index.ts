import type { ValidationChecks } from 'langium';
import type { JxmbAstType } from '../generated/ast.js';
import type { JxmbServices } from '../jxmb-module.js';
import { structureChecks } from './structure.js';
import { valueFormChecks } from './value-form.js';

/** Every family of checks contributes its per-node functions; each function reports one stable code. */
export function registerValidationChecks(services: JxmbServices): void {
    const families: Array<ValidationChecks<JxmbAstType>> = [structureChecks, valueFormChecks];
    const registry = services.validation.ValidationRegistry;
    for (const checks of families) {
        registry.register(checks);
    }
}
