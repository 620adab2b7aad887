import { AstUtils, DocumentState, GrammarAST, isOperationCancelled, OperationCancelled, type LangiumDocument, type LangiumDocuments, type MaybePromise } from 'langium';
import {
    DefaultCompletionProvider, findNextFeatures, type CompletionAcceptor, type CompletionBacktrackingInformation, type CompletionContext,
    type CompletionProviderOptions, type NextFeature
} from 'langium/lsp';
import {
    CompletionItemKind, CompletionList, InsertTextFormat, type CancellationToken, type CompletionItem, type CompletionParams,
    type InitializeParams, type InsertReplaceEdit, type Position, type TextEdit
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isIndicator, isLevel2Block, isQuantityValue, type Indicator } from '../generated/ast.js';
import type { JxmbServices } from '../jxmb-module.js';
import type { JxmbSettingsProvider } from '../settings.js';
import { quote } from '../value-converter.js';
import { level2ByName } from '../domain/taxonomy.js';
import { judgeKeyword } from './completion/keywords.js';
import { parserInput, rootFor } from './completion/parse-window.js';
import { leafStarts, MAX_UNPARSED_STRETCH, TokenWindow, unparsedStretchAt } from './completion/token-window.js';
import { nameCandidates, valuesUsedWith, type NameCandidate } from './completion/names.js';
import { filterTextFor, insideAt, loadPinyin, matchesPinyin } from './completion/pinyin.js';
import { enclosingNode, placeOf, placesOf, ruleOf, startsLine, typedWord, yearAt, type Place, type TypedWord } from './completion/places.js';
import { valueHintFor, type ValueHint } from './completion/value-hints.js';
import { isRefusedAsTooLarge } from './refused.js';
import { isPosition } from './request-params.js';
import { afterOperatorItems, unitItems, valueStartItems, type ItemSpec } from './completion/value-items.js';

// 补全: keywords in their place (一级 → its 二级 by the cost model, amount keys by block), 三级 names for the 二级
// (library and workspace), operators, values and units that fit the name; typed text is matched by characters and
// by pinyin (slzb / shuliang → 数量指标), on the server and, through filterText, in VS Code.

const CLOSING: Record<string, string> = { '"': '"', '“': '”', '「': '」' };
const SOURCE_LABEL = { SEED: '种子表', S5: '共性指标库示例', SUG: '建议' } as const;

/** Pause between the first validation and loading pinyin-pro (see the constructor). */
const PINYIN_AFTER_MS = 1000;

export class JxmbCompletionProvider extends DefaultCompletionProvider {
    override readonly completionOptions: CompletionProviderOptions = { triggerCharacters: ['"', '“', '「', ':', '：'] };

    private readonly settings: JxmbSettingsProvider;
    private readonly documents: LangiumDocuments;
    private clientName = '';
    /** Places already completed in a context: a place reached by several features gets its items once. */
    private readonly done = new WeakMap<CompletionContext, Set<string>>();
    private readonly placeCache = new WeakMap<CompletionContext, Set<Place>>();
    /**
     * Lex and parse only around the cursor (completion/token-window.ts, completion/parse-window.ts). Off, every
     * request lexes and parses the whole text as Langium does: the reference the tests compare with.
     */
    windowed = true;
    /** The document whose contexts are being built: Langium's lexing and parsing hooks get only its text. */
    private building?: LangiumDocument;
    /** The own 指标库 (二级 name → names) of each document's jxmb.yaml, as read for its last completion. */
    private readonly ownNames = new Map<string, Record<string, string[]>>();

    constructor(services: JxmbServices) {
        super(services);
        this.settings = services.jxmb.Settings;
        this.documents = services.shared.workspace.LangiumDocuments;
        // pinyin-pro (≈ 30 ms to evaluate) is loaded a moment after the first validation, not while the server starts
        // nor right after it: loaded at once, it still fell inside the first open's time (profiled; 10–40 ms more on
        // bench/cold.mjs), before the editor had the diagnostics. A completion before that loads it itself.
        const firstBuild = services.shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => {
            firstBuild.dispose();
            setTimeout(() => void loadPinyin().catch(() => undefined), PINYIN_AFTER_MS).unref();
        });
    }

    protected override initialize(params: InitializeParams): void {
        super.initialize(params);
        this.clientName = params.clientInfo?.name ?? '';
    }

    private get snippets(): boolean {
        return this.clientCapabilities?.completionItem?.snippetSupport === true;
    }

    override async getCompletion(document: LangiumDocument, params: CompletionParams, cancelToken?: CancellationToken): Promise<CompletionList | undefined> {
        // (a position that is not one: a malformed request, answered with nothing rather than a logged stack trace)
        if (!isPosition(params.position) || isRefusedAsTooLarge(document)) return CompletionList.create([], false);
        // A request cancelled while it waited (typing sends one per key, each cancelling the last) is not computed.
        const cancelled = () => { if (cancelToken?.isCancellationRequested) throw OperationCancelled; };
        cancelled();
        try {
            // A position beyond the text (a stale or careless client) is taken at the text's end: edits must lie in it.
            const position = document.textDocument.positionAt(document.textDocument.offsetAt(params.position));
            if (this.inUnparsedText(document, position) || this.inComment(document, position)) return CompletionList.create([], false);
            await loadPinyin();
            // The unit's own 指标库 from its jxmb.yaml, for the names (completeNames cannot wait).
            this.ownNames.set(document.uri.toString(), (await this.settings.forDocument(document.uri)).indicators ?? {});
            cancelled();
            return await super.getCompletion(document, { ...params, position }, cancelToken);
        } catch (error) {
            if (isOperationCancelled(error)) throw error;
            // Broken text must never cost the user the editor's other features: no completion this time.
            console.error('jxmb completion failed:', error);
            return CompletionList.create([], true);
        }
    }

    // ─── where the cursor stands ──────────────────────────────────────────────────────────────────────────────

    protected override *buildContexts(document: LangiumDocument, position: Position): IterableIterator<CompletionContext> {
        const contexts = super.buildContexts(document, position);
        for (;;) {
            // Each context is built synchronously here; between them getCompletion awaits and other requests run.
            this.building = document;
            let next: IteratorResult<CompletionContext>;
            try {
                next = contexts.next();
            } finally {
                this.building = undefined;
            }
            if (next.done) return;
            yield next.value;
        }
    }

    /** Langium lexes the whole text to find the tokens at the cursor; a window around it gives the same ones. */
    protected override backtrackToAnyToken(text: string, offset: number): CompletionBacktrackingInformation {
        const window = this.building && this.tokenWindow(this.building, text);
        if (!window) return super.backtrackToAnyToken(text, offset);
        const { current, previous } = window.around(offset);
        return {
            nextTokenStart: current && current.start < offset ? current.start : offset,
            nextTokenEnd: current && current.start < offset ? current.end : offset,
            previousTokenStart: previous?.start,
            previousTokenEnd: previous?.end
        };
    }

    /** Within a long stretch of text the parse read nothing of (token-window.ts, MAX_UNPARSED_STRETCH). */
    private inUnparsedText(document: LangiumDocument, position: Position): boolean {
        const text = document.textDocument.getText();
        const root = rootFor(document, text);
        return root !== undefined && unparsedStretchAt(root, document.textDocument.offsetAt(position)) >= MAX_UNPARSED_STRETCH;
    }

    /** A comment is the author's prose: names or keywords offered there would only get in the way. */
    private inComment(document: LangiumDocument, position: Position): boolean {
        const text = document.textDocument.getText();
        const window = this.tokenWindow(document, text) ?? new TokenWindow(this.lexer, text, { atOrBefore: () => 0, atOrAfter: () => text.length }, text.length);
        return window.inComment(document.textDocument.offsetAt(position));
    }

    private tokenWindow(document: LangiumDocument, text: string): TokenWindow | undefined {
        const root = this.windowed ? rootFor(document, text) : undefined;
        if (!root) return undefined;
        return new TokenWindow(this.lexer, text, leafStarts(root));
    }

    /** Langium parses from the start of the file to `offset`; the blocks around the cursor are enough. */
    protected override findFeaturesAt(textDocument: TextDocument, offset: number): NextFeature[] {
        const document = this.building;
        const input = this.windowed && document?.textDocument === textDocument ? parserInput(document, textDocument.getText(), offset) : undefined;
        if (input === undefined) return super.findFeaturesAt(textDocument, offset);
        const result = this.completionParser.parse(input);
        // Nothing parsed: only the whole prefix tells where the cursor stands.
        if (result.tokenIndex === 0) return super.findFeaturesAt(textDocument, offset);
        return findNextFeatures([result.elementStack.map(feature => ({ feature }))], result.tokens.slice(result.tokenIndex));
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        switch (placeOf(next.feature)) {
            case 'indicatorName':
                return this.once(context, 'names', () => this.completeNames(context, acceptor));
            case 'operator': case 'textValue': case 'date': case 'number':
                return this.once(context, 'value', () => this.places(context).has('operator')
                    ? this.completeValue(context, acceptor, 'start')
                    : this.completeValue(context, acceptor, 'afterOperator'));
            case 'unit': case 'rangeSeparator':
                return this.once(context, 'unit', () => this.completeValue(context, acceptor, 'unit'));
            default:
                return super.completionFor(context, next, acceptor);
        }
    }

    private once(context: CompletionContext, key: string, complete: () => MaybePromise<void>): MaybePromise<void> {
        const done = this.done.get(context) ?? new Set<string>();
        this.done.set(context, done);
        if (done.has(key)) return;
        done.add(key);
        return complete();
    }

    private places(context: CompletionContext): Set<Place> {
        let places = this.placeCache.get(context);
        if (!places) {
            places = placesOf(context.features);
            this.placeCache.set(context, places);
        }
        return places;
    }

    // ─── keywords ─────────────────────────────────────────────────────────────────────────────────────────────

    protected override async completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): Promise<void> {
        const rule = ruleOf(keyword);
        // Operators and % are offered by the value places, with their meaning.
        if (rule === 'Operator' || rule === 'Unit' || !this.filterKeyword(context, keyword)) return;
        const { costModel } = await this.settings.forDocument(context.document.uri);
        const verdict = judgeKeyword(keyword.value, rule, { block: enclosingNode(context), offset: context.tokenOffset, model: costModel });
        if (!verdict.allowed) return;
        const category = verdict.category;
        // The grammar's alternatives follow the official table: 标题, 基本信息, 预算 … 绩效指标, 备注.
        const order = context.features.findIndex(f => f.feature === keyword);
        acceptor(context, {
            label: keyword.value,
            kind: this.getKeywordCompletionItemKind(keyword),
            detail: category ? `${category.level === 1 ? '一级' : '二级'}指标 ${category.code}` : '关键字',
            documentation: category?.definition,
            filterText: filterTextFor([keyword.value]),
            sortText: category ? `1${category.code}` : `1${String(order < 0 ? 999 : order).padStart(3, '0')}`
        });
    }

    /** Langium's edit for keywords, accepting pinyin as well as its fuzzy match. */
    protected override buildCompletionTextEdit(context: CompletionContext, label: string, newText: string): TextEdit | InsertReplaceEdit | undefined {
        const text = context.textDocument.getText();
        const typed = text.slice(context.tokenOffset, context.offset);
        if (!this.accepts(typed, [label])) return undefined;
        const start = context.textDocument.positionAt(context.tokenOffset);
        const cursor = context.position;
        if (this.clientCapabilities?.completionItem?.insertReplaceSupport) {
            const tokenEnd = context.textDocument.positionAt(context.tokenEndOffset);
            return { newText, insert: { start, end: cursor }, replace: { start, end: tokenEnd.line === cursor.line ? tokenEnd : cursor } };
        }
        return { newText, range: { start, end: cursor } };
    }

    private accepts(typed: string, keys: readonly string[]): boolean {
        return keys.some(key => this.fuzzyMatcher.match(typed, key) || matchesPinyin(typed, key));
    }

    // ─── 三级 names ───────────────────────────────────────────────────────────────────────────────────────────

    private word(context: CompletionContext): TypedWord | undefined {
        return typedWord(context, quoteOffset => {
            // An opening quote the lexer skipped (no closing quote) starts the word; one that ends a string does not.
            const text = context.textDocument.getText();
            const window = this.tokenWindow(context.document, text);
            if (window) {
                const { current } = window.around(quoteOffset, false);
                return !(current && current.start <= quoteOffset);
            }
            const tokens = this.lexer.tokenize(text).tokens;
            return !tokens.some(t => t.startOffset <= quoteOffset && quoteOffset <= (t.endOffset ?? t.startOffset));
        });
    }

    /**
     * Names are wanted where an indicator may start, except right after a value that could still take a unit or
     * right after a name (there the unit or the value comes next), unless the user opens a string or a new line.
     */
    private wantsNames(context: CompletionContext, word: TypedWord): boolean {
        const places = this.places(context);
        if (!places.has('indicatorName')) return false;
        const afterName = context.features.some(f => GrammarAST.isKeyword(f.feature) && f.feature.value === '实施周期');
        if (!places.has('unit') && !afterName) return true;
        return word.quote !== '' || startsLine(context, word);
    }

    private completeNames(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const word = this.word(context);
        // A finished name (cursor after its closing quote) is left alone: the colon or 实施周期 comes next.
        if (!word || word.closed || !this.wantsNames(context, word)) return;
        const block = AstUtils.getContainerOfType(enclosingNode(context), isLevel2Block);
        const level2 = block ? level2ByName(block.category) : undefined;
        if (!block || !level2) return;
        const uri = context.document.uri.toString();
        const candidates = nameCandidates(level2.code, this.documents.all, { uri, offset: context.tokenOffset }, block, this.ownNames.get(uri));
        const text = context.textDocument.getText();
        // Editing the name of an indicator that already has its value: keep what follows.
        const colon = !/^[ \t\u3000]*(?:[:：]|实施周期|年度)/.test(text.slice(word.end));
        candidates.forEach((candidate, i) => {
            // From its start (characters or pinyin) first; else the typed word anywhere in it (满意 → 服务对象满意度).
            const inside = this.accepts(word.bare, [candidate.name]) ? undefined : insideAt(word.bare, candidate.name);
            if (inside === -1) return;
            acceptor(context, this.nameItem(context, word, candidate, level2.name, colon, i, inside));
        });
    }

    /**
     * `inside`: where the typed word stands in a name that does not start with it. VS Code's matcher wants the first
     * typed character at the start of a word of filterText, and CJK text has no word boundaries: such a name's
     * filterText starts with the name from that place on (Langium's list is incomplete, so VS Code asks again as
     * the word grows). Sorted after the names that start with the word.
     */
    private nameItem(context: CompletionContext, word: TypedWord, candidate: NameCandidate, level2: string, colon: boolean, index: number, inside?: number): CompletionItem {
        // The user's quote style, unless the name holds its closing quote; only ASCII quotes have escapes.
        const open = word.quote && !candidate.name.includes(CLOSING[word.quote]!) ? word.quote : '"';
        const quoted = `${open === '"' ? quote(candidate.name) : `${open}${candidate.name}${CLOSING[open]}`}${colon ? '：' : ''}`;
        const snippet = this.snippets;
        const entry = candidate.entry;
        const units = entry?.date ? '日期' : (entry?.units ?? []).join('/');
        const origin = candidate.used > 0 ? `本工作区已用 ${candidate.used} 次` : candidate.own ? '本单位指标库（jxmb.yaml）' : `指标库（${SOURCE_LABEL[entry?.source ?? 'SUG']}）`;
        return {
            label: candidate.name,
            labelDetails: units ? { description: units } : undefined,
            kind: CompletionItemKind.Value,
            detail: `${level2} · ${origin}`,
            filterText: `${inside === undefined ? '' : `${word.quote}${candidate.name.slice(inside)} `}${filterTextFor([candidate.name], word.quote)}`,
            sortText: `${(inside === undefined ? 0 : 2) + (candidate.used > 0 ? 0 : 1)}${String(index).padStart(4, '0')}`,
            textEdit: { range: this.range(context, word), newText: snippet ? `${quoted.replace(/[$}\\]/g, m => `\\${m}`)}$0` : quoted },
            insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
            // VS Code: open the list of operators and units right away, the next thing to write.
            command: colon && /code/i.test(this.clientName) ? { title: '建议指标值', command: 'editor.action.triggerSuggest' } : undefined
        };
    }

    private range(context: CompletionContext, word: TypedWord): TextEdit['range'] {
        return { start: context.textDocument.positionAt(word.start), end: context.textDocument.positionAt(word.end) };
    }

    // ─── values and units ─────────────────────────────────────────────────────────────────────────────────────

    private completeValue(context: CompletionContext, acceptor: CompletionAcceptor, at: 'start' | 'afterOperator' | 'unit'): void {
        const word = this.word(context);
        if (!word || word.quote) return;
        // After a unitless number on a new line the next indicator starts: names, not units.
        if (at === 'unit' && this.wantsNames(context, word)) return;
        const hint = this.hintAt(context);
        const specs = at === 'start' ? valueStartItems(hint, yearAt(context) ?? new Date().getFullYear())
            : at === 'afterOperator' ? afterOperatorItems(hint, yearAt(context) ?? new Date().getFullYear())
            : unitItems(hint, this.rangeMayFollow(context));
        for (const spec of specs) {
            const item = this.specItem(context, word, spec);
            if (item) acceptor(context, item);
        }
    }

    /** `90~95%`: the parser only expects the range sign once it sees it; a bare number without operator may take it. */
    private rangeMayFollow(context: CompletionContext): boolean {
        const node = context.node;
        return this.places(context).has('rangeSeparator') || (isQuantityValue(node) && !node.op && !node.unit);
    }

    private hintAt(context: CompletionContext): ValueHint | undefined {
        const indicator: Indicator | undefined = context.node ? AstUtils.getContainerOfType(context.node, isIndicator) : undefined;
        if (!indicator?.name) return undefined;
        const used = valuesUsedWith(indicator.name, this.documents.all, { uri: context.document.uri.toString(), offset: context.tokenOffset });
        return valueHintFor(indicator.name, used);
    }

    private specItem(context: CompletionContext, word: TypedWord, spec: ItemSpec): CompletionItem | undefined {
        const snippet = this.snippets && spec.snippet !== undefined;
        if (spec.snippetOnly && !snippet) return undefined;
        // Nothing left to complete: the word is the item.
        if (word.text === spec.text && !snippet) return undefined;
        if (!this.accepts(word.bare, spec.keys)) return undefined;
        return {
            label: spec.label,
            kind: spec.kind,
            detail: spec.detail,
            filterText: filterTextFor(spec.keys),
            sortText: spec.sortText,
            textEdit: { range: this.range(context, word), newText: snippet ? spec.snippet! : spec.text },
            insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText
        };
    }
}
