import type { IndicatorValue } from '../compile/model.js';
import { unitInfo } from '../domain/units.js';
import { parseValue } from '../domain/values.js';

// A 指标值 cell → the model's IndicatorValue, written the way the samples write it: the DSL's structured forms
// (≥45场次, ≤2024-12-31, 90~95%) only for a cell that is exactly such a form, every other cell as quoted text,
// verbatim. The text of a structured value is canonical exactly as language/compile/from-ast.ts valueText makes it,
// so that printing the model and parsing it back gives the same model.

// The grammar's terminals (language/jxmb.langium), anchored to the whole cell.
const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const OPERATOR = '>=|<=|＞＝|＜＝|[≥≧≤≦>＞<＜=＝]';
const UNIT = String.raw`[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z/·]*|[%％]`;
const WS = String.raw`[\s\u3000]*`;

const QUANTITY = new RegExp(`^(${OPERATOR})?${WS}(${NUMBER})${WS}(${UNIT})?$`, 'u');
const DATE = new RegExp(`^(${OPERATOR})?${WS}(\\d{4}-\\d{1,2}-\\d{1,2})$`, 'u');
const RANGE = new RegExp(`^(${NUMBER})${WS}[~～–]${WS}(${NUMBER})${WS}(${UNIT})?$`, 'u');

/**
 * The grammar's keywords. A unit spelled like one (「5项目」, 「2024年度」) is lexed as the keyword, not as a unit, so
 * such a cell must stay quoted text. A test checks this list against the grammar.
 */
export const GRAMMAR_KEYWORDS: ReadonlySet<string> = new Set([
    '下属二级单位数', '主要实施内容', '事业发展性支出', '产出指标', '任务', '保密', '其他事业发展性支出', '其他资金', '其他需完成的任务',
    '区本级使用资金', '单位', '单列指标值', '县本级使用资金', '可持续影响', '可持续影响指标', '合计', '基本信息', '基本支出', '备注', '实施周期',
    '对下转移支付资金', '市本级使用资金', '年度', '总体绩效目标', '总计', '成本指标', '拟投入资金', '拟用于对下转移支付资金', '按预算级次划分',
    '收入来源', '效益指标', '数量指标', '时效指标', '服务对象满意度', '服务对象满意度指标', '期望目标', '本级使用资金', '标题', '满意度指标',
    '生态效益', '生态效益指标', '生态环境成本指标', '省本级使用资金', '社会成本指标', '社会效益', '社会效益指标', '空', '经济成本指标', '经济效益',
    '经济效益指标', '绩效指标', '绩效目标', '财政专户拨款', '财政专项资金', '财政供养人员数', '财政拨款', '质量指标', '资金', '部门整体',
    '部门预算支出', '项目', '项目支出', '预算'
]);

const operatorForms: Record<string, string> = { '>=': '≥', '≧': '≥', '＞＝': '≥', '<=': '≤', '≦': '≤', '＜＝': '≤', '＞': '>', '＜': '<', '＝': '=' };
const op = (text: string | undefined) => (text === undefined ? '' : operatorForms[text] ?? text);
const unit = (text: string | undefined) => (text === undefined ? '' : text === '％' ? '%' : text);
const num = (text: string) => text.replace(/,/g, '');
/**
 * A unit the structured form may carry: a known unit (units.yaml, 万/亿 composed, `次/月` per-forms), and no keyword.
 * The grammar would also take 「3000万人次以上」 as number + 「unit」 万人次以上, but that is prose, and the samples
 * quote it.
 */
const usableUnit = (text: string | undefined) => text === undefined || text === '%' || text === '％'
    || (!GRAMMAR_KEYWORDS.has(text) && text.split('/').every(part => unitInfo(part) !== undefined));

/** The structured reading of a cell, or null when it is not exactly one of the DSL's forms. */
export function structuredForm(text: string): { text: string; form: IndicatorValue['form'] } | null {
    const date = DATE.exec(text);
    if (date) return { text: op(date[1]) + date[2], form: 'date' };
    const range = RANGE.exec(text);
    if (range && usableUnit(range[3])) return { text: `${num(range[1]!)}~${num(range[2]!)}${unit(range[3])}`, form: 'range' };
    const quantity = QUANTITY.exec(text);
    if (quantity && usableUnit(quantity[3])) return { text: op(quantity[1]) + num(quantity[2]!) + unit(quantity[3]), form: 'quantity' };
    return null;
}

/** A value cell's text (already cleaned) → IndicatorValue; a blank cell is no value. */
export function importValue(text: string): IndicatorValue | null {
    if (text.trim() === '') return null;
    const structured = structuredForm(text.trim());
    const value = structured ?? { text, form: 'text' as const };
    return { ...value, parsed: parseValue(value.text) };
}

/** 实施周期 and 年度 as the model keeps them: written once when both cells say the same. */
export function indicatorValues(period: IndicatorValue | null, annual: IndicatorValue | null): { sameValue: boolean; period: IndicatorValue | null; annual: IndicatorValue | null } {
    if (period && annual && period.text === annual.text && period.form === annual.form) return { sameValue: true, period, annual: period };
    return { sameValue: false, period, annual };
}
