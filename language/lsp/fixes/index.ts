import type { FixRegistry } from '../quick-fix.js';
import { budgetFixes } from './budget.js';
import { classificationFixes } from './classification.js';
import { hierarchyFixes } from './hierarchy.js';
import { measurabilityFixes } from './measurability.js';
import { nameFixes } from './names.js';
import { syntaxFixes } from './syntax.js';
import { textConsistencyFixes } from './text-consistency.js';
import { textFixes } from './text.js';
import { valuesFixes } from './values.js';

/** Every quick-fix, by diagnostic code. */
export const allFixes: FixRegistry = {
    ...hierarchyFixes, ...nameFixes, ...budgetFixes, ...valuesFixes, ...measurabilityFixes, ...classificationFixes, ...textConsistencyFixes,
    ...syntaxFixes, ...textFixes
};
