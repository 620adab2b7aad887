import { CstUtils, GrammarUtils, isLeafCstNode, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import {
    isAmountItem, isBudget, isBudgetGroup, isFunds, isProjectDeclaration, isSpendingUnit, isTaskAmount, isTotal,
    type Budget, type BudgetGroup, type Document, type Funds, type ProjectDeclaration, type SpendingUnit, type Total
} from '../../generated/ast.js';
import { budgetKeyOrder, budgetRoles, fundColumns } from '../../validation/budget-cells.js';
import { BudgetCode, type AmountFill, type AmountFormatData, type MissingAmountData } from '../../validation/budget.js';
import type { FixEdit, FixRegistry, QuickFix } from '../quick-fix.js';
import { indentAt, INDENT, insertAt, nodeAt, startsLine } from './text-layout.js';

// Quick-fixes for budget arithmetic: fill a missing amount from the others (replace `空`, or add the cell or its row
// where the printer would put it), and rewrite an amount with two decimals. The numbers come from the check
// (diagnostic.data); the places come from the document.

type Doc = LangiumDocument<Document>;

function braces(container: AstNode): { open: CstNode; close: CstNode } | undefined {
    const leaves = CstUtils.streamCst(container.$cstNode!).filter(n => isLeafCstNode(n) && !n.hidden).toArray();
    const open = leaves.find(n => /^[{｛]$/.test(n.text));
    const close = leaves[leaves.length - 1];
    return open && close && /^[}｝]$/.test(close.text) ? { open, close } : undefined;
}

/** Whether a block's members stand one per line (then a new one gets its own line) or inline. */
function onePerLine(document: Doc, container: AstNode, siblings: AstNode[]): boolean {
    const [first, second] = siblings.map(s => s.$cstNode!);
    if (second) return first!.range.start.line !== second.range.start.line;
    const close = braces(container)?.close;
    return startsLine(document.textDocument.getText(), first!.offset) && close !== undefined && close.range.start.line > first!.range.end.line;
}

/**
 * Inserts `text` as a member of `container`'s block, after the last sibling that comes before it in table order
 * (`rank`), on its own line when the siblings are one per line and on the same line when they are inline.
 */
function insertMember(document: Doc, container: AstNode, siblings: AstNode[], rankOf: (n: AstNode) => number, rank: number, text: string): FixEdit | undefined {
    const previous = siblings.filter(s => rankOf(s) <= rank).at(-1)?.$cstNode;
    const first = siblings[0]?.$cstNode;
    if (previous || first) {
        const anchor = (previous ?? first)!;
        const gap = onePerLine(document, container, siblings) ? '\n' + indentAt(document.textDocument.getText(), anchor.offset) : '  ';
        return previous ? insertAt(document, previous.end, gap + text) : insertAt(document, first!.offset, text + gap);
    }
    const block = braces(container);
    if (!block) return undefined;
    if (block.open.range.start.line === block.close.range.start.line) {
        // `{ }` becomes `{ 总计 0.00 }`; a comment between the braces (`{ /* 待核对 */ }`) stays after the new cell.
        const inside = document.textDocument.getText({ start: block.open.range.end, end: block.close.range.start });
        return inside.trim() === ''
            ? { range: { start: block.open.range.end, end: block.close.range.start }, newText: ` ${text} ` }
            : insertAt(document, block.open.end, ` ${text}`);
    }
    return insertAt(document, block.open.end, '\n' + indentAt(document.textDocument.getText(), container.$cstNode!.offset) + INDENT + text);
}

/** Table order of the members of a block: amount keys as the printer writes them; 标题, then 合计 / 资金, then the rest. */
function rankIn(keyOrder: readonly string[]): (node: AstNode) => number {
    const memberOrder: Record<string, number> = { TitleField: 0, Total: 1, Funds: 1 };
    return node => {
        if (isAmountItem(node)) return keyOrder.indexOf(node.key);
        // a 预算 group stands where its first cell would
        if (isBudgetGroup(node)) return keyOrder.indexOf(Object.values(budgetRoles).find(r => r.group === node.group)?.keys[0] ?? '');
        return memberOrder[node.$type] ?? 2;
    };
}

function fillEdit(document: Doc, diagnostic: Diagnostic, data: MissingAmountData, fill: AmountFill): FixEdit | undefined {
    switch (data.placement) {
        case 'blank': {
            const item = nodeAt(document, diagnostic.range, isAmountItem);
            const blank = GrammarUtils.findNodeForKeyword(item?.$cstNode, '空');
            return blank && { range: blank.range, newText: fill.text };
        }
        case 'item': {
            const block = nodeAt(document, diagnostic.range, (n): n is BudgetGroup | Budget | Funds | Total =>
                isBudgetGroup(n) || isBudget(n) || isFunds(n) || isTotal(n));
            if (!block) return undefined;
            const siblings: AstNode[] = isBudget(block) ? block.entries : block.items;
            const order: readonly string[] = isFunds(block) || isTotal(block) ? fundColumns : budgetKeyOrder;
            return insertMember(document, block, siblings, rankIn(order), order.indexOf(data.key), `${data.key} ${fill.text}`);
        }
        case 'row': {
            const owner = nodeAt(document, diagnostic.range, (n): n is SpendingUnit | ProjectDeclaration => isSpendingUnit(n) || isProjectDeclaration(n));
            if (!owner || !data.row) return undefined;
            return insertMember(document, owner, owner.members, rankIn([]), 1, `${data.row} { ${fill.text} }`);
        }
    }
}

function fillTitle(data: MissingAmountData, fill: AmountFill): string {
    return data.placement === 'row'
        ? `按${fill.basis}补上「${data.row}」行：${fill.text}`
        : `填入「${data.key}」${fill.text}（${fill.basis}）`;
}

/** budget/missing-amount: one fix per way of deriving the amount; the first is preferred. */
function fillMissingAmount(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const data = diagnostic.data as MissingAmountData;
    const fixes: QuickFix[] = [];
    for (const fill of data.fills ?? []) {
        const edit = fillEdit(document, diagnostic, data, fill);
        if (edit) fixes.push({ title: fillTitle(data, fill), edits: [edit], isPreferred: fixes.length === 0 });
    }
    return fixes;
}

/** budget/amount-format: the amount as the printer writes it (two decimals, thousands separators). */
function rewriteAmount(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const data = diagnostic.data as AmountFormatData;
    const node = nodeAt(document, diagnostic.range, (n): n is AstNode => isAmountItem(n) || isTaskAmount(n));
    const value = GrammarUtils.findNodeForProperty(node?.$cstNode, 'value');
    if (!data.text || !value) return [];
    return [{ title: `改写为 ${data.text}`, edits: [{ range: value.range, newText: data.text }], isPreferred: true }];
}

export const budgetFixes: FixRegistry = {
    [BudgetCode.missingAmount]: fillMissingAmount,
    [BudgetCode.amountFormat]: rewriteAmount
};
