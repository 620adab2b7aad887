// Quick-fixes for the 指标值 checks (language/validation/values.ts). Each reads what the check put in
// `diagnostic.data` and the document; each leaves a file that parses. Where the user must supply a number the edit
// carries a snippet (the number selected) and a fallback with the 〔待填〕 placeholder, which is a warning, not an error.
import { AstUtils, GrammarUtils, type LangiumDocument } from 'langium';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { isIndicator, isLevel1Group, isLevel2Block, type Document, type Indicator, type Level2Block } from '../../generated/ast.js';
import { findVagueWords, rewritesFor, SOFT_TARGET, vagueEntries } from '../../domain/vague-words.js';
import { level2ByName } from '../../domain/taxonomy.js';
import { formatQuantity } from '../../domain/values.js';
import { quote } from '../../value-converter.js';
import { displayOf, level2Rewrites, templateOf, type Rewrite, type TemplatePart } from '../../validation/measurability-rewrites.js';
import { countUnitIn, DSL_UNIT, ValueCode } from '../../validation/values.js';
import { level2CodeOf, PLACEHOLDER, yearOf } from '../../validation/values-context.js';
import type { FixEdit, FixRegistry, QuickFix } from '../quick-fix.js';
import { isClosed } from './not-applicable.js';
import { escapeSnippet, indentAt, INDENT, insertAt, lineEnd, lineStart, nextLineStart, nodeAt, rangeOf, startsLine } from './text-layout.js';

type Doc = LangiumDocument<Document>;

// ─── shared helpers (also used by the measurability fixes) ──────────────────────────────────────────────────────

/** The indicator a diagnostic stands on (its name or one of its values). */
export function indicatorAt(document: Doc, diagnostic: Diagnostic): Indicator | undefined {
    return nodeAt(document, diagnostic.range, isIndicator);
}

// What the DSL writes unquoted: a date target, or operator + number + unit (≥96场次, ≥90%, ≤2024-12-31).
const STRUCTURED = /^[≥≤<>=]?(?:[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]+(?:\.[0-9]+)?(?:%|[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z/·]*)?)$/;

/** A template whose slots are numbers and that reads as a structured value once they are filled in. */
function isStructured(parts: TemplatePart[]): boolean {
    const slots = parts.filter(p => typeof p !== 'string');
    return slots.length <= 1 && slots.every(s => !s.text) && STRUCTURED.test(parts.map(p => typeof p === 'string' ? p : p.fallback ?? '1').join(''));
}

/**
 * The value text of a template: `newText` fills each slot with its default or 〔待填〕; `snippet` makes each slot a
 * tab stop. A template that is one operator, number and unit is written unquoted (the DSL's structured form) once
 * the number is known; until then the fallback is a quoted placeholder.
 */
export function renderTemplate(parts: TemplatePart[]): { newText: string; snippet?: string } {
    const filled = parts.map(p => typeof p === 'string' ? p : p.fallback ?? PLACEHOLDER).join('');
    const complete = parts.every(p => typeof p === 'string' || p.fallback !== null);
    const structured = isStructured(parts);
    const newText = structured && complete ? filled : quote(filled);
    if (!parts.some(p => typeof p !== 'string')) return { newText };
    let stop = 0;
    const inner = parts.map(p => typeof p === 'string'
        ? escapeSnippet(structured ? p : quote(p).slice(1, -1))
        : `\${${++stop}:${escapeSnippet(p.fallback ?? (structured ? p.label : PLACEHOLDER))}}`).join('');
    return { newText, snippet: structured ? inner : `"${inner}"` };
}

export function replaceWith(range: Range, parts: TemplatePart[]): FixEdit {
    return { range, ...renderTemplate(parts) };
}

/** A fix that replaces the diagnostic's value by `parts`; its title shows the text the fix writes. */
function templateFix(action: string, diagnostic: Diagnostic, parts: TemplatePart[]): QuickFix {
    return { title: `${action}「${displayOf(parts)}」`, edits: [replaceWith(diagnostic.range, parts)] };
}

/** Fixes that replace the diagnostic's value by each rewrite. */
export function rewriteFixes(diagnostic: Diagnostic, rewrites: Rewrite[]): QuickFix[] {
    return rewrites.map((r, i) => ({
        title: `改写为「${displayOf(r.parts)}」`,
        edits: [replaceWith(diagnostic.range, r.parts)],
        isPreferred: i === 0
    }));
}

const slot = (label: string, fallback: string | null = null): TemplatePart => ({ label, fallback });
const textSlot = (label: string): TemplatePart => ({ label, fallback: null, text: true });

/** `"名称" 实施周期：A` → `"名称"：A`: one value for both cells, as the printer writes equal values. */
function writeOnce(document: Doc, indicator: Indicator, valueSource: string): FixEdit | undefined {
    const name = GrammarUtils.findNodeForProperty(indicator.$cstNode, 'name');
    const last = indicator.annual ?? indicator.period ?? indicator.value;
    if (!name || !last?.$cstNode) return undefined;
    return { range: rangeOf(document, name.end, last.$cstNode.end), newText: `：${valueSource}` };
}

// ─── presence ────────────────────────────────────────────────────────────────────────────────────────────────

const valueSlot = (rate: boolean): TemplatePart[] => rate ? ['≥', slot('数值'), '%'] : [textSlot('指标值')];

function fixMissing(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const rate = (diagnostic.data as { rate?: boolean }).rate === true;
    const indicator = indicatorAt(document, diagnostic);
    const template = valueSlot(rate);
    const { newText, snippet } = renderTemplate(template);
    const title = rate ? '填写百分比指标值' : '填写指标值';
    if (indicator && !indicator.value && !indicator.period && !indicator.annual) {
        // The diagnostic is on the name: insert after it.
        return [{ title, edits: [{ range: { start: diagnostic.range.end, end: diagnostic.range.end }, newText: `：${newText}`, snippet: snippet && `：${snippet}` }] }];
    }
    return [{ title, edits: [{ range: diagnostic.range, newText, snippet }] }];
}

function fixMissingHalf(missing: '年度' | '实施周期') {
    return (diagnostic: Diagnostic, document: Doc): QuickFix[] => {
        const indicator = indicatorAt(document, diagnostic);
        const source = (diagnostic.data as { source?: string }).source;
        if (!indicator || !source) return [];
        const fixes: QuickFix[] = [];
        const once = writeOnce(document, indicator, source);
        const other = missing === '年度' ? '实施周期' : '年度';
        if (once) fixes.push({ title: `${missing}指标值与${other}相同：合写为一个值`, edits: [once], isPreferred: true });
        const { newText, snippet } = renderTemplate([textSlot('指标值')]);
        if (missing === '年度' && indicator.period?.$cstNode) {
            const at = document.textDocument.positionAt(indicator.period.$cstNode.end);
            fixes.push({ title: '另填年度指标值', edits: [{ range: { start: at, end: at }, newText: ` 年度：${newText}`, snippet: ` 年度：${snippet}` }] });
        }
        const keyword = missing === '实施周期' ? GrammarUtils.findNodeForKeyword(indicator.$cstNode, '年度') : undefined;
        if (keyword) {
            const at = document.textDocument.positionAt(keyword.offset);
            fixes.push({ title: '另填实施周期指标值', edits: [{ range: { start: at, end: at }, newText: `实施周期：${newText} `, snippet: `实施周期：${snippet} ` }] });
        }
        return fixes;
    };
}

// ─── readability ─────────────────────────────────────────────────────────────────────────────────────────────

/** 「不100人」: insert the missing 少于 or 超过 after 不 (seed 002). */
function fixUnparsable(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const fragment = (diagnostic.data as { fragment?: string }).fragment;
    if (!fragment) return [];
    const source = document.textDocument.getText(diagnostic.range);
    const at = source.search(/不(?=[0-9])/);
    if (at < 0) return [];
    const start = document.textDocument.offsetAt(diagnostic.range.start) + at + 1;
    const rest = fragment.slice(1);
    return [['少于', '下限'], ['超过', '上限']].map(([word, meaning]) => ({
        title: `「${fragment}」改为「不${word}${rest}」（${meaning}）`,
        edits: [insertAt(document, start, word!)]
    }));
}

function fixRepeatsName(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const indicator = indicatorAt(document, diagnostic);
    const l2 = (diagnostic.data as { l2?: string | null }).l2 ?? null;
    // A control rate (seed 001 成本控制率) takes a % (RULES §3.7 「成本控制率 ≤100%」), or becomes a unit cost: a sum of
    // money under its name would be value/rate-without-percent.
    if (indicator && (l2 === '14' || l2 === '41') && /控制率/.test(indicator.name)) {
        const weak = vagueEntries().filter(e => e.kind === 'weak').map(e => e.id);
        return [
            { title: '改写为「≤100%」', edits: [{ range: diagnostic.range, newText: '≤100%' }], isPreferred: true },
            ...costRewriteFixes(document, indicator, l2, weak).map(fix => ({ ...fix, isPreferred: false }))
        ];
    }
    const year = indicator ? yearOf(indicator) : undefined;
    return rewriteFixes(diagnostic, level2Rewrites(l2, year, indicator ? countUnitIn(indicator.name) : undefined, indicator?.name));
}

// A RULES §4 rewrite that names what it measures (单场活动成本≤X万元/场) is a 三级 of its own; one that does not
// (≤X元/人次) is a unit cost.
const SUBJECT = /^([\u4e00-\u9fff]+)(?=[≥≤<>=])/;
const UNIT_COST_NAME = '单位成本';

/**
 * A control rate → a unit cost or a 分项成本控制数 (RULES §4, the rewrites of the vague-words.yaml entries `entryIds` for
 * 二级 `l2`), name and value together: a control rate with a sum of money would be value/rate-without-percent. The
 * number is left to fill in (〔待填〕, a tab stop in the snippet); the row is written with one value for both columns.
 */
export function costRewriteFixes(document: Doc, indicator: Indicator, l2: string, entryIds: readonly string[]): QuickFix[] {
    const name = GrammarUtils.findNodeForProperty(indicator.$cstNode, 'name');
    const last = indicator.annual ?? indicator.period ?? indicator.value;
    if (!name || !last?.$cstNode) return [];
    const range = rangeOf(document, name.offset, last.$cstNode.end);
    const year = yearOf(indicator);
    const patterns = vagueEntries().filter(e => entryIds.includes(e.id)).flatMap(e => rewritesFor(e, l2).flatMap(r => r.patterns));
    return patterns.map((pattern, i) => {
        const subject = SUBJECT.exec(pattern)?.[1];
        const newName = quote(subject ?? UNIT_COST_NAME);
        const { newText, snippet } = renderTemplate(templateOf(subject ? pattern.slice(subject.length) : pattern, year));
        return {
            title: `改为${subject ? '分项成本控制数' : '单位成本'}「${newName}：${newText.replace(/^"|"$/g, '')}」`,
            edits: [{ range, newText: `${newName}：${newText}`, snippet: snippet && `${newName}：${snippet}` }],
            isPreferred: i === 0
        };
    });
}

// ─── kinds ───────────────────────────────────────────────────────────────────────────────────────────────────

function fixRateWithoutPercent(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const percent = (diagnostic.data as { percent?: string | null }).percent;
    const fixes: QuickFix[] = [];
    if (percent) fixes.push({ title: `改为百分比「${percent}」`, edits: [{ range: diagnostic.range, newText: percent }], isPreferred: true });
    // A control rate caps what is spent (成本控制率 ≤100%, RULES §4); other rates are reached (合格率 ≥95%).
    const capped = /控制率/.test(indicatorAt(document, diagnostic)?.name ?? '');
    fixes.push(templateFix('改为百分比', diagnostic, [capped ? '≤' : '≥', slot('数值'), '%']));
    return fixes;
}

function fixPercentUnderCount(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const data = diagnostic.data as { rate?: boolean; target?: string; unit?: string };
    if (!data.rate) {
        const unit = data.unit ?? '个';
        return [templateFix('改为数量', diagnostic, ['≥', slot('数值'), unit])];
    }
    const indicator = indicatorAt(document, diagnostic);
    const edits = indicator && data.target ? moveIndicator(document, indicator, data.target) : undefined;
    return edits ? [{ title: `移到${data.target}`, edits, isPreferred: true }] : [];
}

function fixTimeWithoutDeadline(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const indicator = indicatorAt(document, diagnostic);
    const year = indicator ? yearOf(indicator) : undefined;
    const deadline: TemplatePart[] = year ? [`≤${year}-12-31`] : ['≤', slot('年份'), '年12月31日'];
    const fixes: QuickFix[] = [{ title: `改为完成时限「${displayOf(deadline)}」`, edits: [replaceWith(diagnostic.range, deadline)] }];
    // Under 数量指标 a rate is a finding of its own (value/percent-under-count): the fix would trade one for another.
    if (!indicator || level2CodeOf(indicator) !== '11') {
        fixes.push({ title: '改为及时率「及时率=100%」', edits: [{ range: diagnostic.range, newText: quote('及时率=100%') }] });
    }
    if (indicator && /响应/.test(indicator.name)) {
        fixes.push(templateFix('改为响应时长', diagnostic, ['≤', slot('数值'), '小时']));
    }
    return fixes;
}

function fixCostWithoutMoney(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    // A rate's value is its %: a sum of money under its name would be value/rate-without-percent. A control rate
    // caps what is spent (≤100%, RULES §3.7); another cost rate (政府采购节支率) is reached.
    if ((diagnostic.data as { rate?: boolean }).rate === true) {
        const capped = /控制率/.test(indicatorAt(document, diagnostic)?.name ?? '');
        return capped
            ? [{ title: '改为「≤100%」', edits: [{ range: diagnostic.range, newText: '≤100%' }], isPreferred: true }]
            : [templateFix('改为比率', diagnostic, ['≥', slot('数值'), '%'])];
    }
    return [
        templateFix('改为金额上限', diagnostic, ['≤', slot('数值'), '万元']),
        templateFix('改为单位成本', diagnostic, ['≤', slot('数值'), '元/人次'])
    ];
}

function fixSatisfaction(diagnostic: Diagnostic): QuickFix[] {
    return [{ title: '改为「≥90%」', edits: [{ range: diagnostic.range, newText: '≥90%' }], isPreferred: true }];
}

// ─── form ────────────────────────────────────────────────────────────────────────────────────────────────────

function fixHedged(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const whole = (diagnostic.data as { whole?: { value: number; unit: string | null; per: string | null } | null }).whole;
    if (whole && !whole.per && DSL_UNIT.test(whole.unit ?? '')) {
        const q = { value: whole.value, unit: whole.unit, per: null, hedge: null, approximate: false };
        const atLeast = formatQuantity({ ...q, op: '≥' });
        const exactly = `=${formatQuantity({ ...q, op: '=' })}`;
        return [
            { title: `改为「${atLeast}」（不少于）`, edits: [{ range: diagnostic.range, newText: atLeast }], isPreferred: true },
            { title: `改为「${exactly}」（恰好）`, edits: [{ range: diagnostic.range, newText: exactly }] }
        ];
    }
    return inTextHedgeFixes(diagnostic, document);
}

const NUMBER_CHAR = /[0-9.,〇零一二两三四五六七八九十百千万亿]/;

/** In prose, each 约/近 and 余/多 becomes 不少于 before the number, or is dropped (the number is meant exactly). */
function inTextHedgeFixes(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const source = document.textDocument.getText(diagnostic.range);
    const base = document.textDocument.offsetAt(diagnostic.range.start);
    const hedges = findVagueWords(source, { kinds: ['hedge'] }).filter(m => m.word !== '左右');
    if (hedges.length === 0) return [];
    if (hedges.every(h => h.entry.id === SOFT_TARGET)) {
        const words = [...new Set(hedges.map(h => `「${h.word}」`))].join('');
        return [{ title: `去掉${words}`, edits: hedges.map(h => ({ range: rangeOf(document, base + h.start, base + h.end), newText: '' })), isPreferred: true }];
    }
    const atLeast: FixEdit[] = [];
    const exact: FixEdit[] = [];
    for (const h of hedges) {
        const range = rangeOf(document, base + h.start, base + h.end);
        exact.push({ range, newText: '' });
        if (h.entry.id === SOFT_TARGET) {
            // 力争不少于20场次: the operator is already there; only the softener goes.
            atLeast.push({ range, newText: '' });
        } else if (h.word === '约' || h.word === '近') {
            atLeast.push({ range, newText: '不少于' });
        } else {
            // 70余场: the number ends where the hedge starts; 不少于 goes before its first digit.
            let start = h.start;
            while (start > 0 && NUMBER_CHAR.test(source[start - 1]!)) start--;
            atLeast.push(insertAt(document, base + start, '不少于'), { range, newText: '' });
        }
    }
    return [
        { title: '约数改为下限（不少于）', edits: atLeast, isPreferred: true },
        { title: '去掉约数词（按确切值）', edits: exact }
    ];
}

function fixWordOperator(diagnostic: Diagnostic): QuickFix[] {
    const replacement = (diagnostic.data as { replacement?: string }).replacement;
    return replacement ? [{ title: `改为「${replacement}」`, edits: [{ range: diagnostic.range, newText: replacement }], isPreferred: true }] : [];
}

/** A value text as the DSL writes it: unquoted when it is the structured form (≥20场次), quoted otherwise. */
const asValueSource = (text: string) => STRUCTURED.test(text) ? text : quote(text);

/** 「举办活动场次」：20 → 20场次, 「参与人次」≥2万 → ≥2万人次: the unit the name ends in, where the check found one. */
function fixNoUnit(diagnostic: Diagnostic): QuickFix[] {
    const suggestion = (diagnostic.data as { suggestion?: string | null }).suggestion;
    if (!suggestion) return [];
    return [{ title: `补上单位：「${suggestion}」`, edits: [{ range: diagnostic.range, newText: asValueSource(suggestion) }], isPreferred: true }];
}

/** ≥20长次 → ≥20场次: the one unit the slip can stand for (values-units.ts unknownUnitFinding). */
function fixUnknownUnit(diagnostic: Diagnostic): QuickFix[] {
    const { unit, replacement } = diagnostic.data as { unit?: string; replacement?: string };
    if (!unit || !replacement) return [];
    return [{ title: `单位改为「${unit}」：「${replacement}」`, edits: [{ range: diagnostic.range, newText: asValueSource(replacement) }], isPreferred: true }];
}

/** 「培训人数」≥20场次 → ≥20人: the unit the name asks for, where name-units.yaml makes it certain. */
function fixUnitMismatch(diagnostic: Diagnostic): QuickFix[] {
    const replacement = (diagnostic.data as { replacement?: string | null }).replacement;
    if (!replacement) return [];
    return [{ title: `改为「${replacement.replace(/^"|"$/g, '')}」`, edits: [{ range: diagnostic.range, newText: replacement }], isPreferred: true }];
}

function fixAmbiguousDeadline(diagnostic: Diagnostic): QuickFix[] {
    const { end, first } = diagnostic.data as { end?: string; first?: string };
    if (!end || !first) return [];
    return [
        { title: `改为「≤${end}」（当月底前）`, edits: [{ range: diagnostic.range, newText: `≤${end}` }], isPreferred: true },
        { title: `改为「<${first}」（当月1日前）`, edits: [{ range: diagnostic.range, newText: `<${first}` }] }
    ];
}

function fixPeriodAnnual(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const indicator = indicatorAt(document, diagnostic);
    const { period, annual } = diagnostic.data as { period?: string; annual?: string };
    if (!indicator || !period || !annual) return [];
    return [
        { title: '以年度指标值为准，合写为一个值', source: annual },
        { title: '以实施周期指标值为准，合写为一个值', source: period }
    ].flatMap(({ title, source }) => {
        const edit = writeOnce(document, indicator, source);
        return edit ? [{ title, edits: [edit] }] : [];
    });
}

// ─── moving an indicator to another 二级 ─────────────────────────────────────────────────────────────────────────

/**
 * Moves an indicator into the 二级 block `target` of the same 一级, creating the block after the current one when
 * there is none. The indicator's own line (with its comment) moves when it stands alone on it.
 */
export function moveIndicator(document: Doc, indicator: Indicator, target: string): FixEdit[] | undefined {
    const text = document.textDocument.getText();
    const block = AstUtils.getContainerOfType(indicator, isLevel2Block);
    const group = AstUtils.getContainerOfType(indicator, isLevel1Group);
    const node = indicator.$cstNode;
    // A block still being typed (no closing brace yet) ends early after recovery: the new block would land inside it.
    if (!block?.$cstNode || !group || !node || !isClosed(text, block.$cstNode.end)) return undefined;
    const alone = startsLine(text, node.offset);
    const end = lineEnd(text, node.end);
    const trailing = text.slice(node.end, end).trim();
    // The whole line goes when the indicator stands alone on it (a trailing comment travels with it).
    const wholeLine = alone && (trailing === '' || trailing.startsWith('//'));
    const moved = text.slice(node.offset, wholeLine ? end : node.end).trim();
    const removal: FixEdit = wholeLine
        ? { range: rangeOf(document, lineStart(text, node.offset), nextLineStart(text, node.end)), newText: '' }
        : { range: rangeOf(document, node.offset, node.end), newText: '' };
    const targetCode = level2ByName(target)?.code;
    const existing = group.blocks.find((b: Level2Block) => b !== block && level2ByName(b.category)?.code === targetCode);
    const blockIndent = indentAt(text, block.$cstNode.offset);
    if (existing?.$cstNode) {
        if (!isClosed(text, existing.$cstNode.end)) return undefined;
        // Not placement.ts's appendToBlock: a brace after content keeps the blanks before it, one-line blocks stay so.
        const close = existing.$cstNode.end - 1;
        const indent = indentAt(text, existing.$cstNode.offset);
        const ownLine = startsLine(text, close);
        const newText = ownLine ? `${indent}${INDENT}${moved}\n` : `\n${indent}${INDENT}${moved}\n${indent}`;
        return [removal, insertAt(document, ownLine ? lineStart(text, close) : close, newText)];
    }
    return [removal, insertAt(document, block.$cstNode.end, `\n${blockIndent}${target} {\n${blockIndent}${INDENT}${moved}\n${blockIndent}}`)];
}

export const valuesFixes: FixRegistry = {
    [ValueCode.missing]: fixMissing,
    [ValueCode.missingAnnual]: fixMissingHalf('年度'),
    [ValueCode.missingPeriod]: fixMissingHalf('实施周期'),
    [ValueCode.unparsable]: fixUnparsable,
    [ValueCode.repeatsName]: fixRepeatsName,
    [ValueCode.rateWithoutPercent]: fixRateWithoutPercent,
    [ValueCode.percentUnderCount]: fixPercentUnderCount,
    [ValueCode.timeWithoutDeadline]: fixTimeWithoutDeadline,
    [ValueCode.costWithoutMoney]: fixCostWithoutMoney,
    [ValueCode.satisfactionLow]: fixSatisfaction,
    [ValueCode.satisfactionFull]: fixSatisfaction,
    [ValueCode.hedged]: fixHedged,
    [ValueCode.wordOperator]: fixWordOperator,
    [ValueCode.ambiguousDeadline]: fixAmbiguousDeadline,
    [ValueCode.unitMismatch]: fixUnitMismatch,
    [ValueCode.noUnit]: fixNoUnit,
    [ValueCode.unknownUnit]: fixUnknownUnit,
    [ValueCode.periodAnnualMismatch]: fixPeriodAnnual
};
