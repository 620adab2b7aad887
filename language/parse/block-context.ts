import { AstUtils, GrammarAST, type CompositeCstNode, type LangiumParser, type ParseResult } from 'langium';

// A block parsed alone (parse/reparse.ts) must be parsed as the whole text would parse it, errors included.
// Chevrotain's error recovery depends on the rules that enclose the failing one: it skips tokens until one that
// may follow any rule on its stack, and hands the error up to the rule that can go on from there. So the block's
// enclosing rules are put on the parser's rule stack before it starts, as a parse of the whole text has them when
// it reaches the block. Where recovery would still reach beyond the block (skip past its closing brace, hand the
// error above the block), the parse of the block alone is abandoned and the caller parses the whole text.

/** A rule on the stack: Chevrotain's short name for it, and which call of it in its caller (SUBRULE1, 2 …). */
interface StackEntry { rule: number; occurrence: number }

/** The enclosing rules of a block and the block's own call, as Chevrotain numbers them. */
export interface BlockContext { enclosing: StackEntry[]; occurrence: number }

// Chevrotain's and Langium's parser state, as far as this module touches it (chevrotain 11–13, Langium 4).
interface Recognizer {
    RULE_STACK: number[];
    RULE_STACK_IDX: number;
    RULE_OCCURRENCE_STACK: number[];
    RULE_OCCURRENCE_STACK_IDX: number;
    currRuleShortName: number;
    currRuleLookaheadFuncs: unknown;
    lookAheadFuncsCache: unknown[];
    subruleIdx: number;
    fullRuleNameToShort: Record<string, number>;
    rule(rule: (this: Recognizer, args: object) => unknown): unknown;
    findReSyncTokenType(): { name: string };
}
interface ParserState {
    wrapper: Recognizer;
    mainRule: { ruleName: string };
    allRules: Map<string, { ruleName: string }>;
    stack: unknown[];
}

/** Recovery of the block alone would go past its end: the whole text must be parsed. */
class BeyondBlock extends Error {}

/**
 * The context a parse of the whole text has where `node` (a block's innermost CST node, made by its own rule)
 * starts; undefined where the tree does not show it (a node not made by a rule call).
 */
export function contextOf(parser: LangiumParser, node: CompositeCstNode): BlockContext | undefined {
    const state = parser as unknown as ParserState;
    const short = (chevrotainName: string | undefined) => chevrotainName === undefined ? undefined : state.wrapper.fullRuleNameToShort[chevrotainName];
    const call = (cst: CompositeCstNode) => {
        const source = cst.grammarSource;
        if (!GrammarAST.isRuleCall(source) || !GrammarAST.isParserRule(source.rule.ref)) return undefined;
        const rule = short(state.allRules.get(source.rule.ref.name)?.ruleName);
        return rule === undefined ? undefined : { rule, occurrence: subruleIndex(source) };
    };
    const own = call(node);
    const root = short(state.mainRule.ruleName);
    if (!own || root === undefined) return undefined;
    const enclosing: StackEntry[] = [];
    for (let c = node.container; c; c = c.container) {
        if (!c.container) break;
        const entry = call(c);
        if (!entry) return undefined;
        enclosing.unshift(entry);
    }
    // A parse starts its entry rule as call 0 (Chevrotain's subruleIdx after a reset).
    enclosing.unshift({ rule: root, occurrence: 0 });
    return { enclosing, occurrence: own.occurrence };
}

/**
 * Parses `text` (one block) with `rule`, inside `context`. Undefined where recovery from an error in the block
 * would reach beyond it in the whole text, or the parser fails.
 */
export function parseInContext(parser: LangiumParser, text: string, rule: string, context: BlockContext): ParseResult | undefined {
    const state = parser as unknown as ParserState;
    const wrapper = state.wrapper;
    const findReSync = wrapper.findReSyncTokenType;
    const ownRule = Object.getOwnPropertyDescriptor(wrapper, 'rule');
    const ownFind = Object.getOwnPropertyDescriptor(wrapper, 'findReSyncTokenType');
    wrapper.rule = function (this: Recognizer, start) {
        for (const entry of context.enclosing) {
            this.RULE_STACK[++this.RULE_STACK_IDX] = entry.rule;
            this.RULE_OCCURRENCE_STACK[++this.RULE_OCCURRENCE_STACK_IDX] = entry.occurrence;
        }
        this.currRuleShortName = context.enclosing.at(-1)!.rule;
        this.currRuleLookaheadFuncs = this.lookAheadFuncsCache[this.currRuleShortName];
        this.subruleIdx = context.occurrence;
        return start.call(this, {});
    };
    // The block alone ends where the whole text goes on: a token to resume at was not found inside the block.
    wrapper.findReSyncTokenType = function (this: Recognizer) {
        const type = findReSync.call(this);
        if (type.name === 'EOF') throw new BeyondBlock();
        return type;
    };
    try {
        return parser.parse(text, { rule });
    } catch {
        // An error handed above the block (or a fault of this module): Langium's node stack is left filled.
        state.stack.length = 0;
        return undefined;
    } finally {
        restore(wrapper, 'rule', ownRule);
        restore(wrapper, 'findReSyncTokenType', ownFind);
    }
}

/** Langium numbers a rule's calls of parser rules 1, 2 … in the order of its definition (parser-builder-base). */
const subruleIndex = (() => {
    const memo = new WeakMap<GrammarAST.RuleCall, number>();
    return (call: GrammarAST.RuleCall): number => {
        const known = memo.get(call);
        if (known !== undefined) return known;
        const rule = AstUtils.getContainerOfType(call, GrammarAST.isParserRule)!;
        let index = 1;
        for (const element of AstUtils.streamAst(rule.definition)) {
            if (GrammarAST.isRuleCall(element) && GrammarAST.isParserRule(element.rule.ref)) memo.set(element, index++);
        }
        return memo.get(call)!;
    };
})();

function restore(target: object, key: string, descriptor: PropertyDescriptor | undefined): void {
    if (descriptor) Object.defineProperty(target, key, descriptor);
    else delete (target as Record<string, unknown>)[key];
}

