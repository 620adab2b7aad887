// A 时效 name that carries its deadline (「项目验收2024年12月31日前完成」, 「于2024年6月底前完成招标」, 「第三季度前完成」):
// where the deadline stands in the name and what the name is without it, a completion time. The deadline is what the
// 指标值's date parser reads as one (dates.ts), so that moved into the 指标值 it is the same date.
// A date that says what is measured stays: 「2024年度培训人数」, 「截至2024年底累计建站数量」, 「年度计划完成率」.
import { parseDateValue } from './dates.js';
import { normalized, type NameTarget } from './name-target.js';

const YEAR = '(?:19|20|21)\\d{2}';
// The date forms of dates.ts, unanchored; a year-less 年 only where nothing counts it (「三年内」 is a duration).
const DATE = [
    `${YEAR}(?:年\\d{1,2}月\\d{1,2}[日号]|[-/.]\\d{1,2}[-/.]\\d{1,2})`,
    `(?:${YEAR}年度?)?(?:第[一二三四1-4]季度|[一二三四1-4]季度|上半年|下半年)(?:末|底)?`,
    `${YEAR}年\\d{1,2}月份?(?:底|末|上旬|中旬|下旬)?`,
    `${YEAR}年度?(?:年底|年末|底|末)?`,
    '(?<![0-9])\\d{1,2}月\\d{1,2}[日号]',
    '(?<![0-9])\\d{1,2}月份?(?:底|末|上旬|中旬|下旬)?',
    '(?:本年度|本年|今年|当年|(?<=^|于|在)年度?)(?:底|末)?'
].join('|');
// 于/在 … and 不晚于 … set a deadline; 前, 以内 … after the date too.
const DEADLINE = new RegExp(`(不晚于|于|在)?(${DATE})(之前|以前|前|为止|之内|以内|内)?`, 'g');
// What the deadline is of; a time named before the date (「完成时间：2024年12月31日」) is one too.
const TIME_NOUN = /(?:时间|时限|日期|期限)$/;
// A name whose date scopes a count or a rate measures that (「2024年12月31日前完成培训人数」, 「12月底前完成率」).
const MEASURED = /(?:数|量|率|比例|占比|次|人次|金额|额)$/;
const JOINER = /[\s:：，,、；;]+$/;
const HAN = /[\u3400-\u9fff]/;

/** The deadline in a 三级 name, or undefined. */
export function deadlineInName(name: string): NameTarget | undefined {
    if (!/[0-9０-９一二三四年]/.test(name)) return undefined;
    const { text, at } = normalized(name);
    for (const m of text.matchAll(DEADLINE)) {
        const [phrase, pre, , suffix] = m;
        const index = m.index;
        const before = name.slice(0, at[index]).replace(JOINER, '');
        const stop = at[index + phrase.length - 1]! + 1;
        const after = name.slice(stop).replace(/^[\s。.;；，,、:：]+/, '').replace(/[\s。.;；，,、]+$/, '');
        const atEnd = after === '' && TIME_NOUN.test(before);
        // 「2024年新增就业人数」: a year with neither 前 nor 于 before a noun is what is measured.
        if (!suffix && !(pre && (after === '' || after.startsWith('完成'))) && !atEnd) continue;
        // 「12月」 alone is twelve months; 底, 前, 于 make it a date.
        if (parseDateValue(text.slice(index, index + phrase.length), 2000)?.kind !== 'date') continue;
        if (MEASURED.test(after || before)) return undefined;
        const start = at[index]!;
        const rest = completionTime(before, after);
        const written = name.slice(start, stop);
        return { start, end: stop, text: written, value: written, rest, alone: !/[0-9０-９]/.test(rest) };
    }
    return undefined;
}

/** What a 时效 indicator measures once its deadline is gone: 「项目验收」+「完成」 → 「项目验收完成时间」, 「完成招标」 → 「招标完成时间」. */
function completionTime(before: string, after: string): string {
    const done = /^完成(.*)$/.exec(after);
    const what = done ? `${before}${done[1]}完成` : before + after;
    if (!HAN.test(what)) return '完成时间';
    return TIME_NOUN.test(what) ? what : `${what}时间`;
}
