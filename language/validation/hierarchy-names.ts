// What a 三级 name says: what is measured, briefly. Real tables write the target into it (「培训人数不少于500人」 with
// an empty or vague 指标值) or a sentence of description (「通过开展……活动，进一步提升……水平」).
import { AstUtils, GrammarUtils, type ValidationAcceptor } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import type { Indicator } from '../generated/ast.js';
import { deadlineInName } from '../domain/name-deadline.js';
import { targetInName, type NameTarget } from '../domain/name-target.js';
import { formatQuantity, formatValue, type ParsedValue } from '../domain/values.js';
import { readParsedValue } from './memo.js';
import { DSL_UNIT } from './values.js';
import {
    coreName, hasPlaceholder, isDeadlineWithoutYear, isUncheckableQualitative, repeatsName, valuesOf, yearOf, type ValueContext
} from './values-context.js';

export const NameCode = {
    targetInName: 'hierarchy/target-in-name',
    longName: 'hierarchy/long-name'
} as const;

/** What the quick-fix reads from `diagnostic.data` (lsp/fixes/names.ts). */
export interface TargetInNameData {
    code: typeof NameCode.targetInName;
    /** The name without its target. */
    name: string;
    /** The target as the DSL writes it unquoted (≥500人), or null when it is kept as text. */
    value: string | null;
    /** The target as a 指标值 text, for a target the DSL cannot write unquoted (约500人). */
    target: string;
    /**
     * `value`: the 指标值 is missing, empty, vague or the name again, and becomes the target; `name`: the 指标值
     * already is the target; null: the 指标值 is another target, or the name holds another number, and the user decides.
     */
    move: 'value' | 'name' | null;
}

/** 「…」 around a text for messages, shortened when long. */
function shown(text: string): string {
    const flat = text.replace(/\s+/g, ' ').trim();
    return `「${flat.length > 30 ? `${flat.slice(0, 28)}…` : flat}」`;
}

/** Where the target stands in the name's source token; the whole name where quotes or escapes make that unsure. */
function targetRange(indicator: Indicator, target: NameTarget): Range | undefined {
    const cst = GrammarUtils.findNodeForProperty(indicator.$cstNode, 'name');
    if (!cst) return undefined;
    const tail = indicator.name.slice(target.start);
    const inner = cst.text.slice(1, -1);
    if (!inner.endsWith(tail)) return undefined;
    const start = cst.offset + 1 + inner.length - tail.length;
    const document = AstUtils.getDocument(indicator).textDocument;
    return { start: document.positionAt(start), end: document.positionAt(start + target.end - target.start) };
}

/**
 * The target as the DSL writes a structured value (≥500人, 100%, ≤2024-12-31), or null where only text keeps it
 * (约500人; 「12月前」, whose two readings the 指标值 check asks about).
 */
function structuredForm(parsed: ParsedValue): string | null {
    if (parsed.kind === 'date') return parsed.note?.includes('ambiguous') ? null : formatQuantity(parsed);
    return parsed.kind === 'quantity' && !parsed.approximate && DSL_UNIT.test(parsed.unit ?? '') ? formatQuantity(parsed) : null;
}

const compact = (text: string) => text.replace(/[\s。.，,；;：:]/g, '');

/** A 指标值 that sets no target of its own: the name's target can take its place. */
function setsNoTarget(v: ValueContext, rest: string): boolean {
    if (v.parsed.kind === 'empty' || hasPlaceholder(v.text) || repeatsName(v) || compact(v.text) === compact(rest)) return true;
    // 提升, 符合要求: vague or descriptive text without a number, a grade, a milestone or a deadline.
    return isUncheckableQualitative(v.parsed) && !/[0-9]/.test(v.text) && !isDeadlineWithoutYear(v);
}

function moveOf(values: readonly ValueContext[], target: ParsedValue, rest: string): { move: TargetInNameData['move']; other?: ValueContext } {
    const same = (v: ValueContext) => v.parsed.kind === target.kind && formatValue(v.parsed) === formatValue(target);
    const other = values.find(v => !same(v) && !setsNoTarget(v, rest));
    if (other) return { move: null, other };
    return { move: values.length > 0 && values.every(same) ? 'name' : 'value' };
}

// Both checks ask for an indicator's target; an edit of its name gives it a new node (parse/reparse.ts).
const targets = new WeakMap<Indicator, NameTarget | undefined>();

function targetOf(indicator: Indicator): NameTarget | undefined {
    if (!targets.has(indicator)) targets.set(indicator, targetInName(indicator.name) ?? deadlineOf(indicator));
    return targets.get(indicator);
}

/** A deadline is the target of a 时效指标 only: elsewhere a date in the name may well be what is counted by then. */
function deadlineOf(indicator: Indicator): NameTarget | undefined {
    return indicator.$container.category === '时效指标' ? deadlineInName(indicator.name) : undefined;
}

/**
 * The 三级 as it should be written: in .jxmb (「培训人数」：≥500人, a text target quoted: "约500人"), or in a table's
 * words for the review of an imported table (review/review.ts), where a .jxmb quote means nothing.
 */
export function targetAdvice(name: string, value: string | null, target: string, form: 'jxmb' | 'table'): string {
    return form === 'jxmb'
        ? `如「${name}」：${value ?? `"${target}"`}`
        : `如三级指标写「${name}」，指标值写${value === null ? `「${target}」` : ` ${value}`}`;
}

/** 「培训人数不少于500人」: the target belongs in the 指标值, where it is checked and scored; the name says what is measured. */
export function checkTargetInName(indicator: Indicator, accept: ValidationAcceptor): void {
    const target = targetOf(indicator);
    if (!target) return;
    const parsed = readParsedValue(target.value, yearOf(indicator));
    const value = structuredForm(parsed);
    const { move, other } = moveOf(valuesOf(indicator), parsed, target.rest);
    // 「开展活动10场次，培训500人」: moving one target would leave the other; the user splits the indicator.
    const message = other
        ? `三级指标名称${shown(indicator.name)}中写了目标值「${target.text}」，指标值却是${shown(other.text)}：目标值只写在指标值中，名称只写衡量什么；请核对哪个是目标，再删去名称中的「${target.text}」。`
        : `三级指标名称${shown(indicator.name)}中写了目标值「${target.text}」：目标值应写在指标值中，名称只写衡量什么，${targetAdvice(target.rest, value, target.value, 'jxmb')}。`;
    const data: TargetInNameData = { code: NameCode.targetInName, name: target.rest, value, target: target.value, move: target.alone ? move : null };
    accept('warning', message, { node: indicator, property: 'name', range: targetRange(indicator, target), code: data.code, data });
}

// More than 20 characters (a unit in brackets not counted): the seeds' 232 三级 names have a median of 9 and 95% have
// at most 17, RULES §5's and the 指标库's at most 14; of the four longer, three read as sentences, one is a count.
const LONG_NAME = 20;
// A name that ends in what it measures (…考察次数, …满意度, …金额) is an indicator name however long its list of
// objects (seed 000 「接待港澳科技企业、科技社团、科研院所、中小学等来南沙考察次数」).
const MEASURE_ENDING = /(?:数|(?<![质力能])量|率|比例|占比|比|(?<![制态])度|次|额|成本|费用|时间|时限|时长|期限|得分|分值|等级|级别|面积)$/;

/** A name that reads as a sentence of description, not as what is measured: advice, the length is no rule of the tables. */
export function checkLongName(indicator: Indicator, accept: ValidationAcceptor): void {
    const measured = targetOf(indicator)?.rest ?? indicator.name;
    const name = coreName(measured);
    const length = [...name].length;
    if (length <= LONG_NAME || MEASURE_ENDING.test(name)) return;
    const counted = measured !== indicator.name ? '（不计其中的目标值）' : name === measured.replace(/\s+/g, '') ? '' : '（不计末尾括号）';
    accept('info',
        `三级指标名称${shown(indicator.name)}有 ${length} 个字${counted}，读起来像一段描述而不是指标名称：名称应简短地写明衡量什么（如「开展科普活动场次」「验收合格率」），`
        + '做法和目的写在绩效目标或任务的实施内容中。',
        { node: indicator, property: 'name', code: NameCode.longName, data: { code: NameCode.longName } });
}
