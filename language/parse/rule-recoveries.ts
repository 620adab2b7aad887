// Which syntax errors left the parser where a list's next member starts, as if nothing had gone wrong. Chevrotain
// recovers in two ways. Inside a rule (a 三级 written `"x"：：20场次`) it skips to a token that may follow the rule and
// returns from it: the enclosing list goes on with its next member in the same state. At a list's end it looks
// past junk for the next member and calls the list again from inside its own recovery, one level deeper each time
// (recovery-depth.ts bounds that depth, so the parse after such an error depends on how many came before). Completion
// leaves out the members before the cursor's (completion/parse-window.ts) only where every earlier error was of the
// first kind.

type Recovering = {
    tryInRepetitionRecovery: (...args: unknown[]) => unknown;
    SAVE_ERROR: (error: Error) => Error;
};

const recoveredInRule = new WeakSet<object>();

/** Whether the parser recovered from `error` inside a rule (not at a list's end); false for an error it did not report. */
export function isRecoveredInRule(error: object): boolean {
    return recoveredInRule.has(error);
}

/** Marks the errors a parser's Chevrotain instance recovers from inside a rule. */
export function markRuleRecoveries<P extends object>(parser: P): P {
    const wrapper = (parser as unknown as { wrapper: Recovering }).wrapper;
    const tryInRepetition = wrapper.tryInRepetitionRecovery;
    const save = wrapper.SAVE_ERROR;
    /** Inside a list's recovery, before it reported its error (then it parses the list's next members, nested). */
    let repetitionPending = false;
    wrapper.tryInRepetitionRecovery = function (this: Recovering, ...args: unknown[]) {
        repetitionPending = true;
        try {
            return tryInRepetition.apply(this, args);
        } finally {
            repetitionPending = false;
        }
    };
    wrapper.SAVE_ERROR = function (this: Recovering, error: Error) {
        if (repetitionPending) repetitionPending = false;
        else recoveredInRule.add(error);
        return save.call(this, error);
    };
    return parser;
}
