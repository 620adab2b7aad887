// The table's 年度 ↔ an indicator's deadline: a 年度指标值 details this year's target (RULES §3.4: 年度绩效指标是对
// 年度目标的细化), so its deadline lies within the budget year. A 实施周期 value may span years and is not judged.
import type { ValidationAcceptor } from 'langium';
import type { Indicator } from '../generated/ast.js';
import { formatQuantity } from '../domain/values.js';
import { valuesOf, yearOf } from './values-context.js';

export const DEADLINE_OUTSIDE_YEAR = 'text-consistency/deadline-outside-year';

/** What the quick-fix reads: the same day in the table's year, when the value is a structured date and that day exists. */
export interface DeadlineYearData {
    code: typeof DEADLINE_OUTSIDE_YEAR;
    replacement: string | null;
}

const roleName = { both: '指标值', annual: '年度指标值' } as const;

/** 2023-06-30 → 2024-06-30; null for 02-29 in a year without it. */
function sameDayIn(date: string, year: number): string | null {
    const moved = `${year}${date.slice(4)}`;
    const parsed = new Date(`${moved}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === moved ? moved : null;
}

/** 「完成时间」≤2023-06-30 in a 2024 table (tester's r11): last year's deadline copied, or a period target in the 年度 cell. */
export function checkDeadlineYear(indicator: Indicator, accept: ValidationAcceptor): void {
    const year = yearOf(indicator);
    if (year === undefined) return;
    for (const v of valuesOf(indicator)) {
        if (v.role === 'period' || v.parsed.kind !== 'date') continue;
        const deadlineYear = Number(v.parsed.date.slice(0, 4));
        if (deadlineYear === year) continue;
        const written = formatQuantity(v.parsed);
        const day = sameDayIn(v.parsed.date, year);
        const data: DeadlineYearData = {
            code: DEADLINE_OUTSIDE_YEAR,
            replacement: v.node.$type !== 'TextValue' && day ? formatQuantity({ op: v.parsed.op, date: day }) : null
        };
        const why = deadlineYear < year ? '已在本表年度之前' : '超出了本表年度';
        accept('warning',
            `「${indicator.name}」的${roleName[v.role]}「${written}」${why}（本表为 ${year} 年度）：年度指标是对本年度目标的细化，`
            + `完成时限应在 ${year}-01-01 至 ${year}-12-31 之间；跨年的时限写在实施周期指标值中。`,
            { node: v.node, code: DEADLINE_OUTSIDE_YEAR, data });
    }
}
