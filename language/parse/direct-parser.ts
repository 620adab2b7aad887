// 直接解析: well-formed text is parsed by walking the grammar itself, without Chevrotain's machinery. Langium's parser
// takes 170–210 ms for the 19,500 tokens of a 2,000-indicator text in a new process (≈ 55 ms warm): recording phase,
// lookahead functions, closures for every alternative, a CST builder and a deep link pass. This walk builds the same
// trees in 70–90 ms (≈ 22 ms warm), lexing included: a new server's first check of such a file ≈ 17 % sooner
// (bench/NOTES.md). The walk reads jxmb.langium's rules as Langium loaded them, so a change of the grammar needs no
// change here. It decides with one token of lookahead, trying the alternatives in order where one token does not
// decide (a value: ≥ 2024-12-31 or ≥ 45 场次). It gives up at the first thing it does not expect (a syntax error, a
// lexing error, a construct of Langium's it does not build) and Langium's parser parses the text as before, with
// its recovery and messages. test/parse/direct-parser.test.ts checks that both give the same trees, node by node.
import {
    CstNodeBuilder, GrammarAST, GrammarUtils,
    type AstNode, type CompositeCstNode, type AstReflection, type LangiumCoreServices, type LangiumParser, type LexerResult, type ParseResult,
    type ValueConverter
} from 'langium';
import { JxmbLexer } from './lexer.js';
import { leavesPlacedByText } from './token-positions.js';

type IToken = ParseResult['parserErrors'][number]['token'];

const enum Kind { Token, Call, Group, Choice }
const enum Repeat { Once, Optional, Many, AtLeastOnce }

/** One element of a rule, ready to walk. */
interface Step {
    kind: Kind;
    repeat: Repeat;
    /** the grammar element: the CST's grammarSource of what this step consumes or calls */
    element: GrammarAST.AbstractElement;
    /** token type names that can start the step once (its own repetition aside) */
    first: Set<string>;
    /** the same, by Chevrotain's token type index: what the walk asks at every token */
    starts: Uint8Array;
    /** the step (once) may consume nothing */
    empty: boolean;
    /** Kind.Token: the token type's name (a keyword's text, a terminal's name) and index */
    token: string;
    tokenIndex: number;
    keyword: boolean;
    /** Kind.Call */
    rule: CompiledRule | undefined;
    /** Kind.Group, Kind.Choice */
    items: Step[];
    /** Kind.Choice: the alternatives the next token can start, by its token type index */
    choices: Step[][];
    /** the assignment the element stands in, as Langium finds it (its nearest container): property and operator */
    feature: string;
    operator: '=' | '+=' | '?=' | undefined;
}

interface CompiledRule {
    /** the AST type; undefined for a data type rule (its value is the text of its tokens) */
    type: string | undefined;
    body: Step | undefined;
    first: Set<string> | undefined;
    empty: boolean;
}

/** An AST node being built, or the text of a data type rule being read. */
type Building = Record<string, unknown> & { $type?: string };

/**
 * A rule being walked: its node, which an unassigned call replaces by the node the called rule built
 * (`Value: TextValue | …`, Langium's `assignWithoutOverride`). Undefined: the tokens are only tried.
 */
interface Frame {
    node: Building;
}

/** Thrown where the walk meets what it does not expect (one object: giving up needs no stack trace). */
const GIVE_UP = Symbol('give up');

const IN_PROGRESS = new Set<string>();

/** A Langium construct the walk does not build (actions, cross-references …): such a grammar is not walked at all. */
class NotWalkable extends Error {}

export class DirectParser {
    private readonly rules = new Map<GrammarAST.ParserRule, CompiledRule>();
    private readonly entry: CompiledRule;
    private readonly reflection: AstReflection;
    private readonly converter: ValueConverter;
    private readonly lexer: LangiumCoreServices['parser']['Lexer'];
    /** Chevrotain's token type index of each token type name */
    private readonly indexOf: Map<string, number>;
    private readonly size: number;
    /** The properties with a default value (`+=` lists, `?=` flags) of each AST type, as Langium sets them. */
    private readonly defaults = new Map<string, Array<[string, unknown]>>();

    // The state of one parse.
    private tokens: IToken[] = [];
    /** each token's type index, and -1 past the end: the lookahead, read at every step */
    private types = new Int32Array(1);
    private hidden: IToken[] = [];
    private next = 0;
    private nextHidden = 0;

    private constructor(services: LangiumCoreServices, entry: GrammarAST.ParserRule, private readonly builder: CstNodeBuilder) {
        this.reflection = services.shared.AstReflection;
        this.converter = services.parser.ValueConverter;
        this.lexer = services.parser.Lexer;
        this.indexOf = new Map(Object.values(this.lexer.definition).map(t => [t.name, t.tokenTypeIdx!]));
        this.size = Math.max(0, ...this.indexOf.values()) + 1;
        this.entry = this.compileRule(entry);
        for (const rule of this.rules.values()) this.firstOfRule(rule);
        for (const step of this.steps) this.index(step);
        for (const step of this.steps) {
            if (step.kind === Kind.Choice) step.choices = Array.from({ length: this.size }, (_, i) => step.items.filter(item => item.starts[i] === 1));
        }
    }

    /**
     * The walk for a language's grammar, or undefined where the grammar uses what the walk does not build. The CST
     * is built by `builder`, as Langium's parser builds it (the parser's own builder may be given).
     */
    static for(services: LangiumCoreServices, builder = leavesPlacedByText(new CstNodeBuilder())): DirectParser | undefined {
        const entry = services.Grammar.rules.find(r => GrammarAST.isParserRule(r) && r.entry) as GrammarAST.ParserRule | undefined;
        if (!entry) return undefined;
        try {
            return new DirectParser(services, entry, builder);
        } catch (error) {
            if (error instanceof NotWalkable) return undefined;
            throw error;
        }
    }

    /** The text's parse result as Langium's parser gives it, or undefined where the walk gives up. */
    parse<T extends AstNode = AstNode>(text: string): ParseResult<T> | undefined {
        const lexed = this.lexer.tokenize(text);
        const result = this.walkTokens<T>(text, lexed);
        // Langium's parser parses the text next: it takes these tokens rather than lexing the text again.
        if (!result && this.lexer instanceof JxmbLexer) this.lexer.handOver(text, lexed);
        return result;
    }

    private walkTokens<T extends AstNode>(text: string, lexed: LexerResult): ParseResult<T> | undefined {
        if (lexed.errors.length > 0 || (lexed.report?.diagnostics.length ?? 0) > 0) return undefined;
        this.tokens = lexed.tokens;
        this.types = new Int32Array(lexed.tokens.length + 1);
        lexed.tokens.forEach((t, i) => this.types[i] = t.tokenType.tokenTypeIdx!);
        this.types[lexed.tokens.length] = -1;
        this.hidden = lexed.hidden;
        this.next = 0;
        this.nextHidden = 0;
        try {
            const root = this.builder.buildRootNode(text);
            const value = this.buildRule(this.entry) as unknown as T;
            if (this.next < this.tokens.length) return undefined;
            this.addHidden(this.hidden.length);
            (root as CompositeCstNode & { astNode: AstNode }).astNode = value;
            return { value, lexerErrors: [], lexerReport: lexed.report, parserErrors: [] };
        } catch (error) {
            if (error === GIVE_UP) return undefined;
            throw error;
        } finally {
            this.tokens = [];
            this.hidden = [];
            this.types = new Int32Array(1);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The grammar, compiled once

    private compileRule(rule: GrammarAST.ParserRule): CompiledRule {
        let compiled = this.rules.get(rule);
        if (compiled) return compiled;
        if (rule.fragment) throw new NotWalkable();
        compiled = { type: GrammarUtils.isDataTypeRule(rule) ? undefined : GrammarUtils.getTypeName(rule), body: undefined, first: undefined, empty: false };
        this.rules.set(rule, compiled);
        compiled.body = this.compile(rule.definition, undefined);
        return compiled;
    }

    private readonly steps: Step[] = [];

    private compile(element: GrammarAST.AbstractElement, assignment: GrammarAST.Assignment | undefined): Step {
        if (GrammarAST.isAssignment(element)) {
            // The assignment's own repetition (`items+=AmountItem*`) around its terminal's.
            const inner = this.compile(element.terminal, element);
            inner.repeat = combine(repeatOf(element.cardinality), inner.repeat);
            return inner;
        }
        const step: Step = {
            kind: Kind.Token, repeat: repeatOf(element.cardinality), element, first: new Set(), starts: new Uint8Array(0), empty: false,
            token: '', tokenIndex: -1, keyword: false, rule: undefined, items: [], choices: [],
            feature: assignment?.feature ?? '', operator: assignment?.operator as Step['operator']
        };
        this.steps.push(step);
        if (GrammarAST.isKeyword(element)) {
            step.token = element.value;
            step.keyword = true;
        } else if (GrammarAST.isRuleCall(element)) {
            const rule = element.rule.ref;
            if (GrammarAST.isTerminalRule(rule)) step.token = rule.name;
            else if (GrammarAST.isParserRule(rule) && element.arguments.length === 0) {
                step.kind = Kind.Call;
                step.rule = this.compileRule(rule);
            } else throw new NotWalkable();
        } else if (GrammarAST.isGroup(element) && !element.guardCondition) {
            step.kind = Kind.Group;
            step.items = element.elements.map(e => this.compile(e, assignment));
        } else if (GrammarAST.isAlternatives(element)) {
            step.kind = Kind.Choice;
            step.items = element.elements.map(e => this.compile(e, assignment));
        } else {
            throw new NotWalkable();
        }
        return step;
    }

    /** FIRST sets, bottom up: a rule that calls itself (no jxmb rule does) is left to Langium's parser. */
    private firstOfRule(rule: CompiledRule): void {
        if (rule.first) {
            if (rule.first === IN_PROGRESS) throw new NotWalkable();
            return;
        }
        rule.first = IN_PROGRESS;
        this.firstOf(rule.body!);
        rule.first = rule.body!.first;
        rule.empty = mayBeEmpty(rule.body!);
    }

    private firstOf(step: Step): void {
        switch (step.kind) {
            case Kind.Token:
                step.first.add(step.token);
                break;
            case Kind.Call:
                this.firstOfRule(step.rule!);
                for (const t of step.rule!.first!) step.first.add(t);
                step.empty = step.rule!.empty;
                break;
            case Kind.Group:
                step.empty = true;
                for (const item of step.items) {
                    this.firstOf(item);
                    if (step.empty) for (const t of item.first) step.first.add(t);
                    if (!mayBeEmpty(item)) step.empty = false;
                }
                break;
            case Kind.Choice:
                for (const item of step.items) {
                    this.firstOf(item);
                    for (const t of item.first) step.first.add(t);
                    if (mayBeEmpty(item)) step.empty = true;
                }
                break;
        }
    }

    /** The FIRST sets by token type index. */
    private index(step: Step): void {
        const idx = (name: string) => {
            const i = this.indexOf.get(name);
            if (i === undefined) throw new NotWalkable();
            return i;
        };
        step.starts = new Uint8Array(this.size);
        for (const name of step.first) step.starts[idx(name)] = 1;
        if (step.kind === Kind.Token) step.tokenIndex = idx(step.token);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The walk. Without a frame it only tells whether the tokens fit (an alternative tried before it is taken).

    /** The next token's type index; -1 at the end. */
    private get token(): number {
        return this.types[this.next]!;
    }

    private starts(step: Step): boolean {
        const token = this.token;
        return token >= 0 && step.starts[token] === 1;
    }

    private walk(step: Step, frame: Frame | undefined): boolean {
        switch (step.repeat) {
            case Repeat.Once:
                return this.once(step, frame);
            case Repeat.Optional:
                return !this.starts(step) || this.once(step, frame);
            default: {
                if (step.repeat === Repeat.AtLeastOnce && !this.once(step, frame)) return false;
                while (this.starts(step)) {
                    const before = this.next;
                    if (!this.once(step, frame)) return false;
                    if (this.next === before) break;
                }
                return true;
            }
        }
    }

    private once(step: Step, frame: Frame | undefined): boolean {
        switch (step.kind) {
            case Kind.Token:
                if (this.token !== step.tokenIndex) return false;
                if (frame) this.consume(step, frame);
                else this.next++;
                return true;
            case Kind.Call:
                if (!frame) return this.walk(step.rule!.body!, undefined);
                this.call(step, frame);
                return true;
            case Kind.Group:
                for (const item of step.items) if (!this.walk(item, frame)) return false;
                return true;
            case Kind.Choice:
                return this.choose(step, frame);
        }
    }

    /** The alternative the next token starts; where it starts several, the first whose tokens fit. */
    private choose(step: Step, frame: Frame | undefined): boolean {
        const token = this.token;
        const candidates = token >= 0 ? step.choices[token]! : [];
        if (candidates.length === 1) return this.walk(candidates[0]!, frame);
        if (candidates.length === 0) {
            const empty = step.items.find(mayBeEmpty);
            return empty !== undefined && this.walk(empty, frame);
        }
        const start = this.next;
        for (const candidate of candidates) {
            const fits = this.walk(candidate, undefined);
            this.next = start;
            if (fits) return this.walk(candidate, frame);
        }
        return false;
    }

    /** A rule called: its own CST node, its AST node (or value), assigned as Langium assigns it. */
    private call(step: Step, frame: Frame): void {
        const cst = this.builder.buildCompositeNode(step.element);
        const result = this.buildRule(step.rule!);
        if (cst.content.length === 0) throw GIVE_UP;
        const node = frame.node;
        if (step.operator) {
            if (typeof result === 'object') (cst as CompositeCstNode & { astNode: AstNode }).astNode = result as AstNode;
            this.assign(step, node, result);
        } else if (node.$type === undefined) {
            node.value += String(result);
        } else if (typeof result === 'object') {
            // jxmb's union rules (`Value: TextValue | …`) assign nothing themselves; anything else is left to Langium.
            if (Object.keys(node).length > 1) throw GIVE_UP;
            (result as Building).$cstNode = undefined;
            frame.node = result as Building;
        }
    }

    /** A rule's body walked into a new AST node, or a data type rule's text, converted. */
    private buildRule(rule: CompiledRule): unknown {
        const cst = this.builder.current;
        const frame: Frame = { node: rule.type === undefined ? { value: '' } : { $type: rule.type } };
        if (!this.walk(rule.body!, frame)) throw GIVE_UP;
        const node = frame.node;
        // As Langium's parser: the node gets its CST node, which is closed (an empty one removed).
        this.builder.construct(node as unknown as Parameters<CstNodeBuilder['construct']>[0]);
        if (rule.type === undefined) return this.converter.convert(node.value as string, cst);
        for (const [name, value] of this.defaultsOf(node.$type!)) {
            if (node[name] === undefined) node[name] = copyDefault(value);
        }
        return node;
    }

    private defaultsOf(type: string): Array<[string, unknown]> {
        let defaults = this.defaults.get(type);
        if (!defaults) {
            defaults = Object.values(this.reflection.getTypeMetaData(type).properties)
                .filter(p => p.defaultValue !== undefined).map(p => [p.name, p.defaultValue]);
            this.defaults.set(type, defaults);
        }
        return defaults;
    }

    private consume(step: Step, frame: Frame): void {
        const token = this.tokens[this.next++]!;
        if (this.nextHidden < this.hidden.length) this.addHidden(this.hiddenBefore(token.startOffset));
        const leaf = this.builder.buildLeafNode(token, step.element);
        if (step.operator) {
            this.assign(step, frame.node, step.keyword ? token.image : this.converter.convert(token.image, leaf));
        } else if (frame.node.$type === undefined) {
            frame.node.value += step.keyword ? token.image : String(this.converter.convert(token.image, leaf));
        }
    }

    private assign(step: Step, node: Building, value: unknown): void {
        const feature = step.feature;
        switch (step.operator) {
            case '=':
                node[feature] = value;
                if (isNode(value)) link(value, node, feature, undefined);
                break;
            case '?=':
                node[feature] = true;
                break;
            case '+=': {
                let list = node[feature] as unknown[] | undefined;
                if (!Array.isArray(list)) node[feature] = list = [];
                if (isNode(value)) link(value, node, feature, list.length);
                list.push(value);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Comments: before the token they precede; at the end, into the root.

    private hiddenBefore(offset: number): number {
        let end = this.nextHidden;
        while (end < this.hidden.length && this.hidden[end]!.startOffset <= offset) end++;
        return end;
    }

    /** The comments before token `end` into the tree, where Langium's CST builder puts them. */
    private addHidden(end: number): void {
        if (end === this.nextHidden) return;
        this.builder.addHiddenNodes(this.hidden.slice(this.nextHidden, end));
        this.nextHidden = end;
    }
}

/** A default value as Langium copies it: a new empty list for each node. */
function copyDefault(value: unknown): unknown {
    return Array.isArray(value) ? value.map(copyDefault) : value;
}

function isNode(value: unknown): value is Building {
    return typeof value === 'object' && value !== null && typeof (value as Building).$type === 'string';
}

/** What Langium's `linkContentToContainer` sets after a parse, set when the node is assigned. */
function link(child: Building, container: Building, property: string, index: number | undefined): void {
    child.$container = container;
    child.$containerProperty = property;
    if (index !== undefined) child.$containerIndex = index;
}

function repeatOf(cardinality: '?' | '*' | '+' | undefined): Repeat {
    return cardinality === '?' ? Repeat.Optional : cardinality === '*' ? Repeat.Many : cardinality === '+' ? Repeat.AtLeastOnce : Repeat.Once;
}

/** An assignment's repetition around its terminal's own. */
function combine(outer: Repeat, inner: Repeat): Repeat {
    if (outer === Repeat.Once) return inner;
    if (inner === Repeat.Once) return outer;
    return Repeat.Many;
}

function mayBeEmpty(step: Step): boolean {
    return step.empty || step.repeat === Repeat.Optional || step.repeat === Repeat.Many;
}

/** The language's parser, trying the direct walk first for whole texts (a rule given: a block, parse/reparse.ts). */
export function parseWellFormedDirectly(parser: LangiumParser, services: LangiumCoreServices): LangiumParser {
    // The parser's own CST builder: it takes long runs of comments (parse/hidden-runs.ts).
    const direct = DirectParser.for(services, (parser as unknown as { nodeBuilder: CstNodeBuilder }).nodeBuilder);
    if (!direct) return parser;
    const parse = parser.parse.bind(parser);
    const walked = <T extends AstNode>(input: string): ParseResult<T> | undefined => {
        try {
            return direct.parse<T>(input);
        } catch (error) {
            // A fault of the walk must not cost the user the document: Langium's parser parses it.
            console.error('jxmb: direct parse failed, parsing with Langium:', error);
            return undefined;
        }
    };
    parser.parse = (<T extends AstNode>(input: string, options?: { rule?: string }) =>
        (options?.rule === undefined ? walked<T>(input) : undefined) ?? parse<T>(input, options)) as LangiumParser['parse'];
    return parser;
}
