// Stable diagnostic codes. Quick-fixes, severity overrides and test files refer to these strings; never reuse one
// for a different meaning.
export const Code = {
    // Langium's own codes for syntax errors.
    lexingError: 'lexing-error',
    parsingError: 'parsing-error',
    // A workspace file the server could not read as text (binary, not UTF-8, too large): file-system.ts.
    unreadableFile: 'file/unreadable',
    // A jxmb.yaml the editor cannot use (its finding is on the jxmb.yaml itself): lsp/settings-sources.ts.
    invalidConfig: 'config/invalid',
    misplacedAmount: 'structure/misplaced-amount',
    duplicateAmount: 'structure/duplicate-amount',
    duplicateMember: 'structure/duplicate-member',
    emptyFile: 'structure/empty-file',
    missingIndicators: 'structure/missing-indicators',
    emptyName: 'structure/empty-name',
    missingColon: 'structure/missing-colon',
    secretWithContent: 'structure/secret-with-content',
    secretUnmarked: 'structure/secret-unmarked',
    flatSeparator: 'structure/flat-separator',
    // A name or text holding characters nobody sees (zero-width, direction controls): validation/invisible-chars.ts.
    invisibleChar: 'text/invisible-char',
    invalidDate: 'value/invalid-date',
    invalidRange: 'value/invalid-range',
    // A 年度 or an amount the canonical model cannot hold: compile refuses the file, check reports it (compile/value-limits.ts).
    outOfRange: 'compile/out-of-range'
} as const;
