// Reads the 绩效指标 cells of the 项目支出 seed (SEED002, tab-separated) the way RULES §6.2 says: last two cells
// from the right (Q9), fragments joined to their project without a separator (Q3a continuation, Q3b head).

export interface SeedProjectRow {
    name: string;
    goal: string;
    /** the joined 绩效指标 cell, `<p>` wrappers still in (parseFlat strips them) */
    indicators: string;
}

const startsAnItem = (cell: string) => /^\d+、\d-/.test(cell.replace(/<\/?p>/g, '').trim());

export function seedProjectRows(text: string): SeedProjectRow[] {
    const lines = text.split(/\r?\n/).filter(line => line.includes('\t'));
    const header = lines.findIndex(line => line.startsWith('项目名称'));
    const rows: SeedProjectRow[] = [];
    let head: { goal: string; indicators: string } | null = null;
    for (const line of lines.slice(header + 1)) {
        const cells = line.split('\t');
        const name = cells[0]!.trim();
        const indicators = cells[cells.length - 1]!;
        const goal = cells[cells.length - 2]!;
        if (name === '合计' || (name && !indicators.trim() && !goal.trim())) continue; // 合计 and unit rows
        if (!name) {
            if (!startsAnItem(indicators) && rows.length > 0) {
                rows[rows.length - 1]!.indicators += indicators;          // Q3a: continuation
                rows[rows.length - 1]!.goal += goal;
            } else {
                head = { goal, indicators };                               // Q3b: the head of the next project
            }
            continue;
        }
        if (head && !startsAnItem(indicators)) {
            rows.push({ name, goal: head.goal + goal, indicators: head.indicators + indicators });
        } else {
            rows.push({ name, goal, indicators });
        }
        head = null;
    }
    return rows;
}
