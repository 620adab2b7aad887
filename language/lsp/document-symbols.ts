import { GrammarUtils, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import type { DocumentSymbolProvider } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type * as ast from '../generated/ast.js';
import { valueText } from '../compile/from-ast.js';
import { level1ByName, level2ByName } from '../domain/taxonomy.js';

// 大纲: declarations (部门整体/项目支出 with unit and 年度) → 基本信息/预算/合计/资金 blocks, 任务, 单位 → 项目 (保密
// marked) → 绩效指标 → 一级 → 二级 → 三级 (the value as detail). range = the whole node, selectionRange = its name
// (or keyword). Nodes the parser could not complete are shown as far as they go; nothing here may throw.
// Kinds: declaration Module, 单位 Object, 项目 Class, 任务 Event, amount blocks Struct with Field items, 绩效指标 Package,
// 一级 Namespace, 二级 Enum, 三级 Property.

type Build = (node: AstNode) => DocumentSymbol | undefined;

export class JxmbDocumentSymbolProvider implements DocumentSymbolProvider {
    // The module hands every provider its services; the outline needs none of them.
    constructor(_services?: unknown) {}

    getSymbols(document: LangiumDocument): DocumentSymbol[] {
        try {
            const root = document.parseResult?.value as ast.Document | undefined;
            return (root?.declarations ?? []).map(symbolOf).filter(isSymbol);
        } catch {
            return [];
        }
    }
}

const isSymbol = (s: DocumentSymbol | undefined): s is DocumentSymbol => s !== undefined;

/** The CST node of a property, else of a keyword, else the node's first token. */
function nameNode(node: AstNode, property?: string, keyword?: string): CstNode | undefined {
    const cst = node.$cstNode;
    if (!cst) return undefined;
    return (property ? GrammarUtils.findNodeForProperty(cst, property) : undefined)
        ?? (keyword ? GrammarUtils.findNodeForKeyword(cst, keyword) : undefined);
}

function symbol(node: AstNode, name: string | undefined, kind: SymbolKind, options: {
    property?: string; keyword?: string; detail?: string; children?: Array<DocumentSymbol | undefined>;
} = {}): DocumentSymbol | undefined {
    const cst = node.$cstNode;
    if (!cst) return undefined;
    const selection = nameNode(node, options.property, options.keyword) ?? cst;
    const children = (options.children ?? []).filter(isSymbol);
    return {
        // VS Code rejects an empty name.
        name: name?.trim() || '（未命名）',
        kind,
        range: cst.range,
        selectionRange: selection.range,
        ...(options.detail ? { detail: options.detail } : {}),
        ...(children.length ? { children } : {})
    };
}

const yearDetail = (year: string | undefined) => year ? `${year}年度` : '未写年度';

const amountDetail = (item: ast.AmountItem): string => item.blank ? '空' : item.value ?? '';

function amountItem(item: ast.AmountItem): DocumentSymbol | undefined {
    return symbol(item, item.key, SymbolKind.Field, { property: 'key', detail: amountDetail(item) });
}

function amountBlock(node: ast.BasicInfo | ast.Total | ast.Funds, label: string): DocumentSymbol | undefined {
    return symbol(node, label, SymbolKind.Struct, { keyword: label, children: node.items.map(amountItem) });
}

function budget(node: ast.Budget): DocumentSymbol | undefined {
    const children = node.entries.map(entry => entry.$type === 'BudgetGroup'
        ? symbol(entry, entry.group, SymbolKind.Struct, { property: 'group', children: entry.items.map(amountItem) })
        : amountItem(entry));
    return symbol(node, '预算', SymbolKind.Struct, { keyword: '预算', children });
}

function task(node: ast.Task): DocumentSymbol | undefined {
    const amount = node.members.find((m): m is ast.TaskAmount => m.$type === 'TaskAmount');
    const detail = amount ? `拟投入资金 ${amount.blank ? '空' : `${amount.value ?? ''} 万元`}` : undefined;
    return symbol(node, node.name, SymbolKind.Event, { property: 'name', detail });
}

// ─── 绩效指标 ────────────────────────────────────────────────────────────────────────────────────────────────

function valueDetail(indicator: ast.Indicator): string {
    const text = (value: ast.Value | undefined) => {
        if (!value) return '';
        try {
            return valueText(value).text.replace(/\s+/g, ' ').trim();
        } catch {
            // A value the parser left half-built (a number still missing) has no text yet.
            return value.$cstNode?.text ?? '';
        }
    };
    if (indicator.value) return text(indicator.value);
    const halves = [indicator.period ? `实施周期 ${text(indicator.period)}` : '', indicator.annual ? `年度 ${text(indicator.annual)}` : ''];
    return halves.filter(Boolean).join('；') || '未填写指标值';
}

function indicator(node: ast.Indicator): DocumentSymbol | undefined {
    return symbol(node, node.name, SymbolKind.Property, { property: 'name', detail: valueDetail(node) });
}

function level2Block(node: ast.Level2Block): DocumentSymbol | undefined {
    return symbol(node, node.category, SymbolKind.Enum, {
        property: 'category', detail: level2ByName(node.category ?? '')?.code, children: node.indicators.map(indicator)
    });
}

function level1Group(node: ast.Level1Group): DocumentSymbol | undefined {
    return symbol(node, node.category, SymbolKind.Namespace, {
        property: 'category', detail: level1ByName(node.category ?? '')?.code, children: node.blocks.map(level2Block)
    });
}

function indicatorTree(node: ast.IndicatorTree): DocumentSymbol | undefined {
    const count = node.groups.reduce((n, g) => n + g.blocks.reduce((m, b) => m + b.indicators.length, 0), 0);
    return symbol(node, '绩效指标', SymbolKind.Package, { keyword: '绩效指标', detail: `${count} 个三级指标`, children: node.groups.map(level1Group) });
}

// ─── 项目支出 ────────────────────────────────────────────────────────────────────────────────────────────────

function project(node: ast.Project): DocumentSymbol | undefined {
    const name = node.secret ? `${node.name ?? ''}（保密）` : node.name;
    const children = node.members.map(member => {
        if (member.$type === 'Funds') return amountBlock(member, '资金');
        if (member.$type === 'IndicatorTree') return indicatorTree(member);
        return undefined;
    });
    return symbol(node, name, SymbolKind.Class, { property: 'name', children });
}

function spendingUnit(node: ast.SpendingUnit): DocumentSymbol | undefined {
    const children = node.members.map(member => member.$type === 'Funds' ? amountBlock(member, '资金') : project(member));
    return symbol(node, node.name, SymbolKind.Object, { property: 'name', detail: '资金使用单位', children });
}

// ─── declarations ────────────────────────────────────────────────────────────────────────────────────────────

const departmentMembers: Partial<Record<string, Build>> = {
    BasicInfo: node => amountBlock(node as ast.BasicInfo, '基本信息'),
    Budget: node => budget(node as ast.Budget),
    Task: node => task(node as ast.Task),
    IndicatorTree: node => indicatorTree(node as ast.IndicatorTree)
};

const projectDeclarationMembers: Partial<Record<string, Build>> = {
    Total: node => amountBlock(node as ast.Total, '合计'),
    SpendingUnit: node => spendingUnit(node as ast.SpendingUnit)
};

function symbolOf(declaration: ast.Declaration): DocumentSymbol | undefined {
    const department = declaration.$type === 'DepartmentDeclaration';
    const members = department ? departmentMembers : projectDeclarationMembers;
    const children = (declaration.members as AstNode[]).map(member => members[member.$type]?.(member));
    return symbol(declaration, `${department ? '部门整体' : '项目支出'} ${declaration.unit ?? ''}`, SymbolKind.Module, {
        property: 'unit', detail: yearDetail(declaration.year), children
    });
}
