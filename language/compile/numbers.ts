/** `28,803.30` → 28803.3. The grammar guarantees the shape; separators are only cosmetic. */
export function parseNumber(text: string): number {
    return Number(text.replace(/,/g, ''));
}

/** Amounts are 万元 with two decimals on the official tables. */
export function formatAmount(value: number): string {
    return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
