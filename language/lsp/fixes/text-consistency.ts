import type { FixRegistry } from '../quick-fix.js';

export const textConsistencyFixes: FixRegistry = {};
