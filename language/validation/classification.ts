import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { Indicator, JxmbAstType, Value } from '../generated/ast.js';
import type { JxmbServices } from '../jxmb-module.js';
import { categoryByCode } from '../domain/taxonomy.js';
import { isMoneyUnit } from '../domain/units.js';
import type { ParsedValue } from '../domain/values.js';
import { measuresOf, type Measure } from './classification-split.js';
import {
    BENEFIT_RULES, MEASURE_ENDINGS, MONEY_VALUE_MISFILED_UNDER, NAME_JOINERS, SATISFACTION, type ClassificationRule
} from './classification-vocabulary.js';
import { filedUnder } from './hierarchy-units.js';
import { readValueNode } from './memo.js';

// Is each 三级 filed under the right 二级, and is it one metric? (RULES §2, §3.7.) Names decide the 二级 through the
// vocabulary in classification-vocabulary.ts; the value parser decides how many quantities a value holds.

export const ClassificationCode = {
    satisfactionMisfiled: 'classification/satisfaction-misfiled',
    misfiled: 'classification/misfiled',
    compound: 'classification/compound'
} as const;

/** What the quick-fixes read from `diagnostic.data`. */
export interface ClassificationData {
    code: typeof ClassificationCode[keyof typeof ClassificationCode];
    /** Move targets: the 一级 and 二级 codes the indicator belongs to. */
    level1?: string;
    level2?: string;
}

function matches(rule: ClassificationRule, name: string): string | undefined {
    if (rule.except?.some(pattern => pattern.test(name))) return undefined;
    return rule.words.find(word => name.includes(word));
}

function label(code: string): string {
    const category = categoryByCode(code);
    return category ? category.name : code;
}

function reportMisfiled(indicator: Indicator, rule: ClassificationRule, evidence: string, accept: ValidationAcceptor,
    code: ClassificationData['code']): void {
    const current = indicator.$container.category;
    const data: ClassificationData = { code, level1: categoryByCode(rule.target)?.parent, level2: rule.target };
    accept('warning',
        `三级指标「${indicator.name}」含「${evidence}」，应放在「${label(data.level1!)}」的「${label(rule.target)}」下，而不是「${current}」：${rule.reason}。`,
        { node: indicator, property: 'name', code, data });
}

/** A satisfaction figure outside 服务对象满意度 (SEED004 「扩大学生资助面…满意度，预期达到98%」 under 社会效益). */
export function checkSatisfactionFiling(indicator: Indicator, accept: ValidationAcceptor): void {
    const under = filedUnder(indicator);
    const word = matches(SATISFACTION, indicator.name);
    if (!under || !word || !SATISFACTION.misfiledUnder.includes(under)) return;
    reportMisfiled(indicator, SATISFACTION, word, accept, ClassificationCode.satisfactionMisfiled);
}

/** A 效益 name under the wrong 效益 二级 or under 产出 (SEED003 公众对科普知识知晓度 under 经济效益), RULES §3.7. */
export function checkBenefitFiling(indicator: Indicator, accept: ValidationAcceptor): void {
    const under = filedUnder(indicator);
    if (!under || matches(SATISFACTION, indicator.name)) return;
    for (const rule of BENEFIT_RULES) {
        const word = matches(rule, indicator.name);
        if (word && rule.misfiledUnder.includes(under)) {
            reportMisfiled(indicator, rule, word, accept, ClassificationCode.misfiled);
            return;
        }
    }
    const money = BENEFIT_RULES.find(rule => rule.target === '21');
    const parsed = firstParsed(indicator);
    if (money && MONEY_VALUE_MISFILED_UNDER.includes(under) && parsed?.kind === 'quantity' && isMoneyUnit(parsed.unit)) {
        reportMisfiled(indicator, money, `${parsed.unit}`, accept, ClassificationCode.misfiled);
    }
}

function valuesOf(indicator: Indicator): Value[] {
    return [indicator.value, indicator.period, indicator.annual].filter((v): v is Value => v !== undefined);
}

function firstParsed(indicator: Indicator): ParsedValue | undefined {
    const first = valuesOf(indicator)[0];
    return first ? readValueNode(first).parsed : undefined;
}

/** The measures of a value the parser reads as compound (qualifiers such as 5000+ in 「阅读量5000+的推文」 dropped). */
export function compoundMeasures(value: Value): Measure[] {
    const { text, parsed } = readValueNode(value);
    return parsed.kind === 'compound' ? measuresOf(text) : [];
}

/** 公众号宣传用户数及阅读量 → ['公众号宣传用户数', '阅读量']; a name with one measure → []. */
export function nameMeasures(name: string): string[] {
    const segments = name.replace(/[（(][^()（）]*[)）]$/, '').split(NAME_JOINERS).map(s => s.trim());
    if (segments.length < 2) return [];
    const measured = segments.every(s => s.length >= 2 && MEASURE_ENDINGS.some(ending => s.endsWith(ending)));
    return measured ? segments : [];
}

/**
 * One 三级 holding several quantities (RULES §3.7 「one 三级 = one metric」): a value the parser reads as several
 * measures (SEED004 开展科普活动数量 with a dozen numbers), or a name joining two measures (SEED002
 * 公众号宣传用户数及阅读量). Reported once per indicator, on the value when the value shows it, else on the name.
 */
export function checkCompound(indicator: Indicator, accept: ValidationAcceptor): void {
    const data: ClassificationData = { code: ClassificationCode.compound };
    for (const value of valuesOf(indicator)) {
        const parts = compoundMeasures(value);
        if (parts.length < 2) continue;
        accept('warning',
            `三级指标「${indicator.name}」的值包含 ${parts.length} 个数量：一个三级指标只考核一个指标，请拆分为 ${parts.length} 个三级指标，各自写明数值和单位。`,
            { node: value, code: data.code, data });
        return;
    }
    const measures = nameMeasures(indicator.name);
    if (measures.length >= 2) {
        accept('warning',
            `三级指标「${indicator.name}」的名称包含 ${measures.length} 个指标（${measures.map(m => `「${m}」`).join('、')}）：一个三级指标只考核一个指标，请拆分。`,
            { node: indicator, property: 'name', code: data.code, data });
    }
}

export function createClassificationChecks(_services: JxmbServices): ValidationChecks<JxmbAstType> {
    return {
        Indicator: [checkSatisfactionFiling, checkBenefitFiling, checkCompound]
    };
}
