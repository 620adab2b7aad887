import { URI, type LangiumDocument } from 'langium';
import type { TextEdit } from 'vscode-languageserver-types';
import { printIndicator } from '../compile/print-jxmb.js';
import { level1ByName, level2ByName } from '../domain/taxonomy.js';
import { indicatorOf } from '../draft/cells.js';
import { groupProposals } from '../draft/group.js';
import type { Proposal } from '../draft/proposal.js';
import { isIndicatorTree, isTask, type DepartmentDeclaration, type Document, type IndicatorTree, type Project, type Task } from '../generated/ast.js';
import type { JxmbServices } from '../jxmb-module.js';
import type { FixEdit } from './quick-fix.js';
import { insertBeforeBrace, placeEdit, span } from './fixes/placement.js';
import { indentAt, INDENT, insertAt } from './fixes/text-layout.js';

// The edit that 起草绩效指标 proposes: the accepted proposals put into the target's last 绩效指标 block — under their
// 一级 and 二级, creating blocks (or the 绩效指标 block) where there are none, as the quick-fixes place indicators.
// One (一级, 二级) at a time on the text, re-parsed in between, so that no two insertions can overlap; the result is
// one replacement of the changed lines, which the editor shows as a preview before anything is written.

type Doc = LangiumDocument<Document>;

/** Tasks of 部门整体 and non-secret projects, in the order of draft/targets.ts draftTargetsOf. */
export function draftTargetNodes(root: Document): Array<Task | Project> {
    const nodes: Array<Task | Project> = [];
    for (const declaration of root.declarations) {
        if (declaration.$type === 'DepartmentDeclaration') {
            for (const member of declaration.members) if (isTask(member)) nodes.push(member);
        } else {
            for (const member of declaration.members) {
                if (member.$type !== 'SpendingUnit') continue;
                for (const m of member.members) if (m.$type === 'Project' && !m.secret) nodes.push(m);
            }
        }
    }
    return nodes;
}

/** Where the proposals of a target go: the declaration (tasks share its 绩效指标) or the project. */
function ownerOf(node: Task | Project): DepartmentDeclaration | Project {
    return isTask(node) ? node.$container : node;
}

/** 「"名称"：≥96场次  // 需确认：原文中没有这个数字」: the proposal's line, with why it needs confirmation. */
export function proposalLine(p: Proposal, year: number | null): string {
    const line = printIndicator(indicatorOf(p, year));
    if (!p.needsConfirmation || !p.reason) return line;
    const reason = p.reason.replace(/\s+/g, ' ').trim();
    // A skeleton's reason already says it is one (「占位骨架：…」).
    return `${line}  // ${p.placeholder ? reason : `需确认：${reason}`}`;
}

function apply(document: Doc, edit: FixEdit): string {
    const text = document.textDocument.getText();
    const start = document.textDocument.offsetAt(edit.range.start);
    const end = document.textDocument.offsetAt(edit.range.end);
    return text.slice(0, start) + edit.newText + text.slice(end);
}

/** The owner's last 绩效指标 block; one is added (empty) before the owner's closing brace when it has none. */
function treeEdit(document: Doc, owner: DepartmentDeclaration | Project): FixEdit | undefined {
    const trees = owner.members.filter(isIndicatorTree);
    if (trees.length > 0) return undefined;
    const text = document.textDocument.getText();
    const { start, end } = span(owner);
    const outer = indentAt(text, start);
    const inner = outer + INDENT;
    return insertBeforeBrace(document, start, end - 1, outer, `${inner}绩效指标 {\n${inner}}`);
}

function lastTree(owner: DepartmentDeclaration | Project): IndicatorTree | undefined {
    return owner.members.filter(isIndicatorTree).at(-1);
}

/** The text with the proposals placed, or undefined when the target is gone (the text changed meanwhile). */
export function textWithProposals(services: JxmbServices, document: Doc, index: number, proposals: readonly Proposal[], year: number | null): string | undefined {
    const factory = services.shared.workspace.LangiumDocumentFactory;
    const scratch = URI.parse('memory:///draft-edit.jxmb');
    let current: Doc = document;
    const ownerNow = (doc: Doc) => {
        const node = draftTargetNodes(doc.parseResult.value)[index];
        return node && ownerOf(node);
    };
    const step = (edit: FixEdit) => { current = factory.fromString<Document>(apply(current, edit), scratch); };
    let owner = ownerNow(current);
    if (!owner) return undefined;
    const added = treeEdit(current, owner);
    if (added) step(added);
    for (const group of groupProposals(proposals)) {
        const level1 = level1ByName(group.level1)?.code;
        for (const block of group.blocks) {
            const level2 = level2ByName(block.level2)?.code;
            owner = ownerNow(current);
            const tree = owner && lastTree(owner);
            if (!level1 || !level2 || !tree) continue;
            step(placeEdit(current, tree, { level1, level2 }, block.proposals.map(p => proposalLine(p, year))).edit);
        }
    }
    return current.textDocument.getText();
}

/** [start, end) of `before` to replace by `after`'s middle: the changed lines, unchanged lines around them kept. */
export function changedLines(before: string, after: string): { start: number; end: number; newText: string } | undefined {
    if (before === after) return undefined;
    let prefix = 0;
    const max = Math.min(before.length, after.length);
    while (prefix < max && before[prefix] === after[prefix]) prefix++;
    prefix = before.lastIndexOf('\n', prefix - 1) + 1;
    let suffix = 0;
    while (suffix < max - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
    // Keep the common tail to whole lines: it starts right after a line break (or at the end).
    while (suffix > 0 && before[before.length - suffix - 1] !== '\n') suffix--;
    return { start: prefix, end: before.length - suffix, newText: after.slice(prefix, after.length - suffix) };
}

export function draftEdits(services: JxmbServices, document: Doc, index: number, proposals: readonly Proposal[], year: number | null): TextEdit[] | undefined {
    const after = textWithProposals(services, document, index, proposals, year);
    if (after === undefined) return undefined;
    const change = changedLines(document.textDocument.getText(), after);
    if (!change) return [];
    const edit = insertAt(document, change.start, change.newText);
    return [{ range: { start: edit.range.start, end: document.textDocument.positionAt(change.end) }, newText: change.newText }];
}
