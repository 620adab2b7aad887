import { GrammarUtils, type AstNode, type MaybePromise, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import { walkAst } from '../ast-walk.js';
import {
    isProject,
    type DepartmentDeclaration, type Indicator, type IndicatorTree, type JxmbAstType, type Level1Group, type Level2Block, type Project
} from '../generated/ast.js';
import type { JxmbServices } from '../jxmb-module.js';
import { memoByRevision } from '../parse/revisions.js';
import { categoryByCode, type CostModel } from '../domain/taxonomy.js';
import {
    blocksOf, comparableName, groupsOf, indicatorsOf, isProjectOwner, level1Code, level1Label, level2Code, treesOf,
    withCostModel, type IndicatorOwner
} from './hierarchy-units.js';
import { readValueNode } from './memo.js';
import { checkLongName, checkTargetInName, NameCode } from './hierarchy-names.js';
import { audienceEvidence } from './audience.js';
import { named } from './labels.js';
import { nameBeforeLostColon } from './missing-colon.js';

// 指标体系的结构 (RULES §2, §3.5): each 二级 under its 一级, every 一级 filled, the 一级 a table must have, 产出
// with 数量 and 质量/时效, no duplicate names in a numbered list, one 成本 model per declaration; 三级 names that
// carry a target or a sentence (hierarchy-names.ts).

export const HierarchyCode = {
    wrongLevel1: 'hierarchy/wrong-level1',
    emptyLevel1: 'hierarchy/empty-level1',
    emptyLevel2: 'hierarchy/empty-level2',
    missingOutput: 'hierarchy/missing-output',
    missingBenefit: 'hierarchy/missing-benefit',
    missingSatisfaction: 'hierarchy/missing-satisfaction',
    missingCost: 'hierarchy/missing-cost',
    missingQuantity: 'hierarchy/missing-quantity',
    missingQualityOrTimeliness: 'hierarchy/missing-quality-or-timeliness',
    duplicateName: 'hierarchy/duplicate-name',
    mixedCostModels: 'hierarchy/mixed-cost-models',
    costModelDiffers: 'hierarchy/cost-model-differs',
    ...NameCode
} as const;

type HierarchyCodeValue = typeof HierarchyCode[keyof typeof HierarchyCode];

/** What the quick-fixes read from `diagnostic.data`. */
export interface HierarchyData {
    code: HierarchyCodeValue;
    /** The 一级 code to fill or move to. */
    level1?: string;
    /** The 二级 code(s) to fill or move to. */
    level2?: string[];
    /**
     * duplicate-name: the first name's range. The message gives its line; a review of an imported table names its
     * cell instead (review/review.ts), the generated .jxmb being unseen.
     */
    earlier?: Range;
}

const modelNames: Record<CostModel, string> = { legacy: '旧口径（成本指标为产出指标下的二级指标）', '2021': '2021口径（成本指标为一级指标，财预〔2021〕101号）' };

function unitLabel(owner: IndicatorOwner): string {
    return isProjectOwner(owner) ? named('项目', owner.name) : '本申报表';
}

function report(accept: ValidationAcceptor, severity: 'error' | 'warning' | 'info', message: string,
    target: { node: Level1Group | Level2Block; property: 'category' } | { node: IndicatorTree; keyword: '绩效指标' } | { node: Indicator; property: 'name' },
    data: HierarchyData): void {
    // The union of targets is sound per member; Langium's DiagnosticInfo cannot express it.
    accept(severity, message, { ...target, code: data.code, data } as Parameters<ValidationAcceptor>[2]);
}

// ─── C1: every 一级 has a 三级; the 一级 a table must have ────────────────────────────────────────────────────────

interface UnitCensus {
    trees: IndicatorTree[];
    /** 一级 code → its groups in the unit, in order. */
    groups: Map<string, Level1Group[]>;
    /** 一级 code → number of 三级 under its groups. */
    level1Count: Map<string, number>;
    /** 二级 code → number of 三级 under its blocks (wherever they stand). */
    level2Count: Map<string, number>;
}

// Six checks of a unit read its census: counted once per unit (and again once its content was replaced).
const census = memoByRevision(countUnit);

function countUnit(owner: IndicatorOwner): UnitCensus {
    const trees = treesOf(owner);
    const groups = new Map<string, Level1Group[]>();
    const level1Count = new Map<string, number>();
    const level2Count = new Map<string, number>();
    for (const group of groupsOf(trees)) {
        const one = level1Code(group);
        if (!one) continue;
        groups.set(one, [...groups.get(one) ?? [], group]);
        for (const block of group.blocks) {
            level1Count.set(one, (level1Count.get(one) ?? 0) + block.indicators.length);
            const two = level2Code(block);
            if (two) level2Count.set(two, (level2Count.get(two) ?? 0) + block.indicators.length);
        }
    }
    return { trees, groups, level1Count, level2Count };
}

/** A 一级 block that holds no 三级 at all in the unit (SEED000's 满意度指标 { 服务对象满意度指标 { } }), RULES C1. */
export function checkEmptyLevel1(owner: IndicatorOwner, accept: ValidationAcceptor): void {
    const unit = census(owner);
    for (const [code, groups] of unit.groups) {
        if ((unit.level1Count.get(code) ?? 0) > 0) continue;
        const hint = code === '3' ? '，例如「服务对象满意度」≥90%' : '';
        report(accept, 'warning',
            `一级指标「${groups[0]!.category}」下没有任何三级指标：${unitLabel(owner)}用到的每个一级指标至少要有一个带指标值的三级指标${hint}。`,
            { node: groups[0]!, property: 'category' }, { code: HierarchyCode.emptyLevel1, level1: code });
    }
}

/** An empty 二级 row left from the template, where its 一级 has 三级 elsewhere (else the 一级 is reported), RULES C4. */
export function checkEmptyLevel2(owner: IndicatorOwner, accept: ValidationAcceptor): void {
    const unit = census(owner);
    for (const block of blocksOf(unit.trees)) {
        if (block.indicators.length > 0) continue;
        const one = level1Code(block.$container);
        if (!one || (unit.level1Count.get(one) ?? 0) === 0) continue;
        report(accept, 'info',
            `二级指标「${block.category}」下没有三级指标，是表格模板留下的空行：不用的二级指标请删除，用到的请补充三级指标。`,
            { node: block, property: 'category' }, { code: HierarchyCode.emptyLevel2 });
    }
}

/** 产出 and 效益 are in every target table (S3 [OFF]: 应当包括产出指标、效益指标和满意度指标). */
export function checkRequiredLevel1(owner: IndicatorOwner, accept: ValidationAcceptor): void {
    const unit = census(owner);
    const tree = unit.trees[0];
    if (!tree) return;
    if (!unit.groups.has('1')) {
        report(accept, 'warning', `${unitLabel(owner)}没有产出指标：绩效指标应当包括产出、效益和满意度指标，产出反映预期提供的公共产品和服务。`,
            { node: tree, keyword: '绩效指标' }, { code: HierarchyCode.missingOutput, level1: '1', level2: ['11'] });
    }
    if (!unit.groups.has('2')) {
        report(accept, 'warning', `${unitLabel(owner)}没有效益指标：绩效指标应当包括产出、效益和满意度指标，效益反映产出带来的预期效果。`,
            { node: tree, keyword: '绩效指标' }, { code: HierarchyCode.missingBenefit, level1: '2', level2: ['22'] });
    }
}

/**
 * No 满意度 一级 where the unit serves people (RULES C3). A 部门整体 declaration always does; a 项目支出 project does
 * when its outputs are counted in people or name an audience, or its 绩效目标 names the people served
 * (hierarchy-vocabulary.ts). Internal support (购置, 档案, 大院维修, 机关后勤) is not asked for one.
 * A 服务对象满意度 block under another 一级 is not missing: wrong-level1 reports it once, with the fix that moves it.
 * A lone 满意度 三级 filed under another 二级 (SEED004) still leaves the 一级 missing, RULES §3.5: both are reported.
 */
export function checkMissingSatisfaction(owner: IndicatorOwner, accept: ValidationAcceptor): void {
    const unit = census(owner);
    const tree = unit.trees[0];
    if (!tree || unit.groups.has('3') || unit.level2Count.has('31')) return;
    const evidence = isProjectOwner(owner) ? audienceOf(owner) : '部门整体绩效目标面向服务对象';
    if (!evidence) return;
    report(accept, 'warning',
        `${unitLabel(owner)}没有满意度指标（${evidence}）：服务公众或有明确受益对象的，应设置服务对象满意度指标。`,
        { node: tree, keyword: '绩效指标' }, { code: HierarchyCode.missingSatisfaction, level1: '3', level2: ['31'] });
}

/** Why a project serves people, in words, or undefined when nothing says it does (audience.ts: the drafter's rule too). */
export function audienceOf(project: Project): string | undefined {
    const goals = project.members.flatMap(member => member.$type === 'ProjectGoal' ? [member.text ?? ''] : []);
    return audienceEvidence(goals, indicatorsOf(treesOf(project)), indicator => indicator.name,
        indicator => [indicator.value, indicator.period, indicator.annual].flatMap(v => v === undefined ? [] : [readValueNode(v).parsed]));
}

// ─── C2: 产出 has 数量 and 质量/时效 ──────────────────────────────────────────────────────────────────────────────

export function checkOutputComposition(owner: IndicatorOwner, accept: ValidationAcceptor): void {
    const unit = census(owner);
    const output = unit.groups.get('1');
    if (!output || (unit.level1Count.get('1') ?? 0) === 0) return;
    const count = (code: string) => unit.level2Count.get(code) ?? 0;
    const at = { node: output[0]!, property: 'category' as const };
    if (count('11') === 0) {
        report(accept, 'warning', `${unitLabel(owner)}的产出指标中没有数量指标：产出至少要有一个数量指标，反映提供的产品和服务数量。`,
            at, { code: HierarchyCode.missingQuantity, level1: '1', level2: ['11'] });
    }
    if (count('12') + count('13') === 0) {
        report(accept, 'warning', `${unitLabel(owner)}的产出指标中没有质量指标或时效指标：产出至少要有一个质量或时效指标。`,
            at, { code: HierarchyCode.missingQualityOrTimeliness, level1: '1', level2: ['12', '13'] });
    }
}

// ─── Q1: duplicate names in one numbered list ────────────────────────────────────────────────────────────────────

/** Where duplicate-name says the first stands; review/review.ts puts a table's cell in its place. */
export const earlierLine = (line: number | string): string => `${typeof line === 'number' ? `第 ${line} 行` : line}已有`;

/**
 * The same 三级 name twice in one list: a 项目支出 project's numbered list (a restart at 1 begins another list,
 * which may repeat names, RULES Q1), or a 部门整体 declaration's whole 绩效指标. A quoted value that lost its 「：」
 * (「"名称" "名称"」) is no name: structure/missing-colon reports it, with the fix.
 */
export function checkDuplicateNames(trees: readonly IndicatorTree[], accept: ValidationAcceptor): void {
    const first = new Map<string, Indicator>();
    for (const indicator of indicatorsOf(trees)) {
        if (nameBeforeLostColon(indicator)) continue;
        const key = comparableName(indicator.name);
        const earlier = first.get(key);
        if (!earlier) {
            first.set(key, indicator);
            continue;
        }
        const line = (earlier.$cstNode?.range.start.line ?? 0) + 1;
        const list = trees.length === 1 && isProject(trees[0]!.$container) ? '编号列表' : '申报表';
        const name = earlier.$cstNode && GrammarUtils.findNodeForProperty(earlier.$cstNode, 'name');
        report(accept, 'warning',
            `三级指标「${indicator.name}」在同一${list}中重复（${earlierLine(line)}）：同一列表中的指标名称应唯一，否则无法分别考核。`,
            { node: indicator, property: 'name' }, { code: HierarchyCode.duplicateName, ...(name ? { earlier: name.range } : {}) });
    }
}

// ─── 二级 under its 一级, and one 成本 model (both depend on the cost-model setting) ──────────────────────────────

/** The form of 成本 a group or block is written in, if it is a 成本 form at all (RULES §2). */
function costForm(node: Level1Group | Level2Block): CostModel | undefined {
    if (node.$type === 'Level1Group') return level1Code(node) === '4' ? '2021' : undefined;
    const code = level2Code(node);
    if (code === '14') return 'legacy';
    return code && /^4\d$/.test(code) ? '2021' : undefined;
}

/** The 成本 nodes reported for a model: under legacy the 一级 成本指标 (or a stray 41–43), under 2021 the 二级 14. */
function mismatchedCostNodes(nodes: Array<Level1Group | Level2Block>, model: CostModel): Array<Level1Group | Level2Block> {
    return nodes.filter(node => {
        if (costForm(node) === model || costForm(node) === undefined) return false;
        // Under legacy a 2021 一级 is reported once, not again for each of its 二级.
        return !(node.$type === 'Level2Block' && level1Code(node.$container) === '4' && model === 'legacy');
    });
}

function costTarget(node: Level1Group | Level2Block, model: CostModel): HierarchyData['level2'] & string[] {
    if (model === 'legacy') return ['14'];
    const code = node.$type === 'Level2Block' ? level2Code(node) : undefined;
    return [code && /^4\d$/.test(code) ? code : '41'];
}

function costNodesOf(declaration: DepartmentDeclaration | JxmbAstType['ProjectDeclaration']): Array<Level1Group | Level2Block> {
    const nodes: Array<Level1Group | Level2Block> = [];
    // Not into 保密 projects, and not below the 二级 blocks: the indicators (most of the tree) hold no categories.
    walkAst(declaration, node => {
        if (isProject(node) && node.secret) return false;
        if (node.$type !== 'Level1Group' && node.$type !== 'Level2Block') return true;
        if (costForm(node as Level1Group | Level2Block)) nodes.push(node as Level1Group | Level2Block);
        return node.$type !== 'Level2Block';
    });
    return nodes;
}

/**
 * Legacy (成本指标 = 二级 14 under 产出) and 2021 (成本指标 = 一级 4 with 41–43) in one declaration: a warning on
 * each node of the form the setting does not use. A declaration written wholly in the other form gets an info: the
 * table may simply follow the other model, and the setting is the place to say so.
 */
export function checkCostModel(declaration: DepartmentDeclaration | JxmbAstType['ProjectDeclaration'], model: CostModel, accept: ValidationAcceptor): void {
    const nodes = costNodesOf(declaration);
    const forms = new Set(nodes.map(costForm));
    const mixed = forms.has('legacy') && forms.has('2021');
    const other: CostModel = model === 'legacy' ? '2021' : 'legacy';
    for (const node of mismatchedCostNodes(nodes, model)) {
        const where = node.$type === 'Level1Group' ? '一级指标「成本指标」' : `二级指标「${node.category}」`;
        const data: HierarchyData = { code: mixed ? HierarchyCode.mixedCostModels : HierarchyCode.costModelDiffers, level1: model === 'legacy' ? '1' : '4', level2: costTarget(node, model) };
        const message = mixed
            ? `同一申报表混用了两种成本指标口径：这里的${where}按${modelNames[other]}填写，表中其他成本指标按${modelNames[model]}填写；一份申报表只能用一种口径。`
            : `这里的${where}按${modelNames[other]}填写，与设置的${modelNames[model]}不一致；如本表确按该口径编制，请把 jxmb.yaml 的 costModel（没有 jxmb.yaml 时为 VS Code 设置 jxmb.costModel）改为「${other}」。`;
        report(accept, mixed ? 'warning' : 'info', message, { node, property: 'category' }, data);
    }
}

/** The 一级 a 二级 belongs to under the model, or undefined when the 成本 model check speaks for it. */
function expectedLevel1(block: Level2Block, model: CostModel): string | undefined {
    const code = level2Code(block);
    const form = costForm(block);
    if (!code || (form && form !== model)) return undefined;
    if (model === 'legacy' && level1Code(block.$container) === '4') return undefined;
    return categoryByCode(code)?.parent;
}

/** A 二级 under another 一级 than its own (社会效益 under 产出): by the taxonomy and the 成本 model (RULES §2). */
export function checkLevel2Placement(tree: IndicatorTree, model: CostModel, accept: ValidationAcceptor): void {
    for (const group of tree.groups) {
        const actual = level1Code(group);
        for (const block of group.blocks) {
            const expected = expectedLevel1(block, model);
            if (!expected || !actual || expected === actual) continue;
            const code = level2Code(block)!;
            report(accept, 'warning',
                `二级指标「${block.category}」属于一级指标「${level1Label(expected)}」，不应放在「${group.category}」下（${code} ${categoryByCode(code)!.name} 是 ${expected} ${level1Label(expected)}的二级指标）。`,
                { node: block, property: 'category' }, { code: HierarchyCode.wrongLevel1, level1: expected, level2: [code] });
        }
    }
}

/** Under the 2021 model 成本指标 is a 一级 of its own: a unit without it misses one (RULES §2, C1). */
export function checkMissingCost(owner: IndicatorOwner, model: CostModel, accept: ValidationAcceptor): void {
    if (model !== '2021') return;
    const unit = census(owner);
    const tree = unit.trees[0];
    // A legacy 14 block is the cost model check's to report; here only a unit with no 成本 at all.
    if (!tree || unit.groups.has('4') || (unit.level2Count.get('14') ?? 0) > 0) return;
    report(accept, 'warning',
        `${unitLabel(owner)}没有成本指标：按2021口径（财预〔2021〕101号）成本指标是一级指标，包括经济成本、社会成本和生态环境成本指标。`,
        { node: tree, keyword: '绩效指标' }, { code: HierarchyCode.missingCost, level1: '4', level2: ['41'] });
}

// ─── registration ────────────────────────────────────────────────────────────────────────────────────────────────

function unitChecks(owner: IndicatorOwner, accept: ValidationAcceptor): void {
    checkEmptyLevel1(owner, accept);
    checkEmptyLevel2(owner, accept);
    checkRequiredLevel1(owner, accept);
    checkMissingSatisfaction(owner, accept);
    checkOutputComposition(owner, accept);
}

export function createHierarchyChecks(services: JxmbServices): ValidationChecks<JxmbAstType> {
    const withModel = (node: AstNode, check: (model: CostModel) => void): MaybePromise<void> => withCostModel(services, node, check);
    return {
        DepartmentDeclaration: (node, accept) => {
            unitChecks(node, accept);
            checkDuplicateNames(treesOf(node), accept);
            return withModel(node, model => {
                checkCostModel(node, model, accept);
                checkMissingCost(node, model, accept);
            });
        },
        Project: (node, accept) => {
            unitChecks(node, accept);
            for (const tree of treesOf(node)) checkDuplicateNames([tree], accept);
            return withModel(node, model => checkMissingCost(node, model, accept));
        },
        ProjectDeclaration: (node, accept) => withModel(node, model => checkCostModel(node, model, accept)),
        IndicatorTree: (node, accept) => withModel(node, model => checkLevel2Placement(node, model, accept)),
        Indicator: [checkTargetInName, checkLongName]
    };
}

