import { AstUtils, type AstNode, type ValidationChecks } from 'langium';
import { isProject, type JxmbAstType } from '../generated/ast.js';

// Every domain check asks this of its node: remembered per node. A 保密 mark is in its project's first line, and
// an edit there gives the project and everything in it new nodes (parse/reparse.ts), so nothing goes stale.
const secretCache = new WeakMap<AstNode, boolean>();

/** 保密项目 (RULES §1B, Q7): their content is a placeholder by design and exempt from every domain rule. */
export function inSecretProject(node: AstNode): boolean {
    let secret = secretCache.get(node);
    if (secret === undefined) {
        secret = AstUtils.getContainerOfType(node, isProject)?.secret === true;
        secretCache.set(node, secret);
    }
    return secret;
}

/** Wraps a family's checks so that none of them looks inside a 保密 project. */
export function exemptSecretProjects(checks: ValidationChecks<JxmbAstType>): ValidationChecks<JxmbAstType> {
    const wrapped: Record<string, unknown> = {};
    for (const [type, check] of Object.entries(checks)) {
        const list = (Array.isArray(check) ? check : [check]) as Array<(node: AstNode, ...rest: unknown[]) => unknown>;
        wrapped[type] = list.map(fn => {
            const exempting = (node: AstNode, ...rest: unknown[]) => inSecretProject(node) ? undefined : fn(node, ...rest);
            // The check's own name, for profiles and the log.
            return Object.defineProperty(exempting, 'name', { value: fn.name });
        });
    }
    return wrapped as ValidationChecks<JxmbAstType>;
}
