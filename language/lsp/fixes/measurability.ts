import type { FixRegistry } from '../quick-fix.js';

export const measurabilityFixes: FixRegistry = {};
