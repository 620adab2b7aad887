import { valueText } from '../compile/from-ast.js';
import { findPromises, type PromiseOptions, type TextPromise } from '../domain/promises.js';
import { parseValue, type ParsedValue } from '../domain/values.js';
import type { Value } from '../generated/ast.js';

// An edit rebuilds the whole document, but all texts except one stay as they were: the readings of texts (value
// parser, promise finder) are remembered by text, so a rebuild re-reads only what changed. The checks only read
// these results; nothing may modify them. Bounded: when full it starts afresh (cheaper than keeping an order), so
// that a CLI run over thousands of files keeps a steady size.

const LIMIT = 50_000;

class TextMemo<T> {
    private readonly entries = new Map<string, T>();

    get(key: string, compute: () => T): T {
        let value = this.entries.get(key);
        if (value === undefined) {
            value = compute();
            if (this.entries.size >= LIMIT) this.entries.clear();
            this.entries.set(key, value);
        }
        return value;
    }
}

const values = new TextMemo<ParsedValue>();
const promises = new TextMemo<TextPromise[]>();

/** `parseValue(text, { year })`, remembered. */
export function readParsedValue(text: string, year: number | undefined): ParsedValue {
    // The year only resolves deadlines written without one (本年内, 12月底, 6月30日, 第三季度前): a text without 年, 月
    // or 季 reads the same in every year, and the checks ask for it both with the budget year and without.
    if (year === undefined || !/[年月季]/.test(text)) return values.get(text, () => parseValue(text, {}));
    return values.get(`${year}\u0000${text}`, () => parseValue(text, { year }));
}

/** `findPromises(text, options)`, remembered. */
export function readPromises(text: string, options: PromiseOptions): readonly TextPromise[] {
    const key = `${options.year ?? ''}\u0000${(options.budgets ?? []).join(',')}\u0000${text}`;
    return promises.get(key, () => findPromises(text, options));
}

/** What compile's `valueOf` gives (cell text, the reading without a budget year), remembered. */
export function readValueNode(node: Value): { text: string; parsed: ParsedValue } {
    const { text } = valueText(node);
    return { text, parsed: readParsedValue(text, undefined) };
}
