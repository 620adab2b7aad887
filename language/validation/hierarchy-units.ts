// The unit the structure checks judge (RULES §3.5): for 部门整体 the declaration, for 项目支出 each project with
// all its 绩效指标 lists together (a project's lists are one cell split where the numbering restarts, RULES Q1).
import { AstUtils, type AstNode, type MaybePromise } from 'langium';
import { containerOf, walkAst } from '../ast-walk.js';
import { memoByRevision } from '../parse/revisions.js';
import {
    isIndicatorTree, isProject, isProjectDeclaration,
    type DepartmentDeclaration, type Indicator, type IndicatorTree, type Level1Group, type Level2Block, type Project
} from '../generated/ast.js';
import { withoutInvisible } from '../domain/invisible-chars.js';
import { categoryByCode, level1ByName, level2ByName, type CostModel } from '../domain/taxonomy.js';
import type { JxmbServices } from '../jxmb-module.js';

export type IndicatorOwner = DepartmentDeclaration | Project;

export function treesOf(owner: IndicatorOwner): IndicatorTree[] {
    return owner.members.filter(isIndicatorTree);
}

export function groupsOf(trees: readonly IndicatorTree[]): Level1Group[] {
    return trees.flatMap(tree => tree.groups);
}

export function blocksOf(trees: readonly IndicatorTree[]): Level2Block[] {
    return groupsOf(trees).flatMap(group => group.blocks);
}

export function indicatorsOf(trees: readonly IndicatorTree[]): Indicator[] {
    return blocksOf(trees).flatMap(block => block.indicators);
}

export const level1Code = (group: Level1Group): string | undefined => level1ByName(group.category)?.code;
export const level2Code = (block: Level2Block): string | undefined => level2ByName(block.category)?.code;

/** The 二级 code an indicator is filed under, as written. */
export const filedUnder = (indicator: Indicator): string | undefined => level2Code(indicator.$container);

export function ownerOf(node: AstNode): IndicatorOwner | undefined {
    return containerOf(node, 'Project') ?? containerOf(node, 'DepartmentDeclaration');
}

export function isProjectOwner(owner: IndicatorOwner): owner is Project {
    return isProject(owner);
}

/** Canonical 一级 name (the grammar has only the long forms). */
export function level1Label(code: string): string {
    return categoryByCode(code)?.name ?? code;
}

/**
 * How a new 二级 block is spelled. 11–14 and 41–43 have only the long form in the grammar; 2x/31 follow the file:
 * the forms it already uses, else the short form in 项目支出 (the flattened string writes 22-社会效益) and the long
 * form in 部门整体 (its table writes 社会效益指标).
 */
export function level2Label(code: string, context: AstNode): string {
    const category = categoryByCode(code);
    if (!category) return code;
    if (!/^[23]/.test(code)) return category.name;
    return prefersShortNames(context) ? category.shortName : category.name;
}

function prefersShortNames(context: AstNode): boolean {
    const declaration = containerOf(context, 'DepartmentDeclaration', 'ProjectDeclaration');
    return declaration ? shortNamesIn(declaration) : false;
}

const shortNamesIn = memoByRevision((declaration: AstNode): boolean => {
    let short = 0;
    let long = 0;
    walkAst(declaration, node => {
        if (node.$type !== 'Level2Block') return node.$type !== 'Indicator';
        const { category } = node as Level2Block;
        const found = level2ByName(category);
        if (found && /^[23]/.test(found.code)) {
            if (category === found.shortName) short++;
            else long++;
        }
        return false;
    });
    if (short !== long) return short > long;
    return isProjectDeclaration(declaration);
});

/**
 * Names compared for duplicates: no layout whitespace nor characters nobody sees (two names that look the same are the
 * same name), one spelling of brackets, no trailing unit 「（%）」「(个)」.
 */
export function comparableName(name: string): string {
    return withoutInvisible(name)
        .replace(/\s+/g, '')
        .replace(/（/g, '(').replace(/）/g, ')')
        .replace(/\([^()\d]{1,6}\)$/, '');
}

/** Runs `check` with the 成本 model the validation run started with; read again (awaited) only outside a run. */
export function withCostModel(services: JxmbServices, node: AstNode, check: (model: CostModel) => void): MaybePromise<void> {
    const document = AstUtils.getDocument(node);
    const settings = services.jxmb.Settings.inValidation(document);
    return settings ? check(settings.costModel) : services.jxmb.Settings.forDocument(document.uri).then(s => check(s.costModel));
}

/**
 * Where a cost goes in a unit: the 成本 二级 it already has (14, or 41 under a 成本 一级), else the setting's —
 * a move must not mix the two models in one table (hierarchy/mixed-cost-models).
 */
export function costLevel2For(owner: IndicatorOwner | undefined, model: CostModel): string {
    const groups = owner ? groupsOf(treesOf(owner)) : [];
    if (groups.some(group => group.blocks.some(block => level2Code(block) === '14'))) return '14';
    if (groups.some(group => level1Code(group) === '4')) return '41';
    return model === 'legacy' ? '14' : '41';
}
