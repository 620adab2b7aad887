// Typing a line as VS Code sends it: one change per key; an opening quote or brace brings its closing one
// (extension/language-configuration.json, autoClosingPairs), and typing that closing character steps over it.
// Used by the benchmark (a new 三级 line typed in the 2,000-indicator file) and by test/parse/reparse.test.ts.

const CLOSING = { '"': '"', '“': '”', '「': '」', '{': '}', '｛': '｝' };
const QUOTES = new Set(['"', '”', '」']);

/**
 * The changes for typing `line` at offset `at`, then `back` backspaces: { at, remove, insert }, each at an offset of
 * the text as the changes before it left it.
 */
export function typingEdits(at, line, back = 0) {
    const edits = [];
    const pending = [];
    let cursor = at;
    for (const ch of line) {
        if (pending.at(-1) === ch) {
            pending.pop();
            cursor += ch.length;
            continue;
        }
        // Inside a string nothing is closed automatically ("notIn": ["string"]).
        const pair = QUOTES.has(pending.at(-1)) ? undefined : CLOSING[ch];
        edits.push({ at: cursor, remove: 0, insert: pair ? ch + pair : ch });
        if (pair) pending.push(pair);
        cursor += ch.length;
    }
    for (let k = 0; k < back && cursor > at; k++) edits.push({ at: --cursor, remove: 1, insert: '' });
    return edits;
}
