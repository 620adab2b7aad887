import type { FixRegistry } from '../quick-fix.js';

export const valuesFixes: FixRegistry = {};
