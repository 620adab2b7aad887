// Quick-fixes for text ↔ indicators: add the indicator a text promises (creating the 绩效指标 / 一级 / 二级 blocks it
// needs), or make an indicator state the text's number.
import { AstUtils, CstUtils, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { level1ByName, level2ByName } from '../../domain/taxonomy.js';
import {
    isDepartmentDeclaration, isIndicatorTree, isLevel2Block, isProject,
    type DepartmentDeclaration, type Document, type Level1Group, type Level2Block, type Project
} from '../../generated/ast.js';
import {
    TextConsistencyCode, type ContradictionData, type IndicatorSpec, type UnmeasuredData, type UnmeasuredTaskData
} from '../../validation/text-consistency.js';
import { level1Code, level2Code } from '../../validation/hierarchy-units.js';
import type { DeadlineYearData } from '../../validation/text-consistency-year.js';
import { memoByRevision } from '../../parse/revisions.js';
import { quote } from '../../value-converter.js';
import type { FixEdit, FixRegistry, QuickFix } from '../quick-fix.js';
import { insertBeforeBrace } from './placement.js';
import { escapeSnippet, indentAt, INDENT, nodeAt } from './text-layout.js';

type Container = DepartmentDeclaration | Project;

/** The declaration (部门整体) or project whose text the diagnostic stands in. */
function containerAt(document: LangiumDocument<Document>, diagnostic: Diagnostic): Container | undefined {
    return nodeAt(document, diagnostic.range, (n): n is Container => isDepartmentDeclaration(n) || isProject(n));
}

// ---------------------------------------------------------------------------------------------------------------
// Where new indicators go: into an existing 二级 block of the right kind, else a new 二级 block in the right 一级,
// else a new 一级 in the first 绩效指标, else a new 绩效指标 at the end of the declaration or project. (Not placement.ts's
// placeEdit: this looks across all the container's trees, creates 绩效指标, spells 二级 by its own rule and puts
// several indicators into one edit per block; only the text edit at the closing brace is shared.)

const SHORT_LEVEL2 = ['经济效益', '社会效益', '生态效益', '可持续影响', '服务对象满意度'];

/** The file's spelling of 二级 names: 002 writes 社会效益, the 部门整体 tables 社会效益指标. */
function level2Spelling(document: LangiumDocument<Document>, name: string): string {
    const short = usesShortLevel2(document.parseResult.value);
    const category = level2ByName(name);
    return short && category && SHORT_LEVEL2.includes(category.shortName) ? category.shortName : name;
}

const usesShortLevel2 = memoByRevision((root: Document) =>
    AstUtils.streamAst(root).some(n => isLevel2Block(n) && SHORT_LEVEL2.includes(n.category)));

const sameLevel1 = (group: Level1Group, name: string) => level1Code(group) === level1ByName(name)?.code;
const sameLevel2 = (block: Level2Block, name: string) => level2Code(block) === level2ByName(name)?.code;

/** Lines to put inside one node's braces, built up as nested blocks where the blocks do not exist yet. */
class Insertion {
    readonly lines: string[] = [];
    private readonly nested = new Map<string, Insertion>();
    private readonly order: string[] = [];

    child(head: string): Insertion {
        let child = this.nested.get(head);
        if (!child) {
            child = new Insertion();
            this.nested.set(head, child);
            this.order.push(head);
        }
        return child;
    }

    render(): string[] {
        const out = [...this.lines];
        for (const head of this.order) {
            out.push(`${head} {`);
            for (const line of this.nested.get(head)!.render()) out.push(INDENT + line);
            out.push('}');
        }
        return out;
    }
}

/** A name not yet used in the declaration or project (a duplicate could not be told apart, RULES Q1). */
function freeName(spec: IndicatorSpec, taken: Set<string>): string {
    const key = (name: string) => name.replace(/\s+/g, '');
    let name = [spec.name, spec.alternativeName].find(n => !taken.has(key(n)));
    for (let i = 2; !name; i++) if (!taken.has(key(`${spec.name}${i}`))) name = `${spec.name}${i}`;
    taken.add(key(name));
    return name;
}

function plan(document: LangiumDocument<Document>, container: Container, specs: IndicatorSpec[]): Map<AstNode, Insertion> {
    const trees = container.members.filter(isIndicatorTree);
    const taken = new Set(trees.flatMap(t => t.groups.flatMap(g => g.blocks.flatMap(b => b.indicators.map(i => i.name.replace(/\s+/g, ''))))));
    const insertions = new Map<AstNode, Insertion>();
    const at = (node: AstNode) => insertions.get(node) ?? insertions.set(node, new Insertion()).get(node)!;
    for (const spec of specs) {
        const line = `${quote(freeName(spec, taken))}：${spec.value}`;
        const level2 = level2Spelling(document, spec.level2);
        const groups = trees.flatMap(tree => tree.groups.filter(g => sameLevel1(g, spec.level1)));
        const block = groups.flatMap(g => g.blocks).find(b => sameLevel2(b, spec.level2));
        if (block) at(block).lines.push(line);
        else if (groups[0]) at(groups[0]).child(level2).lines.push(line);
        else if (trees[0]) at(trees[0]).child(spec.level1).child(level2).lines.push(line);
        else at(container).child('绩效指标').child(spec.level1).child(level2).lines.push(line);
    }
    return insertions;
}

function lastBrace(cst: CstNode): CstNode | undefined {
    return CstUtils.flattenCst(cst).filter(leaf => leaf.text === '}' || leaf.text === '｝').toArray().pop();
}

/**
 * One edit that puts `lines` inside `node`'s braces, indented one level deeper than the node: above the brace when
 * it stands on its own line, else (`经济效益指标 { }`) with the block opened up. Unlike placement.ts's appendToBlock,
 * a one-line block keeps what it holds on its first line, and the lines' own line breaks are not re-indented.
 */
function insertInto(document: LangiumDocument<Document>, node: AstNode, lines: string[]): FixEdit | undefined {
    const cst = node.$cstNode;
    const brace = cst && lastBrace(cst);
    // The brace must close this node: in a block still being typed the last brace is a nested block's.
    if (!cst || !brace || brace.end !== cst.end) return undefined;
    const outer = indentAt(document.textDocument.getText(), cst.offset);
    return insertBeforeBrace(document, cst.offset, brace.offset, outer, lines.map(l => outer + INDENT + l).join('\n'));
}

function addIndicatorEdits(document: LangiumDocument<Document>, diagnostic: Diagnostic, specs: IndicatorSpec[]): FixEdit[] | undefined {
    const container = containerAt(document, diagnostic);
    if (!container || specs.length === 0) return undefined;
    const edits: FixEdit[] = [];
    for (const [node, insertion] of plan(document, container, specs)) {
        const edit = insertInto(document, node, insertion.render());
        if (!edit) return undefined;
        edits.push(edit);
    }
    return edits;
}

const addPromisedIndicator = (diagnostic: Diagnostic, document: LangiumDocument<Document>): QuickFix[] => {
    const data = diagnostic.data as UnmeasuredData | undefined;
    if (!data?.name) return [];
    const edits = addIndicatorEdits(document, diagnostic, [data]);
    if (!edits || edits.length !== 1) return [];
    // The name is derived from the text: select it so that the user can shorten it at once.
    const [edit] = edits as [FixEdit];
    const quoted = [data.name, data.alternativeName].map(quote).find(q => edit.newText.includes(q)) ?? quote(data.name);
    const at = edit.newText.indexOf(quoted);
    const snippet = at < 0 ? undefined
        : escapeSnippet(edit.newText.slice(0, at)) + `"\${1:${escapeSnippet(quoted.slice(1, -1))}}"` + escapeSnippet(edit.newText.slice(at + quoted.length));
    return [{
        title: `添加指标「${quoted.slice(1, -1)}」${data.value}（${data.level2}）`,
        edits: [{ ...edit, snippet }],
        isPreferred: true
    }];
};

const addTaskIndicators = (diagnostic: Diagnostic, document: LangiumDocument<Document>): QuickFix[] => {
    const data = diagnostic.data as UnmeasuredTaskData | undefined;
    if (!data?.indicators?.length) return [];
    const edits = addIndicatorEdits(document, diagnostic, data.indicators);
    return edits ? [{ title: `为该任务未衡量的${data.indicators.length}项量化承诺添加指标`, edits }] : [];
};

const useTextNumber = (diagnostic: Diagnostic, _document: LangiumDocument<Document>): QuickFix[] => {
    const data = diagnostic.data as ContradictionData | undefined;
    if (!data?.value) return [];
    const cells = [{ range: diagnostic.range, prose: data.prose }, ...data.others ?? []];
    // Inside a quoted value only the quantity's words change; quotes or backslashes would need escaping.
    if (cells.some(c => c.prose) && /["“”「」\\]/.test(data.textWords)) return [];
    // Both cells when both state the number: one alone would leave 实施周期 and 年度 disagreeing.
    const edits = cells.map(c => ({ range: c.range, newText: c.prose ? data.textWords : data.value }));
    const both = cells.length > 1 ? '（实施周期和年度）' : '';
    if (data.prose) return [{ title: `改为文本中的「${data.textWords}」${both}`, edits }];
    return [{ title: `改为文本中的数值 ${data.value}${both}`, edits, isPreferred: true }];
};

/** ≤2023-06-30 in a 2024 table → ≤2024-06-30. */
function deadlineInYear(diagnostic: Diagnostic): QuickFix[] {
    const replacement = (diagnostic.data as DeadlineYearData | undefined)?.replacement;
    return replacement ? [{ title: `改为本年度的「${replacement}」`, edits: [{ range: diagnostic.range, newText: replacement }] }] : [];
}

export const textConsistencyFixes: FixRegistry = {
    [TextConsistencyCode.unmeasuredPromise]: addPromisedIndicator,
    [TextConsistencyCode.unmeasuredGoal]: addPromisedIndicator,
    [TextConsistencyCode.unmeasuredTask]: addTaskIndicators,
    [TextConsistencyCode.contradictingIndicator]: useTextNumber,
    [TextConsistencyCode.deadlineOutsideYear]: deadlineInYear
};
