import { describe, expect, test } from 'vitest';
import { RangeIndex, type OffsetRange } from '../../language/review/range-index.js';

// The index answers what a scan of every range answered — the smallest range holding [from, to], of equally small
// ones the first added — for any ranges: nested, overlapping, touching, repeated, empty.

/** The scan the index replaces (places.ts before it): the answer by definition. */
function scanned<T extends OffsetRange>(ranges: T[], from: number, to: number): T | undefined {
    return ranges.filter(r => r.start <= from && to <= r.end)
        .reduce<T | undefined>((best, r) => (!best || r.end - r.start < best.end - best.start ? r : best), undefined);
}

/** A fixed sequence of pseudo-random numbers (the same every run). */
function numbers(seed: number): () => number {
    let x = seed;
    return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe('RangeIndex', () => {
    test('no ranges: no answer', () => {
        expect(new RangeIndex([]).smallest(0, 0)).toBeUndefined();
    });

    test('of two equally short ranges, the first added; an empty range at an offset holds an empty question there', () => {
        const a = { start: 2, end: 6, name: 'a' };
        const b = { start: 4, end: 8, name: 'b' };
        const c = { start: 4, end: 8, name: 'c' };
        const empty = { start: 5, end: 5, name: 'empty' };
        const index = new RangeIndex([a, c, b, empty]);
        expect(index.smallest(4, 6)?.name).toBe('a');
        expect(index.smallest(5, 7)?.name).toBe('c');
        expect(index.smallest(5, 5)?.name).toBe('empty');
        expect(index.smallest(6, 6)?.name).toBe('a');
        expect(index.smallest(1, 3)).toBeUndefined();
        expect(index.smallest(7, 9)).toBeUndefined();
    });

    test.each([1, 2, 3, 4, 5])('the answers of a scan, for 300 random ranges and every question (seed %i)', seed => {
        const next = numbers(seed);
        const ranges = Array.from({ length: 300 }, (_, id) => {
            const start = Math.floor(next() * 200);
            return { id, start, end: start + Math.floor(next() * next() * 60) };
        });
        // Nested ranges as a syntax tree gives them, besides the random ones.
        ranges.push({ id: 300, start: 0, end: 260 }, { id: 301, start: 10, end: 120 }, { id: 302, start: 10, end: 120 });
        const index = new RangeIndex(ranges);
        const differences: string[] = [];
        for (let from = -1; from <= 262; from++) {
            for (let to = from; to <= from + 70; to++) {
                const expected = scanned(ranges, from, to)?.id;
                const actual = index.smallest(from, to)?.id;
                if (actual !== expected) differences.push(`[${from}, ${to}]: ${actual} ≠ ${expected}`);
            }
        }
        expect(differences.slice(0, 5)).toEqual([]);
    });
});
