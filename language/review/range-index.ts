// The smallest of many ranges (offsets into one text) that starts at or before one offset and ends at or after
// another — asked once per finding of a reviewed table, which may have 50,000 rows: a scan of every range per finding
// made the report quadratic (45,000 rows: 100 s). The ranges sorted by start make "starts at or before" a prefix; a
// tree over them holding the largest end below each node leads only to the ranges that also end late enough — the
// few nodes around the finding — so a question costs a few steps, whatever the size of the table.

export interface OffsetRange {
    start: number;
    end: number;
}

export class RangeIndex<T extends OffsetRange> {
    /** the ranges by start (then as added) */
    private readonly sorted: T[];
    /** for each of `sorted`, its place among the ranges as added: of two of one size, the first added wins */
    private readonly added: number[];
    /** a complete binary tree over `sorted` (leaves from `leaves` on): the largest end below each node */
    private readonly maxEnd: number[];
    private readonly leaves: number;

    constructor(ranges: readonly T[]) {
        this.added = ranges.map((_, i) => i).sort((a, b) => ranges[a]!.start - ranges[b]!.start || a - b);
        this.sorted = this.added.map(i => ranges[i]!);
        this.leaves = 1;
        while (this.leaves < this.sorted.length) this.leaves *= 2;
        this.maxEnd = new Array<number>(2 * this.leaves).fill(-Infinity);
        this.sorted.forEach((r, i) => (this.maxEnd[this.leaves + i] = r.end));
        for (let node = this.leaves - 1; node >= 1; node--) {
            this.maxEnd[node] = Math.max(this.maxEnd[2 * node]!, this.maxEnd[2 * node + 1]!);
        }
    }

    /** The shortest range with start ≤ `from` and end ≥ `to` (of equally short ones, the first added), if any. */
    smallest(from: number, to: number): T | undefined {
        // How many ranges start at or before `from`: the prefix of `sorted` to look in.
        let low = 0;
        let high = this.sorted.length;
        while (low < high) {
            const mid = (low + high) >> 1;
            if (this.sorted[mid]!.start <= from) low = mid + 1;
            else high = mid;
        }
        const count = low;
        let best = -1;
        const visit = (node: number, first: number, width: number): void => {
            if (first >= count || this.maxEnd[node]! < to) return;
            if (node >= this.leaves) {
                if (best < 0 || this.shorter(first, best)) best = first;
                return;
            }
            visit(2 * node, first, width / 2);
            visit(2 * node + 1, first + width / 2, width / 2);
        };
        visit(1, 0, this.leaves);
        return best < 0 ? undefined : this.sorted[best];
    }

    private shorter(i: number, j: number): boolean {
        const a = this.sorted[i]!;
        const b = this.sorted[j]!;
        const d = (a.end - a.start) - (b.end - b.start);
        return d < 0 || (d === 0 && this.added[i]! < this.added[j]!);
    }
}
