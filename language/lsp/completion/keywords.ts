// Which of the keywords the grammar allows at the cursor belong there. The grammar is permissive (any 二级 under
// any 一级, any amount key in any block); completion offers what the table has in that place.
import { AstUtils, type AstNode } from 'langium';
import {
    isAmountItem, isBasicInfo, isBudget, isBudgetGroup, isFunds, isLevel1Group, isTotal,
    type AmountItem, type Budget
} from '../../generated/ast.js';
import { level1ByName, level1sOf, level2sOf, type CostModel, type IndicatorCategory } from '../../domain/taxonomy.js';
import { budgetRoles, fundColumns } from '../../validation/budget-cells.js';
import { level2Label } from '../../validation/hierarchy-units.js';
import { covers } from './places.js';

const BASIC_INFO_KEYS = ['财政供养人员数', '下属二级单位数'];
const BUDGET_KEYS = Object.values(budgetRoles).flatMap(role => [...role.keys]);

/** Members a block holds once: offering them again would only earn a duplicate finding. */
const SINGLETONS = new Set([
    'TitleField', 'SingleValueColumn', 'BasicInfo', 'Budget', 'OverallGoal', 'OtherTasks', 'Remark',
    'TaskContent', 'TaskAmount', 'TaskGoal', 'Funds', 'ProjectGoal', 'Total'
]);

export interface KeywordPlace {
    /** The node whose block the cursor is in. */
    block: AstNode | undefined;
    /** Offset of the word being completed: a node there is the one being typed, not one already written. */
    offset: number;
    model: CostModel;
}

export interface KeywordVerdict {
    allowed: boolean;
    /** The 一级/二级 the keyword names, for its detail and documentation. */
    category?: IndicatorCategory;
}

/**
 * Whether `keyword`, standing in grammar rule `rule` (Level2Name, AmountKey, TitleField …), belongs at the cursor.
 */
export function judgeKeyword(keyword: string, rule: string | undefined, place: KeywordPlace): KeywordVerdict {
    switch (rule) {
        case 'Level1Name': {
            const category = level1sOf(place.model).find(c => c.name === keyword);
            return { allowed: !!category, category };
        }
        case 'Level2Name': {
            const category = level2sHere(place).find(c => level2Label(c.code, place.block ?? placeholderNode) === keyword);
            return { allowed: !!category, category };
        }
        case 'AmountKey':
            return { allowed: amountKeysHere(place).includes(keyword) };
        case 'BudgetGroupName': {
            const budget = place.block && AstUtils.getContainerOfType(place.block, isBudget);
            return { allowed: !budget?.entries.some(e => isBudgetGroup(e) && e.group === keyword && !covers(e, place.offset)) };
        }
        default:
            return { allowed: !(rule && SINGLETONS.has(rule) && alreadyHas(place, rule)) };
    }
}

// level2Label looks for the declaration around a node to follow the file's spelling; without a node it uses the
// long form, which is what a node outside any declaration gets too.
const placeholderNode: AstNode = { $type: 'Document' } as AstNode;

/** The 二级 of the 一级 block the cursor is in, for the cost model; every 二级 of the model outside one. */
function level2sHere(place: KeywordPlace): IndicatorCategory[] {
    const group = place.block && AstUtils.getContainerOfType(place.block, isLevel1Group);
    const level1 = group ? level1ByName(group.category) : undefined;
    if (!level1) return level1sOf(place.model).flatMap(one => level2sOf(one.code, place.model));
    const inModel = level2sOf(level1.code, place.model);
    // A 2021 成本指标 block in a legacy file: its own 二级 still, rather than nothing (validation reports the block).
    return inModel.length ? inModel : level2sOf(level1.code, place.model === 'legacy' ? '2021' : 'legacy');
}

/** Amount keys of the block the cursor is in, without the cells it already has. */
function amountKeysHere(place: KeywordPlace): string[] {
    const block = place.block;
    const container = block && AstUtils.getContainerOfType(block, n => isBasicInfo(n) || isBudgetGroup(n) || isBudget(n) || isFunds(n) || isTotal(n));
    if (!container) return [...BASIC_INFO_KEYS, ...BUDGET_KEYS, ...fundColumns];
    const written = (items: AmountItem[]) => new Set(items.filter(item => !covers(item, place.offset)).map(item => item.key));
    if (isBasicInfo(container)) return without(BASIC_INFO_KEYS, written(container.items));
    if (isFunds(container) || isTotal(container)) return without([...fundColumns], written(container.items));
    const budget: Budget | undefined = isBudget(container) ? container : AstUtils.getContainerOfType(container, isBudget);
    const all = budget ? written(budget.entries.flatMap(e => isAmountItem(e) ? [e] : e.items)) : new Set<string>();
    const roles = Object.values(budgetRoles).filter(role => isBudgetGroup(container) ? role.group === container.group : true);
    // A role already filled (区本级使用资金 written) needs none of its other spellings.
    return roles.filter(role => !role.keys.some(key => all.has(key))).flatMap(role => [...role.keys]);
}

function without(keys: readonly string[], written: Set<string>): string[] {
    return keys.filter(key => !written.has(key));
}

const hasMembers = (n: AstNode): n is AstNode & { members: AstNode[] } => Array.isArray((n as { members?: unknown }).members);

function alreadyHas(place: KeywordPlace, rule: string): boolean {
    const owner = place.block && AstUtils.getContainerOfType(place.block, hasMembers);
    const members = owner?.members ?? [];
    return members.some(m => m.$type === rule && !covers(m, place.offset));
}
