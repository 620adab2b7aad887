import type { ValidationChecks } from 'langium';
import type { JxmbAstType } from '../generated/ast.js';
import type { JxmbServices } from '../jxmb-module.js';
import { createBudgetChecks } from './budget.js';
import { createClassificationChecks } from './classification.js';
import { exemptSecretProjects } from './registry.js';
import { createHierarchyChecks } from './hierarchy.js';
import { invisibleCharChecks } from './invisible-chars.js';
import { createMeasurabilityChecks } from './measurability.js';
import { modelLimitChecks } from './model-limits.js';
import { structureChecks } from './structure.js';
import { createTextConsistencyChecks } from './text-consistency.js';
import { valueFormChecks } from './value-form.js';
import { createValuesChecks } from './values.js';

/**
 * Every family of checks contributes its per-node functions; each function reports stable codes. The table's
 * form (structure, value forms, what the model cannot hold, hidden characters) is checked everywhere; the domain
 * families skip 保密 projects.
 */
export function registerValidationChecks(services: JxmbServices): void {
    const form: Array<ValidationChecks<JxmbAstType>> = [structureChecks, valueFormChecks, modelLimitChecks, invisibleCharChecks];
    const domain: Array<ValidationChecks<JxmbAstType>> = [
        createHierarchyChecks, createBudgetChecks, createValuesChecks, createMeasurabilityChecks, createClassificationChecks,
        createTextConsistencyChecks
    ].map(create => create(services));
    const registry = services.validation.ValidationRegistry;
    for (const checks of form) registry.register(checks);
    for (const checks of domain) registry.register(exemptSecretProjects(checks));
}
