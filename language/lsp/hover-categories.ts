// Hover on a 一级/二级 keyword (its official meaning, code and place under the cost model) and on a 三级 name (its
// 一级/二级 path and values).
import { AstUtils } from 'langium';
import { isDepartmentDeclaration, isProject, type Indicator } from '../generated/ast.js';
import {
    categoryByCode, level1ByName, level2ByName, level2sOf, type CostModel, type IndicatorCategory
} from '../domain/taxonomy.js';
import { readValue } from '../validation/values-context.js';
import { md } from './hover-markdown.js';
import { shortReading } from './hover-values.js';
import { named } from '../validation/labels.js';

const MODEL_LABELS: Record<CostModel, string> = {
    legacy: '旧口径（成本指标是产出指标下的二级指标）',
    '2021': '2021口径（成本指标是一级指标，财预〔2021〕101号）'
};

/** 11 数量指标 */
export const categoryLabel = (c: IndicatorCategory): string => `${c.code} ${c.name}`;

/** Where the definition comes from: the part of `source` before 「；」, and whether it was checked (taxonomy.yaml header). */
function provenance(category: IndicatorCategory): { origin: string; verified: boolean; suggestedCode: boolean } {
    const verified = !category.source.includes('[OFF*]');
    const origin = category.source.replace(/^\s*\[[^\]]*\]\s*/, '').split('；')[0]!.trim();
    return { origin, verified, suggestedCode: /code \S+ is \[SUG\]/.test(category.source) };
}

const listOf = (categories: IndicatorCategory[]): string => categories.map(categoryLabel).join('、');

/** Where the category may stand under the model of the settings. */
function placement(category: IndicatorCategory, model: CostModel): string {
    const parent = category.parent ? categoryByCode(category.parent) : undefined;
    if (category.models.includes(model)) {
        if (category.level === 1) return `本口径下，${category.name}包括：${listOf(level2sOf(category.code, model))}。`;
        return `本口径下放在一级指标「${parent ? categoryLabel(parent) : category.parent}」下。`;
    }
    // Only the 成本 categories differ between the models (RULES §2).
    if (model === '2021') {
        const cost = categoryByCode('4')!;
        return `本口径下不用二级「${category.name}」（${category.code}）：成本指标是一级指标（${categoryLabel(cost)}），`
            + `下设 ${listOf(level2sOf('4', '2021'))}。如本表按旧口径编制，请把 jxmb.yaml 的 costModel（没有 jxmb.yaml 时为 VS Code 设置 jxmb.costModel）改为 legacy。`;
    }
    const legacyCost = categoryByCode('14')!;
    return `本口径下不用${category.level === 1 ? '一级' : '二级'}「${category.name}」：成本指标是产出指标下的二级指标（${categoryLabel(legacyCost)}）。`
        + '如本表按2021口径编制，请把 jxmb.yaml 的 costModel（没有 jxmb.yaml 时为 VS Code 设置 jxmb.costModel）改为 2021。';
}

/** The hover of a 一级 or 二级 keyword. */
export function categoryHover(category: IndicatorCategory, model: CostModel): string {
    const parent = category.parent ? categoryByCode(category.parent) : undefined;
    const heading = category.level === 1
        ? `**一级指标 ${categoryLabel(category)}**`
        : `**二级指标 ${categoryLabel(category)}**${parent ? `（属一级指标 ${categoryLabel(parent)}）` : ''}`;
    const { origin, verified, suggestedCode } = provenance(category);
    const definition = verified ? category.definition : `${category.definition}（释义据常见口径，未核对原文）`;
    const codeNote = suggestedCode ? `；编码 ${category.code} 为本工具的约定，文件未规定编码` : '';
    return [
        heading,
        md(definition),
        `出处：${md(origin)}${codeNote}。`,
        `**${MODEL_LABELS[model]}**：${placement(category, model)}`
    ].join('\n\n');
}

/** A 一级 keyword read as written (成本指标 here is the 2021 一级 4). */
export const level1Category = (keyword: string | undefined): IndicatorCategory | undefined => keyword ? level1ByName(keyword) : undefined;
/** A 二级 keyword read as written (成本指标 here is the legacy 二级 14). */
export const level2Category = (keyword: string | undefined): IndicatorCategory | undefined => keyword ? level2ByName(keyword) : undefined;

function ownerLabel(indicator: Indicator): string | undefined {
    const project = AstUtils.getContainerOfType(indicator, isProject);
    if (project) return named('项目', project.name === undefined ? undefined : md(project.name));
    const department = AstUtils.getContainerOfType(indicator, isDepartmentDeclaration);
    return department ? named('部门整体', department.unit === undefined ? undefined : md(department.unit)) : undefined;
}

function valueLines(indicator: Indicator): string[] {
    const read = (role: string, node: Indicator['value']) => node ? [`${role}：**${md(shortReading(readValue(node).parsed))}**`] : [];
    if (indicator.value) return read('指标值', indicator.value);
    const lines = [...read('实施周期', indicator.period), ...read('年度', indicator.annual)];
    return lines.length ? lines : ['指标值：（未填写）'];
}

/** The hover of a 三级 name: its path and the reading of its values. */
export function indicatorHover(indicator: Indicator): string {
    const block = indicator.$container;
    const group = block?.$container;
    const one = level1Category(group?.category);
    const two = level2Category(block?.category);
    const path = [
        ownerLabel(indicator),
        '绩效指标',
        one ? categoryLabel(one) : group?.category,
        two ? categoryLabel(two) : block?.category
    ].filter((part): part is string => !!part);
    return [
        `**三级指标**「${md(indicator.name ?? '')}」`,
        `位置：${path.join(' › ')}`,
        ...valueLines(indicator)
    ].join('\n\n');
}
