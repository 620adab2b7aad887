import {
    isOperationCancelled, ValidationRegistry, type AstNode, type ValidationAcceptor, type ValidationCategory,
    type ValidationCheck, type ValidationChecks
} from 'langium';
import type { CancellationToken } from 'vscode-languageserver';

// A 2,000-indicator document runs some 50,000 checks. Langium wraps each in two async functions and builds a stream
// of the checks for every node: a promise chain per check, which on a new server cost a third of the first check of a
// file. Every jxmb check is synchronous, so here a check is called directly, and only a check that returns a promise
// is awaited; a check that throws is reported as Langium reports it (an error on its node, the cause in the log).
export class JxmbValidationRegistry extends ValidationRegistry {
    private readonly listed = new Map<string, readonly ValidationCheck[]>();

    override register<T>(checksRecord: ValidationChecks<T>, thisObj?: unknown, category?: ValidationCategory): void {
        this.listed.clear();
        super.register(checksRecord, thisObj, category);
    }

    /** The checks of a node type (and of every AstNode), in registration order, as one array kept per type. */
    checksOf(type: string, categories?: ValidationCategory[], secret = false): readonly ValidationCheck[] {
        const key = `${type}\u0000${categories?.join(',') ?? ''}\u0000${secret}`;
        let checks = this.listed.get(key);
        if (!checks) {
            checks = this.getChecks(type, categories).toArray();
            if (secret) checks = checks.filter(check => !exempted.has(check));
            this.listed.set(key, checks);
        }
        return checks;
    }

    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        const wrapped = (node: AstNode, accept: ValidationAcceptor, cancelToken: CancellationToken) => {
            try {
                const result = check.call(thisObj, node, accept, cancelToken);
                if (result) return result.catch(error => report(error, accept, node));
            } catch (error) {
                report(error, accept, node);
            }
            return undefined;
        };
        if (exempted.has(check)) exempted.add(wrapped);
        return wrapped;
    }
}

/** Checks that do not look inside a 保密 project (exemptions.ts): the validator leaves them out there. */
const exempted = new WeakSet<ValidationCheck>();

/** Marks a family's checks as exempting 保密 projects. */
export function exemptSecretProjects<T extends Record<string, unknown>>(checks: T): T {
    for (const check of Object.values(checks)) for (const fn of [check].flat()) exempted.add(fn as ValidationCheck);
    return checks;
}

/** How a check that broke shows on its node: a fault of jxmb, never of the user's text. */
export const CHECK_FAILED = 'jxmb 内部错误：此处的检查未能完成';

function report(error: unknown, accept: ValidationAcceptor, node: AstNode): void {
    if (isOperationCancelled(error)) throw error;
    console.error(`${CHECK_FAILED}:`, error);
    const details = error instanceof Error ? error.message : String(error);
    accept('error', `${CHECK_FAILED}（${details}）`, { node });
}
