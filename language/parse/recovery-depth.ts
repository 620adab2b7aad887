// 语法错误恢复的深度上限. Chevrotain recovers from an error inside a repetition (a list of 三级指标, of
// declarations …) by calling the repetition again from inside its own recovery, one stack frame deeper per
// error: ≈ 2,700 errors in one list (2,000 indicators written without `：`) overflowed the stack, which killed
// the language server and failed `jxmb check`. Beyond MAX_REPETITION_RECOVERIES nested recoveries the list is
// left as it stands and the enclosing rule recovers instead (as for any other error); no more findings are
// listed than syntax-messages.ts caps anyway.
import type { LangiumCoreServices } from 'langium';
import { createCompletionParser, createLangiumParser } from 'langium';
import { acceptLongHiddenRuns } from './hidden-runs.js';
import { releaseTokens } from './release-tokens.js';

export const MAX_REPETITION_RECOVERIES = 200;

type Recovering = { attemptInRepetitionRecovery: (...args: unknown[]) => void };

interface TokenKind {
    tokenTypeIdx?: number;
    isParent?: boolean;
    categoryMatchesMap?: Record<number, boolean>;
}
type Resyncing = { findReSyncTokenType: () => TokenKind; flattenFollowSet: () => TokenKind[]; LA: (k: number) => { tokenTypeIdx?: number } };

/**
 * Chevrotain's findReSyncTokenType, answering each kind of token once per call: every recovery looks ahead to the
 * next token that may follow a rule on the stack, which after a run of broken rows is the list's closing 「}」, so
 * each of up to MAX_REPETITION_RECOVERIES recoveries passes over the rest of the list, and tried every follow
 * token type on every token (10,000 rows `"x"：≤2024年12月31日`: 18 million tokens × 37 types). Same answer.
 */
export function resyncFaster<P extends object>(parser: P): P {
    const wrapper = (parser as unknown as { wrapper: Resyncing }).wrapper;
    wrapper.findReSyncTokenType = function (this: Resyncing) {
        const follows = this.flattenFollowSet();
        const known = new Map<number | undefined, TokenKind | null>();
        for (let k = 1; ; k++) {
            const kind = this.LA(k).tokenTypeIdx;
            let found = known.get(kind);
            if (found === undefined) {
                found = follows.find(f => kind === f.tokenTypeIdx || (f.isParent === true && f.categoryMatchesMap![kind!] === true)) ?? null;
                known.set(kind, found);
            }
            if (found) return found;
        }
    };
    return parser;
}

/** Bounds the nested in-repetition recoveries of a Langium parser's Chevrotain instance. */
export function limitRecoveryDepth<P extends object>(parser: P): P {
    const wrapper = (parser as unknown as { wrapper: Recovering }).wrapper;
    const attempt = wrapper.attemptInRepetitionRecovery;
    let depth = 0;
    wrapper.attemptInRepetitionRecovery = function (this: Recovering, ...args: unknown[]) {
        if (depth >= MAX_REPETITION_RECOVERIES) return;
        depth++;
        try {
            attempt.apply(this, args);
        } finally {
            depth--;
        }
    };
    return parser;
}

export const boundedParsers = {
    LangiumParser: (services: LangiumCoreServices) => releaseTokens(resyncFaster(limitRecoveryDepth(acceptLongHiddenRuns(createLangiumParser(services))))),
    CompletionParser: (services: LangiumCoreServices) => resyncFaster(limitRecoveryDepth(createCompletionParser(services)))
};
