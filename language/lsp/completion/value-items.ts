// The items of the value places: after `"名称"：` (operators and whole values), after an operator (the number or
// date), after a number (units and the range sign). Plain data; the provider turns them into completion items.
import { CompletionItemKind } from 'vscode-languageserver';
import { allUnits, type UnitKind } from '../../domain/units.js';
import type { ValueHint } from './value-hints.js';

export interface ItemSpec {
    label: string;
    /** Inserted as plain text. */
    text: string;
    /** Inserted instead where the client takes snippets (the number to fill in as a tab stop). */
    snippet?: string;
    /** Offered only where the client takes snippets: as plain text it would insert a placeholder word. */
    snippetOnly?: boolean;
    detail: string;
    /** Words the typed text is matched against, label first (≥ is found by 大于等于, dydy, 不少于, bsy …). */
    keys: string[];
    kind: CompletionItemKind;
    sortText: string;
}

const OPERATORS: Array<{ op: string; meaning: string; words: string[] }> = [
    { op: '≥', meaning: '大于等于（不少于、不低于）', words: ['大于等于', '不少于', '不低于'] },
    { op: '≤', meaning: '小于等于（不超过、不高于）', words: ['小于等于', '不超过', '不高于'] },
    { op: '＞', meaning: '大于（超过、高于）', words: ['大于', '超过', '高于'] },
    { op: '＜', meaning: '小于（低于、少于）', words: ['小于', '低于', '少于'] },
    { op: '=', meaning: '等于', words: ['等于'] }
];

const endOfYear = (year: number) => `${year}-12-31`;

/** After `"名称"：`: a whole value where the name tells one, templates with the number to fill, operators. */
export function valueStartItems(hint: ValueHint | undefined, year: number): ItemSpec[] {
    const items: ItemSpec[] = [];
    const op = hint?.op ?? '≥';
    if (hint?.date) {
        const text = `≤${endOfYear(year)}`;
        items.push({ label: text, text, detail: `完成时限：${year}年度末`, keys: [text, '完成时间', '年底'], kind: CompletionItemKind.Value, sortText: '00' });
    }
    const first = hint?.units[0];
    if (hint?.target !== undefined && first) {
        const text = `${op}${hint.target}${first}`;
        items.push({ label: text, text, detail: '常用目标值', keys: [text], kind: CompletionItemKind.Value, sortText: '01' });
    }
    (hint?.units ?? []).slice(0, 3).forEach((unit, i) => {
        items.push({
            label: `${op}N${unit}`, text: `${op}`, snippet: `${op}\${1:数值}${unit}`, snippetOnly: true,
            detail: `数值 + 单位「${unit}」`, keys: [`${op}${unit}`, unit], kind: CompletionItemKind.Snippet, sortText: `1${i}`
        });
    });
    OPERATORS.forEach(({ op: sign, meaning, words }, i) => {
        items.push({
            label: sign, text: sign, detail: meaning, keys: [sign, ...words], kind: CompletionItemKind.Operator,
            sortText: sign === op ? '20' : `2${i + 1}`
        });
    });
    const unit = first ?? '';
    items.push({
        label: `N~M${unit}`, text: '', snippet: `\${1:最小值}~\${2:最大值}${unit}`, snippetOnly: true,
        detail: '范围（~）', keys: ['~', '范围', '区间'], kind: CompletionItemKind.Snippet, sortText: '30'
    });
    return items;
}

/** After an operator: the deadline of a 时效 name, or the number a name proposes with its unit. */
export function afterOperatorItems(hint: ValueHint | undefined, year: number): ItemSpec[] {
    const items: ItemSpec[] = [];
    if (hint?.date) {
        const text = endOfYear(year);
        items.push({ label: text, text, detail: `完成时限：${year}年度末`, keys: [text], kind: CompletionItemKind.Value, sortText: '00' });
    }
    const first = hint?.units[0];
    if (hint?.target !== undefined && first) {
        const text = `${hint.target}${first}`;
        items.push({ label: text, text, detail: '常用目标值', keys: [text], kind: CompletionItemKind.Value, sortText: '01' });
    }
    return items;
}

const KIND_ORDER: UnitKind[] = ['count', 'percent', 'money', 'duration', 'area', 'mass', 'energy', 'grade', 'score'];
const KIND_LABEL: Record<UnitKind, string> = {
    count: '计数单位', percent: '百分比', money: '金额单位', duration: '时长单位', area: '面积单位', mass: '质量单位',
    energy: '能耗单位', grade: '等级', score: '分值', magnitude: '数量级'
};
// What the grammar's Unit takes: the UNIT terminal, or %.
const LEXABLE_UNIT = /^(?:[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z/·]*|%)$/;

/** After a number: the units that fit the name first, then every unit; the range sign where a range may follow. */
export function unitItems(hint: ValueHint | undefined, range: boolean): ItemSpec[] {
    const items: ItemSpec[] = [];
    if (range) {
        items.push({ label: '~', text: '~', detail: '范围：到（如 80~90%）', keys: ['~', '到', '至'], kind: CompletionItemKind.Operator, sortText: '05' });
    }
    const fitting = (hint?.units ?? []).filter(unit => LEXABLE_UNIT.test(unit));
    fitting.forEach((unit, i) => {
        items.push({ label: unit, text: unit, detail: '与指标名称相符的单位', keys: [unit], kind: CompletionItemKind.Unit, sortText: `0${i}` });
    });
    const rest = allUnits()
        .filter(info => info.kind !== 'magnitude' && LEXABLE_UNIT.test(info.unit) && !fitting.includes(info.unit))
        .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
    rest.forEach((info, i) => {
        items.push({
            label: info.unit, text: info.unit, detail: KIND_LABEL[info.kind], keys: [info.unit], kind: CompletionItemKind.Unit,
            sortText: `1${String(i).padStart(3, '0')}`
        });
    });
    return items;
}
