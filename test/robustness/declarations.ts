import fc from 'fast-check';
import { OWN_LEVEL_LABELS, TRANSFER_LABELS } from '../../language/compile/table-fields.js';
import { quote } from '../../language/value-converter.js';

// Syntactically valid .jxmb text built from the grammar's rules with hostile content: strings in all three quote
// styles holding quotes, backslashes, line breaks and control characters; numbers with thousands separators, many
// decimals and many digits; any year; full-width punctuation; comments and odd whitespace between tokens. The
// content need not make sense (validation may complain); the syntax is always right.

const gap = fc.constantFrom(' ', '  ', '\n', '\r\n', '\t', '\u3000', ' // 注释 "x" {\n', ' /* { “ */ ', '\n\n');
const join = (parts: string[]) => fc.array(gap, { minLength: parts.length, maxLength: parts.length })
    .map(gaps => parts.map((part, i) => part + gaps[i]).join(''));

const stringContent = fc.string({
    unit: fc.oneof(
        { weight: 6, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fff }).map(c => String.fromCharCode(c)) },
        { weight: 2, arbitrary: fc.constantFrom('"', '\\', '“', '”', '「', '」', '{', '}', '：', '；', '\n', '\r\n', '\t', '%', '≥', '$', ' ') },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x1f }).map(c => String.fromCharCode(c)) },
        { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }
    ),
    maxLength: 30
});

/**
 * A STRING token holding `content`, in a quote style that can hold it: ASCII quotes as the printer escapes them; the
 * Chinese ones (no escapes) where no line of the content starts as a string may not go on into (a closing brace, an
 * indicator's name in quotes: jxmb.langium, STRING).
 */
const stringToken = stringContent.chain(content => {
    const styles = [quote(content)];
    const plain = !/\n[ \t\u3000]*([}｝]|("[^"\n]*"|“[^”\n]*”|「[^」\n]*」)[ \t\u3000]*([：:]|实施周期|年度))/.test(content);
    if (plain && !content.includes('”')) styles.push(`“${content}”`);
    if (plain && !content.includes('」')) styles.push(`「${content}」`);
    return fc.constantFrom(...styles);
});

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/** A NUMBER token: plain, with decimals, with thousands separators, or long. */
const numberToken = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(digits(1, 6), fc.option(digits(1, 6), { nil: undefined })).map(([i, d]) => d === undefined ? i : `${i}.${d}`) },
    { weight: 2, arbitrary: fc.tuple(digits(1, 3), fc.array(digits(3, 3), { minLength: 1, maxLength: 4 }), fc.option(digits(1, 3), { nil: undefined }))
        .map(([head, groups, d]) => [head, ...groups].join(',') + (d === undefined ? '' : `.${d}`)) },
    { weight: 1, arbitrary: digits(15, 40) }
);

const yearToken = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1900, max: 2200 }).map(String) }, { weight: 1, arbitrary: numberToken });

const colon = fc.constantFrom('', ':', '：', ' ：');
const separator = fc.constantFrom('', '', ';', '；', ',', '，');
const lbrace = fc.constantFrom('{', '｛');
const rbrace = fc.constantFrom('}', '｝');

const block = (head: fc.Arbitrary<string>, items: fc.Arbitrary<string[]>) =>
    fc.tuple(head, lbrace, items, rbrace).chain(([h, l, body, r]) => join([h, l, ...body, r]));

const amountKey = fc.constantFrom('财政供养人员数', '下属二级单位数', '基本支出', '项目支出', '财政拨款', '其他资金', '财政专项资金',
    '其他事业发展性支出', ...OWN_LEVEL_LABELS, ...TRANSFER_LABELS, '总计', '财政专户拨款');
const amountItem = fc.tuple(amountKey, colon, fc.oneof({ weight: 5, arbitrary: numberToken }, { weight: 1, arbitrary: fc.constant('空') }), separator)
    .chain(([key, c, value, s]) => join([key + c, value, s]));
const amountItems = fc.array(amountItem, { maxLength: 4 });

// A unit that is a keyword is another token (`5 空` is no quantity).
const SHORT_KEYWORDS = new Set(['空', '年度', '预算', '任务', '标题', '备注', '合计', '单位', '项目', '保密', '资金']);
const unit = fc.oneof(
    fc.constantFrom('场次', '万元', '元/人次', '%', '％', '人', 'km', 'kg·m', '个', '次/年', '天'),
    fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fff }).map(c => String.fromCharCode(c)), minLength: 1, maxLength: 3 })
        .filter(u => !SHORT_KEYWORDS.has(u))
);
const operator = fc.constantFrom('', '≥', '>=', '≧', '＞＝', '≤', '<=', '≦', '＜＝', '>', '＞', '<', '＜', '=', '＝');
const date = fc.tuple(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
    .map(([y, m, d]) => `${y}-${m}-${d}`);
// A unit directly after its number, or after a space; a unit starting with a Latin letter keeps the space out.
const value = fc.oneof(
    stringToken,
    fc.tuple(operator, date).map(([op, d]) => op + d),
    fc.tuple(numberToken, fc.constantFrom('~', '～', '–', ' ~ '), numberToken, fc.option(unit, { nil: '' })).map(([a, s, b, u]) => `${a}${s}${b}${u}`),
    fc.tuple(operator, numberToken, fc.option(unit, { nil: '' }), fc.boolean()).map(([op, n, u, space]) => `${op}${n}${space && u ? ' ' : ''}${u}`)
);

const indicator = fc.tuple(stringToken, fc.oneof(
    fc.constant(''),
    fc.tuple(fc.constantFrom(':', '：'), value).map(([c, v]) => `${c} ${v}`),
    fc.tuple(colon, value, fc.option(fc.tuple(colon, value), { nil: undefined }))
        .map(([c, v, annual]) => `实施周期${c} ${v}` + (annual ? ` 年度${annual[0]} ${annual[1]}` : '')),
    fc.tuple(colon, value).map(([c, v]) => `年度${c} ${v}`)
), separator).map(([name, rest, s]) => `${name} ${rest}${rest && s ? ' ' : ''}${s}`);

const level2 = fc.constantFrom('数量指标', '质量指标', '时效指标', '成本指标', '经济效益指标', '社会效益', '生态效益指标', '可持续影响',
    '服务对象满意度指标', '经济成本指标', '社会成本指标', '生态环境成本指标');
const level1 = fc.constantFrom('产出指标', '效益指标', '满意度指标', '成本指标');
const indicatorTree = block(fc.constant('绩效指标'), fc.array(
    block(level1, fc.array(block(level2, fc.array(indicator, { maxLength: 4 })), { maxLength: 3 })), { maxLength: 3 }));

const textField = (keyword: string) => fc.tuple(colon, stringToken).map(([c, s]) => `${keyword}${c} ${s}`);

const task = block(stringToken.map(s => `任务 ${s}`), fc.array(fc.oneof(
    textField('主要实施内容'),
    fc.tuple(colon, fc.oneof(numberToken, fc.constant('空'))).map(([c, v]) => `拟投入资金${c} ${v}`),
    textField('期望目标')
), { maxLength: 4 }));

const budget = block(fc.constant('预算'), fc.array(fc.oneof(
    amountItem,
    block(fc.constantFrom('部门预算支出', '收入来源', '事业发展性支出', '按预算级次划分'), amountItems)
), { maxLength: 5 }));

const departmentMember = fc.oneof(
    textField('标题'), fc.constant('单列指标值'), block(fc.constant('基本信息'), amountItems), budget, textField('总体绩效目标'),
    task, textField('其他需完成的任务'), indicatorTree, textField('备注')
);

const head = (keyword: string) => fc.tuple(stringToken, fc.option(yearToken, { nil: undefined }))
    .map(([unit, year]) => `${keyword} ${unit}` + (year === undefined ? '' : ` 年度 ${year}`));

const department = block(head('部门整体'), fc.array(departmentMember, { maxLength: 8 }));

const funds = block(fc.constant('资金'), amountItems);
const project = block(fc.tuple(stringToken, fc.boolean()).map(([name, secret]) => `项目 ${name}${secret ? ' 保密' : ''}`),
    fc.array(fc.oneof(funds, textField('绩效目标'), indicatorTree), { maxLength: 4 }));
const spendingUnit = block(stringToken.map(s => `单位 ${s}`), fc.array(fc.oneof(funds, project), { maxLength: 3 }));
const projectDeclaration = block(head('项目支出'), fc.array(fc.oneof(
    textField('标题'), block(fc.constant('合计'), amountItems), spendingUnit, textField('备注')
), { maxLength: 4 }));

/** A whole file: zero or more declarations. */
export const validDeclarations = fc.array(fc.oneof(department, projectDeclaration), { maxLength: 2 })
    .chain(declarations => join(declarations));
