import { GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import type * as ast from '../generated/ast.js';
import type {
    BasicInfo, DeclarationFile, DepartmentBudget, DepartmentDeclaration, Funds, IndicatorList, ProjectExpenditureDeclaration
} from '../compile/model.js';
import { BASIC_INFO_CELLS, budgetFieldOf, FUND_CELLS } from '../compile/table-fields.js';
import type { Origin, Origins } from '../import/origins.js';
import { RangeIndex } from './range-index.js';

// A diagnostic on the .jxmb text an import generated → the cell of the original table it is about. The generated
// text is the model printed (print-jxmb.ts), so its syntax tree has the model's shape: walking both side by side
// pairs each node (and each of its properties) with the model object the importer recorded an origin for. A
// diagnostic goes to the smallest paired range that holds it — a value cell rather than its indicator's name cell,
// and for a diagnostic on a whole block, the block's label cell.

export interface OriginRange {
    start: number;
    end: number;
    origin: Origin;
}

export class SourceMap {
    private constructor(private readonly document: LangiumDocument, private readonly ranges: RangeIndex<OriginRange>) {}

    static of(document: LangiumDocument<ast.Document>, model: DeclarationFile, origins: Origins): SourceMap {
        return new SourceMap(document, new RangeIndex(originRanges(document, model, origins)));
    }

    /** The origin of a diagnostic's range, or undefined when nothing around it came from a cell. */
    originOf(range: Range): Origin | undefined {
        const start = this.document.textDocument.offsetAt(range.start);
        const end = this.document.textDocument.offsetAt(range.end);
        // Holding the whole range first; a range reaching past its node (to the end of a line) by where it starts
        // (start < r.end: in whole offsets, r.end ≥ start + 1).
        return (this.ranges.smallest(start, end) ?? this.ranges.smallest(start, start + 1))?.origin;
    }
}

/** The ranges of the generated text paired with the cell each came from, in the order they were paired. */
export function originRanges(document: LangiumDocument<ast.Document>, model: DeclarationFile, origins: Origins): OriginRange[] {
    const ranges: OriginRange[] = [];
    new Pairing(ranges, origins).document(document.parseResult.value, model);
    return ranges;
}

class Pairing {
    constructor(private readonly ranges: OriginRange[], private readonly origins: Origins) {}

    private add(node: AstNode | undefined, target: object | null | undefined, field = '', property?: string): void {
        const origin = this.origins.get(target, field);
        const cst = property ? GrammarUtils.findNodeForProperty(node?.$cstNode, property) : node?.$cstNode;
        if (origin && cst) this.ranges.push({ start: cst.offset, end: cst.end, origin });
    }

    document(node: ast.Document, model: DeclarationFile): void {
        node.declarations.forEach((declaration, i) => {
            const d = model.declarations[i];
            if (!d || (d.kind === 'department') !== (declaration.$type === 'DepartmentDeclaration')) return;
            this.add(declaration, d);
            this.add(declaration, d, 'unit', 'unit');
            this.add(declaration, d, 'year', 'year');
            if (declaration.$type === 'DepartmentDeclaration') this.department(declaration, d as DepartmentDeclaration);
            else this.project(declaration, d as ProjectExpenditureDeclaration);
        });
    }

    private department(node: ast.DepartmentDeclaration, d: DepartmentDeclaration): void {
        let task = 0;
        let list = 0;
        for (const member of node.members) {
            switch (member.$type) {
                case 'TitleField': this.add(member, d, 'title'); break;
                case 'OverallGoal': this.add(member, d, 'overallGoal'); break;
                case 'OtherTasks': this.add(member, d, 'otherTasks'); break;
                case 'Remark': this.add(member, d, 'remark'); break;
                case 'BasicInfo': this.amounts(member, member.items, d.basicInfo, key => BASIC_INFO_CELLS.find(c => c.label === key)?.field); break;
                case 'Budget': this.amounts(member, member.entries.flatMap(e => (e.$type === 'BudgetGroup' ? e.items : [e])), d.budget, budgetFieldOf); break;
                case 'IndicatorTree': this.list(member, d.indicators[list++]); break;
                case 'Task': {
                    const model = d.tasks[task++];
                    this.add(member, model);
                    this.add(member, model, 'name', 'name');
                    for (const m of member.members) {
                        this.add(m, model, m.$type === 'TaskContent' ? 'content' : m.$type === 'TaskAmount' ? 'amount' : 'expectedGoal');
                    }
                    break;
                }
            }
        }
    }

    private project(node: ast.ProjectDeclaration, d: ProjectExpenditureDeclaration): void {
        let unitIndex = 0;
        for (const member of node.members) {
            switch (member.$type) {
                case 'TitleField': this.add(member, d, 'title'); break;
                case 'Remark': this.add(member, d, 'remark'); break;
                case 'Total': this.funds(member, d.total); break;
                case 'SpendingUnit': {
                    const unit = d.spendingUnits[unitIndex++];
                    this.add(member, unit);
                    this.add(member, unit, 'name', 'name');
                    let projectIndex = 0;
                    for (const m of member.members) {
                        if (m.$type === 'Funds') {
                            this.funds(m, unit?.funds);
                            continue;
                        }
                        const project = unit?.projects[projectIndex++];
                        this.add(m, project);
                        this.add(m, project, 'name', 'name');
                        let list = 0;
                        for (const pm of m.members) {
                            if (pm.$type === 'Funds') this.funds(pm, project?.funds);
                            else if (pm.$type === 'ProjectGoal') this.add(pm, project, 'goal');
                            else this.list(pm, project?.indicators[list++]);
                        }
                    }
                    break;
                }
            }
        }
    }

    private funds(node: ast.Funds | ast.Total, funds: Funds | null | undefined): void {
        this.amounts(node, node.items, funds, key => FUND_CELLS.find(c => c.label === key)?.field);
    }

    private amounts<T extends BasicInfo | DepartmentBudget | Funds>(node: AstNode, items: ast.AmountItem[], record: T | null | undefined, fieldOf: (key: string) => string | undefined): void {
        this.add(node, record);
        for (const item of items) {
            const field = fieldOf(item.key);
            if (field) this.add(item, record, field);
        }
    }

    private list(node: ast.IndicatorTree, list: IndicatorList | undefined): void {
        this.add(node, list);
        node.groups.forEach((groupNode, g) => {
            const group = list?.groups[g];
            this.add(groupNode, group);
            groupNode.blocks.forEach((blockNode, b) => {
                const block = group?.blocks[b];
                this.add(blockNode, block);
                blockNode.indicators.forEach((indicatorNode, i) => {
                    const indicator = block?.indicators[i];
                    this.add(indicatorNode, indicator);
                    this.add(indicatorNode, indicator, 'name', 'name');
                    this.add(indicatorNode, indicator, 'period', 'value');
                    this.add(indicatorNode, indicator, 'period', 'period');
                    this.add(indicatorNode, indicator, 'annual', 'annual');
                });
            });
        });
    }
}
