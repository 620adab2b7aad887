import type { ParsedValue } from '../domain/values.js';

// The canonical model: the hub where compile, import, draft and the reviewer's report meet.
// schemas/declaration.schema.json is its contract; keep the two in step.
//
// Amount cells: a key that is absent was not written at all; `null` is a blank cell (seed 001's 本级使用资金);
// a number is the amount in 万元 (or a count in 基本信息).

export const MODEL_VERSION = 1;

export interface DeclarationFile {
    version: typeof MODEL_VERSION;
    declarations: Declaration[];
}

export type Declaration = DepartmentDeclaration | ProjectExpenditureDeclaration;

export type Cell = number | null;

/** 部门整体预算绩效目标申报表 */
export interface DepartmentDeclaration {
    kind: 'department';
    /** 部门名称 */
    unit: string;
    year: number | null;
    /** 表格标题 as on the original */
    title: string | null;
    /** one 指标值 column instead of 实施周期/年度 (seed 001) */
    singleValueColumn: boolean;
    /** 基本信息 */
    basicInfo: BasicInfo | null;
    /** 预算整体情况 */
    budget: DepartmentBudget | null;
    /** 总体绩效目标 */
    overallGoal: string | null;
    /** 年度重点工作任务 */
    tasks: Task[];
    /** 其他需完成的任务 */
    otherTasks: string | null;
    /** 绩效指标 */
    indicators: IndicatorList[];
    /** 备注 */
    remark: string | null;
}

export interface BasicInfo {
    /** 财政供养人员数 */
    staff?: Cell;
    /** 下属二级单位数 */
    subUnits?: Cell;
}

export interface DepartmentBudget {
    /** 部门预算支出: 基本支出 B, 项目支出 P */
    basicExpenditure?: Cell;
    projectExpenditure?: Cell;
    /** 收入来源: 财政拨款 F, 其他资金 O */
    fiscalAppropriation?: Cell;
    otherFunds?: Cell;
    /** 事业发展性支出: 财政专项资金 S, 其他事业发展性支出 D */
    specialFiscalFunds?: Cell;
    otherDevelopmentExpenditure?: Cell;
    /** 按预算级次划分: 本级使用资金 L, 对下转移支付资金 T */
    ownLevelFunds?: Cell;
    transferPayments?: Cell;
    /** the labels as written: 区本级使用资金 / 市本级使用资金 …, 拟用于对下转移支付资金 … */
    ownLevelLabel?: string;
    transferLabel?: string;
}

/** 年度重点工作任务: 名称, 主要实施内容, 拟投入的资金（万元）, 期望达到的目标（概述） */
export interface Task {
    name: string;
    content: string | null;
    amount: Cell;
    expectedGoal: string | null;
}

/** 项目支出绩效目标表（含转移支付项目） */
export interface ProjectExpenditureDeclaration {
    kind: 'project';
    /** 部门名称 */
    unit: string;
    year: number | null;
    title: string | null;
    /** 合计 row as stated */
    total: Funds | null;
    /** 资金使用单位 rows, each with its projects */
    spendingUnits: SpendingUnit[];
    remark: string | null;
}

/** The amount columns of 项目支出: 总计, 财政拨款, 财政专户拨款, 其他资金 */
export interface Funds {
    total?: Cell;
    fiscalAppropriation?: Cell;
    specialAccount?: Cell;
    otherFunds?: Cell;
}

export interface SpendingUnit {
    name: string;
    funds: Funds | null;
    projects: Project[];
}

export interface Project {
    name: string;
    /** 保密项目: exempt from every rule */
    secret: boolean;
    funds: Funds | null;
    /** 绩效目标 */
    goal: string | null;
    indicators: IndicatorList[];
}

/** One numbered list of indicators (a 绩效指标 block); the flattened string restarts numbering for each. */
export interface IndicatorList {
    groups: Level1Group[];
}

/** 一级指标 block; `name` as written, `code` from the taxonomy (1 产出, 2 效益, 3 满意度, 4 成本 in the 2021 model). */
export interface Level1Group {
    name: string;
    code: string | null;
    blocks: Level2Block[];
}

/** 二级指标 block; `code` like "11" from the taxonomy (whether it belongs under its 一级 is for validation). */
export interface Level2Block {
    name: string;
    code: string | null;
    indicators: Indicator[];
}

/** 三级指标 with its 实施周期指标值 and 年度指标值. */
export interface Indicator {
    name: string;
    /** written once for both periods (`"名称"：值`) */
    sameValue: boolean;
    period: IndicatorValue | null;
    annual: IndicatorValue | null;
}

export type ValueForm = 'text' | 'quantity' | 'date' | 'range';

export interface IndicatorValue {
    /** the cell text: verbatim for a quoted value, canonical (`≥45场次`) for a structured one */
    text: string;
    /** how it was written: a quoted text, or the DSL's structured quantity / date / range */
    form: ValueForm;
    /** the value parser's normalised reading of `text` */
    parsed: ParsedValue;
}

/** The model as JSON, in a stable layout (2-space indent, trailing newline). */
export function serializeModel(model: DeclarationFile): string {
    return JSON.stringify(model, null, 2) + '\n';
}
