// Hover on a 指标值: how the value parser reads it (`"不少于96场次"` → ≥ 96 场次), and for a value that cannot be
// checked, which word makes it so and what a measurable form would look like.
import type { Value } from '../generated/ast.js';
import { formatNumber, toChineseNumeral } from '../domain/numbers.js';
import { unitKind } from '../domain/units.js';
import { findVagueWords } from '../domain/vague-words.js';
import type { DateTarget, Operator, ParsedValue, Quantity } from '../domain/values.js';
import { displayOf, vagueRewrites } from '../validation/measurability-rewrites.js';
import { isDeadlineWithoutYear, level2CodeOf, readValue, vagueWordsOf, yearOf } from '../validation/values-context.js';
import { countUnitIn, structuredFormOf } from '../validation/values.js';
import { md, mdCode } from './hover-markdown.js';

const OPERATOR_WORDS: Record<Operator, string> = { '≥': '不少于', '≤': '不超过', '>': '多于', '<': '少于', '=': '等于' };

const ROLE_LABELS: Record<string, string> = {
    value: '指标值（实施周期与年度相同）',
    period: '实施周期指标值',
    annual: '年度指标值'
};

function numberOf(q: Pick<Quantity, 'value' | 'unit'>): string {
    // Levels are read in Chinese numerals (≥ 二 级), as on the scales they come from.
    return unitKind(q.unit) === 'grade' ? toChineseNumeral(q.value) : formatNumber(q.value);
}

function unitOf(q: Pick<Quantity, 'unit' | 'per'>): string {
    const unit = `${q.unit ?? ''}${q.per ? `/${q.per}` : ''}`;
    return unit ? ` ${unit}` : '';
}

/** ≥ 96 场次, ≥ 1 次/月, = 180 卷. */
export function quantityReading(q: Quantity): string {
    return `${q.op} ${numberOf(q)}${unitOf(q)}`;
}

function dateReading(d: Pick<DateTarget, 'op' | 'date'>): string {
    return `${d.op} ${d.date}`;
}

/** A one-line reading of any parsed value, for the indicator hover and the outline. */
export function shortReading(parsed: ParsedValue): string {
    switch (parsed.kind) {
        case 'quantity': return quantityReading(parsed);
        case 'range': return `${formatNumber(parsed.min)} ～ ${formatNumber(parsed.max)}${parsed.unit ? ` ${parsed.unit}` : ''}`;
        case 'date': return dateReading(parsed);
        case 'compound': return parsed.parts.map(quantityReading).join('；');
        case 'qualitative':
            if (parsed.grade) return `定性：等级「${parsed.grade}」`;
            if (parsed.milestone) return `定性：里程碑「${parsed.milestone}」`;
            return parsed.original.trim() === '保密项目' ? '保密项目' : '定性描述（无分级、无里程碑）';
        case 'unparsable': return '无法读取';
        case 'empty': return '空';
    }
}

/** What a date target's note means, in the words of the table's author. */
function dateNote(text: string, parsed: DateTarget, year: number | undefined): string | undefined {
    const note = parsed.note;
    if (!note) return undefined;
    if (note.includes('ambiguous')) {
        const word = findVagueWords(text, { kinds: ['deadline'] })[0]?.word ?? text;
        const first = `${parsed.date.slice(0, 8)}01`;
        return `「${md(word)}」有两种理解：${first} 之前，或 ${parsed.date} 之前（含当月）；这里按后者读，请写明具体日期。`;
    }
    if (note.includes('budget year')) return `没有写年份，按申报年度${year ? ` ${year} ` : ''}读。`;
    if (note.includes('year only')) return '只写了年份，按该年 12 月 31 日读。';
    return '这是推定的读法，请写明具体日期。';
}

function approximateLines(text: string, parsed: ParsedValue): string[] {
    const hedged = parsed.kind === 'quantity' ? parsed.approximate : parsed.kind === 'compound' && parsed.parts.some(p => p.approximate);
    if (!hedged) return [];
    const words = [...new Set(findVagueWords(text, { kinds: ['hedge'] }).map(m => `「${md(m.word)}」`))].join('') || '约数';
    return [`约数：${words}，年底无法判定是否完成；请写明确切目标（≥ 或 =）。`];
}

function qualitativeLines(node: Value, text: string, parsed: Extract<ParsedValue, { kind: 'qualitative' }>): string[] {
    if (parsed.grade) return [`读作：定性目标，等级「${md(parsed.grade)}」（可考核）`];
    if (parsed.milestone) return [`读作：定性目标，里程碑「${md(parsed.milestone)}」（可考核）`];
    if (text.trim() === '保密项目') return ['读作：保密项目的占位内容，不作检查'];
    const vague = vagueWordsOf({ text, parsed });
    if (vague.length > 0) {
        const words = [...new Set(vague.map(m => `「${md(m.word)}」`))].join('');
        const indicator = node.$container;
        const year = yearOf(node);
        const rewrites = vagueRewrites([...new Set(vague.map(m => m.entry.id))], level2CodeOf(indicator) ?? null, year,
            countUnitIn(indicator.name ?? ''), 3, indicator.name ?? '');
        return [
            '读作：定性描述，无法考核',
            `模糊词：${words}——没有数值、等级或里程碑，年底无法判断是否完成。`,
            ...(rewrites.length ? [`可改为（示例）：${rewrites.map(r => mdCode(displayOf(r.parts))).join('、')}`] : [])
        ];
    }
    if (isDeadlineWithoutYear({ text, parsed })) {
        return ['读作：没有年份的时限；请在声明中写明年度（如 年度 2024），或写成 ≤YYYY-12-31。'];
    }
    return ['读作：定性描述，既没有分级（优/良/合格…），也没有可验证的里程碑（完成、通过验收、印发…）'];
}

function readingLines(node: Value, text: string, parsed: ParsedValue): string[] {
    switch (parsed.kind) {
        case 'quantity':
            return [`读作：**${md(quantityReading(parsed))}**（${OPERATOR_WORDS[parsed.op]} ${numberOf(parsed)}${unitOf(parsed)}）`,
                ...approximateLines(text, parsed)];
        case 'range':
            return [`读作：**${md(shortReading(parsed))}**（区间）`];
        case 'date': {
            const note = dateNote(text, parsed, yearOf(node));
            return [`读作：**${md(dateReading(parsed))}**（时限）`, ...(note ? [note] : [])];
        }
        case 'compound':
            return [`读作：${parsed.parts.length} 个数量——${parsed.parts.map(p => `**${md(quantityReading(p))}**`).join('；')}`,
                '一个三级指标只考核一项内容，宜拆分为多个三级指标。', ...approximateLines(text, parsed)];
        case 'qualitative':
            return qualitativeLines(node, text, parsed);
        case 'unparsable':
            return ['读作：无法读取为数量、区间、日期或定性目标'];
        case 'empty':
            return ['读作：空值'];
    }
}

/** The hover of one value node. */
export function valueHover(node: Value): string {
    const { text, parsed } = readValue(node);
    const role = ROLE_LABELS[node.$containerProperty ?? 'value'] ?? '指标值';
    const lines = [`**${role}**：${mdCode(text)}`, ...readingLines(node, text, parsed)];
    if (node.$type === 'TextValue') {
        const structured = structuredFormOf(text, parsed);
        if (structured && structured !== text) lines.push(`可写成：${mdCode(structured)}`);
    }
    return lines.join('\n\n');
}
