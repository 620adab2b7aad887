// 语法错误恢复的深度上限. Chevrotain recovers from an error inside a repetition (a list of 三级指标, of
// declarations …) by calling the repetition again from inside its own recovery, one stack frame deeper per
// error: ≈ 2,700 errors in one list (2,000 indicators written without `：`) overflowed the stack, which killed
// the language server and failed `jxmb check`. Beyond MAX_REPETITION_RECOVERIES nested recoveries the list is
// left as it stands and the enclosing rule recovers instead (as for any other error); no more findings are
// listed than syntax-messages.ts caps anyway.
import type { LangiumCoreServices } from 'langium';
import { createCompletionParser, createLangiumParser } from 'langium';
import { acceptLongHiddenRuns } from './hidden-runs.js';
import { rememberAltPaths } from './no-viable-alt.js';
import { releaseTokens } from './release-tokens.js';
import { markRuleRecoveries } from './rule-recoveries.js';
import { positionsFromText } from './token-positions.js';

export const MAX_REPETITION_RECOVERIES = 200;

type Recovering = { attemptInRepetitionRecovery: (...args: unknown[]) => void };

interface TokenKind {
    tokenTypeIdx?: number;
    isParent?: boolean;
    categoryMatchesMap?: Record<number, boolean>;
}
type Resyncing = {
    findReSyncTokenType: () => TokenKind;
    flattenFollowSet: () => TokenKind[];
    LA: (k: number) => { tokenTypeIdx?: number };
    RULE_STACK: number[];
    RULE_OCCURRENCE_STACK: number[];
    RULE_STACK_IDX: number;
    /** the tokens being parsed, and the index of the last one consumed (Chevrotain's lexer adapter) */
    tokVector: readonly unknown[];
    currIdx: number;
};

/** A search's answer: from token index `from` on, the first token of the follow set is at `at`, of kind `found`. */
interface Found { from: number; at: number; found: TokenKind }

/** The follow sets already flattened, by the rules on the stack and each one's place in its caller, outermost first. */
interface FollowNode {
    next: Map<number, Map<number, FollowNode>>;
    follows?: TokenKind[];
}

/** Chevrotain's flattenFollowSet, remembered: it depends only on the rule stack, and each error asks at every level it climbs. */
function followSetOf(parser: Resyncing, root: FollowNode): TokenKind[] {
    let node = root;
    for (let i = 0; i <= parser.RULE_STACK_IDX; i++) {
        const rule = parser.RULE_STACK[i]!;
        const occurrence = parser.RULE_OCCURRENCE_STACK[i]!;
        let byOccurrence = node.next.get(rule);
        if (!byOccurrence) node.next.set(rule, byOccurrence = new Map());
        let child = byOccurrence.get(occurrence);
        if (!child) byOccurrence.set(occurrence, child = { next: new Map() });
        node = child;
    }
    return node.follows ??= parser.flattenFollowSet();
}

/**
 * Chevrotain's findReSyncTokenType, answering each kind of token once per call: every recovery looks ahead to the
 * next token that may follow a rule on the stack, which after a run of broken rows is the list's closing 「}」, so
 * each of up to MAX_REPETITION_RECOVERIES recoveries passes over the rest of the list, and tried every follow
 * token type on every token (10,000 rows `"x"：≤2024年12月31日`: 18 million tokens × 37 types). Same answer.
 * The follow set itself is flattened once per rule stack (10,000 rows `"x"：：20场次`: ≈ 0.5 s of building it anew).
 * And the last search of each follow set is remembered: a search starting between where that one started and the
 * token it found finds the same token (none before it was of the set). The nested recoveries of such a list search
 * with one follow set from one row after another: they passed over the rest of the list each (8,000 rows
 * `"x"：≤2024年12月31日`: four fifths of a parse), and now the first one does.
 */
export function resyncFaster<P extends object>(parser: P): P {
    const wrapper = (parser as unknown as { wrapper: Resyncing }).wrapper;
    const followSets: FollowNode = { next: new Map() };
    // By the parse's tokens, which no one keeps once parsed (release-tokens.ts).
    const lastFound = new WeakMap<readonly unknown[], Map<TokenKind[], Found>>();
    wrapper.findReSyncTokenType = function (this: Resyncing) {
        const follows = followSetOf(this, followSets);
        let searches = lastFound.get(this.tokVector);
        if (!searches) lastFound.set(this.tokVector, searches = new Map());
        const from = this.currIdx + 1;
        const last = searches.get(follows);
        if (last && last.from <= from && from <= last.at) return last.found;
        const known = new Map<number | undefined, TokenKind | null>();
        for (let k = 1; ; k++) {
            const kind = this.LA(k).tokenTypeIdx;
            let found = known.get(kind);
            if (found === undefined) {
                found = follows.find(f => kind === f.tokenTypeIdx || (f.isParent === true && f.categoryMatchesMap![kind!] === true)) ?? null;
                known.set(kind, found);
            }
            if (found) {
                searches.set(follows, { from, at: this.currIdx + k, found });
                return found;
            }
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
    LangiumParser: (services: LangiumCoreServices) => releaseTokens(markRuleRecoveries(rememberAltPaths(resyncFaster(limitRecoveryDepth(acceptLongHiddenRuns(positionsFromText(createLangiumParser(services)))))))),
    CompletionParser: (services: LangiumCoreServices) => rememberAltPaths(resyncFaster(limitRecoveryDepth(createCompletionParser(services))))
};
