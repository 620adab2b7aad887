import { compact } from './cells.js';
import { lineSpan, type SourceCell, type SourceTable } from './source.js';
import { linesOf } from './tsv-table.js';
import { departmentSection, indicatorHeading, level1Label, level2Label, taskHeading, type DepartmentSection } from './vocabulary.js';

// Text extracted from a PDF of the 部门整体 table (SEED003): no tabs; a cell's text is wrapped over several lines at
// the cell's width; cells on one line are separated by spaces; labels are wrapped too (「部门预算支\n出」). This
// module rebuilds the logical rows of the official layout from the lines, guided by the layout's words, and hands
// them to the same recogniser as every other input. Each rebuilt cell names the lines it came from.

interface Line {
    no: number;
    text: string;
}

interface Token {
    text: string;
    line: number;
}

/** Labels that PDF wrapping splits over lines; a line that is a proper prefix of one is joined with the next. */
const WRAPPED_LABELS = [
    '部门预算支出', '事业发展性支出', '财政专项资金', '其他事业发展性支出', '按预算级次划分', '拟用于对下转移支付资金',
    '预算整体情况', '总体绩效目标', '年度重点工作任务', '其他需完成的任务（可选填）', '其他需完成的任务（可选项）',
    '其他需完成的任务(可选填)', '其他需完成的任务(可选项)', '预算金额（万元）', '期望达到的目标（概述）', '拟投入的资金（万元）'
];

function joinWrappedLabels(lines: Line[]): Line[] {
    const out: Line[] = [];
    for (let i = 0; i < lines.length; i++) {
        let text = lines[i]!.text;
        let j = i;
        while (j + 1 < lines.length && WRAPPED_LABELS.some(label => label.startsWith(compact(text)) && label !== compact(text)
            && label.startsWith(compact(text + lines[j + 1]!.text)))) {
            text = compact(text + lines[++j]!.text);
        }
        out.push({ no: lines[i]!.no, text });
        i = j;
    }
    return out;
}

const tokensOf = (line: Line): Token[] => line.text.split(/[ \t\u3000]+/).filter(Boolean).map(text => ({ text, line: line.no }));

class RowBuilder {
    readonly rows: SourceCell[][] = [];
    readonly notes: Array<{ where: string; message: string }> = [];

    add(cells: Array<{ text: string; first: number; last: number } | null>): void {
        const row = this.rows.length;
        this.rows.push(cells.map((cell, col) => cell
            ? { text: cell.text, where: lineSpan(cell.first, cell.last), row, col, place: { kind: 'line' as const, line: cell.first, ...(cell.last !== cell.first ? { endLine: cell.last } : {}) } }
            : { text: '', where: '', row, col }));
    }
}

const tokenCell = (token: Token) => ({ text: token.text, first: token.line, last: token.line });
const linesCell = (lines: readonly Line[], text = lines.map(l => l.text).join('')) =>
    lines.length ? { text, first: lines[0]!.no, last: lines[lines.length - 1]!.no } : null;

/** Whether text is probably this kind: a 部门整体 table with its labels on lines of their own. */
export function looksLikePdfDepartment(text: string): boolean {
    const labels = joinWrappedLabels(nonBlank(text)).filter(line => departmentSection(line.text.split(/\s+/)[0]!) !== null);
    return labels.length >= 3;
}

function nonBlank(text: string): Line[] {
    return linesOf(text).map((t, i) => ({ no: i + 1, text: t.trim() })).filter(line => line.text !== '');
}

export function readPdfDepartment(text: string): SourceTable {
    const lines = joinWrappedLabels(nonBlank(text));
    const b = new RowBuilder();
    const sections: Array<{ section: DepartmentSection | 'head'; label: Line | null; rest: Line | null; lines: Line[] }> = [
        { section: 'head', label: null, rest: null, lines: [] }
    ];
    for (const line of lines) {
        const [first = ''] = line.text.split(/[ \t\u3000]+/);
        // The whole line is a label (「备注:1.…」 and 「部门名称：…」 keep their inline text for the recogniser), or the
        // line starts with one and the rest of it is the first cell (「部门名称 广州市…」).
        const whole = departmentSection(line.text);
        const section = whole ?? departmentSection(first);
        const current = sections[sections.length - 1]!;
        // A repeated 绩效指标 label (page break) stays inside its section.
        if (section && !(section === 'indicators' && current.section === 'indicators')) {
            const rest = whole ? '' : line.text.slice(first.length).trim();
            sections.push({ section, label: { no: line.no, text: whole ? line.text : first }, rest: rest ? { no: line.no, text: rest } : null, lines: [] });
        } else {
            current.lines.push(line);
        }
    }
    for (const s of sections) {
        const label = s.label ? { text: s.label.text, first: s.label.no, last: s.label.no } : null;
        const body = s.rest ? [s.rest, ...s.lines] : s.lines;
        switch (s.section) {
            case 'head':
                for (const line of s.lines) b.add([linesCell([line])]);
                break;
            case 'unit': case 'overallGoal': case 'otherTasks':
                b.add([label, linesCell(body)]);
                break;
            case 'remark':
                b.add([label, linesCell(body, body.map(l => l.text).join('\n'))]);
                break;
            case 'basicInfo': case 'budget':
                b.add([label, ...body.flatMap(tokensOf).map(tokenCell)]);
                break;
            case 'tasks':
                readTasks(b, label, body);
                break;
            case 'indicators':
                readIndicators(b, label, body);
                break;
        }
    }
    return { name: null, rows: b.rows, extracted: true, notes: b.notes };
}

// ── 年度重点工作任务 ──────────────────────────────────────────────────────────────────────────────────────────────

const isAmountLine = (line: Line) => /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/.test(compact(line.text));
const endsSentence = (line: Line) => /[。.!！?？]$/.test(line.text);

/** Display width (CJK counts two): a 名称 cell is narrow, so its wrapped lines are short. */
function width(text: string): number {
    let w = 0;
    for (const ch of text) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
    return w;
}
const NAME_WIDTH = 12;
const isNameLine = (line: Line) => width(compact(line.text)) <= NAME_WIDTH && !isAmountLine(line) && !/[。；;，,]$/.test(line.text);

/**
 * Tasks: 名称 (short wrapped lines), 主要实施内容 (lines up to the amount), 拟投入的资金 (a line holding only a
 * number), 期望达到的目标 (lines up to a sentence end followed by the next task's short name line).
 */
function readTasks(b: RowBuilder, label: ReturnType<typeof tokenCell> | null, body: Line[]): void {
    let i = 0;
    const header = body[0] && tokensOf(body[0]).some(t => taskHeading(t.text) === 'content') ? body[i++] : undefined;
    b.add([label, ...(header ? tokensOf(header).map(tokenCell) : [])]);
    while (i < body.length) {
        const name: Line[] = [];
        while (i < body.length && isNameLine(body[i]!)) name.push(body[i++]!);
        const content: Line[] = [];
        while (i < body.length && !isAmountLine(body[i]!)) content.push(body[i++]!);
        const amount = i < body.length ? body[i++]! : undefined;
        const goal: Line[] = [];
        while (i < body.length) {
            goal.push(body[i++]!);
            if (endsSentence(goal[goal.length - 1]!) && (i >= body.length || isNameLine(body[i]!))) break;
        }
        b.add([null, linesCell(name), linesCell(content), amount ? linesCell([amount]) : null, linesCell(goal)]);
    }
}

// ── 绩效指标 ──────────────────────────────────────────────────────────────────────────────────────────────────────

interface IndicatorRecord {
    level1: Token | null;
    level2: Token | null;
    name: Token[];
    /** value chunks, line by line */
    values: Token[][];
    /** the values as read: one text per value column */
    split: string[] | null;
}

/** A 一级/二级 label at the start of a line; short names (社会效益) are 三级 names here, the PDF tables spell labels out. */
const isLabel = (text: string) => [level1Label(text), level2Label(text)].some(label => label !== null && label.written !== label.category.shortName);
const isParenthesised = (text: string) => /^[（(][^（()）]{0,12}[）)]$/.test(text);

/**
 * Indicator rows: leading 一级/二级 labels (alone on a line, they apply to the next row), then the 三级 name (its
 * wrapped tail may be a line like 「（次）」), then the values. When the values wrap, 实施周期 and 年度 follow each
 * other without a boundary; they are nearly always equal (RULES §3.4), so the joined text splitting into two equal
 * halves marks the end of the row. Values that differ stay joined in 实施周期 with a note in the report.
 */
function readIndicators(b: RowBuilder, label: ReturnType<typeof tokenCell> | null, body: Line[]): void {
    let columns = 2;
    const pending: { level1: Token | null; level2: Token | null } = { level1: null, level2: null };
    let current: IndicatorRecord | null = null;
    if (label) b.add([label]);

    const flushPending = () => {
        if (pending.level1 || pending.level2) {
            b.add([null, pending.level1 && tokenCell(pending.level1), pending.level2 && tokenCell(pending.level2)]);
        }
        pending.level1 = pending.level2 = null;
    };
    const close = () => {
        if (current) emitRecord(b, current, columns);
        current = null;
    };

    for (const line of body) {
        const tokens = tokensOf(line);
        const headings = tokens.map(t => indicatorHeading(t.text));
        if (headings.includes('level3')) {
            close();
            flushPending();
            columns = headings.includes('single') ? 1 : 2;
            b.add([null, ...tokens.map(tokenCell)]);
            continue;
        }
        let k = 0;
        while (k < tokens.length && compact(tokens[k]!.text) === '绩效指标') {
            close();
            b.add([tokenCell(tokens[k++]!)]);
        }
        const labelStart = k;
        while (k < tokens.length && isLabel(tokens[k]!.text)) k++;
        if (k > labelStart) {
            close();
            // Labels gather until a row uses them; a second label of the same level starts a row of its own (an empty
            // block such as 生态效益指标). 成本指标, 一级 or 二级, waits in the 二级 slot: the recogniser decides.
            for (const token of tokens.slice(labelStart, k)) {
                if (level1Label(token.text) && !level2Label(token.text)) {
                    if (pending.level1 || pending.level2) flushPending();
                    pending.level1 = token;
                } else {
                    if (pending.level2) flushPending();
                    pending.level2 = token;
                }
            }
        }
        const rest = tokens.slice(k);
        if (rest.length === 0) continue;
        if (current === null || (current as IndicatorRecord).split !== null) {
            close();
            current = { level1: pending.level1, level2: pending.level2, name: [rest[0]!], values: rest.length > 1 ? [rest.slice(1)] : [], split: null };
            pending.level1 = pending.level2 = null;
        } else if (current.values.length === 0 && rest.length === 1 && isParenthesised(rest[0]!.text)) {
            current.name.push(rest[0]!);
        } else {
            current.values.push(rest);
        }
        current.split = completeValues(current.values, columns);
    }
    close();
    flushPending();
}

/** The values of a row once they are complete, or null while more lines may follow. */
function completeValues(values: Token[][], columns: number): string[] | null {
    if (values.length === 0) return null;
    if (values.length === 1 && values[0]!.length === columns) return values[0]!.map(t => t.text);
    if (columns === 1) return [values.flat().map(t => t.text).join('')];
    const joined = values.flat().map(t => t.text).join('');
    const half = joined.length / 2;
    if (Number.isInteger(half) && joined.slice(0, half) === joined.slice(half)) return [joined.slice(0, half), joined.slice(half)];
    return null;
}

function emitRecord(b: RowBuilder, record: IndicatorRecord, columns: number): void {
    const lines = record.values.flat().map(t => t.line);
    const first = Math.min(...lines);
    const last = Math.max(...lines);
    let values: Array<{ text: string; first: number; last: number } | null>;
    if (record.split) {
        values = record.split.map(text => ({ text, first, last }));
    } else if (record.values.length === 0) {
        values = [];
    } else {
        // Incomplete: the values did not split into equal halves. Keep all of it in the first value cell; the
        // recogniser reports nothing lost, and the reader sees the joined text in 实施周期.
        values = [{ text: record.values.flat().map(t => t.text).join(''), first, last }];
        if (columns > 1) {
            values.push(null);
            b.notes.push({ where: lineSpan(first, last), message: '实施周期与年度指标值折行后首尾相接，两者又不相同，无法分开：全文放在实施周期指标值，请核对。' });
        }
    }
    const name = { text: record.name.map(t => t.text).join(''), first: record.name[0]!.line, last: record.name[record.name.length - 1]!.line };
    b.add([null, record.level1 && tokenCell(record.level1), record.level2 && tokenCell(record.level2), name, ...values]);
}
