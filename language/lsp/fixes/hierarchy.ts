// Quick-fixes for the structure checks (language/validation/hierarchy.ts), and the text edits that move indicators
// and blocks around the 绩效指标 tree (also used by the classification fixes). Every edit keeps the file parseable:
// blocks are inserted whole, before a closing brace, at the printer's 4-space indentation.
import { AstUtils, CstUtils, type AstNode, type LangiumDocument } from 'langium';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import {
    isDepartmentDeclaration, isIndicator, isIndicatorTree, isLevel1Group, isLevel2Block,
    type Document, type Indicator, type IndicatorTree, type Level1Group, type Level2Block
} from '../../generated/ast.js';
import { categoryByCode } from '../../domain/taxonomy.js';
import { quote } from '../../value-converter.js';
import { HierarchyCode, type HierarchyData } from '../../validation/hierarchy.js';
import { comparableName, level1Code, level1Label, level2Code, level2Label, ownerOf, treesOf } from '../../validation/hierarchy-units.js';
import { PLACEHOLDER } from '../../validation/values-context.js';
import type { FixEdit, FixRegistry, QuickFix } from '../quick-fix.js';

type Doc = LangiumDocument<Document>;

const INDENT = '    ';

// ─── locating nodes and text ─────────────────────────────────────────────────────────────────────────────────────

/** The innermost node of a kind at the start of a diagnostic's range. */
export function nodeAt<T extends AstNode>(document: Doc, range: Range, guard: (node: AstNode) => node is T): T | undefined {
    const root = document.parseResult.value.$cstNode;
    const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(range.start));
    return leaf ? AstUtils.getContainerOfType(leaf.astNode, guard) : undefined;
}

function textOf(document: Doc): string {
    return document.textDocument.getText();
}

function lineStartOf(text: string, offset: number): number {
    return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the line break ending the line (before a CR of CRLF), or the text's end. */
function lineEndOf(text: string, offset: number): number {
    const end = text.indexOf('\n', offset);
    if (end < 0) return text.length;
    return text[end - 1] === '\r' && end - 1 >= offset ? end - 1 : end;
}

/** Leading whitespace of the line an offset stands on. */
function indentAt(text: string, offset: number): string {
    const start = lineStartOf(text, offset);
    return /^[ \t]*/.exec(text.slice(start))![0];
}

function span(node: AstNode): { start: number; end: number } {
    return { start: node.$cstNode!.offset, end: node.$cstNode!.end };
}

function rangeOf(document: Doc, start: number, end: number): Range {
    return { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) };
}

/** 「  // comment」 after a node on its last line, or ''. */
function trailingComment(text: string, end: number): string {
    const rest = text.slice(end, lineEndOf(text, end));
    return /^\s*\/\/.*$/.test(rest) ? rest.replace(/\s+$/, '') : '';
}

/** A node's source with its trailing line comment, continuation lines re-indented from `from` to `to`. */
function sourceOf(document: Doc, node: AstNode, to?: string): string {
    const text = textOf(document);
    const { start, end } = span(node);
    const from = indentAt(text, start);
    const source = text.slice(start, end) + trailingComment(text, end);
    if (to === undefined) return source;
    return source.split('\n').map((line, i) => i === 0 || !line.startsWith(from) ? line : to + line.slice(from.length)).join('\n');
}

/** Deletes a node: its whole lines (with a trailing comment) when nothing else stands on them, else just its text. */
export function removalEdit(document: Doc, node: AstNode): FixEdit {
    const text = textOf(document);
    const { start, end } = span(node);
    const lineStart = lineStartOf(text, start);
    const alone = /^[ \t]*$/.test(text.slice(lineStart, start)) && /^\s*(\/\/.*)?$/.test(text.slice(end, lineEndOf(text, end)));
    if (alone) {
        const next = text.indexOf('\n', end);
        return { range: rangeOf(document, lineStart, next < 0 ? text.length : next + 1), newText: '' };
    }
    return { range: rangeOf(document, start, end), newText: '' };
}

/**
 * Inserts lines as the last children of a block (tree, 一级 or 二级), one indentation step inside it. `lines` are
 * unindented; their own continuation lines are indented by the same step.
 */
export function appendToBlock(document: Doc, container: IndicatorTree | Level1Group | Level2Block, lines: string[], snippetLines?: string[], moving: Iterable<AstNode> = []): FixEdit {
    const text = textOf(document);
    const { start, end } = span(container);
    const brace = end - 1;
    const outer = indentAt(text, start);
    const inner = outer + INDENT;
    const body = (ls: string[]) => ls.map(l => inner + l.replace(/\n/g, '\n' + inner)).join('\n');
    const beforeBrace = text.slice(lineStartOf(text, brace), brace);
    if (/^[ \t]*$/.test(beforeBrace)) {
        const at = lineStartOf(text, brace);
        return { range: rangeOf(document, at, at), newText: body(lines) + '\n', snippet: snippetLines && body(snippetLines) + '\n' };
    }
    const open = start + text.slice(start, brace).search(/[{｛]/);
    // A one-line block (`经济效益指标 { }`, `成本指标 { "成本控制率"：≤100% }`): open it up, one child a line — unless
    // something moves out of it, whose own deletion edit must not overlap this one.
    if (lineStartOf(text, open) === lineStartOf(text, brace) && ![...moving].some(node => isInside(node, container))) {
        const content = text.slice(open + 1, brace).trim();
        const kept = content ? [content] : [];
        return {
            range: rangeOf(document, open + 1, brace),
            newText: '\n' + body([...kept, ...lines]) + '\n' + outer,
            snippet: snippetLines && '\n' + body([...kept.map(escapeSnippet), ...snippetLines]) + '\n' + outer
        };
    }
    // The brace closes a line with content before it: put it on a line of its own.
    let from = brace;
    while (from > start && /[ \t]/.test(text[from - 1]!)) from--;
    return {
        range: rangeOf(document, from, brace),
        newText: '\n' + body(lines) + '\n' + outer,
        snippet: snippetLines && '\n' + body(snippetLines) + '\n' + outer
    };
}

function isInside(node: AstNode, container: AstNode): boolean {
    for (let n: AstNode | undefined = node.$container; n; n = n.$container) if (n === container) return true;
    return false;
}

/** Literal text inside a snippet: `$`, `}` and `\\` would otherwise be read as snippet syntax. */
const escapeSnippet = (text: string): string => text.replace(/[\\$}]/g, ch => `\\${ch}`);

function blockText(label: string, children: string[]): string {
    return `${label} {\n${children.map(c => INDENT + c.replace(/\n/g, '\n' + INDENT)).join('\n')}\n}`;
}

// ─── placing indicators ──────────────────────────────────────────────────────────────────────────────────────────

export interface Placement {
    level1: string;
    level2: string;
    /** Spelling of a new 二级 block; by default the file's (hierarchy-units.ts level2Label). */
    level2Label?: string;
}

/** Nodes that must stay: a removal never climbs past them (the insertion goes into them). */
type Keep = ReadonlySet<AstNode>;

function findTarget(tree: IndicatorTree, place: Placement, exclude: ReadonlySet<AstNode>): { block?: Level2Block; group?: Level1Group } {
    const groups = tree.groups.filter(g => level1Code(g) === place.level1 && !exclude.has(g));
    const block = groups.flatMap(g => g.blocks).find(b => level2Code(b) === place.level2 && !exclude.has(b));
    return { block, group: block?.$container ?? groups[0] };
}

/** Inserts indicator lines at (一级, 二级) in a tree: into the block if there is one, else a new 二级 or 一级 block. */
export function placeEdit(document: Doc, tree: IndicatorTree, place: Placement, lines: string[], snippetLines?: string[], exclude: ReadonlySet<AstNode> = new Set()): { edit: FixEdit; keep: Keep } {
    const target = findTarget(tree, place, exclude);
    if (target.block) return { edit: appendToBlock(document, target.block, lines, snippetLines, exclude), keep: new Set([target.block, target.group!]) };
    const label2 = place.level2Label ?? level2Label(place.level2, tree);
    if (target.group) {
        const wrap = (ls: string[]) => [blockText(label2, ls)];
        return { edit: appendToBlock(document, target.group, wrap(lines), snippetLines && wrap(snippetLines), exclude), keep: new Set([target.group]) };
    }
    const wrap = (ls: string[]) => [blockText(level1Label(place.level1), [blockText(label2, ls)])];
    return { edit: appendToBlock(document, tree, wrap(lines), snippetLines && wrap(snippetLines), exclude), keep: new Set() };
}

/** The node to delete when `nodes` leave their parent: the parent too when nothing else is in it (and it is not kept). */
function removalRoot(nodes: AstNode[], keep: Keep): AstNode {
    let root: AstNode = nodes[0]!;
    let gone = new Set(nodes);
    for (;;) {
        const parent = root.$container;
        if (!parent || keep.has(parent) || !(isLevel2Block(parent) || isLevel1Group(parent))) return root;
        const children: AstNode[] = isLevel2Block(parent) ? parent.indicators : parent.blocks;
        if (!children.every(c => gone.has(c))) return root;
        root = parent;
        gone = new Set([parent]);
    }
}

/**
 * Moves indicators (all from one 二级 block) to (一级, 二级) in their tree, creating the blocks as needed, and
 * deletes them where they were — with their block and 一级 if those are left empty.
 */
export function moveIndicatorsEdits(document: Doc, indicators: Indicator[], place: Placement): FixEdit[] {
    const tree = AstUtils.getContainerOfType(indicators[0], isIndicatorTree)!;
    const source = indicators[0]!.$container;
    const { edit, keep } = placeEdit(document, tree, place, indicators.map(i => sourceOf(document, i, '')), undefined, new Set([source]));
    return [edit, removalEdit(document, removalRoot(indicators, keep))];
}

/** Moves a whole 二级 block under another 一级 of its tree (merging into a block of the same 二级 there). */
export function moveBlockEdits(document: Doc, block: Level2Block, level1: string): FixEdit[] {
    const tree = block.$container.$container;
    const place: Placement = { level1, level2: level2Code(block)!, level2Label: block.category };
    const target = findTarget(tree, place, new Set([block]));
    const remove = (keep: Keep) => removalEdit(document, removalRoot([block], keep));
    if (target.block) {
        const lines = block.indicators.map(i => sourceOf(document, i, ''));
        return lines.length ? [appendToBlock(document, target.block, lines, undefined, [block]), remove(new Set([target.block, target.group!]))] : [remove(new Set())];
    }
    const blockSource = sourceOf(document, block, '');
    if (target.group) return [appendToBlock(document, target.group, [blockSource], undefined, [block]), remove(new Set([target.group]))];
    return [appendToBlock(document, tree, [blockText(level1Label(level1), [blockSource])], undefined, [block]), remove(new Set())];
}

// ─── placeholders ────────────────────────────────────────────────────────────────────────────────────────────────

/** A 三级 to start a 二级 with: a snippet with the number to type (RULES §5 examples), and a parseable fallback. */
interface Starter {
    snippet: string;
    fallback: string;
}

// Snippet names and units from RULES §5's completion lists; the fallback is the values family's 〔待填〕 placeholder,
// which is reported as a warning (value/placeholder) until the user fills it in, never as an error.
const STARTER_SNIPPETS: Record<string, string> = {
    '11': '"${1:开展活动场次}"：≥${2:数值}${3:场次}',
    '12': '"${1:验收合格率}"：≥${2:95}%',
    '13': '"${1:按时完成率}"：≥${2:95}%',
    '14': '"${1:单场活动成本}"：≤${2:数值}${3:万元}',
    '21': '"${1:带动社会投资}"：≥${2:数值}${3:万元}',
    '22': '"${1:科普受益人次}"：≥${2:数值}${3:万人次}',
    '23': '"${1:垃圾分类达标率}"：≥${2:95}%',
    '24': '"${1:长效机制建立数}"：≥${2:数值}${3:项}',
    '31': '"${1:服务对象满意度}"：≥${2:90}%',
    '41': '"${1:单场活动成本}"：≤${2:数值}${3:万元}',
    '42': '"${1:安全事故发生数}"：${2:0}${3:起}',
    '43': '"${1:施工扰民投诉数}"：${2:0}${3:次}'
};

/** The 满意度 skeleton's indicator (issue 3: 「服务对象满意度 ≥ 90 %」, RULES §3.6 default). */
const SATISFACTION_LINE = '"服务对象满意度"：≥90%';

export function starterFor(level2: string): Starter {
    if (level2 === '31') return { snippet: STARTER_SNIPPETS['31']!, fallback: SATISFACTION_LINE };
    const category = categoryByCode(level2);
    const name = `${PLACEHOLDER}${category?.shortName ?? ''}指标名称`;
    return { snippet: STARTER_SNIPPETS[level2] ?? `"\${1:${name}}"：\${2:${PLACEHOLDER}}`, fallback: `${quote(name)}：${quote(PLACEHOLDER)}` };
}

function starterFix(document: Doc, tree: IndicatorTree, level1: string, level2: string, title: string): QuickFix {
    const starter = starterFor(level2);
    return { title, edits: [placeEdit(document, tree, { level1, level2 }, [starter.fallback], [starter.snippet]).edit], isPreferred: true };
}

function level2Title(level2: string, tree: IndicatorTree): string {
    return level2Label(level2, tree);
}

// ─── providers ───────────────────────────────────────────────────────────────────────────────────────────────────

const dataOf = (diagnostic: Diagnostic) => diagnostic.data as HierarchyData | undefined;

/** 二级 under the wrong 一级 → move the block there. */
function fixWrongLevel1(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const block = nodeAt(document, diagnostic.range, isLevel2Block);
    const level1 = dataOf(diagnostic)?.level1;
    if (!block || !level1) return [];
    return [{ title: `将「${block.category}」移到「${level1Label(level1)}」下`, edits: moveBlockEdits(document, block, level1), isPreferred: true }];
}

/** A 一级 without 三级 → start it with one (满意度: the 服务对象满意度 ≥90% skeleton). */
function fixEmptyLevel1(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const group = nodeAt(document, diagnostic.range, isLevel1Group);
    const level1 = dataOf(diagnostic)?.level1;
    if (!group || !level1) return [];
    // Fill the group's own 二级 where it has one that belongs to it, else the usual first 二级 of the 一级.
    const own = group.blocks.map(level2Code).find(code => code && categoryByCode(code)?.parent === level1);
    const level2 = own ?? defaultLevel2[level1] ?? `${level1}1`;
    const starter = starterFor(level2);
    const block = group.blocks.find(b => level2Code(b) === level2);
    const edit = block
        ? appendToBlock(document, block, [starter.fallback], [starter.snippet])
        : appendToBlock(document, group, [blockText(level2Label(level2, group), [starter.fallback])], [blockText(level2Label(level2, group), [starter.snippet])]);
    const title = level2 === '31' ? `添加满意度指标「服务对象满意度 ≥90%」` : `在「${group.category}」下添加一个待填写的三级指标`;
    return [{ title, edits: [edit], isPreferred: true }];
}

const defaultLevel2: Record<string, string> = { '1': '11', '2': '22', '3': '31', '4': '41' };

/** An empty template 二级 → delete it (with its 一级 when that holds nothing else). */
function fixEmptyLevel2(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const block = nodeAt(document, diagnostic.range, isLevel2Block);
    if (!block) return [];
    return [{ title: `删除空的二级指标「${block.category}」`, edits: [removalEdit(document, removalRoot([block], new Set()))], isPreferred: true }];
}

/** A missing 一级 → a typed skeleton with a starter indicator (满意度: 服务对象满意度 ≥90%). */
function fixMissingLevel1(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const tree = nodeAt(document, diagnostic.range, isIndicatorTree);
    const data = dataOf(diagnostic);
    const level1 = data?.level1;
    const level2 = data?.level2?.[0];
    if (!tree || !level1 || !level2) return [];
    const title = level2 === '31'
        ? `添加满意度指标（${level2Title('31', tree)}「服务对象满意度」≥90%）`
        : `添加${level1Label(level1)}（${level2Title(level2, tree)}，待填写）`;
    return [starterFix(document, tree, level1, level2, title)];
}

/** 产出 without 数量 / without 质量或时效 → add the missing 二级 with a starter indicator. */
function fixOutputComposition(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const group = nodeAt(document, diagnostic.range, isLevel1Group);
    const tree = group?.$container;
    const level2s = dataOf(diagnostic)?.level2 ?? [];
    if (!tree) return [];
    return level2s.map((level2, i) => ({ ...starterFix(document, tree, '1', level2, `添加${level2Title(level2, tree)}（待填写）`), isPreferred: i === 0 }));
}

/** The same name twice with the same value → delete the repetition. Different values need a person to decide. */
function fixDuplicateName(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const indicator = nodeAt(document, diagnostic.range, isIndicator);
    const owner = indicator && ownerOf(indicator);
    if (!indicator || !owner) return [];
    const valueSource = (i: Indicator) => [i.value, i.period, i.annual].map(v => v?.$cstNode?.text ?? '').join('|');
    const list = isDepartmentDeclaration(owner) ? treesOf(owner) : [AstUtils.getContainerOfType(indicator, isIndicatorTree)!];
    const key = comparableName(indicator.name);
    const earlier = list.flatMap(t => AstUtils.streamAst(t).filter(isIndicator).toArray())
        .find(i => i !== indicator && comparableName(i.name) === key && span(i).start < span(indicator).start);
    if (!earlier || valueSource(earlier) !== valueSource(indicator)) return [];
    return [{ title: `删除重复的三级指标「${indicator.name}」`, edits: [removalEdit(document, removalRoot([indicator], new Set()))], isPreferred: true }];
}

/** A 成本 block in the other model → move its indicators to where the configured model puts them. */
function fixCostModel(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const data = dataOf(diagnostic);
    const node = nodeAt(document, diagnostic.range, (n): n is Level1Group | Level2Block => isLevel2Block(n) || isLevel1Group(n));
    const level1 = data?.level1;
    const level2 = data?.level2?.[0];
    if (!node || !level1 || !level2) return [];
    const blocks = isLevel1Group(node) ? node.blocks : [node];
    const indicators = blocks.flatMap(b => b.indicators);
    const tree = AstUtils.getContainerOfType(node, isIndicatorTree)!;
    const place: Placement = { level1, level2 };
    const where = `「${level1Label(level1)} › ${level2Label(level2, tree)}」`;
    if (indicators.length === 0) {
        return [{ title: `删除空的成本指标块（本表口径下应在${where}）`, edits: [removalEdit(document, removalRoot([node], new Set()))] }];
    }
    // All indicators of a 一级 move at once: its blocks go with it.
    const { edit, keep } = placeEdit(document, tree, place, indicators.map(i => sourceOf(document, i, '')), undefined, new Set([node, ...blocks]));
    return [{ title: `按设置的口径移到${where}`, edits: [edit, removalEdit(document, removalRoot([node], keep))], isPreferred: true }];
}

export const hierarchyFixes: FixRegistry = {
    [HierarchyCode.wrongLevel1]: fixWrongLevel1,
    [HierarchyCode.emptyLevel1]: fixEmptyLevel1,
    [HierarchyCode.emptyLevel2]: fixEmptyLevel2,
    [HierarchyCode.missingOutput]: fixMissingLevel1,
    [HierarchyCode.missingBenefit]: fixMissingLevel1,
    [HierarchyCode.missingSatisfaction]: fixMissingLevel1,
    [HierarchyCode.missingCost]: fixMissingLevel1,
    [HierarchyCode.missingQuantity]: fixOutputComposition,
    [HierarchyCode.missingQualityOrTimeliness]: fixOutputComposition,
    [HierarchyCode.duplicateName]: fixDuplicateName,
    [HierarchyCode.mixedCostModels]: fixCostModel,
    [HierarchyCode.costModelDiffers]: fixCostModel
};

