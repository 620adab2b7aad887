/** `28,803.30` → 28803.3. The grammar guarantees the shape; separators are only cosmetic. */
export function parseNumber(text: string): number {
    // Most amounts have no separator: no new string for them (asked for every amount by many checks).
    return Number(text.includes(',') ? text.replace(/,/g, '') : text);
}

/** Amounts are 万元 with two decimals on the official tables. */
export function formatAmount(value: number): string {
    return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/**
 * An amount as the .jxmb printer writes it: the table's layout (thousands separators, at least two decimals) but
 * every digit kept, so that printing never changes a value (a source with `0.007` is the checker's to flag, not the
 * printer's to round). No exponent: the grammar's NUMBER has none.
 */
export function formatExactAmount(value: number): string {
    if (!Number.isFinite(value)) return String(value);
    const [whole = '0', fraction = ''] = plainDecimal(Math.abs(value)).split('.');
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return (value < 0 ? '-' : '') + grouped + '.' + fraction.padEnd(2, '0');
}

/** A count or a year as the grammar's NUMBER: every digit, no exponent, no separators. */
export function plainNumber(value: number): string {
    return Number.isFinite(value) ? (value < 0 ? '-' : '') + plainDecimal(Math.abs(value)) : String(value);
}

/** The shortest decimal that reads back as `value` (JavaScript's own), written out without an exponent. */
function plainDecimal(value: number): string {
    const shortest = String(value);
    const m = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(shortest);
    if (!m) return shortest;
    const digits = m[1]! + (m[2] ?? '');
    const point = m[1]!.length + Number(m[3]);
    if (point <= 0) return '0.' + '0'.repeat(-point) + digits;
    if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
    return digits.slice(0, point) + '.' + digits.slice(point);
}
