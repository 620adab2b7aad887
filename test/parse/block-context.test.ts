import { AstUtils, isCompositeCstNode, LangiumParser, type CompositeCstNode, type CstNode } from 'langium';
import { describe, expect, it } from 'vitest';
import { generateDeclaration } from '../../bench/generate.mjs';
import { contextOf } from '../../language/parse/block-context.js';
import { readSample, sampleFiles } from '../helpers/samples.js';
import { jxmb } from '../helpers/services.js';

// A block parsed alone is parsed inside the rules a parse of the whole text has around it there (its error
// recovery depends on them). Those rules, read off the tree, must be the parser's own stack at that place.

const parser = jxmb().parser.LangiumParser;

interface Stack { rules: number[]; occurrences: number[] }
interface Recognizer {
    RULE_STACK: number[]; RULE_STACK_IDX: number; RULE_OCCURRENCE_STACK: number[]; RULE_OCCURRENCE_STACK_IDX: number;
    ruleInvocationStateUpdate(shortName: number, fullName: string, idx: number): void;
    LA(i: number): { startOffset: number };
}

/** The parser's rule stack each time it starts a rule, by the offset of the rule's first token. */
function stacksOfFullParse(text: string): Map<string, Stack> {
    const wrapper = (parser as unknown as { wrapper: Recognizer }).wrapper;
    const stacks = new Map<string, Stack>();
    const own = wrapper.ruleInvocationStateUpdate;
    wrapper.ruleInvocationStateUpdate = function (this: Recognizer, shortName, fullName, idx) {
        own.call(this, shortName, fullName, idx);
        stacks.set(`${fullName}@${this.LA(1).startOffset}`, {
            rules: this.RULE_STACK.slice(0, this.RULE_STACK_IDX + 1),
            occurrences: this.RULE_OCCURRENCE_STACK.slice(0, this.RULE_OCCURRENCE_STACK_IDX + 1)
        });
    };
    try {
        // Langium's own parse: well-formed text otherwise takes the direct walk (parse/direct-parser.ts), no stack.
        LangiumParser.prototype.parse.call(parser, text);
    } finally {
        delete (wrapper as Partial<Recognizer>).ruleInvocationStateUpdate;
    }
    return stacks;
}

const texts = [...sampleFiles().map(name => ({ name, text: readSample(name) })), { name: 'generated 200', text: generateDeclaration(200, 7).text }];

describe('the rules around a block', () => {
    for (const { name, text } of texts) {
        it(`${name}: equal the parser's rule stack where the block starts`, () => {
            const stacks = stacksOfFullParse(text);
            const root = parser.parse(text).value;
            let compared = 0;
            for (const node of AstUtils.streamAst(root)) {
                if (!['Project', 'Task', 'IndicatorTree', 'Level1Group', 'Level2Block', 'SpendingUnit'].includes(node.$type)) continue;
                const own = ownNode(node.$cstNode, node.$type);
                const context = own && contextOf(parser, own);
                expect(context, `${node.$type} at ${node.$cstNode?.offset}`).toBeDefined();
                const ruleName = (parser as unknown as { allRules: Map<string, { ruleName: string }> }).allRules.get(node.$type)!.ruleName;
                const expected = stacks.get(`${ruleName}@${own!.offset}`);
                expect(expected, `${node.$type} at ${own!.offset}`).toBeDefined();
                expect({
                    rules: [...context!.enclosing.map(e => e.rule), expected!.rules.at(-1)!],
                    occurrences: [...context!.enclosing.map(e => e.occurrence), context!.occurrence]
                }).toEqual(expected);
                compared++;
            }
            expect(compared).toBeGreaterThan(10);
        });
    }
});

/** The CST node `type`'s own rule made, at or below `cst`. */
function ownNode(cst: CstNode | undefined, type: string): CompositeCstNode | undefined {
    for (let node = cst; node && isCompositeCstNode(node); node = node.content.length === 1 ? node.content[0] : undefined) {
        const source = node.grammarSource as { $type?: string; rule?: { ref?: { name: string } } } | undefined;
        if (source?.$type === 'RuleCall' && source.rule?.ref?.name === type) return node;
    }
    return undefined;
}
