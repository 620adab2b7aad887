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
    /** Per categories asked: the checks of each node type. */
    private readonly listed = new Map<string, CheckLists>();

    override register<T>(checksRecord: ValidationChecks<T>, thisObj?: unknown, category?: ValidationCategory): void {
        this.listed.clear();
        super.register(checksRecord, thisObj, category);
    }

    /** The checks of each node type for these categories; a build asks once per document, not per node. */
    checkLists(categories?: ValidationCategory[]): CheckLists {
        const key = categories?.join(',') ?? '';
        let lists = this.listed.get(key);
        if (!lists) {
            lists = new CheckLists(type => this.getChecks(type, categories).toArray());
            this.listed.set(key, lists);
        }
        return lists;
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

/** The checks of each node type (and of every AstNode), in registration order, as one array kept per type. */
export class CheckLists {
    private readonly byType = new Map<string, [readonly ValidationCheck[], readonly ValidationCheck[]]>();

    constructor(private readonly find: (type: string) => ValidationCheck[]) {}

    /** `secret`: the node is in a 保密 project, where only the checks of the table's form run. */
    of(type: string, secret: boolean): readonly ValidationCheck[] {
        let lists = this.byType.get(type);
        if (!lists) {
            const checks = this.find(type);
            lists = [checks, checks.filter(check => !exempted.has(check))];
            this.byType.set(type, lists);
        }
        return lists[secret ? 1 : 0];
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
