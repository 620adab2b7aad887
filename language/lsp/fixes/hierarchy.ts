// Quick-fixes for the structure checks (language/validation/hierarchy.ts). The edits that move indicators and blocks
// around the 绩效指标 tree are in placement.ts (shared with the classification and text-consistency fixes).
import { AstUtils, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import {
    isDepartmentDeclaration, isIndicator, isIndicatorTree, isLevel1Group, isLevel2Block,
    type DepartmentDeclaration, type Document, type Indicator, type IndicatorTree, type Level1Group, type Level2Block
} from '../../generated/ast.js';
import { categoryByCode } from '../../domain/taxonomy.js';
import { memoByRevision } from '../../parse/revisions.js';
import { quote } from '../../value-converter.js';
import { HierarchyCode, type HierarchyData } from '../../validation/hierarchy.js';
import { comparableName, level1Label, level2Code, level2Label, ownerOf, treesOf } from '../../validation/hierarchy-units.js';
import { PLACEHOLDER } from '../../validation/values-context.js';
import type { FixRegistry, QuickFix } from '../quick-fix.js';
import { appendToBlock, blockText, moveBlockEdits, placeEdit, removalEdit, removalRoot, sourceOf, span, type Placement } from './placement.js';
import { nodeAt } from './text-layout.js';

type Doc = LangiumDocument<Document>;

// ─── placeholders ────────────────────────────────────────────────────────────────────────────────────────────────

/** A 三级 to start a 二级 with: a snippet with the number to type (RULES §5 examples), and a parseable fallback. */
interface Starter {
    snippet: string;
    fallback: string;
}

// Snippet names and units from RULES §5's completion lists; the fallback is the values family's 〔待填〕 placeholder,
// which is reported as a warning (value/placeholder) until the user fills it in, never as an error.
const STARTER_SNIPPETS: Record<string, string> = {
    '11': '"${1:开展活动场次}"：≥${2:数值}${3:场次}',
    '12': '"${1:验收合格率}"：≥${2:95}%',
    '13': '"${1:按时完成率}"：≥${2:95}%',
    '14': '"${1:单场活动成本}"：≤${2:数值}${3:万元}',
    '21': '"${1:带动社会投资}"：≥${2:数值}${3:万元}',
    '22': '"${1:科普受益人次}"：≥${2:数值}${3:万人次}',
    '23': '"${1:垃圾分类达标率}"：≥${2:95}%',
    '24': '"${1:长效机制建立数}"：≥${2:数值}${3:项}',
    '31': '"${1:服务对象满意度}"：≥${2:90}%',
    '41': '"${1:单场活动成本}"：≤${2:数值}${3:万元}',
    '42': '"${1:安全事故发生数}"：${2:0}${3:起}',
    '43': '"${1:施工扰民投诉数}"：${2:0}${3:次}'
};

/** The 满意度 skeleton's indicator (issue 3: 「服务对象满意度 ≥ 90 %」, RULES §3.6 default). */
const SATISFACTION_LINE = '"服务对象满意度"：≥90%';

export function starterFor(level2: string): Starter {
    if (level2 === '31') return { snippet: STARTER_SNIPPETS['31']!, fallback: SATISFACTION_LINE };
    const category = categoryByCode(level2);
    const name = `${PLACEHOLDER}${category?.shortName ?? ''}指标名称`;
    return { snippet: STARTER_SNIPPETS[level2] ?? `"\${1:${name}}"：\${2:${PLACEHOLDER}}`, fallback: `${quote(name)}：${quote(PLACEHOLDER)}` };
}

function starterFix(document: Doc, tree: IndicatorTree, level1: string, level2: string, title: string): QuickFix {
    const starter = starterFor(level2);
    return { title, edits: [placeEdit(document, tree, { level1, level2 }, [starter.fallback], [starter.snippet]).edit], isPreferred: true };
}

function level2Title(level2: string, tree: IndicatorTree): string {
    return level2Label(level2, tree);
}

// ─── providers ───────────────────────────────────────────────────────────────────────────────────────────────────

const dataOf = (diagnostic: Diagnostic) => diagnostic.data as HierarchyData | undefined;

/** 二级 under the wrong 一级 → move the block there. */
function fixWrongLevel1(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const block = nodeAt(document, diagnostic.range, isLevel2Block);
    const level1 = dataOf(diagnostic)?.level1;
    if (!block || !level1) return [];
    return [{ title: `将「${block.category}」移到「${level1Label(level1)}」下`, edits: moveBlockEdits(document, block, level1), isPreferred: true }];
}

/** A 一级 without 三级 → start it with one (满意度: the 服务对象满意度 ≥90% skeleton). */
function fixEmptyLevel1(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const group = nodeAt(document, diagnostic.range, isLevel1Group);
    const level1 = dataOf(diagnostic)?.level1;
    if (!group || !level1) return [];
    // Fill the group's own 二级 where it has one that belongs to it, else the usual first 二级 of the 一级.
    const own = group.blocks.map(level2Code).find(code => code && categoryByCode(code)?.parent === level1);
    const level2 = own ?? defaultLevel2[level1] ?? `${level1}1`;
    const starter = starterFor(level2);
    const block = group.blocks.find(b => level2Code(b) === level2);
    const edit = block
        ? appendToBlock(document, block, [starter.fallback], [starter.snippet])
        : appendToBlock(document, group, [blockText(level2Label(level2, group), [starter.fallback])], [blockText(level2Label(level2, group), [starter.snippet])]);
    const title = level2 === '31' ? `添加满意度指标「服务对象满意度 ≥90%」` : `在「${group.category}」下添加一个待填写的三级指标`;
    return [{ title, edits: [edit], isPreferred: true }];
}

const defaultLevel2: Record<string, string> = { '1': '11', '2': '22', '3': '31', '4': '41' };

/** An empty template 二级 → delete it (with its 一级 when that holds nothing else); the user's comment stays. */
function fixEmptyLevel2(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const block = nodeAt(document, diagnostic.range, isLevel2Block);
    if (!block) return [];
    return [{ title: `删除空的二级指标「${block.category}」`, edits: [removalEdit(document, removalRoot([block], new Set()))], isPreferred: true }];
}

/** A missing 一级 → a typed skeleton with a starter indicator (满意度: 服务对象满意度 ≥90%). */
function fixMissingLevel1(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const tree = nodeAt(document, diagnostic.range, isIndicatorTree);
    const data = dataOf(diagnostic);
    const level1 = data?.level1;
    const level2 = data?.level2?.[0];
    if (!tree || !level1 || !level2) return [];
    const title = level2 === '31'
        ? `添加满意度指标（${level2Title('31', tree)}「服务对象满意度」≥90%）`
        : `添加${level1Label(level1)}（${level2Title(level2, tree)}，待填写）`;
    return [starterFix(document, tree, level1, level2, title)];
}

/** 产出 without 数量 / without 质量或时效 → add the missing 二级 with a starter indicator. */
function fixOutputComposition(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const group = nodeAt(document, diagnostic.range, isLevel1Group);
    const tree = group?.$container;
    const level2s = dataOf(diagnostic)?.level2 ?? [];
    if (!tree) return [];
    return level2s.map((level2, i) => ({ ...starterFix(document, tree, '1', level2, `添加${level2Title(level2, tree)}（待填写）`), isPreferred: i === 0 }));
}

/** The same name twice with the same value → delete the repetition. Different values need a person to decide. */
function fixDuplicateName(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const indicator = nodeAt(document, diagnostic.range, isIndicator);
    const owner = indicator && ownerOf(indicator);
    if (!indicator || !owner) return [];
    const valueSource = (i: Indicator) => [i.value, i.period, i.annual].map(v => v?.$cstNode?.text ?? '').join('|');
    const list = isDepartmentDeclaration(owner) ? owner : AstUtils.getContainerOfType(indicator, isIndicatorTree)!;
    const earlier = indicatorsByName(list).get(comparableName(indicator.name))
        ?.find(i => i !== indicator && span(i).start < span(indicator).start);
    if (!earlier || valueSource(earlier) !== valueSource(indicator)) return [];
    return [{ title: `删除重复的三级指标「${indicator.name}」`, edits: [removalEdit(document, removalRoot([indicator], new Set()))], isPreferred: true }];
}

/** The 三级 of a list (a 部门整体's trees, or one project's tree) by comparable name, in text order. */
const indicatorsByName = memoByRevision((list: DepartmentDeclaration | IndicatorTree) => {
    const byName = new Map<string, Indicator[]>();
    for (const tree of isDepartmentDeclaration(list) ? treesOf(list) : [list]) {
        for (const i of AstUtils.streamAst(tree).filter(isIndicator)) {
            const key = comparableName(i.name);
            const same = byName.get(key);
            if (same) same.push(i);
            else byName.set(key, [i]);
        }
    }
    return byName;
});

/** A 成本 block in the other model → move its indicators to where the configured model puts them. */
function fixCostModel(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const data = dataOf(diagnostic);
    const node = nodeAt(document, diagnostic.range, (n): n is Level1Group | Level2Block => isLevel2Block(n) || isLevel1Group(n));
    const level1 = data?.level1;
    const level2 = data?.level2?.[0];
    if (!node || !level1 || !level2) return [];
    const blocks = isLevel1Group(node) ? node.blocks : [node];
    const indicators = blocks.flatMap(b => b.indicators);
    const tree = AstUtils.getContainerOfType(node, isIndicatorTree)!;
    const place: Placement = { level1, level2 };
    const where = `「${level1Label(level1)} › ${level2Label(level2, tree)}」`;
    if (indicators.length === 0) {
        return [{ title: `删除空的成本指标块（本表口径下应在${where}）`, edits: [removalEdit(document, removalRoot([node], new Set()))] }];
    }
    // All indicators of a 一级 move at once: its blocks go with it.
    const { edit, keep } = placeEdit(document, tree, place, indicators.map(i => sourceOf(document, i, '')), undefined, new Set([node, ...blocks]));
    return [{ title: `按设置的口径移到${where}`, edits: [edit, removalEdit(document, removalRoot([node], keep), indicators)], isPreferred: true }];
}

export const hierarchyFixes: FixRegistry = {
    [HierarchyCode.wrongLevel1]: fixWrongLevel1,
    [HierarchyCode.emptyLevel1]: fixEmptyLevel1,
    [HierarchyCode.emptyLevel2]: fixEmptyLevel2,
    [HierarchyCode.missingOutput]: fixMissingLevel1,
    [HierarchyCode.missingBenefit]: fixMissingLevel1,
    [HierarchyCode.missingSatisfaction]: fixMissingLevel1,
    [HierarchyCode.missingCost]: fixMissingLevel1,
    [HierarchyCode.missingQuantity]: fixOutputComposition,
    [HierarchyCode.missingQualityOrTimeliness]: fixOutputComposition,
    [HierarchyCode.duplicateName]: fixDuplicateName,
    [HierarchyCode.mixedCostModels]: fixCostModel,
    [HierarchyCode.costModelDiffers]: fixCostModel
};

