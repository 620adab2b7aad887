import type { AstNode } from 'langium';
import { containerOf } from '../ast-walk.js';

// Remembered per node. A 保密 mark is in its project's first line, and an edit there gives the project and everything
// in it new nodes (parse/reparse.ts), so nothing goes stale. The validator itself decides once per project
// (validation/registry.ts, exemptSecretProjects); this is for the measurability score.
const secretCache = new WeakMap<AstNode, boolean>();

/** 保密项目 (RULES §1B, Q7): their content is a placeholder by design and exempt from every domain rule. */
export function inSecretProject(node: AstNode): boolean {
    let secret = secretCache.get(node);
    if (secret === undefined) {
        secret = containerOf(node, 'Project')?.secret === true;
        secretCache.set(node, secret);
    }
    return secret;
}
