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
    /** by scope (the year and budgets a reading depends on), then by text: no key string joined per lookup */
    private readonly scopes = new Map<string | number, Map<string, T>>();
    private size = 0;

    get(scope: string | number, text: string, compute: () => T): T {
        let entries = this.scopes.get(scope);
        let value = entries?.get(text);
        if (value === undefined) {
            value = compute();
            if (this.size >= LIMIT) {
                this.scopes.clear();
                this.size = 0;
                entries = undefined;
            }
            if (!entries) this.scopes.set(scope, entries = new Map());
            entries.set(text, value);
            this.size++;
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
    if (year === undefined || !/[年月季]/.test(text)) return values.get('', text, () => parseValue(text, {}));
    return values.get(year, text, () => parseValue(text, { year }));
}

/** `findPromises(text, options)`, remembered. */
export function readPromises(text: string, options: PromiseOptions): readonly TextPromise[] {
    const budgets = options.budgets;
    const scope = `${options.year ?? ''}\u0000${budgets && budgets.length > 0 ? budgets.join(',') : ''}`;
    return promises.get(scope, text, () => findPromises(text, options));
}

/** What compile's `valueOf` gives (cell text, the reading without a budget year), remembered. */
export function readValueNode(node: Value): { text: string; parsed: ParsedValue } {
    const { text } = valueText(node);
    return { text, parsed: readParsedValue(text, undefined) };
}
