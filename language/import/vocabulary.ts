import { budgetFieldOf, OWN_LEVEL_LABELS, TRANSFER_LABELS, type BudgetCellKey } from '../compile/table-fields.js';
import { level1ByName, level2ByName, type IndicatorCategory } from '../domain/taxonomy.js';
import { compact } from './cells.js';
import { TYPED_ITEM_HEAD } from './flat-typed.js';

// The words of the official layouts (RULES §1). Cells are classified by these words, not by their column, because
// the seeds' columns shift (§6.3). All matching is on the compact form (whitespace removed).

export type DepartmentSection = 'unit' | 'basicInfo' | 'budget' | 'overallGoal' | 'tasks' | 'otherTasks' | 'indicators' | 'remark';

/** The row labels of the 部门整体 table (first column). 其他需完成的任务 and 备注 vary in their tail. */
export function departmentSection(text: string): DepartmentSection | null {
    const c = compact(text);
    if (c === '部门名称' || /^部门名称[:：]/.test(c)) return 'unit';
    if (c === '基本信息') return 'basicInfo';
    if (c === '预算整体情况') return 'budget';
    if (c === '总体绩效目标') return 'overallGoal';
    if (c === '年度重点工作任务') return 'tasks';
    if (/^其他需完成的任务([(（][^)）]*[)）]?)?$/.test(c)) return 'otherTasks';
    if (c === '绩效指标') return 'indicators';
    if (/^备注(?:[:：]|$)/.test(c)) return 'remark';
    return null;
}

/** The sign-off line under a table (填表人：…　联系电话：…): no field of the model holds it. */
export function isFooter(text: string): boolean {
    return /^(?:填表人|填报人|审核人|审批人|联系人|联系电话|单位负责人|负责人|财务负责人|填报日期|填表日期|单位盖章|盖章)(?:[:：]|[（(]签[字章][）)]|$)/.test(compact(text));
}

/** A title: the row above the table that names the form. */
export function looksLikeTitle(text: string): boolean {
    return /绩效目标|申报表|目标表/.test(compact(text));
}

/** The title cell of a row above the table: the one cell naming the form, beside 「附件2」 or 「单位：万元」 if any. */
export function titleCell<T extends { text: string }>(cells: readonly T[]): T | undefined {
    const titles = cells.filter(cell => looksLikeTitle(cell.text));
    return titles.length === 1 ? titles[0] : undefined;
}

/**
 * 「单位：万元」 above a table, the unit of its amounts: null when the text is not one, else the note to give ('' for
 * 万元, the unit .jxmb amounts are in).
 */
export function unitCaptionNote(text: string): string | null {
    const c = compact(text);
    if (!/^单位[:：]/.test(c)) return null;
    return c === '单位:万元' || c === '单位：万元' ? '' : `表上写「${text}」；.jxmb 的金额一律按万元理解，请核对。`;
}

/** Words heading the budget block's columns, read as layout. */
export function isBudgetHeading(text: string): boolean {
    const c = compact(text).replace(/[()（）]/g, '');
    return ['部门预算支出', '收入来源', '事业发展性支出', '按预算级次划分', '预算金额万元', '预算金额'].includes(c);
}

export type BudgetField = BudgetCellKey;

/** A budget item label → its model field. 本级/转移支付 labels vary by level (区本级, 市本级 …). */
export function budgetField(text: string): BudgetField | null {
    const c = compact(text);
    const exact = budgetFieldOf(c);
    if (exact) return exact;
    // Tables name the level or add a verb in ways the grammar does not list (镇本级…, 用于对下…).
    if (/^.{0,3}本级使用资金$/.test(c)) return 'ownLevelFunds';
    if (/^.{0,3}对下转移支付资金$/.test(c)) return 'transferPayments';
    return null;
}

/** The labels the grammar can print for 本级 / 转移支付 (AmountKey in language/jxmb.langium). */
export { OWN_LEVEL_LABELS, TRANSFER_LABELS };

/** 基本信息 items; the label may carry a unit (「财政供养人员数（人）」). */
export function basicInfoField(text: string): 'staff' | 'subUnits' | null {
    const c = compact(text);
    if (c.startsWith('财政供养人员数')) return 'staff';
    if (c.startsWith('下属二级单位数')) return 'subUnits';
    return null;
}

/** The 年度重点工作任务 column headings. */
export function taskHeading(text: string): 'name' | 'content' | 'amount' | 'goal' | null {
    const c = compact(text);
    if (c === '名称') return 'name';
    if (c === '主要实施内容') return 'content';
    if (c.startsWith('拟投入的资金') || c.startsWith('拟投入资金')) return 'amount';
    if (c.startsWith('期望达到的目标')) return 'goal';
    return null;
}

/** The 绩效指标 column headings: 一级指标 … 年度指标值, or the single 指标值 (SEED001), and a 计量单位 column. */
export function indicatorHeading(text: string): 'level1' | 'level2' | 'level3' | 'period' | 'annual' | 'single' | 'unit' | null {
    switch (compact(text)) {
        case '一级指标': return 'level1';
        case '二级指标': return 'level2';
        case '三级指标': return 'level3';
        case '实施周期指标值': case '实施周期': return 'period';
        case '年度指标值': case '年度': return 'annual';
        case '指标值': return 'single';
        // Some provinces' forms give the unit a column of its own (指标值 45, 计量单位 场次).
        case '计量单位': case '指标单位': return 'unit';
        default: return null;
    }
}

// The 一级/二级 names the grammar can print (Level1Name / Level2Name in language/jxmb.langium).
const LEVEL1_NAMES = new Set(['产出指标', '效益指标', '满意度指标', '成本指标']);
const LEVEL2_NAMES = new Set(['数量指标', '质量指标', '时效指标', '成本指标', '经济效益指标', '经济效益', '社会效益指标', '社会效益',
    '生态效益指标', '生态效益', '可持续影响指标', '可持续影响', '服务对象满意度指标', '服务对象满意度', '经济成本指标', '社会成本指标', '生态环境成本指标']);

/** Whether the grammar can print this 二级 spelling (otherwise the canonical name is used). */
export function isLevel2Keyword(name: string): boolean {
    return LEVEL2_NAMES.has(name);
}

export interface CategoryLabel {
    category: IndicatorCategory;
    /** the name as the model keeps it: as written when the grammar has that spelling, else the canonical name */
    name: string;
    /** the compact text as written, for the report when it had to be respelled */
    written: string;
}

/**
 * A 一级 label: the long name or a coded form (1-产出指标). Bare short names (产出, 效益) are not accepted: as a
 * 三级 name or a value they mean something else.
 */
export function level1Label(text: string): CategoryLabel | null {
    const written = compact(text);
    const category = level1ByName(written);
    if (!category || written === category.shortName) return null;
    return { category, name: LEVEL1_NAMES.has(written) ? written : category.name, written };
}

/**
 * A 二级 label: long names, coded forms, and the short names of 效益/满意度 that the flattened string uses
 * (社会效益, 服务对象满意度). 成本指标 is both the legacy 二级 14 and the 2021 一级 4; callers decide.
 */
export function level2Label(text: string): CategoryLabel | null {
    const written = compact(text);
    const category = level2ByName(written);
    if (!category) return null;
    if (written === category.shortName && !LEVEL2_NAMES.has(written)) return null;
    return { category, name: LEVEL2_NAMES.has(written) ? written : category.name, written };
}

/** Whether a row is a 项目支出 header: 项目名称（资金使用单位） … 绩效目标 | 绩效指标. */
export function projectHeading(text: string): 'name' | 'total' | 'fiscal' | 'special' | 'other' | 'goal' | 'indicators' | null {
    const c = compact(text);
    if (c.startsWith('项目名称')) return 'name';
    switch (c) {
        case '总计': return 'total';
        case '财政拨款': return 'fiscal';
        case '财政专户拨款': return 'special';
        case '其他资金': return 'other';
        case '绩效目标': return 'goal';
        case '绩效指标': return 'indicators';
        default: return null;
    }
}

/**
 * The start of a flattened 绩效指标 item (RULES §6.1): 「1、1-」, or 「1、1-产出指标；」 as the importer reads it typed by
 * hand (「1. 1－产出指标; 」, flat-typed.ts).
 */
export const FLAT_ITEM_START = new RegExp(`^(?:\\d+、\\d-|${TYPED_ITEM_HEAD})`);
export const FLAT_ITEM_ANYWHERE = new RegExp(TYPED_ITEM_HEAD);
