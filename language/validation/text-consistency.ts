// Text ↔ indicators (issue 3): what a task's 主要实施内容 / 期望目标 or a project's 绩效目标 promises in numbers must be
// measured by a 三级指标 (88号 第九条: 指向明确、细化量化、相应匹配; RULES §3.1), and no indicator may state a different
// number for the same thing. In 部门整体 the indicators are the declaration's, shared by all its tasks.
import { AstUtils, GrammarUtils, type AstNode, type CstNode, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { containerOf } from '../ast-walk.js';
import type { Range } from 'vscode-languageserver-types';
import { parseNumber } from '../compile/numbers.js';
import { usableYear } from '../compile/value-limits.js';
import {
    alternativeNameFor, baseValue, categoryFor, changeCategoryFor, changeOf, indicatorNameFor, measuredForm, structuredValueFor, subjectSimilarity,
    type TextPromise
} from '../domain/promises.js';
import { formatNumber } from '../domain/numbers.js';
import {
    isFunds, isProjectGoal, isTask, isTaskAmount, isTaskContent, isTaskGoal,
    type DepartmentDeclaration, type Indicator, type IndicatorTree, type JxmbAstType, type Project, type ProjectGoal,
    type Task, type TaskContent, type TaskGoal, type Value
} from '../generated/ast.js';
import type { JxmbServices } from '../jxmb-module.js';
import { readPromises } from './memo.js';
import { readValue, valuesOf } from './values-context.js';
import { indicatorValueMeasures, matchPromise, samePromise, type Measure } from './text-consistency-match.js';
import { checkDeadlineYear, DEADLINE_OUTSIDE_YEAR } from './text-consistency-year.js';
import { named } from './labels.js';
import { indicatorsOf, treesOf } from './hierarchy-units.js';

export const TextConsistencyCode = {
    /** 部门整体: a number in a task's 期望目标 / 主要实施内容 that no indicator measures (advice: the indicators select). */
    unmeasuredPromise: 'text-consistency/unmeasured-promise',
    /** 部门整体: a task most of whose promised numbers (more than half) no indicator measures. */
    unmeasuredTask: 'text-consistency/unmeasured-task',
    /** 项目支出: a number in a project's 绩效目标 that none of its indicators measures. */
    unmeasuredGoal: 'text-consistency/unmeasured-goal',
    /** An indicator states a different number than the text for the same thing. */
    contradictingIndicator: 'text-consistency/contradicting-indicator',
    /** A 年度 deadline outside the table's 年度 (text-consistency-year.ts). */
    deadlineOutsideYear: DEADLINE_OUTSIDE_YEAR
} as const;

/** One indicator the quick-fix 「添加指标」 inserts, and where (一级/二级 long names). */
export interface IndicatorSpec {
    name: string;
    /** used when `name` is taken (长廊宣传图期数 / 长廊宣传图幅数) */
    alternativeName: string;
    value: string;
    level1: string;
    level2: string;
}

export interface UnmeasuredData extends IndicatorSpec {
    code: string;
}

export interface UnmeasuredTaskData {
    code: string;
    indicators: IndicatorSpec[];
}

/** What the quick-fix 「改为文本中的数值」 needs. */
export interface ContradictionData {
    code: string;
    /** the text's number as a structured value (≥96场次) */
    value: string;
    /** the text's own words for it (不少于96场次) */
    textWords: string;
    /** the indicator value is a quoted text: the fix replaces only the diagnostic's range, with `textWords` */
    prose: boolean;
    /** The indicator's other cell (实施周期 / 年度) where it states the same number: changed with it. */
    others: Array<{ range: Range; prose: boolean }>;
}

type TextNode = TaskContent | TaskGoal | ProjectGoal;

interface Source {
    node: TextNode;
    /** 任务「…」的期望目标 */
    label: string;
    budgets: number[];
}

/** The texts of one task or one project: a promise repeated among them is judged once. */
interface Unit {
    task?: Task;
    sources: Source[];
}

interface Item {
    unit: Unit;
    source: Source;
    promise: TextPromise;
    /** a number of 主要实施内容 beside a 期望目标 that has numbers: checked for contradictions only */
    detail: boolean;
}

interface IndicatorRef {
    indicator: Indicator;
    value: Value;
}

export function createTextConsistencyChecks(_services: JxmbServices): ValidationChecks<JxmbAstType> {
    return {
        DepartmentDeclaration: checkDepartmentTexts,
        Project: checkProjectGoal,
        Indicator: checkDeadlineYear
    };
}

/** Every task's texts against the declaration's indicators. */
export function checkDepartmentTexts(declaration: DepartmentDeclaration, accept: ValidationAcceptor): void {
    const year = usableYear(declaration.year);
    const units = declaration.members.filter(isTask).map((task): Unit => ({ task, sources: taskSources(task) }));
    checkTexts(units, treesOf(declaration), year, accept);
}

/** A project's 绩效目标 against the project's indicators. */
export function checkProjectGoal(project: Project, accept: ValidationAcceptor): void {
    const declaration = containerOf(project, 'ProjectDeclaration');
    const year = usableYear(declaration?.year);
    const funds = project.members.find(isFunds);
    const budgets = funds ? funds.items.filter(i => i.value !== undefined).map(i => parseNumber(i.value!)) : [];
    const sources = project.members.filter(isProjectGoal)
        .map((node): Source => ({ node, label: `${named('项目', project.name)}的绩效目标`, budgets }));
    checkTexts([{ sources }], treesOf(project), year, accept);
}

function taskSources(task: Task): Source[] {
    const amount = task.members.find(isTaskAmount);
    const budgets = amount?.value !== undefined ? [parseNumber(amount.value)] : [];
    // The goal first: a promise that 主要实施内容 repeats is reported once, on the goal.
    const taskLabel = named('任务', task.name);
    const goals = task.members.filter(isTaskGoal).map((node): Source => ({ node, label: `${taskLabel}的期望目标`, budgets }));
    const contents = task.members.filter(isTaskContent).map((node): Source => ({ node, label: `${taskLabel}的主要实施内容`, budgets }));
    return [...goals, ...contents];
}

/**
 * The promises of a task or project, each once. 主要实施内容 says how a task is carried out; when its 期望目标 states
 * numbers, those are the task's promises and the content's other numbers are detail (约175名代表进行换届选举).
 */
function itemsOf(unit: Unit, year: number | undefined): Item[] {
    const items: Item[] = [];
    // Only promises of the same number can be the same promise: each is compared with those alone, not with every
    // earlier one (a text of thousands of promises).
    const byNumber = new Map<string, Item[]>();
    for (const source of unit.sources) {
        const detail = isTaskContent(source.node) && items.length > 0;
        for (const promise of promisesOf(source, year)) {
            const keys = numberKeys(promise);
            if (keys.some(key => byNumber.get(key)?.some(i => samePromise(i.promise, promise)))) continue;
            const item = { unit, source, promise, detail };
            items.push(item);
            const own = keys[1]!;
            const bucket = byNumber.get(own);
            if (bucket) bucket.push(item);
            else byNumber.set(own, [item]);
        }
    }
    return items;
}

/**
 * The buckets a promise's equals can be in, its own second: `samePromise` holds only for equal dates, or base values
 * within 10⁻⁶ of each other, which round to the same thousandth or to a neighbouring one.
 */
function numberKeys(p: TextPromise): string[] {
    if (p.kind === 'date') return [`d${p.date}`, `d${p.date}`];
    const at = Math.round(baseValue(p.value, p.unit) * 1000);
    return [`q${at - 1}`, `q${at}`, `q${at + 1}`];
}

function checkTexts(units: Unit[], trees: IndicatorTree[], year: number | undefined, accept: ValidationAcceptor): void {
    const items = units.flatMap(unit => itemsOf(unit, year));
    if (items.length === 0) return;
    const measures = measuresOf(trees, year);
    const names = indicatorsOf(trees).map(i => i.name);
    // First what the indicators state exactly; an indicator confirmed by one text contradicts no other.
    const firstMatches = items.map(item => matchPromise(item.promise, measures));
    const confirmed = new Set(firstMatches.flatMap(match => match.kind === 'measured' ? [match.measure] : []));
    const contradicted = new Set<Measure<IndicatorRef>>();
    const unmeasured = new Map<Unit, Item[]>();
    const measured = new Map<Unit, number>();
    const literals: Literals = new Map();
    for (const [i, item] of items.entries()) {
        // Knowing the confirmed indicators can change only a contradiction (to another, or to none).
        const first = firstMatches[i]!;
        const match = first.kind === 'contradicted' ? matchPromise(item.promise, measures, confirmed) : first;
        if (match.kind === 'unmeasured') {
            if (item.detail) continue;
            const list = unmeasured.get(item.unit);
            if (list) list.push(item);
            else unmeasured.set(item.unit, [item]);
            reportUnmeasured(item, nearestName(item.promise, names), literals, accept);
            continue;
        }
        if (!item.detail) measured.set(item.unit, (measured.get(item.unit) ?? 0) + 1);
        if (match.kind === 'contradicted' && !contradicted.has(match.measure)) {
            contradicted.add(match.measure);
            reportContradiction(item, match.measure, year, literals, accept);
        }
    }
    // A task most of whose promises no indicator measures is what a reviewer sends back as a whole.
    for (const [unit, list] of unmeasured) {
        const hits = measured.get(unit) ?? 0;
        if (unit.task && hits < list.length) reportUnmeasuredTask(unit.task, list, hits, accept);
    }
}

/** The promises of a text that belong to the budget year (为实现2025年…达24.5% is a long-term aim). */
function promisesOf(source: Source, year: number | undefined): TextPromise[] {
    // A document being typed may have a string node without its text yet.
    return readPromises(source.node.text ?? '', { budgets: source.budgets, year })
        .filter(p => p.year === null || year === undefined || p.year === year);
}


/** Every number the indicators state, each with the indicator and value it stands in. */
export function measuresOf(trees: IndicatorTree[], year: number | undefined): Array<Measure<IndicatorRef>> {
    // The value contexts the value checks read too (values-context.ts): each value's text and reading once.
    return indicatorsOf(trees).flatMap(indicator => valuesOf(indicator).flatMap(({ node }) => valueMeasures(indicator, node, year)));
}

function valueMeasures(indicator: Indicator, value: Value, year: number | undefined): Array<Measure<IndicatorRef>> {
    const { text, parsed } = readValue(value);
    // 「10个-20场」 states no number of its own: read as quantities it would say 「-20场」 (value/unparsable says why).
    if (parsed.kind === 'unparsable' && parsed.range) return [];
    return indicatorValueMeasures(indicator.name, text, value.$type === 'TextValue', year, { indicator, value });
}

function specFor(written: TextPromise): IndicatorSpec {
    // 提高到15%, 增长10%: the indicator the drafter proposes too (公众科学素质比例 ≥15%; a rate of change in 效益).
    const change = changeOf(written);
    const promise = measuredForm(written, change);
    return {
        name: indicatorNameFor(promise), alternativeName: alternativeNameFor(promise), value: structuredValueFor(promise),
        ...changeCategoryFor(categoryFor(promise), change, promise.subject)
    };
}

// Named alike, not merely sharing a compound: 形成科技工作者建议 and 科技工作者宣传 share 0.6 and are different things.
const NEAR_NAME_SIMILARITY = 0.75;

/** An indicator named like the promise although its value does not state the number (参与建站院士专家数量). */
function nearestName(promise: TextPromise, names: string[]): string | undefined {
    let best: { name: string; similarity: number } | undefined;
    for (const name of names) {
        const similarity = subjectSimilarity(promise.subject, name);
        if (similarity >= NEAR_NAME_SIMILARITY && (!best || similarity > best.similarity)) best = { name, similarity };
    }
    return best?.name;
}

function reportUnmeasured({ unit, source, promise }: Item, nearest: string | undefined, literals: Literals, accept: ValidationAcceptor): void {
    const code = unit.task ? TextConsistencyCode.unmeasuredPromise : TextConsistencyCode.unmeasuredGoal;
    const data: UnmeasuredData = { code, ...specFor(promise) };
    const words = source.node.text.slice(promise.span[0], promise.span[1]);
    const why = nearest ? `指标「${nearest}」名称相近，但其值中没有这一数值` : '没有同单位、同数值、名称相近的指标';
    accept(unit.task ? 'info' : 'warning',
        `${source.label}承诺「${words}」，但没有三级指标衡量它（${why}）。`
        + `文本中的量化目标应细化为绩效指标（88号第九条：细化量化、相应匹配），如「${data.name}」${data.value}。`,
        { node: source.node, range: stringRange(source.node, 'text', promise.span, literals), code, data });
}

function reportUnmeasuredTask(task: Task, items: Item[], measured: number, accept: ValidationAcceptor): void {
    const code = TextConsistencyCode.unmeasuredTask;
    const data: UnmeasuredTaskData = { code, indicators: items.map(i => specFor(i.promise)) };
    const total = items.length + measured;
    const shown = items.slice(0, 3).map(i => `「${i.source.node.text.slice(i.promise.span[0], i.promise.span[1])}」`).join('');
    const coverage = measured === 0 ? '没有一项有三级指标衡量' : `只有${measured}项有三级指标衡量`;
    accept('warning',
        `${named('任务', task.name)}的文本承诺了${total}项量化目标，${coverage}（未衡量的如${shown}${items.length > 3 ? '等' : ''}）：`
        + '这项重点工作的大部分产出在绩效指标中无从考核（88号第九条：细化量化、相应匹配）。',
        { node: task, property: 'name', code, data });
}

function reportContradiction({ source, promise }: Item, measure: Measure<IndicatorRef>, year: number | undefined, literals: Literals, accept: ValidationAcceptor): void {
    const code = TextConsistencyCode.contradictingIndicator;
    const { indicator, value } = measure.ref;
    const prose = value.$type === 'TextValue';
    const others = sameNumberElsewhere(measure, year, literals);
    const data: ContradictionData = { code, value: structuredValueFor(promise), textWords: exactWords(promise), prose, others };
    const words = source.node.text.slice(promise.span[0], promise.span[1]);
    const range = prose ? stringRange(value, 'text', measure.promise.quantitySpan, literals) : undefined;
    accept('warning',
        `指标「${indicator.name}」写的是「${measure.promise.text}」，而${source.label}写的是「${words}」：同一事项，数值不一致。`
        + '请核对后统一，指标值应与文本承诺相符（88号第九条：相应匹配）。',
        { node: value, range, code, data });
}

/**
 * The text's words for a number, without its hedge: 约1200项 becomes 不少于1200项, the lower bound the structured value
 * (≥1200项) states too; a hedge written into an indicator would be a value/hedged finding of its own.
 */
function exactWords(promise: TextPromise): string {
    if (promise.kind !== 'quantity' || !promise.approximate) return promise.text;
    return `不少于${formatNumber(promise.value)}${promise.unit ?? ''}${promise.per ? `/${promise.per}` : ''}`;
}

const sameTarget = (a: TextPromise, b: TextPromise) => a.kind === 'date' && b.kind === 'date' ? a.date === b.date
    : a.kind === 'quantity' && b.kind === 'quantity' && a.value === b.value && a.unit === b.unit;

/**
 * Where the indicator's other cell (实施周期 beside 年度) states the contradicted number too: changing one cell alone
 * would leave the two disagreeing (value/period-annual-mismatch).
 */
function sameNumberElsewhere(measure: Measure<IndicatorRef>, year: number | undefined, literals: Literals): ContradictionData['others'] {
    const { indicator, value } = measure.ref;
    const other = value === indicator.period ? indicator.annual : value === indicator.annual ? indicator.period : undefined;
    const twin = other && valueMeasures(indicator, other, year).find(m => sameTarget(m.promise, measure.promise));
    if (!other?.$cstNode || !twin) return [];
    const prose = other.$type === 'TextValue';
    const document = AstUtils.getDocument(other).textDocument;
    const range = prose ? stringRange(other, 'text', twin.promise.quantitySpan, literals)
        : { start: document.positionAt(other.$cstNode.offset), end: document.positionAt(other.$cstNode.end) };
    return range ? [{ range, prose }] : [];
}

/**
 * Each string literal's value offsets (valueOffsets), worked out once per check: every promise of a text reported
 * asks for the same literal's, and a text has thousands of promises.
 */
type Literals = Map<CstNode, readonly number[]>;

/** The range of `span` (offsets in the string's value) inside the string literal of `node.property`. */
function stringRange(node: AstNode, property: string, span: readonly [number, number], literals: Literals): Range | undefined {
    const cst = GrammarUtils.findNodeForProperty(node.$cstNode, property);
    if (!cst) return undefined;
    let offsets = literals.get(cst);
    if (!offsets) literals.set(cst, offsets = valueOffsets(cst.text));
    const document = AstUtils.getDocument(node).textDocument;
    const start = offsets[span[0]];
    const last = offsets[Math.max(span[0], span[1] - 1)];
    if (start === undefined || last === undefined) return undefined;
    return { start: document.positionAt(cst.offset + start), end: document.positionAt(cst.offset + last + 1) };
}

/**
 * Source offset (from the opening quote) of each character of a STRING's value. Only "…" strings have escapes
 * (\" and \\): there one value character takes two source characters.
 */
function valueOffsets(literal: string): number[] {
    const offsets: number[] = [];
    const escapes = literal.startsWith('"');
    for (let i = 1; i < literal.length - 1; i++) {
        if (escapes && literal[i] === '\\') i++;
        offsets.push(i);
    }
    offsets.push(literal.length - 1);
    return offsets;
}
